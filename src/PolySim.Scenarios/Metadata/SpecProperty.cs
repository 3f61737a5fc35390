using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace PolySim.Scenarios;

/// <summary>
/// One key of the scenario format, described by the attributes on a specification property: its snake_case key,
/// meaning, valid range, whether it is required, what it refers to and its default. The loader, the JSON Schema and
/// the reference documentation are all generated from these, so they cannot disagree.
/// </summary>
public sealed class SpecProperty
{
    internal SpecProperty(PropertyInfo info, object defaults)
    {
        Info = info;
        Key = SpecModel.KeyOf(info.Name);
        Description = info.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
        Range = info.GetCustomAttribute<RangeAttribute>();
        Required = info.GetCustomAttribute<RequiredAttribute>() is not null;
        References = info.GetCustomAttribute<ReferencesAttribute>()?.Kind;
        AllowInfinity = info.GetCustomAttribute<AllowInfinityAttribute>() is not null;
        DerivedDefault = info.GetCustomAttribute<DerivedDefaultAttribute>()?.Text;
        DefaultValue = info.GetValue(defaults);
    }

    /// <summary>The CLR property.</summary>
    public PropertyInfo Info { get; }

    /// <summary>The key as written in scenario files (snake_case).</summary>
    public string Key { get; }

    /// <summary>What the key means.</summary>
    public string Description { get; }

    /// <summary>Valid range of the number (or of each number in a list or map), or null.</summary>
    public RangeAttribute? Range { get; }

    /// <summary>Whether the key must be present.</summary>
    public bool Required { get; }

    /// <summary>The kind of id the value (or each map key) must name, or null.</summary>
    public IdKind? References { get; }

    /// <summary>Whether positive infinity is accepted.</summary>
    public bool AllowInfinity { get; }

    /// <summary>How the default is computed when it depends on other values, or null.</summary>
    public string? DerivedDefault { get; }

    /// <summary>The value a freshly constructed specification object has (the default), or null.</summary>
    public object? DefaultValue { get; }

    /// <summary>The property type.</summary>
    public Type Type => Info.PropertyType;

    /// <summary>The lower bound as a double (−∞ if none).</summary>
    public double Minimum => Range is null ? double.NegativeInfinity : Convert.ToDouble(Range.Minimum, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The upper bound as a double (+∞ if none).</summary>
    public double Maximum => Range is null ? double.PositiveInfinity : Convert.ToDouble(Range.Maximum, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="value"/> lies in <see cref="Range"/>.</summary>
    public bool InRange(double value)
    {
        if (Range is null) return true;
        bool lowOk = Range.MinimumIsExclusive ? value > Minimum : value >= Minimum;
        bool highOk = Range.MaximumIsExclusive ? value < Maximum : value <= Maximum;
        return lowOk && highOk;
    }

    /// <summary>The valid range in words, e.g. "[0, 1]", "> 0", ">= 1"; empty if unbounded.</summary>
    public string RangeText
    {
        get
        {
            if (Range is null) return "";
            bool hasMin = !double.IsNegativeInfinity(Minimum), hasMax = !double.IsPositiveInfinity(Maximum);
            string lo = SpecModel.FormatNumber(Minimum), hi = SpecModel.FormatNumber(Maximum);
            if (hasMin && hasMax)
                return $"{(Range.MinimumIsExclusive ? "(" : "[")}{lo}, {hi}{(Range.MaximumIsExclusive ? ")" : "]")}";
            if (hasMin) return $"{(Range.MinimumIsExclusive ? ">" : ">=")} {lo}";
            if (hasMax) return $"{(Range.MaximumIsExclusive ? "<" : "<=")} {hi}";
            return "";
        }
    }
}
