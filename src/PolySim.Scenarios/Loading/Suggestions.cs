namespace PolySim.Scenarios;

/// <summary>"Did you mean" suggestions by Levenshtein edit distance (as BenchmarkDotNet's CorrectionsSuggester).</summary>
public static class Suggestions
{
    /// <summary>The closest candidate to <paramref name="input"/> if it is close enough to be a plausible typo, else null.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            int d = Distance(input.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        if (best is null) return null;
        int allowed = Math.Max(1, Math.Min(input.Length, best.Length) / 3);
        return bestDistance <= allowed && bestDistance < input.Length ? best : null;
    }

    /// <summary>Levenshtein distance between two strings.</summary>
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>" Did you mean 'x'?" or empty.</summary>
    internal static string Hint(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } s ? $" Did you mean '{s}'?" : "";
}
