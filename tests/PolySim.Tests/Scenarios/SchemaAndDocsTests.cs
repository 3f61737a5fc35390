using System.Text.Json.Nodes;
using PolySim.Scenarios;

namespace PolySim.Tests.Scenarios;

public class SchemaAndDocsTests
{
    [Fact]
    public void Checked_in_schema_equals_the_generated_one()
    {
        string path = RepoPaths.File(ScenarioSchema.RelativePath);
        string generated = ScenarioSchema.Generate();
        if (RepoPaths.Regenerate) File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"{ScenarioSchema.RelativePath} is missing; run POLYSIM_REGENERATE=1 dotnet test");
        Assert.True(generated == File.ReadAllText(path),
            $"{ScenarioSchema.RelativePath} is out of date; run POLYSIM_REGENERATE=1 dotnet test and commit the result");
    }

    [Fact]
    public void Docs_key_reference_equals_the_generated_one()
    {
        string path = RepoPaths.File("docs/scenarios.md");
        string text = File.ReadAllText(path);
        int begin = text.IndexOf(ScenarioReference.BeginMarker, StringComparison.Ordinal);
        int end = text.IndexOf(ScenarioReference.EndMarker, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/scenarios.md lacks the generated-reference markers");
        int start = begin + ScenarioReference.BeginMarker.Length;
        string current = text[start..end];
        string expected = "\n\n" + ScenarioReference.Markdown();
        if (RepoPaths.Regenerate && current != expected) File.WriteAllText(path, text[..start] + expected + text[end..]);
        else Assert.True(current == expected, "docs/scenarios.md key reference is out of date; run POLYSIM_REGENERATE=1 dotnet test");
    }

    [Fact]
    public void The_small_example_in_the_docs_is_valid()
    {
        string text = File.ReadAllText(RepoPaths.File("docs/scenarios.md"));
        int start = text.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        string yaml = text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
        var result = ScenarioLoader.Parse(yaml, "docs-example.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["consolidated", "two_tier"], result.Scenario!.Structures.Select(x => x.Id));
    }

    [Fact]
    public void Schema_is_strict_snake_case_and_carries_descriptions_defaults_and_ranges()
    {
        var schema = ScenarioSchema.GenerateNode();
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Contains("name", schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));

        var group = schema["properties"]!["households"]!["properties"]!["groups"]!["items"]!;
        Assert.Equal(["id"], group["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        var sigma = group["properties"]!["income_sigma"]!;
        Assert.Equal(0.5, sigma["default"]!.GetValue<double>());
        Assert.Equal(0, sigma["minimum"]!.GetValue<double>());
        Assert.False(string.IsNullOrWhiteSpace(sigma["description"]!.GetValue<string>()));
        Assert.Equal(0, group["properties"]!["preferences"]!["additionalProperties"]!["minimum"]!.GetValue<double>());

        var kind = schema["properties"]!["structures"]!["items"]!["properties"]!["kind"]!;
        Assert.Equal(["consolidated", "fragmented", "two_tier", "administrative_decentralization", "political_decentralization"],
            kind["enum"]!.AsArray().Select(n => n!.GetValue<string>()));

        var cityRule = schema["properties"]!["structures"]!["items"]!["properties"]!["city_rule"]!;
        var shorthand = cityRule["anyOf"]![0]!;
        Assert.Equal(["direct_democracy", "council", "planner"], shorthand["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Every_key_of_every_specification_type_is_documented()
    {
        string markdown = ScenarioReference.Markdown();
        foreach (var type in typeof(ScenarioSpec).Assembly.GetTypes().Where(t => t.Name.EndsWith("Spec", StringComparison.Ordinal) && t.IsPublic))
            foreach (var p in SpecModel.Properties(type))
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{type.Name}.{p.Info.Name} has no description");
                Assert.Contains($"| `{p.Key}` |", markdown);
            }
    }
}
