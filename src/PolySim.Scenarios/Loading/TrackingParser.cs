using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolySim.Scenarios;

/// <summary>
/// A YAML parser that remembers where the scanner is, so that a failure the library reports without a position
/// (it throws <see cref="InvalidOperationException"/> on some malformed flow collections) still gets one.
/// </summary>
internal sealed class TrackingParser(TextReader reader) : IParser
{
    private readonly Scanner _scanner = new(reader, skipComments: true);
    private Parser? _parser;

    private Parser Inner => _parser ??= new Parser(_scanner);

    /// <summary>Where the scanner currently is (1-based line and column).</summary>
    public Mark Position => _scanner.CurrentPosition;

    public ParsingEvent? Current => Inner.Current;

    public bool MoveNext() => Inner.MoveNext();
}
