using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace PolySim.Scenarios;

/// <summary>
/// The JSON Schema of scenario files, generated from the specification types with
/// <see cref="JsonSchemaExporter"/> and enriched from the same attributes the loader uses (descriptions, defaults,
/// ranges, required keys, the rule shorthand). Editors use it through the yaml-language-server modeline.
/// </summary>
public static class ScenarioSchema
{
    /// <summary>Where the schema is checked in, relative to the repository root.</summary>
    public const string RelativePath = "scenarios/schema/polysim.scenario.schema.json";

    /// <summary>The schema's $id.</summary>
    public const string Id = "https://polysim.example/schema/polysim.scenario.schema.json";

    /// <summary>The schema as indented JSON text ending with a newline.</summary>
    public static string Generate() => GenerateNode().ToJsonString(SpecJson.Options) + "\n";

    /// <summary>The schema as a JSON node.</summary>
    public static JsonObject GenerateNode()
    {
        var exporter = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Transform };
        var body = JsonSchemaExporter.GetJsonSchemaAsNode(SpecJson.Options, typeof(ScenarioSpec), exporter).AsObject();
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "PolySim scenario",
        };
        foreach (var (key, value) in body.ToArray())
        {
            body.Remove(key);
            root[key] = value;
        }
        var properties = root["properties"]!.AsObject();
        properties.Insert(0, SpecReader.SchemaKey, new JsonObject
        {
            ["description"] = "JSON scenarios only: path or URL of this schema, for editors (ignored by the loader).",
            ["type"] = "string",
        });
        return root;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject node) return schema;
        var type = context.TypeInfo.Type;
        var objectType = Nullable.GetUnderlyingType(type) ?? type;
        if (SpecModel.IsSpecObject(objectType) && node.ContainsKey("properties")) AddRequired(node, objectType);
        if (context.PropertyInfo?.AttributeProvider is not PropertyInfo info || info.DeclaringType is null) return node;
        var prop = SpecModel.Properties(info.DeclaringType).FirstOrDefault(p => p.Info == info);
        if (prop is null) return node;

        if (prop.Range is not null) AddRange(NumberSchema(node), prop);
        if (prop.AllowInfinity) OnlyPositiveInfinity(node);
        var shorthand = (Nullable.GetUnderlyingType(prop.Type) ?? prop.Type).GetCustomAttribute<ScalarShorthandAttribute>();
        if (shorthand is not null) node = AddShorthand(node, prop.Type, shorthand);

        string description = prop.Description;
        if (prop.DerivedDefault is not null) description += $" Default: {prop.DerivedDefault}.";
        var ordered = new JsonObject { ["description"] = description };
        if (DefaultNode(prop) is { } d) ordered["default"] = d;
        foreach (var (key, value) in node.ToArray())
        {
            node.Remove(key);
            ordered[key] = value;
        }
        return ordered;
    }

    private static void AddRequired(JsonObject node, Type type)
    {
        var required = SpecModel.Properties(type).Where(p => p.Required).Select(p => (JsonNode?)p.Key).ToArray();
        if (required.Length > 0) node["required"] = new JsonArray(required);
    }

    /// <summary>The sub-schema that holds the numbers: the node itself, or the values of a map, or the items of a list.</summary>
    private static JsonObject NumberSchema(JsonObject node)
    {
        if (IsNumeric(node)) return node;
        if (node["additionalProperties"] is JsonObject values) return NumberSchema(values);
        if (node["items"] is JsonObject items) return NumberSchema(items);
        if (node["anyOf"] is JsonArray any && any.OfType<JsonObject>().FirstOrDefault(IsNumeric) is { } n) return n;
        return node;
    }

    private static bool IsNumeric(JsonObject node) => node["type"] switch
    {
        JsonValue v => v.GetValue<string>() is "number" or "integer",
        JsonArray a => a.Any(x => x?.GetValue<string>() is "number" or "integer"),
        _ => false,
    };

    private static void AddRange(JsonObject node, SpecProperty prop)
    {
        if (!double.IsNegativeInfinity(prop.Minimum))
            node[prop.Range!.MinimumIsExclusive ? "exclusiveMinimum" : "minimum"] = JsonValue.Create(prop.Minimum);
        if (!double.IsPositiveInfinity(prop.Maximum))
            node[prop.Range!.MaximumIsExclusive ? "exclusiveMaximum" : "maximum"] = JsonValue.Create(prop.Maximum);
    }

    private static JsonObject AddShorthand(JsonObject node, Type type, ScalarShorthandAttribute shorthand)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var kindProp = SpecModel.Properties(t).Single(p => p.Info.Name == shorthand.PropertyName);
        var names = new JsonArray(SpecModel.EnumNames(kindProp.Type).Select(n => (JsonNode?)n).ToArray());
        return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string", ["enum"] = names }, node) };
    }

    private static JsonNode? DefaultNode(SpecProperty prop) => prop.Required ? null : prop.DefaultValue switch
    {
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        Enum e => JsonValue.Create(SpecModel.EnumName(e)),
        double d when double.IsPositiveInfinity(d) => JsonValue.Create("Infinity"),
        double d => JsonValue.Create(d),
        int i => JsonValue.Create(i),
        ulong u => JsonValue.Create(u),
        _ => null,
    };

    /// <summary>Infinity is the only named literal accepted (JSON cannot write it as a number).</summary>
    private static void OnlyPositiveInfinity(JsonObject node)
    {
        if (node["anyOf"] is not JsonArray any) return;
        foreach (var alternative in any.OfType<JsonObject>())
            if (alternative["enum"] is JsonArray) alternative["enum"] = new JsonArray("Infinity");
    }
}
