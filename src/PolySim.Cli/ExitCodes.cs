namespace PolySim.Cli;

/// <summary>Process exit codes of <c>polysim</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Internal failure (a bug, or the machine ran out of something).</summary>
    public const int InternalFailure = 1;

    /// <summary>Invalid input: a bad scenario, bad options, or an output folder that exists without --force.</summary>
    public const int InvalidInput = 2;
}
