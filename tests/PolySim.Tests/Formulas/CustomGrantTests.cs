using PolySim.Core.Simulation;
using PolySim.Scenarios;
using PolySim.Tests.Cli;

namespace PolySim.Tests.Formulas;

/// <summary>Custom grant formulas in scenarios: same meaning as a built-in rule gives the same results; bad ones never run.</summary>
public class CustomGrantTests
{
    private static string Yaml(string structures) => $$"""
        name: custom-grants
        horizon: { start_year: 2025, years: 3 }
        households:
          mode: types
          types_per_group: 5
          groups:
            - { id: g, income_median: 50000, preferences: { w: 0.05 } }
        region:
          neighborhoods:
            - { id: a, x: 0, y: 0, households: { g: 1000 }, dwelling_value: 100000, commercial_base: 5.0e7, commercial_growth: 0.03, city: east }
            - { id: b, x: 2, y: 0, households: { g: 2000 }, dwelling_value: 300000, city: west }
        goods:
          - { id: w, cost: { form: olson, base: 100, premium: 1, optimal_scale: 10000 } }
        structures:
        {{structures}}
        """;

    private static Dictionary<(int, string, string), double> Metrics(RunResult r, string structure) =>
        r.Replications[0].Structures.Single(s => s.StructureId == structure).Metrics.ToDictionary(m => (m.Year, m.Entity, m.Metric), m => m.Value);

    [Theory]
    [InlineData("{ per_capita: 300 }", "300 * pop")]
    [InlineData("{ foundation_level: 1800, foundation_rate: 0.008 }", "max(0, 1800 * pop - 0.008 * base)")]
    public void A_custom_formula_with_the_meaning_of_a_built_in_grant_gives_identical_results(string builtIn, string formula)
    {
        var loaded = ScenarioLoader.Parse(Yaml($$"""
              - { id: builtin, kind: fragmented, finance: { grants: {{builtIn}} } }
              - { id: custom, kind: fragmented, finance: { grants: { custom: [ { name: same, formula: "{{formula}}" } ] } } }
            """), "custom.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        var result = Simulator.Run(loaded.Scenario!, new RunOptions());
        var a = Metrics(result, "builtin");
        var b = Metrics(result, "custom");
        Assert.True(a.Count > 50);
        foreach (var (key, value) in a.Where(kv => kv.Key.Item3 != "welfare_ev_per_household"))
            Assert.True(value.Equals(b[key]), $"{key}: {value} vs {b[key]}");
        // The grant was actually paid, so the comparison is not vacuous.
        Assert.True(a[(2025, "region", "grants_per_capita")] > 0);
    }

    [Fact]
    public void A_malicious_formula_is_a_validation_error_with_its_position_and_nothing_runs()
    {
        string text = Yaml("""
              - { id: evil, kind: fragmented, finance: { grants: { custom: [ { name: x, formula: "System.IO.File.Delete(\"/tmp/x\")" } ] } } }
            """);
        var loaded = ScenarioLoader.Parse(text, "evil.yaml");
        Assert.False(loaded.IsValid);
        // Every offending token is reported: the member access at character 1 and the string literal at 23.
        var errors = loaded.Errors.ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(("PS0106", "structures[0].finance.grants.custom[0].formula", 15),
            (e.Code, e.Path, e.Line)));
        Assert.Contains("character 1 of", errors[0].Message);
        Assert.Contains("'System.IO.File.Delete' is not allowed", errors[0].Message);
        Assert.Contains("character 23 of", errors[1].Message);
        Assert.Contains("string literal", errors[1].Message);
        Assert.Null(loaded.Scenario);

        // Through the CLI: exit 2, the position in the message, no output folder.
        string dir = CliRunner.NewFolder("evil");
        Directory.CreateDirectory(dir);
        try
        {
            string file = Path.Combine(dir, "evil.yaml");
            File.WriteAllText(file, text);
            var run = CliRunner.Run("run", file, "--out", Path.Combine(dir, "out"));
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("evil.yaml:15:", run.Error);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_formula_that_is_not_finite_at_run_time_stops_the_run_naming_the_grant_and_jurisdiction()
    {
        var loaded = ScenarioLoader.Parse(Yaml("""
              - { id: broken, kind: fragmented, finance: { grants: { custom: [ { name: divide, formula: "pop / (fc - fc)" } ] } } }
            """), "broken.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        var e = Assert.Throws<InvalidOperationException>(() => Simulator.Run(loaded.Scenario!, new RunOptions()));
        Assert.Contains("'divide'", e.Message);
        Assert.Contains("'east'", e.Message);
    }
}
