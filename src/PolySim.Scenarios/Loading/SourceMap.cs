namespace PolySim.Scenarios;

/// <summary>
/// Where each data path was written in the file: the position of its key and of its value (1-based).
/// Semantic checks run on the specification objects and look positions up here by path; a path that was not
/// written (a default) falls back to its nearest written ancestor.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, (SourcePosition Key, SourcePosition Value)> _entries = new(StringComparer.Ordinal);

    /// <summary>Records the key and value positions of <paramref name="path"/>.</summary>
    public void Record(string path, SourcePosition key, SourcePosition value) => _entries[path] = (key, value);

    /// <summary>Whether <paramref name="path"/> was written in the file.</summary>
    public bool Contains(string path) => _entries.ContainsKey(path);

    /// <summary>Position of the value at <paramref name="path"/> (or of its key), else of the nearest written ancestor.</summary>
    public SourcePosition Find(string path, bool preferKey = false)
    {
        for (string p = path; ; p = Parent(p))
        {
            if (_entries.TryGetValue(p, out var e)) return preferKey ? e.Key : e.Value;
            if (p.Length == 0) return new SourcePosition(1, 1);
        }
    }

    /// <summary>The parent of a data path: "a.b[2].c" → "a.b[2]" → "a.b" → "a" → "".</summary>
    public static string Parent(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}

/// <summary>A 1-based line and column in a scenario file.</summary>
internal readonly record struct SourcePosition(int Line, int Column);
