namespace PolySim.Tests.Scenarios;

/// <summary>Locates files of the repository from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Set POLYSIM_REGENERATE=1 to rewrite generated files (schema, docs reference) instead of failing.</summary>
    public static bool Regenerate => Environment.GetEnvironmentVariable("POLYSIM_REGENERATE") == "1";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "PolySim.sln"))) return dir.FullName;
        throw new InvalidOperationException("PolySim.sln not found above " + AppContext.BaseDirectory);
    }
}
