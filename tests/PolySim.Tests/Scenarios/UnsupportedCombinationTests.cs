using PolySim.Scenarios;

namespace PolySim.Tests.Scenarios;

/// <summary>
/// Combinations of keys that are valid one by one but that the engine does not support: the loader rejects them
/// (PS0203) with position, path and what would be valid, and reports all of them in one pass.
/// </summary>
public class UnsupportedCombinationTests
{
    // Line numbers in the assertions refer to this layout: goods start on line 12, bads (if any) follow the goods.
    private static string Scenario(string goods, string bads = "", string utility = "", string preferences = "{ w: 0.05 }") => $$"""
        name: combos
        households:
          groups:
            - id: g
              income_median: 50000
              preferences: {{preferences}}
        region:
          neighborhoods:
            - { id: a, x: 0, y: 0, households: { g: 100 } }
            - { id: b, x: 3, y: 4, households: { g: 50 } }
        goods:
        {{goods}}
        {{bads}}
        {{utility}}
        """;

    private const string Cost = "cost: { base: 100, premium: 1, optimal_scale: 10000 }";

    private static Diagnostic SingleError(string yaml, string file = "c.yaml")
    {
        var result = ScenarioLoader.Parse(yaml, file);
        Assert.False(result.IsValid);
        return Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Quadratic_benefit_under_log_consumption_is_an_error()
    {
        string yaml = Scenario($"  - {{ id: w, {Cost}, benefit: quadratic, curvature: 0.01 }}");
        var error = SingleError(yaml);
        Assert.Equal((Severity.Error, DiagnosticCodes.Inconsistent, 12, 78, "goods[0].benefit"),
            (error.Severity, error.Code, error.Line, error.Column, error.Path));
        Assert.Contains("quasi-linear utility only", error.Message);
        Assert.Contains("'utility.consumption' is 'log' (the default)", error.Message);
        Assert.Contains("Use 'utility.consumption: quasi_linear', or 'benefit: log'", error.Message);
        Assert.StartsWith("c.yaml:12:78: error PS0203: A quadratic benefit", error.ToString());

        // Written explicitly, the message points at the line of 'utility.consumption'.
        var written = SingleError(Scenario($"  - {{ id: w, {Cost}, benefit: quadratic, curvature: 0.01 }}", utility: "utility: { consumption: log }"));
        Assert.Contains("'utility.consumption' is 'log' (line 14)", written.Message);
    }

    [Fact]
    public void Quadratic_benefit_under_quasi_linear_consumption_is_valid()
    {
        var result = ScenarioLoader.Parse(
            Scenario($"  - {{ id: w, {Cost}, benefit: quadratic, curvature: 0.01 }}", utility: "utility: { consumption: quasi_linear }"), "ql.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Quadratic_benefit_with_a_benefit_share_spillover_is_an_error()
    {
        string goods = $$"""
              - id: w
                {{Cost}}
                benefit: quadratic
                curvature: 0.01
                spillover: { form: benefit_share, share: 0.2 }
            """;
        var error = SingleError(Scenario(goods, utility: "utility: { consumption: quasi_linear }"));
        Assert.Equal((DiagnosticCodes.Inconsistent, 16, 24, "goods[0].spillover.form"), (error.Code, error.Line, error.Column, error.Path));
        Assert.Contains("implemented for a log benefit only", error.Message);
        Assert.Contains("Use 'spillover.form: additive' with the quadratic benefit, or 'benefit: log'", error.Message);
    }

    [Fact]
    public void Bad_with_a_benefit_share_spillover_is_an_error()
    {
        string goods = $"  - {{ id: w, {Cost} }}";
        const string bads = """
            bads:
              - id: litter
                damage_per_unit: 10
                spillover: { form: benefit_share, share: 0.3 }
            """;
        var error = SingleError(Scenario(goods, bads));
        Assert.Equal((DiagnosticCodes.Inconsistent, 16, 24, "bads[0].spillover.form"), (error.Code, error.Line, error.Column, error.Path));
        Assert.Contains("Bads spill over additively only", error.Message);
        Assert.Contains("Use 'spillover.form: additive' (the default)", error.Message);

        var additive = ScenarioLoader.Parse(Scenario(goods, bads.Replace("benefit_share", "additive")), "additive.yaml");
        Assert.Empty(additive.Diagnostics);
    }

    [Fact]
    public void Congestion_with_a_benefit_share_spillover_is_an_error()
    {
        string goods = $$"""
              - id: w
                {{Cost}}
                congestion: 0.3
                spillover: { form: benefit_share, share: 0.2 }
            """;
        var error = SingleError(Scenario(goods));
        Assert.Equal((DiagnosticCodes.Inconsistent, 14, 17, "goods[0].congestion"), (error.Code, error.Line, error.Column, error.Path));
        Assert.Contains("additive spillover only", error.Message);
        Assert.Contains("'congestion: 0.3'", error.Message);
        Assert.Contains("Use 'spillover.form: additive', or 'congestion: 0'", error.Message);

        Assert.Empty(ScenarioLoader.Parse(Scenario(goods.Replace("benefit_share", "additive")), "additive.yaml").Diagnostics);
        Assert.Empty(ScenarioLoader.Parse(Scenario(goods.Replace("congestion: 0.3", "congestion: 0")), "nocong.yaml").Diagnostics);
    }

    private const string TwoBads = """
        bads:
          - { id: litter, damage_per_unit: 10 }
          - { id: smoke, damage_per_unit: 5 }
        """;

    [Fact]
    public void Good_that_both_reduces_and_emits_a_bad_is_an_error()
    {
        string goods = $$"""
              - { id: w, {{Cost}} }
              - id: patrol
                {{Cost}}
                reduces: litter
                emits_bad: smoke
                emission: 0.5
            """;
        var error = SingleError(Scenario(goods, TwoBads));
        Assert.Equal((DiagnosticCodes.Inconsistent, 15, 14, "goods[1].reduces"), (error.Code, error.Line, error.Column, error.Path));
        Assert.Contains("cannot both reduce a bad ('reduces: litter') and emit one ('emits_bad: smoke')", error.Message);
        Assert.Contains("Give either 'reduces'", error.Message);

        // The same bad on both sides is rejected too (it used to be only a warning).
        var same = SingleError(Scenario(goods.Replace("emits_bad: smoke", "emits_bad: litter"), TwoBads));
        Assert.Equal((Severity.Error, "goods[1].reduces"), (same.Severity, same.Path));
    }

    [Fact]
    public void Emission_and_emits_bad_must_come_together()
    {
        string goods = $$"""
              - { id: w, {{Cost}}, emission: 0.5 }
              - { id: v, {{Cost}}, emits_bad: smoke }
              - { id: u, {{Cost}}, emits_bad: smoke, emission: 0 }
              - { id: t, {{Cost}}, emits_bad: smoke, emission: 0.2 }
            """;
        var result = ScenarioLoader.Parse(Scenario(goods, TwoBads), "emit.yaml");
        var errors = result.Errors.ToArray();
        Assert.Equal(3, errors.Length);
        Assert.All(errors, e => Assert.Equal(DiagnosticCodes.Inconsistent, e.Code));

        Assert.Equal((12, 79, "goods[0].emission"), (errors[0].Line, errors[0].Column, errors[0].Path));
        Assert.Contains("'emission' > 0 needs 'emits_bad'", errors[0].Message);

        Assert.Equal((13, 80, "goods[1].emits_bad"), (errors[1].Line, errors[1].Column, errors[1].Path));
        Assert.Contains("'emission' is 0", errors[1].Message);
        Assert.Contains("Give 'emission' > 0, or remove 'emits_bad'", errors[1].Message);

        Assert.Equal((14, 97, "goods[2].emission"), (errors[2].Line, errors[2].Column, errors[2].Path));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Warning);
    }

    [Fact]
    public void Public_share_alpha_counts_only_goods_that_enter_utility()
    {
        // patrol reduces a bad, so its theta does not enter utility (HouseholdGenerator); alpha = 0.5, not 1.1.
        string goods = $$"""
              - { id: w, {{Cost}} }
              - { id: patrol, {{Cost}}, reduces: litter }
            """;
        var result = ScenarioLoader.Parse(Scenario(goods, TwoBads, preferences: "{ w: 0.5, patrol: 0.6 }"), "alpha.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);

        var error = SingleError(Scenario(goods, TwoBads, preferences: "{ w: 1.0, patrol: 0.6 }"));
        Assert.Equal((DiagnosticCodes.OutOfRange, 6, 20, "households.groups[0].preferences"), (error.Code, error.Line, error.Column, error.Path));
        Assert.Contains("alpha = 1 (not counting enforcement goods, which do not enter utility: patrol)", error.Message);
        Assert.Contains("must be < 1", error.Message);
    }

    [Fact]
    public void Public_share_above_the_engine_cap_is_a_warning()
    {
        string goods = $$"""
              - { id: w, {{Cost}} }
              - { id: v, {{Cost}} }
            """;
        var result = ScenarioLoader.Parse(Scenario(goods, preferences: "{ w: 0.55, v: 0.4 }"), "cap.yaml");
        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((Severity.Warning, DiagnosticCodes.Suspicious, 6, 20, "households.groups[0].preferences"),
            (warning.Severity, warning.Code, warning.Line, warning.Column, warning.Path));
        Assert.Contains("alpha = 0.95", warning.Message);
        Assert.Contains("scale the tastes of every household down to alpha = 0.9", warning.Message);
        Assert.StartsWith("cap.yaml:6:20: warning PS0301:", warning.ToString());

        // At the cap, or under quasi-linear utility (no cap), nothing is reported.
        Assert.Empty(ScenarioLoader.Parse(Scenario(goods, preferences: "{ w: 0.5, v: 0.4 }"), "at.yaml").Diagnostics);
        Assert.Empty(ScenarioLoader.Parse(Scenario(goods, utility: "utility: { consumption: quasi_linear }", preferences: "{ w: 0.55, v: 0.4 }"), "ql.yaml").Diagnostics);
    }

    [Fact]
    public void All_unsupported_combinations_are_reported_in_one_pass()
    {
        string goods = $$"""
              - id: w
                {{Cost}}
                benefit: quadratic
                curvature: 0.01
                congestion: 0.2
                spillover: { form: benefit_share, share: 0.1 }
              - { id: patrol, {{Cost}}, reduces: litter, emits_bad: smoke, emission: 1 }
            """;
        const string bads = """
            bads:
              - { id: litter, damage_per_unit: 10, spillover: { form: benefit_share, share: 0.1 } }
              - { id: smoke, damage_per_unit: 5 }
            """;
        var result = ScenarioLoader.Parse(Scenario(goods, bads, preferences: "{ w: 0.95 }"), "all.yaml");
        var diagnostics = result.Diagnostics.ToArray();
        string all = string.Join("\n", diagnostics);
        Assert.Equal(
            [
                (Severity.Warning, "households.groups[0].preferences"),
                (Severity.Error, "goods[0].benefit"),
                (Severity.Error, "goods[0].congestion"),
                (Severity.Error, "goods[0].spillover.form"),
                (Severity.Error, "goods[1].reduces"),
                (Severity.Error, "bads[0].spillover.form"),
            ],
            diagnostics.Select(d => (d.Severity, d.Path)));
        Assert.All(diagnostics.Where(d => d.Severity == Severity.Error), d => Assert.Equal(DiagnosticCodes.Inconsistent, d.Code));
        Assert.All(diagnostics, d => Assert.True(d.Line > 0 && d.Column > 0, all));
        Assert.Equal(diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).Select(d => (d.Line, d.Column)), diagnostics.Select(d => (d.Line, d.Column)));
    }

    [Fact]
    public void Enforcement_and_emitting_goods_take_no_spillover_or_congestion_of_their_own()
    {
        string bads = "bads:\n  - { id: dirt, damage_per_unit: 10, spillover: { share: 0.1, decay_km: 2 } }";
        string goods =
            $"  - {{ id: w, {Cost} }}\n" +
            $"  - {{ id: cleanup, {Cost}, reduces: dirt, spillover: {{ share: 0.2, decay_km: 1 }} }}\n" +
            $"  - {{ id: plant, {Cost}, emits_bad: dirt, emission: 1, congestion: 0.5 }}";
        var result = ScenarioLoader.Parse(Scenario(goods, bads), "e.yaml");
        Assert.False(result.IsValid);
        var errors = result.Errors.ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(("goods[1].spillover.share", 13), (errors[0].Path, errors[0].Line));
        Assert.Contains("give the spillover to the bad", errors[0].Message);
        Assert.Equal(("goods[2].congestion", 14), (errors[1].Path, errors[1].Line));
        Assert.Contains("'congestion: 0'", errors[1].Message);
    }
}
