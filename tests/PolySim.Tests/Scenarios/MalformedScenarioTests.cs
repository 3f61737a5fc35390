using PolySim.Scenarios;

namespace PolySim.Tests.Scenarios;

public class MalformedScenarioTests
{
    // Four independent mistakes: a typo in a key, a word where a number belongs, a negative sigma and a
    // neighborhood naming an undeclared household group.
    private const string FourErrors = """
        name: broken
        sed: 42
        horizon:
          years: five
        households:
          groups:
            - id: poor
              income_median: 20000
              income_sigma: -0.3
              preferences: { water: 0.05 }
        region:
          neighborhoods:
            - id: a
              x: 0
              y: 0
              households: { poor: 100, rich: 50 }
        goods:
          - id: water
            cost: { base: 280, premium: 4, optimal_scale: 1000000 }
        """;

    [Fact]
    public void Reports_all_four_errors_with_position_path_and_what_is_valid()
    {
        var result = ScenarioLoader.Parse(FourErrors, "broken.yaml");

        Assert.False(result.IsValid);
        Assert.Null(result.Scenario);
        Assert.Equal("", result.ResolvedJson);
        var errors = result.Errors.ToArray();
        Assert.Equal(4, errors.Length);

        var typo = errors[0];
        Assert.Equal((DiagnosticCodes.UnknownKey, 2, 1, "sed"), (typo.Code, typo.Line, typo.Column, typo.Path));
        Assert.Contains("Did you mean 'seed'?", typo.Message);
        Assert.Contains("Valid keys: name, description, seed,", typo.Message);

        var type = errors[1];
        Assert.Equal((DiagnosticCodes.WrongType, 4, 10, "horizon.years"), (type.Code, type.Line, type.Column, type.Path));
        Assert.Contains("must be an integer", type.Message);
        Assert.Contains("'five'", type.Message);

        var range = errors[2];
        Assert.Equal((DiagnosticCodes.OutOfRange, 9, 21, "households.groups[0].income_sigma"), (range.Code, range.Line, range.Column, range.Path));
        Assert.Contains("got -0.3", range.Message);
        Assert.Contains("valid range is [0, 3]", range.Message);

        var reference = errors[3];
        Assert.Equal((DiagnosticCodes.UnknownReference, 16, 32, "region.neighborhoods[0].households.rich"),
            (reference.Code, reference.Line, reference.Column, reference.Path));
        Assert.Contains("Unknown household group 'rich'", reference.Message);
        Assert.Contains("valid household groups: poor", reference.Message);

        Assert.All(errors, e => Assert.Equal("broken.yaml", e.File));
        Assert.Equal(
            "broken.yaml:9:21: error PS0104: 'income_sigma' is out of range: got -0.3; valid range is [0, 3]. (at households.groups[0].income_sigma)",
            range.ToString());
    }

    private const string ManyMistakes = """
        name: many
        baseline: two_tiers
        households:
          groups:
            - { id: g, income_median: 50000, preferences: { water: 0.5, pool: 0.1 } }
            - { id: g, income_median: 60000, owner_share: 1.5 }
        region:
          neighborhoods:
            - { id: a, x: 0, y: 0, households: { g: 10 } }
        goods:
          - id: water
            cost: { form: olsen, base: 280, optimal_scale: 1000000 }
            reduces: dumpin
          - id: patrol
            cost: { base: 170 }
            spillover: { share: 0.1, decay_km: .inf }
        bads:
          - { id: dumping, damage_per_unit: 10, face_to_face_scale: .inf }
        structures:
          - { kind: two_tier, metro_rule: councl }
          - { id: two_tier, kind: consolidated, city_rule: { kind: council, seats: 0 } }
        """;

    [Fact]
    public void Reports_references_duplicates_names_and_missing_keys_in_one_pass()
    {
        var result = ScenarioLoader.Parse(ManyMistakes, "many.yaml");
        var errors = result.Errors.ToArray();
        string all = string.Join("\n", errors);

        Diagnostic At(string path) => Assert.Single(errors, e => e.Path == path);

        var baseline = At("baseline");
        Assert.Equal((DiagnosticCodes.UnknownReference, 2, 11), (baseline.Code, baseline.Line, baseline.Column));
        Assert.Contains("valid structures: two_tier", baseline.Message);
        Assert.Contains("Did you mean 'two_tier'?", baseline.Message);

        var pool = At("households.groups[0].preferences.pool");
        Assert.Equal(DiagnosticCodes.UnknownReference, pool.Code);
        Assert.Contains("valid goods: water, patrol", pool.Message);

        Assert.Equal(DiagnosticCodes.DuplicateId, At("households.groups[1].id").Code);
        Assert.Equal(DiagnosticCodes.DuplicateId, At("structures[1].id").Code);
        Assert.Equal(DiagnosticCodes.OutOfRange, At("households.groups[1].owner_share").Code);

        var form = At("goods[0].cost.form");
        Assert.Equal((DiagnosticCodes.InvalidEnum, 12, 19), (form.Code, form.Line, form.Column));
        Assert.Contains("valid values: olson, log_quadratic, constant", form.Message);
        Assert.Contains("Did you mean 'olson'?", form.Message);

        var reduces = At("goods[0].reduces");
        Assert.Contains("Unknown bad 'dumpin'", reduces.Message);
        Assert.Contains("Did you mean 'dumping'?", reduces.Message);

        Assert.Equal(DiagnosticCodes.MissingKey, At("goods[1].cost").Code); // optimal_scale needed for olson
        Assert.Equal(DiagnosticCodes.OutOfRange, At("bads[0].face_to_face_scale").Code); // .inf only where allowed
        Assert.DoesNotContain(errors, e => e.Path == "goods[1].spillover.decay_km"); // allowed there

        var rule = At("structures[0].metro_rule.kind");
        Assert.Equal(DiagnosticCodes.InvalidEnum, rule.Code);
        Assert.Contains("valid values: direct_democracy, council, planner", rule.Message);

        Assert.Equal(DiagnosticCodes.OutOfRange, At("structures[1].city_rule.seats").Code);
        Assert.DoesNotContain(errors, e => e.Path == "households.groups[0].preferences"); // alpha = 0.6 < 1 is fine
        Assert.True(errors.Length == 11, all);
        Assert.Equal(errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Select(e => (e.Line, e.Column)), errors.Select(e => (e.Line, e.Column)));
    }

    [Fact]
    public void Public_share_alpha_of_one_or_more_is_an_error_under_log_utility()
    {
        string yaml = Minimal.Yaml.Replace("preferences: { w: 0.05 }", "preferences: { w: 0.7, v: 0.4 }")
            .Replace("goods:", "goods:\n  - { id: v, cost: { form: constant, base: 10 } }");
        var error = Assert.Single(ScenarioLoader.Parse(yaml, "alpha.yaml").Errors);
        Assert.Equal("households.groups[0].preferences", error.Path);
        Assert.Contains("alpha = 1.1", error.Message);
    }

    [Fact]
    public void Yaml_syntax_error_is_reported_with_its_position()
    {
        const string yaml = "name: x\nhorizon:\n  years: 3\n start_year: 2030\n";
        var result = ScenarioLoader.Parse(yaml, "syntax.yaml");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((Severity.Error, DiagnosticCodes.Syntax, 4, 2), (error.Severity, error.Code, error.Line, error.Column));
        Assert.StartsWith("syntax.yaml:4:2: error PS0001: YAML syntax error", error.ToString());
        Assert.Null(result.Scenario);
        Assert.Matches("^[0-9a-f]{64}$", result.FileSha256);
    }

    [Fact]
    public void Unclosed_flow_collection_is_reported_where_the_parser_stopped()
    {
        const string yaml = "name: x\nbads: [1, 2\ngoods: 3\n";
        var error = Assert.Single(ScenarioLoader.Parse(yaml, "flow.yaml").Diagnostics);
        Assert.Equal(DiagnosticCodes.Syntax, error.Code);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Duplicate_keys_are_syntax_errors_at_the_second_key()
    {
        const string yaml = "name: x\nseed: 1\nseed: 2\n";
        var error = Assert.Single(ScenarioLoader.Parse(yaml, "dup.yaml").Diagnostics);
        Assert.Equal((DiagnosticCodes.Syntax, 3, 1), (error.Code, error.Line, error.Column));
        Assert.Contains("Duplicate key", error.Message);
    }

    [Fact]
    public void Missing_file_is_a_diagnostic_not_an_exception()
    {
        var result = ScenarioLoader.Load(Path.Combine(Path.GetTempPath(), "polysim-no-such-file.yaml"));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.FileUnreadable, error.Code);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Empty_and_non_mapping_documents_are_rejected()
    {
        Assert.Equal(DiagnosticCodes.Document, Assert.Single(ScenarioLoader.Parse("", "e.yaml").Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.Document, Assert.Single(ScenarioLoader.Parse("- 1\n- 2\n", "l.yaml").Diagnostics).Code);
    }

    [Fact]
    public void Quoted_numbers_and_missing_required_keys_are_reported()
    {
        const string yaml = """
            seed: "7"
            households:
              groups:
                - id: g
            region:
              grid: { width: 2, height: 2, group_mix_centre: { g: 0.5 }, cities: 3 }
            goods: []
            """;
        var errors = ScenarioLoader.Parse(yaml, "q.yaml").Errors.ToArray();
        string all = string.Join("\n", errors);
        Assert.Contains(errors, e => e.Path == "seed" && e.Code == DiagnosticCodes.WrongType && e.Line == 1 && e.Column == 7);
        Assert.Contains(errors, e => e.Path == "name" && e.Code == DiagnosticCodes.MissingKey && e.Line == 1 && e.Column == 1);
        Assert.Contains(errors, e => e.Path == "households.groups[0].income_median" && e.Code == DiagnosticCodes.MissingKey && e.Line == 4);
        Assert.Contains(errors, e => e.Path == "goods" && e.Code == DiagnosticCodes.MissingKey);
        Assert.Contains(errors, e => e.Path == "region.grid.group_mix_centre" && e.Message.Contains("sum to 0.5"));
        Assert.Contains(errors, e => e.Path == "region.grid.cities" && e.Message.Contains("valid values here: 1, 2, 4"));
        Assert.Equal(6, errors.Length);
        _ = all;
    }
}
