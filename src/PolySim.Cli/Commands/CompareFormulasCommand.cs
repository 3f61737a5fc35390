using System.CommandLine;

namespace PolySim.Cli.Commands;

/// <summary>
/// <c>polysim compare-formulas SCENARIO [--formulas a,b,c]</c>: one region, several equalization formulas (each a
/// structure of the scenario), compared side by side. It is <c>run</c> on the chosen structures (the baseline always
/// included), plus <c>formulas.txt</c>, <c>formulas.csv</c> and the <c>plots/formulas-*</c> charts.
/// </summary>
public static class CompareFormulasCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new RunCommand.SharedOptions();
        var formulas = new Option<string?>("--formulas", "-f")
        {
            Description = "Comma-separated structure ids to compare, one formula each [default: every structure]; the baseline always runs.",
        };
        var command = new Command("compare-formulas",
            "Compare equalization formulas side by side: disparity closed, taxes and services by income quintile of jurisdictions, " +
            "winners and losers, efficiency, equity and the cost to outside sources.");
        options.AddTo(command);
        command.Options.Add(formulas);
        command.SetAction(parse =>
        {
            var chosen = parse.GetValue(formulas)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return RunCommand.Execute(options.Request(parse, "compare-formulas", chosen, formulaReport: true), output, error);
        });
        return command;
    }
}
