using PolySim.Core.Finance;
namespace PolySim.Scenarios.Formulas;

/// <summary>Why a formula was rejected, and where.</summary>
/// <param name="Position">0-based character offset of the offending text in the formula.</param>
/// <param name="Line">1-based line of that character (formulas written as YAML block scalars may span lines).</param>
/// <param name="Column">1-based column of that character within its line (Position + 1 on a one-line formula).</param>
/// <param name="Length">Characters of offending text (at least 1, also for errors at the end of the text).</param>
/// <param name="Message">What was found and what is valid.</param>
public sealed record FormulaError(int Position, int Line, int Column, int Length, string Message)
{
    /// <summary>Builds an error at <paramref name="position"/> of <paramref name="text"/>, computing line and column.</summary>
    public static FormulaError At(string text, int position, int length, string message)
    {
        position = Math.Clamp(position, 0, text.Length);
        int line = 1, lineStart = 0;
        for (int i = 0; i < position; i++)
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        return new FormulaError(position, line, position - lineStart + 1, Math.Max(1, length), message);
    }

    /// <inheritdoc />
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
