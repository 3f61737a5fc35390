using System.Security.Cryptography;
using System.Text;

namespace PolySim.Output;

/// <summary>
/// An output folder that appears all at once or not at all. Files are written into a hidden temporary sibling
/// (<c>.{name}.tmp-{random}</c>) of the target; <see cref="Commit"/> renames it into place (a single rename on the
/// same file system); <see cref="Dispose"/> without a commit deletes it, so a failed run leaves nothing behind.
/// </summary>
/// <remarks>
/// <see cref="Create"/> checks the target first, so a run that would not be allowed to write its results fails before
/// doing any work. With <c>force</c> an existing target is replaced only at commit: the old folder is renamed aside,
/// the new one renamed in and the old one deleted (if the second rename fails, the old folder is put back). Between the
/// two renames the target briefly does not exist; it never holds a mix of old and new files.
/// </remarks>
public sealed class OutputFolder : IDisposable
{
    /// <summary>Conventional name of the resolved scenario file.</summary>
    public const string ResolvedScenarioFileName = "scenario.resolved.json";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private bool _disposed;

    private OutputFolder(string target, string workingPath, bool force)
    {
        Target = target;
        WorkingPath = workingPath;
        Force = force;
    }

    /// <summary>Full path of the final folder.</summary>
    public string Target { get; }

    /// <summary>Full path of the temporary folder that files are written to until <see cref="Commit"/>.</summary>
    public string WorkingPath { get; }

    /// <summary>Whether an existing target is replaced at commit.</summary>
    public bool Force { get; }

    /// <summary>True after a successful <see cref="Commit"/>.</summary>
    public bool IsCommitted { get; private set; }

    /// <summary>Set when the replaced old folder could not be deleted after a forced commit: where it was left.</summary>
    public string? LeftoverPath { get; private set; }

    /// <summary>
    /// Prepares an output folder for <paramref name="target"/>: fails at once with <see cref="OutputExistsException"/>
    /// if it exists and <paramref name="force"/> is false; otherwise creates the temporary sibling (and missing parents).
    /// </summary>
    public static OutputFolder Create(string target, bool force)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        string name = Path.GetFileName(full);
        string? parent = Path.GetDirectoryName(full);
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(parent))
            throw new ArgumentException($"'{target}' cannot be an output folder (it has no parent).", nameof(target));

        if (File.Exists(full))
            throw new OutputExistsException(full, $"Output path '{full}' exists and is a file, not a folder.");
        if (Directory.Exists(full) && !force)
            throw new OutputExistsException(full);

        Directory.CreateDirectory(parent);
        string working = Path.Combine(parent, $".{name}.tmp-{RandomSuffix()}");
        Directory.CreateDirectory(working);
        return new OutputFolder(full, working, force);
    }

    /// <summary>
    /// Full path in the temporary folder for <paramref name="relativePath"/> ("metrics.csv", "plots/x.png"), creating its
    /// parent folders. Rooted paths and paths that leave the folder are rejected.
    /// </summary>
    public string GetPath(string relativePath)
    {
        ThrowIfDone();
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        if (Path.IsPathRooted(relativePath))
            throw new ArgumentException($"'{relativePath}' must be relative to the output folder.", nameof(relativePath));
        string full = Path.GetFullPath(Path.Combine(WorkingPath, relativePath));
        string root = Path.TrimEndingDirectorySeparator(WorkingPath) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
            throw new ArgumentException($"'{relativePath}' leaves the output folder.", nameof(relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without BOM to <paramref name="relativePath"/>; returns the full path.</summary>
    public string WriteText(string relativePath, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string path = GetPath(relativePath);
        File.WriteAllText(path, text, Utf8NoBom);
        return path;
    }

    /// <summary>Writes the resolved scenario text as <see cref="ResolvedScenarioFileName"/>; returns the full path.</summary>
    public string WriteResolvedScenario(string resolvedScenarioJson) => WriteText(ResolvedScenarioFileName, resolvedScenarioJson);

    /// <summary>Files written so far, relative to the folder with '/' separators, in ordinal order.</summary>
    public IReadOnlyList<string> ListFiles()
    {
        ThrowIfDone();
        return Directory.EnumerateFiles(WorkingPath, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(WorkingPath, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Moves the temporary folder into place (see the remarks of <see cref="OutputFolder"/>).</summary>
    /// <exception cref="OutputExistsException">The target appeared since <see cref="Create"/> and force is off.</exception>
    public void Commit()
    {
        ThrowIfDone();
        if (File.Exists(Target))
            throw new OutputExistsException(Target, $"Output path '{Target}' exists and is a file, not a folder.");
        if (!Directory.Exists(Target))
        {
            Directory.Move(WorkingPath, Target);
            IsCommitted = true;
            return;
        }
        if (!Force) throw new OutputExistsException(Target);

        string parent = Path.GetDirectoryName(Target)!;
        string aside = Path.Combine(parent, $".{Path.GetFileName(Target)}.old-{RandomSuffix()}");
        Directory.Move(Target, aside);
        try
        {
            Directory.Move(WorkingPath, Target);
        }
        catch
        {
            Directory.Move(aside, Target);
            throw;
        }
        IsCommitted = true;
        try
        {
            Directory.Delete(aside, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LeftoverPath = aside;
        }
    }

    /// <summary>Deletes the temporary folder unless the folder was committed.</summary>
    public void Dispose()
    {
        if (IsCommitted || _disposed) return;
        _disposed = true;
        try
        {
            if (Directory.Exists(WorkingPath)) Directory.Delete(WorkingPath, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: Dispose runs while another exception is propagating; do not mask it.
        }
    }

    private void ThrowIfDone()
    {
        if (IsCommitted) throw new InvalidOperationException($"Output folder '{Target}' has already been committed.");
        ObjectDisposedException.ThrowIf(_disposed, this);
    }

    private static string RandomSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
