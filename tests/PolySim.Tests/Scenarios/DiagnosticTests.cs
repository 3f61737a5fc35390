using PolySim.Scenarios;

namespace PolySim.Tests.Scenarios;

public class DiagnosticTests
{
    [Fact]
    public void Prints_in_gnu_compiler_form()
    {
        var d = new Diagnostic(Severity.Error, "PS0104", "bad value.", "s.yaml", 7, 17, "goods[0].rivalry");
        Assert.Equal("s.yaml:7:17: error PS0104: bad value. (at goods[0].rivalry)", d.ToString());
        var w = new Diagnostic(Severity.Warning, "PS0301", "odd.", "s.yaml", 0, 0, "");
        Assert.Equal("s.yaml: warning PS0301: odd.", w.ToString());
    }

    [Theory]
    [InlineData("sed", "seed")]
    [InlineData("houshold", "households")]
    [InlineData("capture_max_", "capture_max")]
    [InlineData("zzzzzz", null)]
    public void Suggests_close_keys_only(string typo, string? expected)
    {
        string[] keys = ["seed", "households", "capture_max", "name"];
        Assert.Equal(expected, Suggestions.Closest(typo, keys));
    }

    [Fact]
    public void Warnings_do_not_invalidate_a_scenario()
    {
        string yaml = Minimal.Yaml.Replace("{ id: a, x: 0, y: 0, households: { g: 100 } }", "{ id: a, x: 0, y: 0, dwellings: 50, households: { g: 100 } }");
        var result = ScenarioLoader.Parse(yaml, "w.yaml");
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((Severity.Warning, "region.neighborhoods[0].dwellings"), (warning.Severity, warning.Path));
        Assert.True(result.IsValid);
    }
}
