namespace PolySim.Scenarios;

/// <summary>How serious a diagnostic is: errors make a scenario invalid, warnings do not.</summary>
public enum Severity
{
    /// <summary>The scenario cannot be used.</summary>
    Error,

    /// <summary>Suspicious but usable.</summary>
    Warning,
}
