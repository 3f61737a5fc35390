using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolySim.Scenarios;

/// <summary>
/// The canonical JSON of a resolved scenario (defaults applied, object keys sorted ordinally at every level,
/// numbers in shortest round-trip invariant form, two-space indentation, "\n" newlines) and SHA-256 hashes.
/// Two files that differ only in comments, formatting, key order or spelled-out defaults share the same hash.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical JSON text of <paramref name="spec"/>.</summary>
    public static string Serialize(ScenarioSpec spec)
    {
        var node = JsonSerializer.SerializeToNode(spec, SpecJson.Options);
        return Sort(node)?.ToJsonString(SpecJson.Options) ?? "null";
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Sort(kv.Value)))),
        JsonArray arr => new JsonArray(arr.Select(Sort).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
