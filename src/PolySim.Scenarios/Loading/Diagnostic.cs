namespace PolySim.Scenarios;

/// <summary>
/// A problem found in a scenario file, with its position (1-based line and column) and the data path of the key
/// (e.g. <c>goods[2].cost.optimal_scale</c>). <see cref="ToString"/> prints the GNU compiler form that editors' problem
/// matchers understand: <c>file:line:col: error PS0104: message (at path)</c>.
/// </summary>
public sealed record Diagnostic(Severity Severity, string Code, string Message, string File, int Line, int Column, string Path)
{
    /// <summary>The GNU-style one-line form.</summary>
    public override string ToString()
    {
        string where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        string severity = Severity == Severity.Error ? "error" : "warning";
        string at = Path.Length > 0 ? $" (at {Path})" : "";
        return $"{where}: {severity} {Code}: {Message}{at}";
    }
}
