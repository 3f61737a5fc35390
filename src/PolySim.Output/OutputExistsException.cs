namespace PolySim.Output;

/// <summary>The output folder already exists and replacing it was not allowed (the CLI maps this to exit code 2).</summary>
public sealed class OutputExistsException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public OutputExistsException(string path)
        : base($"Output folder '{path}' already exists; choose another folder or pass --force to replace it.") => Path = path;

    /// <summary>Creates the exception for <paramref name="path"/> with a specific message.</summary>
    public OutputExistsException(string path, string message) : base(message) => Path = path;

    /// <summary>The full path of the existing output.</summary>
    public string Path { get; }
}
