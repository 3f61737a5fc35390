using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PolySim.Output;

/// <summary>Formats a <see cref="RunManifest"/> as indented JSON (<c>manifest.json</c>), keys in a fixed order, LF line ends,
/// UTF-8 without BOM; absent optional values are written as null.</summary>
public static class ManifestWriter
{
    /// <summary>Conventional file name.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        // Keep '+' in versions and non-ASCII in paths readable; the output is a file, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The manifest as JSON text (ends with a line feed).</summary>
    public static string ToJson(RunManifest manifest)
    {
        using var stream = new MemoryStream();
        Write(manifest, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes (or overwrites) the manifest at <paramref name="path"/>.</summary>
    public static void Write(RunManifest manifest, string path)
    {
        using var stream = File.Create(path);
        Write(manifest, stream);
    }

    /// <summary>Writes the manifest to <paramref name="stream"/>, leaving it open.</summary>
    public static void Write(RunManifest manifest, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(stream);
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("schema", RunManifest.Schema);
            w.WriteString("polysim_version", manifest.PolysimVersion);
            w.WriteString("git_commit", manifest.GitCommit);
            w.WriteString("runtime", manifest.Runtime);
            w.WriteString("os", manifest.Os);
            w.WriteStartArray("command_line");
            foreach (var arg in manifest.CommandLine) w.WriteStringValue(arg);
            w.WriteEndArray();

            w.WriteStartObject("scenario");
            w.WriteString("name", manifest.ScenarioName);
            w.WriteString("path", manifest.ScenarioPath);
            w.WriteString("sha256_file", manifest.ScenarioSha256File);
            w.WriteString("sha256_resolved", manifest.ScenarioSha256Resolved);
            w.WriteEndObject();

            w.WriteNumber("master_seed", manifest.MasterSeed);
            w.WriteString("seed_derivation", manifest.SeedDerivation);
            w.WriteStartObject("replications");
            w.WriteNumber("count", manifest.Replications.Count);
            w.WriteStartArray("seeds");
            foreach (var r in manifest.Replications)
            {
                w.WriteStartObject();
                w.WriteNumber("replication", r.Replication);
                w.WriteNumber("seed", r.Seed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteNumber("start_year", manifest.StartYear);
            w.WriteNumber("years", manifest.Years);
            w.WriteNumber("threads", manifest.Threads);
            w.WriteStartObject("timings_seconds");
            foreach (var (phase, seconds) in manifest.PhaseSeconds)
            {
                if (double.IsFinite(seconds)) w.WriteNumber(phase, seconds);
                else w.WriteNull(phase);
            }
            w.WriteEndObject();

            w.WriteString("started_utc", manifest.StartedUtc.UtcDateTime);
            w.WriteString("finished_utc", manifest.FinishedUtc.UtcDateTime);
            w.WriteString("status", JsonNamingPolicy.SnakeCaseLower.ConvertName(manifest.Status.ToString()));
            w.WriteString("error", manifest.Error);
            w.WriteStartArray("files");
            foreach (var f in manifest.Files) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }
}
