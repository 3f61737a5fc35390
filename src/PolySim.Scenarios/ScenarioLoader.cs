using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolySim.Scenarios;

/// <summary>
/// Loads scenario files (YAML, or JSON, which the YAML parser reads too) into the engine's model, reporting every
/// problem with file, line, column and data path.
/// </summary>
/// <remarks>
/// Pipeline: parse to a YAML node tree (positions) → read into <see cref="ScenarioSpec"/> (types, ranges, names, unknown
/// keys) → resolve ids → check ids and references → fill derived defaults → check consistency → map to
/// <see cref="PolySim.Core.Simulation.Scenario"/> and compute the canonical JSON and hashes.
/// </remarks>
public static class ScenarioLoader
{
    /// <summary>Loads and validates the scenario file at <paramref name="path"/> (.yaml, .yml or .json).</summary>
    public static ScenarioLoadResult Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ScenarioLoadResult
            {
                Diagnostics = [new Diagnostic(Severity.Error, DiagnosticCodes.FileUnreadable, $"Cannot read the scenario file: {e.Message}", path, 0, 0, "")],
            };
        }
        string text = new UTF8Encoding(false, false).GetString(bytes);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        bool json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        return ParseCore(text, path, bytes, json);
    }

    /// <summary>Parses and validates scenario text; <paramref name="fileNameForMessages"/> names the source in diagnostics.</summary>
    public static ScenarioLoadResult Parse(string yamlText, string fileNameForMessages) =>
        ParseCore(yamlText, fileNameForMessages, Encoding.UTF8.GetBytes(yamlText),
            fileNameForMessages.EndsWith(".json", StringComparison.OrdinalIgnoreCase));

    private static ScenarioLoadResult ParseCore(string text, string file, byte[] bytes, bool json)
    {
        string fileSha = CanonicalJson.Sha256(bytes);
        var map = new SourceMap();
        var diagnostics = new DiagnosticBag(file, map);

        // JSON allows tabs as whitespace where YAML does not; outside strings (where JSON forbids raw tabs) they are
        // only indentation, so a space in the same column is equivalent.
        var root = ParseYaml(json ? text.Replace('\t', ' ') : text, diagnostics);
        if (root is null) return Invalid(diagnostics, fileSha);

        var reader = new SpecReader(diagnostics, map);
        var spec = reader.Read<ScenarioSpec>(root);
        if (spec is null) return Invalid(diagnostics, fileSha);
        var validator = new ScenarioValidator(diagnostics, map);
        ScenarioResolver.ResolveIds(spec);
        validator.CheckIds(spec, reader.References);
        ScenarioResolver.ResolveDefaults(spec);
        validator.CheckConsistency(spec);
        if (diagnostics.HasErrors) return Invalid(diagnostics, fileSha);

        var scenario = ScenarioMapper.ToCore(spec);
        string resolved = CanonicalJson.Serialize(spec);
        return new ScenarioLoadResult
        {
            Scenario = scenario,
            Spec = spec,
            Diagnostics = diagnostics.Sorted(),
            ResolvedJson = resolved,
            ResolvedSha256 = CanonicalJson.Sha256(resolved),
            FileSha256 = fileSha,
        };
    }

    private static ScenarioLoadResult Invalid(DiagnosticBag diagnostics, string fileSha) =>
        new() { Diagnostics = diagnostics.Sorted(), FileSha256 = fileSha };

    private static YamlNode? ParseYaml(string text, DiagnosticBag diagnostics)
    {
        var parser = new TrackingParser(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            string message = e.Message;
            if (e.InnerException is { } inner && !message.Contains(inner.Message, StringComparison.Ordinal)) message += $" ({inner.Message})";
            if (message.StartsWith("Duplicate key", StringComparison.Ordinal)) message += "; each key may appear only once in a mapping";
            diagnostics.Add(Severity.Error, DiagnosticCodes.Syntax, $"YAML syntax error: {message}", "", SpecReader.Pos(e.Start));
            return null;
        }
        catch (InvalidOperationException)
        {
            diagnostics.Add(Severity.Error, DiagnosticCodes.Syntax,
                "YAML syntax error: unexpected content here (is a '[' or '{' left unclosed, or a ':' missing a following space?).",
                "", SpecReader.Pos(parser.Position));
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            diagnostics.Add(Severity.Error, DiagnosticCodes.Document, "The scenario file is empty.", "", new SourcePosition(1, 1));
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            diagnostics.Add(Severity.Error, DiagnosticCodes.Document,
                $"The file holds {stream.Documents.Count} YAML documents ('---'); a scenario file must hold exactly one.", "",
                SpecReader.Pos(stream.Documents[1].RootNode.Start));
            return null;
        }
        return stream.Documents[0].RootNode;
    }
}
