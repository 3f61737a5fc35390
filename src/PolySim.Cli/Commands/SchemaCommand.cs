using System.CommandLine;
using PolySim.Scenarios;

namespace PolySim.Cli.Commands;

/// <summary><c>polysim schema</c>: print the JSON Schema of scenario files (for editors).</summary>
public static class SchemaCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var command = new Command("schema", "Print the JSON Schema of scenario files (also shipped as scenarios/schema/polysim.scenario.schema.json).");
        command.SetAction(_ =>
        {
            output.WriteLine(ScenarioSchema.Generate());
            return ExitCodes.Ok;
        });
        return command;
    }
}
