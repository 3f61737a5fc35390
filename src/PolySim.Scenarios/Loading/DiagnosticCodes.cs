namespace PolySim.Scenarios;

/// <summary>The diagnostic codes the loader emits (documented in docs/scenarios.md).</summary>
public static class DiagnosticCodes
{
    /// <summary>YAML/JSON syntax error (including duplicate keys).</summary>
    public const string Syntax = "PS0001";

    /// <summary>The file cannot be read.</summary>
    public const string FileUnreadable = "PS0002";

    /// <summary>The document is empty, not a mapping, or there is more than one document.</summary>
    public const string Document = "PS0003";

    /// <summary>A key that the format does not define.</summary>
    public const string UnknownKey = "PS0101";

    /// <summary>A value of the wrong type (a string where a number is expected, a list where a mapping is expected...).</summary>
    public const string WrongType = "PS0102";

    /// <summary>A required key is missing or empty.</summary>
    public const string MissingKey = "PS0103";

    /// <summary>A number outside its valid range.</summary>
    public const string OutOfRange = "PS0104";

    /// <summary>A value that is not one of the allowed names.</summary>
    public const string InvalidEnum = "PS0105";

    /// <summary>A custom formula that names something outside the formula language, or is malformed.</summary>
    public const string InvalidFormula = "PS0106";

    /// <summary>A reference to an id that is not declared.</summary>
    public const string UnknownReference = "PS0201";

    /// <summary>An id declared twice.</summary>
    public const string DuplicateId = "PS0202";

    /// <summary>Values that are valid one by one but inconsistent together.</summary>
    public const string Inconsistent = "PS0203";

    /// <summary>Suspicious but usable (warning).</summary>
    public const string Suspicious = "PS0301";
}
