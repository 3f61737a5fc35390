using PolySim.Cli;

namespace PolySim.Tests.Cli;

/// <summary>Runs the polysim command line in-process and captures its output.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = PolySimCommandLine.Invoke(args, output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh folder path under the temp directory that does not exist yet.</summary>
    public static string NewFolder(string name) => Path.Combine(Path.GetTempPath(), $"polysim-test-{name}-{Guid.NewGuid():N}");
}
