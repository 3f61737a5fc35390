namespace PolySim.Scenarios;

/// <summary>Collects every diagnostic of one load (the loader never stops at the first problem).</summary>
internal sealed class DiagnosticBag(string file, SourceMap map)
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public void Add(Severity severity, string code, string message, string path, SourcePosition at) =>
        _items.Add(new Diagnostic(severity, code, message, file, at.Line, at.Column, path));

    /// <summary>An error located at the value (or, with <paramref name="atKey"/>, the key) written at <paramref name="path"/>.</summary>
    public void Error(string code, string message, string path, bool atKey = false) =>
        Add(Severity.Error, code, message, path, map.Find(path, atKey));

    /// <summary>A warning located like <see cref="Error"/>.</summary>
    public void Warning(string message, string path, bool atKey = false) =>
        Add(Severity.Warning, DiagnosticCodes.Suspicious, message, path, map.Find(path, atKey));

    /// <summary>Diagnostics in file order (line, column), errors before warnings at the same place.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.Select((d, i) => (d, i)).OrderBy(x => x.d.Line).ThenBy(x => x.d.Column).ThenBy(x => x.d.Severity).ThenBy(x => x.i)
            .Select(x => x.d).ToArray();
}
