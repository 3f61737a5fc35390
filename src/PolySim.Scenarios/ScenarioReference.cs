using System.Globalization;
using System.Reflection;
using System.Text;

namespace PolySim.Scenarios;

/// <summary>
/// The key reference of docs/scenarios.md, generated from the specification types (the same attributes the loader and
/// the schema use): one table per mapping type with every key's type, default, valid range and meaning.
/// </summary>
public static class ScenarioReference
{
    /// <summary>Marker line before the generated block in docs/scenarios.md.</summary>
    public const string BeginMarker = "<!-- BEGIN GENERATED KEY REFERENCE: ScenarioReference.Markdown(); regenerate with POLYSIM_REGENERATE=1 dotnet test -->";

    /// <summary>Marker line after the generated block.</summary>
    public const string EndMarker = "<!-- END GENERATED KEY REFERENCE -->";

    /// <summary>The reference tables as Markdown ("\n" newlines).</summary>
    public static string Markdown()
    {
        var order = new List<Type>();
        var usedAt = new Dictionary<Type, List<string>>();
        Collect(typeof(ScenarioSpec), "(top level)", order, usedAt);
        var sb = new StringBuilder();
        foreach (var type in order)
        {
            sb.Append("### ").Append(string.Join(", ", usedAt[type].Select(p => $"`{p}`"))).Append('\n').Append('\n');
            if (type.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>() is { } d) sb.Append(d.Description).Append('\n').Append('\n');
            if (type.GetCustomAttribute<ScalarShorthandAttribute>() is { } s)
                sb.Append($"May also be written as just its `{SpecModel.KeyOf(s.PropertyName)}`, e.g. `direct_democracy`.\n\n");
            sb.Append("| key | type | default | valid | meaning |\n|---|---|---|---|---|\n");
            foreach (var p in SpecModel.Properties(type))
            {
                string typeText = TypeText(p);
                var t = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
                var section = SpecModel.IsSpecObject(t) ? t : SpecModel.ListElement(t) is { } e && SpecModel.IsSpecObject(e) ? e : null;
                if (section is not null) typeText += $" (see `{usedAt[section][0]}`)";
                sb.Append($"| `{p.Key}` | {typeText} | {DefaultText(p)} | {Escape(ValidText(p))} | {Escape(p.Description)} |\n");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static void Collect(Type type, string path, List<Type> order, Dictionary<Type, List<string>> usedAt)
    {
        if (usedAt.TryGetValue(type, out var paths))
        {
            paths.Add(path);
            return;
        }
        usedAt[type] = [path];
        order.Add(type);
        string prefix = path == "(top level)" ? "" : path + ".";
        foreach (var p in SpecModel.Properties(type))
        {
            var t = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
            if (SpecModel.IsSpecObject(t)) Collect(t, prefix + p.Key, order, usedAt);
            else if (SpecModel.ListElement(t) is { } e && SpecModel.IsSpecObject(e)) Collect(e, prefix + p.Key + "[]", order, usedAt);
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Noun(IdKind kind) => kind switch
    {
        IdKind.Group => "group",
        IdKind.Good => "good",
        IdKind.Bad => "bad",
        _ => "structure",
    };

    private static string TypeText(SpecProperty p)
    {
        var t = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
        if (t == typeof(string)) return p.References is { } k ? $"{Noun(k)} id" : "string";
        if (t == typeof(double)) return p.AllowInfinity ? "number or `.inf`" : "number";
        if (t == typeof(int)) return "integer";
        if (t == typeof(ulong)) return "integer (uint64)";
        if (t == typeof(bool)) return "boolean";
        if (t.IsEnum) return string.Join(" \\| ", SpecModel.EnumNames(t).Select(n => $"`{n}`"));
        if (SpecModel.MapValue(t) is not null) return p.References is { } k ? $"map {Noun(k)} id → number" : "map → number";
        if (SpecModel.ListElement(t) is { } e)
        {
            if (SpecModel.IsSpecObject(e)) return "list of mappings";
            if (SpecModel.ListElement(e) is not null) return "list of lists of numbers";
            return "list";
        }
        if (t.GetCustomAttribute<ScalarShorthandAttribute>() is not null) return "mapping or kind";
        return "mapping";
    }

    private static string DefaultText(SpecProperty p)
    {
        if (p.Required) return "**required**";
        if (p.DerivedDefault is not null) return Escape(p.DerivedDefault);
        return p.DefaultValue switch
        {
            null => "none",
            string s => s.Length == 0 ? "`\"\"`" : $"`{s}`",
            bool b => b ? "`true`" : "`false`",
            Enum e => $"`{SpecModel.EnumName(e)}`",
            double d => $"`{SpecModel.FormatNumber(d)}`",
            int i => $"`{i.ToString(CultureInfo.InvariantCulture)}`",
            ulong u => $"`{u.ToString(CultureInfo.InvariantCulture)}`",
            System.Collections.IDictionary => "`{}`",
            System.Collections.IList => "`[]`",
            _ => "its keys' defaults",
        };
    }

    private static string ValidText(SpecProperty p)
    {
        var parts = new List<string>();
        if (p.Range is not null) parts.Add(p.RangeText);
        if (p.References is { } k) parts.Add($"declared {Noun(k)} ids");
        return string.Join("; ", parts);
    }
}
