using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace PolySim.Scenarios;

/// <summary>Reflection over the specification types: keys, enum names and number formatting shared by every consumer.</summary>
public static class SpecModel
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<SpecProperty>> Cache = new();

    /// <summary>The snake_case key of a CLR member or enum name ("AreaKm2" → "area_km2").</summary>
    public static string KeyOf(string clrName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(clrName);

    /// <summary>The keys of a specification type in declaration order.</summary>
    public static IReadOnlyList<SpecProperty> Properties(Type type) => Cache.GetOrAdd(type, static t =>
    {
        object defaults = Activator.CreateInstance(t)
            ?? throw new InvalidOperationException($"{t.Name} needs a public parameterless constructor.");
        return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new SpecProperty(p, defaults))
            .ToArray();
    });

    /// <summary>The scenario-file spelling of every value of an enum ("TwoTier" → "two_tier").</summary>
    public static IReadOnlyList<string> EnumNames(Type enumType) =>
        Enum.GetNames(enumType).Select(KeyOf).ToArray();

    /// <summary>The scenario-file spelling of one enum value.</summary>
    public static string EnumName(Enum value) => KeyOf(value.ToString());

    /// <summary>Whether <paramref name="type"/> is a specification object type (a class with keys).</summary>
    public static bool IsSpecObject(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace == typeof(SpecModel).Namespace && !type.IsAbstract;

    /// <summary>If <paramref name="type"/> is <c>List&lt;T&gt;</c>, T; otherwise null.</summary>
    public static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    /// <summary>If <paramref name="type"/> is <c>Dictionary&lt;string, T&gt;</c>, T; otherwise null.</summary>
    public static Type? MapValue(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1] : null;

    /// <summary>Formats a number in invariant round-trip form, with ∞ for infinities.</summary>
    public static string FormatNumber(double value) =>
        double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
