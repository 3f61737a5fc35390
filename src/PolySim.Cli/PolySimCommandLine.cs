using System.CommandLine;
using PolySim.Cli.Commands;

namespace PolySim.Cli;

/// <summary>The <c>polysim</c> command tree; writes only to the writers it is given, so tests can capture it.</summary>
public static class PolySimCommandLine
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Create(TextWriter output, TextWriter error) =>
        new("PolySim: simulate a metro region under competing governance structures and compare them on efficiency, " +
            "effectiveness, equity, equality, accountability and welfare.")
        {
            RunCommand.Create(output, error),
            CompareFormulasCommand.Create(output, error),
            ValidateCommand.Create(output, error),
            SchemaCommand.Create(output),
        };

    /// <summary>Parses and runs; parse errors are invalid input (exit 2).</summary>
    public static int Invoke(string[] args, TextWriter output, TextWriter error)
    {
        var root = Create(output, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run 'polysim --help' or 'polysim <command> --help' for usage.");
            return ExitCodes.InvalidInput;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
