using System.Reflection;
using System.Text.RegularExpressions;
using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Architecture;

/// <summary>
/// Code rules (after ScottPlot's ForbiddenCodeTests): the engine is pure and seeded, and the plotting stack stays out of
/// everything a headless batch worker loads.
/// </summary>
public class LayeringTests
{
    private static IEnumerable<string> SourceFiles(string project) =>
        Directory.EnumerateFiles(RepoPaths.File($"src/{project}"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [Theory]
    [InlineData(@"\bSystem\.IO\b", "file I/O")]
    [InlineData(@"\b(File|Directory|Path|FileInfo|DirectoryInfo|StreamReader|StreamWriter|FileStream)\.", "file I/O")]
    [InlineData(@"\bConsole\.", "console output")]
    [InlineData(@"\bRandom\.Shared\b", "unseeded randomness")]
    [InlineData(@"new\s+Random\s*\(\s*\)", "unseeded randomness")]
    [InlineData(@"\bDateTime(Offset)?\.(Now|UtcNow)\b", "wall-clock time (results must depend only on scenario and seed)")]
    public void Engine_source_uses_no_forbidden_api(string pattern, string what)
    {
        var regex = new Regex(pattern);
        var hits = SourceFiles("PolySim.Core")
            .SelectMany(f => File.ReadLines(f).Select((line, n) => (f, n: n + 1, line)))
            .Where(x => !x.line.TrimStart().StartsWith("///", StringComparison.Ordinal) && regex.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.n}: {x.line.Trim()}")
            .ToList();
        Assert.True(hits.Count == 0, $"PolySim.Core must not use {what}:\n{string.Join("\n", hits)}");
        Assert.NotEmpty(SourceFiles("PolySim.Core"));
    }

    [Fact]
    public void Engine_references_only_the_numerics_library()
    {
        var references = typeof(PolySim.Core.Simulation.Scenario).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("MathNet.Numerics", references);
        foreach (var forbidden in new[] { "YamlDotNet", "CsvHelper", "ScottPlot", "SkiaSharp", "System.CommandLine", "System.Console", "PolySim.Scenarios", "PolySim.Output" })
            Assert.DoesNotContain(forbidden, references);
    }

    [Fact]
    public void Batch_layers_never_load_the_plotting_stack()
    {
        foreach (var assembly in new[] { typeof(PolySim.Output.OutputFolder).Assembly, typeof(PolySim.Scenarios.ScenarioLoader).Assembly })
        {
            var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
            Assert.DoesNotContain("ScottPlot", references);
            Assert.DoesNotContain("SkiaSharp", references);
            Assert.DoesNotContain("PolySim.Plots", references);
        }
    }
}
