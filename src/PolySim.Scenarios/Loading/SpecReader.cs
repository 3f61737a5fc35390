using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolySim.Scenarios;

/// <summary>
/// Converts a YAML node tree into specification objects, guided by <see cref="SpecModel"/>. Every problem
/// (unknown key, wrong type, out-of-range number, invalid name, missing key) becomes a diagnostic with the
/// node's position; reading continues with the default so that all problems are reported in one pass.
/// References to ids are collected for checking once all ids are known.
/// </summary>
internal sealed class SpecReader(DiagnosticBag diagnostics, SourceMap map)
{
    private static readonly string[] NullWords = ["", "~", "null", "Null", "NULL"];
    private static readonly string[] TrueWords = ["true", "True", "TRUE"];
    private static readonly string[] FalseWords = ["false", "False", "FALSE"];
    private static readonly string[] InfinityWords = [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "inf", "Infinity", "+Infinity"];

    /// <summary>The one top-level key outside the format: a JSON document's pointer to its schema (ignored).</summary>
    public const string SchemaKey = "$schema";

    public List<ReferenceUse> References { get; } = [];

    /// <summary>Reads the document root as <typeparamref name="T"/>; null if the root is not a mapping.</summary>
    public T? Read<T>(YamlNode root) where T : class, new()
    {
        map.Record("", Pos(root.Start), Pos(root.Start));
        if (root is not YamlMappingNode mapping)
        {
            diagnostics.Error(DiagnosticCodes.Document, $"A scenario must be a mapping of keys to values, but the document is {Describe(root)}.", "");
            return null;
        }
        return (T)ReadObject(mapping, typeof(T), "");
    }

    internal static SourcePosition Pos(Mark mark) => new((int)mark.Line, (int)mark.Column);

    private static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Leaf(string path)
    {
        int dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && NullWords.Contains(s.Value ?? "");

    private static bool IsQuoted(YamlScalarNode s) => s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing (null)",
        YamlScalarNode s when IsQuoted(s) => $"the string \"{s.Value}\"",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported node",
    };

    private bool TryRead(YamlNode node, Type type, string path, SpecProperty? prop, out object? value)
    {
        value = null;
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return TryString(node, path, prop, out value);
        if (t == typeof(double)) { bool ok = TryDouble(node, path, prop, out double d); value = d; return ok; }
        if (t == typeof(int)) { bool ok = TryInt(node, path, prop, out int i); value = i; return ok; }
        if (t == typeof(ulong)) { bool ok = TryUInt64(node, path, out ulong u); value = u; return ok; }
        if (t == typeof(bool)) { bool ok = TryBool(node, path, out bool b); value = b; return ok; }
        if (t.IsEnum) return TryEnum(node, t, path, out value);
        if (SpecModel.ListElement(t) is { } element) return TryList(node, t, element, path, prop, out value);
        if (SpecModel.MapValue(t) is { } mapValue) return TryMap(node, t, mapValue, path, prop, out value);
        if (SpecModel.IsSpecObject(t)) return TryObject(node, t, path, out value);
        throw new NotSupportedException($"Specification property type {t} is not supported.");
    }

    private bool WrongType(YamlNode node, string path, string expected)
    {
        diagnostics.Error(DiagnosticCodes.WrongType, $"'{Leaf(path)}' must be {expected}, but got {Describe(node)}.", path);
        return false;
    }

    private bool TryString(YamlNode node, string path, SpecProperty? prop, out object? value)
    {
        value = null;
        if (node is not YamlScalarNode s) return WrongType(node, path, "a string");
        value = s.Value ?? "";
        if (prop?.References is { } kind) References.Add(new ReferenceUse(kind, (string)value, path, Pos(node.Start)));
        return true;
    }

    private bool TryDouble(YamlNode node, string path, SpecProperty? prop, out double value)
    {
        value = 0;
        if (node is not YamlScalarNode s) return WrongType(node, path, "a number");
        string text = (s.Value ?? "").Trim();
        bool allowInf = prop?.AllowInfinity == true;
        if (InfinityWords.Contains(text) && (allowInf || !IsQuoted(s)))
        {
            if (!allowInf)
            {
                diagnostics.Error(DiagnosticCodes.OutOfRange, $"'{Leaf(path)}' must be finite, but got {text}{RangeSuffix(prop)}.", path);
                return false;
            }
            value = double.PositiveInfinity;
            return true;
        }
        if (IsQuoted(s)) return WrongType(node, path, "a number (without quotes)");
        bool looksNumeric = text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+' or 'e' or 'E');
        if (!looksNumeric || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            return WrongType(node, path, "a number");
        if (value == 0) value = 0; // normalize -0
        return CheckRange(value, path, prop);
    }

    private bool TryInt(YamlNode node, string path, SpecProperty? prop, out int value)
    {
        value = 0;
        if (node is not YamlScalarNode s || IsQuoted(s)) return WrongType(node, path, "an integer");
        string text = (s.Value ?? "").Trim();
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
            return WrongType(node, path, "an integer");
        if (l < int.MinValue || l > int.MaxValue)
        {
            diagnostics.Error(DiagnosticCodes.OutOfRange, $"'{Leaf(path)}' is out of range: got {text}{RangeSuffix(prop)}.", path);
            return false;
        }
        value = (int)l;
        return CheckRange(value, path, prop);
    }

    private bool TryUInt64(YamlNode node, string path, out ulong value)
    {
        value = 0;
        if (node is not YamlScalarNode s || IsQuoted(s)) return WrongType(node, path, "an unsigned 64-bit integer (0 to 18446744073709551615)");
        string text = (s.Value ?? "").Trim().TrimStart('+');
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            diagnostics.Error(DiagnosticCodes.OutOfRange, $"'{Leaf(path)}' is out of range: got {s.Value}; valid range is 0 to 18446744073709551615.", path);
            return false;
        }
        return WrongType(node, path, "an unsigned 64-bit integer (0 to 18446744073709551615)");
    }

    private bool TryBool(YamlNode node, string path, out bool value)
    {
        value = false;
        if (node is YamlScalarNode s && !IsQuoted(s))
        {
            if (TrueWords.Contains(s.Value)) { value = true; return true; }
            if (FalseWords.Contains(s.Value)) return true;
        }
        return WrongType(node, path, "true or false");
    }

    private bool TryEnum(YamlNode node, Type enumType, string path, out object? value)
    {
        value = null;
        var names = SpecModel.EnumNames(enumType);
        if (node is not YamlScalarNode s) return WrongType(node, path, $"one of: {string.Join(", ", names)}");
        string text = (s.Value ?? "").Trim();
        int index = Array.IndexOf(names.ToArray(), text);
        if (index < 0)
        {
            diagnostics.Error(DiagnosticCodes.InvalidEnum,
                $"'{text}' is not a valid value for '{Leaf(path)}'; valid values: {string.Join(", ", names)}.{Suggestions.Hint(text, names)}", path);
            return false;
        }
        value = Enum.GetValues(enumType).GetValue(index);
        return true;
    }

    private bool TryList(YamlNode node, Type listType, Type element, string path, SpecProperty? prop, out object? value)
    {
        value = null;
        if (node is not YamlSequenceNode seq) return WrongType(node, path, "a list");
        var list = (System.Collections.IList)Activator.CreateInstance(listType)!;
        for (int i = 0; i < seq.Children.Count; i++)
        {
            var item = seq.Children[i];
            string itemPath = $"{path}[{i}]";
            map.Record(itemPath, Pos(item.Start), Pos(item.Start));
            // On failure a placeholder keeps later items at their file index, so paths stay right.
            object? v = null;
            bool ok = IsNull(item)
                ? WrongType(item, itemPath, SpecModel.IsSpecObject(element) ? "a mapping (key: value pairs)" : "a value")
                : TryRead(item, element, itemPath, prop, out v);
            list.Add(ok ? v : Placeholder(element));
        }
        value = list;
        return true;
    }

    private bool TryMap(YamlNode node, Type mapType, Type valueType, string path, SpecProperty? prop, out object? value)
    {
        value = null;
        if (node is not YamlMappingNode m) return WrongType(node, path, "a mapping (key: value pairs)");
        var dict = (System.Collections.IDictionary)Activator.CreateInstance(mapType)!;
        foreach (var (k, v) in m.Children)
        {
            if (k is not YamlScalarNode keyNode || string.IsNullOrEmpty(keyNode.Value))
            {
                WrongType(k, path, "a mapping with plain keys");
                continue;
            }
            string key = keyNode.Value;
            string entryPath = Child(path, key);
            map.Record(entryPath, Pos(k.Start), Pos(v.Start));
            if (prop?.References is { } kind) References.Add(new ReferenceUse(kind, key, entryPath, Pos(k.Start)));
            if (IsNull(v))
            {
                WrongType(v, entryPath, "a value");
                continue;
            }
            if (TryRead(v, valueType, entryPath, prop, out var item)) dict[key] = item;
        }
        value = dict;
        return true;
    }

    private bool TryObject(YamlNode node, Type type, string path, out object? value)
    {
        value = null;
        var shorthand = type.GetCustomAttribute<ScalarShorthandAttribute>();
        if (node is YamlScalarNode && shorthand is not null && !IsNull(node))
        {
            var obj = Activator.CreateInstance(type)!;
            var p = SpecModel.Properties(type).Single(x => x.Info.Name == shorthand.PropertyName);
            string childPath = Child(path, p.Key);
            map.Record(childPath, Pos(node.Start), Pos(node.Start));
            if (!TryRead(node, p.Type, childPath, p, out var v)) return false;
            p.Info.SetValue(obj, v);
            value = obj;
            return true;
        }
        if (node is not YamlMappingNode mapping)
            return WrongType(node, path, shorthand is null ? "a mapping (key: value pairs)" : $"a mapping or one of: {string.Join(", ", SpecModel.EnumNames(SpecModel.Properties(type).Single(x => x.Info.Name == shorthand.PropertyName).Type))}");
        value = ReadObject(mapping, type, path);
        return true;
    }

    private object ReadObject(YamlMappingNode mapping, Type type, string path)
    {
        var obj = Activator.CreateInstance(type)!;
        var props = SpecModel.Properties(type);
        var seen = new HashSet<SpecProperty>();
        foreach (var (k, v) in mapping.Children)
        {
            if (k is not YamlScalarNode keyNode || string.IsNullOrEmpty(keyNode.Value))
            {
                diagnostics.Add(Severity.Error, DiagnosticCodes.WrongType, $"Keys must be plain names, but got {Describe(k)}.", path, Pos(k.Start));
                continue;
            }
            string key = keyNode.Value;
            if (path.Length == 0 && key == SchemaKey)
            {
                // JSON scenarios name their schema in the document itself (YAML uses the modeline comment).
                if (v is not YamlScalarNode) WrongType(v, key, "a string (the schema's path or URL)");
                continue;
            }
            var p = props.FirstOrDefault(x => x.Key == key);
            if (p is null)
            {
                var keys = props.Select(x => x.Key).ToArray();
                string where = path.Length == 0 ? "at the top level" : $"in '{path}'";
                string hint = key == "<<"
                    ? " YAML merge keys are not supported; alias a whole value (key: *anchor) or repeat the keys."
                    : Suggestions.Hint(key, keys);
                diagnostics.Add(Severity.Error, DiagnosticCodes.UnknownKey,
                    $"Unknown key '{key}' {where}.{hint} Valid keys: {string.Join(", ", keys)}.",
                    Child(path, key), Pos(k.Start));
                continue;
            }
            string childPath = Child(path, key);
            seen.Add(p);
            map.Record(childPath, Pos(k.Start), Pos(v.Start));
            if (IsNull(v))
            {
                if (p.Required)
                    diagnostics.Error(DiagnosticCodes.MissingKey, $"'{key}' is required but has no value.", childPath);
                continue;
            }
            if (TryRead(v, p.Type, childPath, p, out var value)) p.Info.SetValue(obj, value);
        }
        foreach (var p in props.Where(p => p.Required && !seen.Contains(p)))
        {
            string where = path.Length == 0 ? "at the top level" : $"in '{path}'";
            diagnostics.Add(Severity.Error, DiagnosticCodes.MissingKey,
                $"Missing required key '{p.Key}' {where} ({p.Description.TrimEnd('.')}).", Child(path, p.Key), Pos(mapping.Start));
        }
        return obj;
    }

    private static object? Placeholder(Type type) =>
        type.IsValueType || SpecModel.IsSpecObject(type) || SpecModel.ListElement(type) is not null || SpecModel.MapValue(type) is not null
            ? Activator.CreateInstance(type) : type == typeof(string) ? "" : null;

    private bool CheckRange(double value, string path, SpecProperty? prop)
    {
        if (prop is null || prop.InRange(value)) return true;
        diagnostics.Error(DiagnosticCodes.OutOfRange,
            $"'{Leaf(path)}' is out of range: got {SpecModel.FormatNumber(value)}; valid range is {prop.RangeText}.", path);
        return false;
    }

    private static string RangeSuffix(SpecProperty? prop) =>
        prop?.Range is null ? "" : $"; valid range is {prop.RangeText}";
}
