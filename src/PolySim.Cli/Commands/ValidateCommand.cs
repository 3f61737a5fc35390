using System.CommandLine;
using PolySim.Scenarios;

namespace PolySim.Cli.Commands;

/// <summary><c>polysim validate SCENARIO</c>: check a scenario file; exit 0 if valid, 2 if not.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (YAML or JSON)." };
        var command = new Command("validate", "Check a scenario file and list every problem with its line and column.") { scenario };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(scenario)!;
            var loaded = ScenarioLoader.Load(path);
            if (!Diagnostics.Report(loaded, error)) return ExitCodes.InvalidInput;
            var s = loaded.Scenario!;
            output.WriteLine($"{path}: valid. {s.Region.Count} neighborhoods, {s.Households.Groups.Count} household groups, " +
                $"{s.Goods.Count} goods, {s.Bads.Count} bads, {s.Structures.Count} structures, {s.Years} years.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
