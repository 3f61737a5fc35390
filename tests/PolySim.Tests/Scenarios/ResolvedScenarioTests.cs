using System.Globalization;
using PolySim.Scenarios;

namespace PolySim.Tests.Scenarios;

public class ResolvedScenarioTests
{
    private static readonly string Textbook = File.ReadAllText(RepoPaths.File("scenarios/textbook.yaml"));

    [Fact]
    public void Resolved_hash_ignores_comments_formatting_key_order_and_spelled_out_defaults()
    {
        var original = ScenarioLoader.Parse(Textbook, "textbook.yaml");
        Assert.True(original.IsValid);

        string variant = Textbook
            .Edit("# yaml-language-server: $schema=./schema/polysim.scenario.schema.json\n", "")
            .Edit("    cost: { form: olson, base: 280, premium: 4, optimal_scale: 1000000 }",
                     "    cost:\n      premium: 4.0     # B6\n      optimal_scale: 1e6\n      base: 2.8e2\n      form: olson")
            .Edit("horizon: { start_year: 2025, years: 5 }", "horizon:\n  years: 5\n  start_year: 2025\nreplications: 1\nutility: { consumption: log }")
            .Edit("    city_rule: { kind: council, seats: 3 }", "    city_rule: { seats: 3, kind: council, capture_max: 0.4, capture_half_size: 250000 }")
            .Edit("      preferences: { patrol: 0.01, clinic: 0.02, water: 0.025 }", "      preferences: { water: 0.025, clinic: 0.020, patrol: 0.01, cleanup: 0 }");
        var reformatted = ScenarioLoader.Parse(variant, "variant.yaml");

        Assert.True(reformatted.IsValid, string.Join("\n", reformatted.Diagnostics));
        Assert.NotEqual(original.FileSha256, reformatted.FileSha256);
        Assert.Equal(original.ResolvedJson, reformatted.ResolvedJson);
        Assert.Equal(original.ResolvedSha256, reformatted.ResolvedSha256);
        Assert.Equal(CanonicalJson.Sha256(original.ResolvedJson), original.ResolvedSha256);
    }

    [Fact]
    public void Resolved_hash_changes_when_a_value_changes()
    {
        var a = ScenarioLoader.Parse(Textbook, "textbook.yaml");
        var b = ScenarioLoader.Parse(Textbook.Replace("seed: 2025", "seed: 2026"), "textbook.yaml");
        Assert.NotEqual(a.ResolvedSha256, b.ResolvedSha256);
    }

    [Fact]
    public void File_hash_is_the_sha256_of_the_raw_bytes()
    {
        string path = RepoPaths.File("scenarios/metro-baseline.yaml");
        var result = ScenarioLoader.Load(path);
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(expected, result.FileSha256);
    }

    [Theory]
    [InlineData("scenarios/textbook.yaml")]
    [InlineData("scenarios/metro-baseline.yaml")]
    public void Resolved_json_is_itself_a_valid_scenario_with_the_same_hash(string relative)
    {
        var first = ScenarioLoader.Load(RepoPaths.File(relative));
        var again = ScenarioLoader.Parse(first.ResolvedJson, "resolved.json");

        Assert.True(again.IsValid, string.Join("\n", again.Diagnostics));
        Assert.Equal(first.ResolvedSha256, again.ResolvedSha256);
        Assert.Equal(first.Scenario!.Region.Count, again.Scenario!.Region.Count);
    }

    [Fact]
    public void Resolved_json_has_sorted_keys_and_invariant_round_trip_numbers()
    {
        var result = ScenarioLoader.Parse(Minimal.Yaml.Replace("goods:", "decisions: { tolerance: 0.1e-5 }\ngoods:"), "t.yaml");
        string json = result.ResolvedJson;
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var keys = root.Select(kv => kv.Key).ToArray();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Contains("\"tolerance\": 1E-06", json);
        Assert.DoesNotContain("\r", json);
        Assert.Equal(1e-6, root["decisions"]!["tolerance"]!.GetValue<double>());
    }

    [Fact]
    public void Parsing_does_not_depend_on_the_current_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var german = ScenarioLoader.Parse(Textbook, "textbook.yaml");
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var invariant = ScenarioLoader.Parse(Textbook, "textbook.yaml");
            Assert.True(german.IsValid);
            Assert.Equal(invariant.ResolvedSha256, german.ResolvedSha256);
            Assert.Equal(0.35, german.Scenario!.Households.Groups[1].IncomeSigma);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Json_files_are_accepted_and_errors_have_positions()
    {
        const string json = "{\n\t\"$schema\": \"./schema/polysim.scenario.schema.json\", \"name\": \"j\",\n\t\"households\": {\"groups\": [{\"id\": \"g\", \"income_median\": -5}]},\n\t\"region\": {\"neighborhoods\": [{\"id\": \"a\", \"x\": 0, \"y\": 0, \"households\": {\"g\": 1}}]},\n\t\"goods\": [{\"id\": \"w\", \"cost\": {\"base\": 1, \"optimal_scale\": 10}, \"spillover\": {\"share\": 0.1, \"decay_km\": \"Infinity\"}}]\n}\n";
        var result = ScenarioLoader.Parse(json, "s.json");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("households.groups[0].income_median", 3, 57), (error.Path, error.Line, error.Column));

        var ok = ScenarioLoader.Parse(json.Replace("-5", "5"), "s.json");
        Assert.True(ok.IsValid, string.Join("\n", ok.Diagnostics));
        Assert.True(double.IsPositiveInfinity(ok.Scenario!.Goods[0].Spillover.DecayKm));
    }
}

internal static class TextEdits
{
    /// <summary>Replaces <paramref name="old"/>, which must occur (so a test cannot silently edit nothing).</summary>
    public static string Edit(this string text, string old, string replacement)
    {
        Assert.Contains(old, text);
        return text.Replace(old, replacement);
    }
}
