using CsvHelper;

namespace PolySim.Output;

/// <summary>The CSV dialect of every PolySim file: RFC 4180 with LF line ends, UTF-8 without BOM, invariant culture,
/// shortest round-trip doubles (CsvHelper 34's default for <see cref="double"/>), non-finite values as empty fields.</summary>
internal static class Csv
{
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        WriteByteOrderMark = false,
        FormatProvider = System.Globalization.CultureInfo.InvariantCulture,
    };

    /// <summary>The value, or null for NaN and infinities (written as an empty field).</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;

    public static void WriteFile<T>(string path, IEnumerable<T> rows)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var csv = CsvWriter.ToFile(path, Options);
        WriteAll(csv, rows);
    }

    public static void WriteStream<T>(Stream stream, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        WriteAll(csv, rows);
    }

    private static void WriteAll<T>(CsvWriter csv, IEnumerable<T> rows)
    {
        // Header even for an empty sequence, so an empty result is still a well-formed file.
        csv.WriteHeader<T>();
        foreach (var row in rows) csv.WriteRecord(row);
    }
}
