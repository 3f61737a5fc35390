using PolySim.Scenarios;

namespace PolySim.Cli;

/// <summary>Prints scenario diagnostics in the compiler style editors understand.</summary>
public static class Diagnostics
{
    /// <summary>Prints all diagnostics; returns true if the scenario is valid.</summary>
    public static bool Report(ScenarioLoadResult loaded, TextWriter error)
    {
        foreach (var d in loaded.Diagnostics) error.WriteLine(d.ToString());
        if (loaded.IsValid) return true;
        int errors = loaded.Errors.Count();
        error.WriteLine($"{errors} error{(errors == 1 ? "" : "s")}: the scenario was not run and nothing was written.");
        return false;
    }
}
