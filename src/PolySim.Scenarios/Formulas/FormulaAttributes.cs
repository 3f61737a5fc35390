using PolySim.Core.Finance;
namespace PolySim.Scenarios.Formulas;

/// <summary>One named jurisdiction attribute a formula may use.</summary>
/// <param name="Name">The name written in formulas (snake_case).</param>
/// <param name="Meaning">One-line meaning, with unit.</param>
/// <param name="Property">The <see cref="JurisdictionAttributes"/> property it reads.</param>
public sealed record FormulaAttribute(string Name, string Meaning, string Property);

/// <summary>One function a formula may call.</summary>
/// <param name="Name">The name written in formulas.</param>
/// <param name="Signature">How it is written, e.g. <c>clamp(x, lo, hi)</c>.</param>
/// <param name="MinArgs">Fewest arguments.</param>
/// <param name="MaxArgs">Most arguments (<see cref="int.MaxValue"/> for min and max).</param>
/// <param name="Meaning">One-line meaning.</param>
public sealed record FormulaFunction(string Name, string Signature, int MinArgs, int MaxArgs, string Meaning);

/// <summary>The fixed vocabulary of the formula language: attribute names and function names.</summary>
public static class FormulaAttributes
{
    /// <summary>Every attribute, in documentation order.</summary>
    public static IReadOnlyList<FormulaAttribute> All { get; } =
    [
        new("pop", "residents", nameof(JurisdictionAttributes.Pop)),
        new("households", "households", nameof(JurisdictionAttributes.Households)),
        new("base", "tax base, $", nameof(JurisdictionAttributes.Base)),
        new("base_pc", "tax base per resident, $", nameof(JurisdictionAttributes.BasePc)),
        new("fc", "fiscal capacity: market value per resident, $", nameof(JurisdictionAttributes.Fc)),
        new("avg_fc", "region average fiscal capacity (total market value / total residents), $", nameof(JurisdictionAttributes.AvgFc)),
        new("need", "mean need of the residents, 0..1", nameof(JurisdictionAttributes.Need)),
        new("avg_need", "region mean need, 0..1", nameof(JurisdictionAttributes.AvgNeed)),
        new("income_pc", "mean income per resident, $", nameof(JurisdictionAttributes.IncomePc)),
        new("ci", "commercial-industrial (C/I) tax base, $", nameof(JurisdictionAttributes.Ci)),
        new("ci_growth", "C/I base growth since the sharing base year, $, >= 0", nameof(JurisdictionAttributes.CiGrowth)),
        new("spending", "prior-year spending, $", nameof(JurisdictionAttributes.Spending)),
        new("rate", "prior-year tax rate (fraction)", nameof(JurisdictionAttributes.Rate)),
        new("area_km2", "land area, km2", nameof(JurisdictionAttributes.AreaKm2)),
        new("total_pop", "residents of the whole region", nameof(JurisdictionAttributes.TotalPop)),
        new("total_base", "tax base of the whole region, $", nameof(JurisdictionAttributes.TotalBase)),
    ];

    /// <summary>Every function, in documentation order.</summary>
    public static IReadOnlyList<FormulaFunction> Functions { get; } =
    [
        new("min", "min(a, b, ...)", 2, int.MaxValue, "smallest argument"),
        new("max", "max(a, b, ...)", 2, int.MaxValue, "largest argument"),
        new("abs", "abs(x)", 1, 1, "absolute value"),
        new("sqrt", "sqrt(x)", 1, 1, "square root (NaN for x < 0)"),
        new("log", "log(x)", 1, 1, "natural logarithm (-Infinity at 0, NaN for x < 0)"),
        new("exp", "exp(x)", 1, 1, "e to the power x"),
        new("pow", "pow(x, y)", 2, 2, "x to the power y, the same as x ^ y"),
        new("floor", "floor(x)", 1, 1, "largest integer <= x"),
        new("ceiling", "ceiling(x)", 1, 1, "smallest integer >= x"),
        new("round", "round(x)", 1, 1, "nearest integer, halves away from zero (round(2.5) = 3, round(-2.5) = -3)"),
        new("clamp", "clamp(x, lo, hi)", 3, 3, "min(max(x, lo), hi): x limited to [lo, hi] (hi if lo > hi)"),
    ];

    private static readonly Dictionary<string, FormulaAttribute> ByName = All.ToDictionary(a => a.Name, StringComparer.Ordinal);
    private static readonly Dictionary<string, FormulaFunction> FunctionsByName = Functions.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The attribute with this exact (case-sensitive) name, or null.</summary>
    public static FormulaAttribute? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The function with this exact (case-sensitive) name, or null.</summary>
    public static FormulaFunction? FindFunction(string name) => FunctionsByName.GetValueOrDefault(name);

    /// <summary>"attributes: pop, households, ...; functions: min, max, ...": appended to error messages.</summary>
    public static string ValidNames { get; } =
        $"valid attributes: {string.Join(", ", All.Select(a => a.Name))}; " +
        $"valid functions: {string.Join(", ", Functions.Select(f => f.Name))}";

    /// <summary>
    /// The attribute or function name closest to <paramref name="name"/> (ignoring case, at most a third of its letters
    /// changed, at least one), or null when nothing is close.
    /// </summary>
    public static string? Closest(string name)
    {
        string lower = name.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in All.Select(a => a.Name).Concat(Functions.Select(f => f.Name)))
        {
            int d = Distance(lower, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.Max(1, name.Length / 3) ? best : null;
    }

    /// <summary>Optimal-string-alignment edit distance (insert, delete, substitute, swap adjacent).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
