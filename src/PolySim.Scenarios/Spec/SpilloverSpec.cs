using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using PolySim.Core.Goods;

namespace PolySim.Scenarios;

/// <summary>Spillover of a good or bad across neighborhoods with distance decay.</summary>
[Description("Spillover across neighborhoods with distance decay exp(-d / decay_km).")]
public sealed class SpilloverSpec
{
    [Description("additive: Q_i = q_i + sum_k share * exp(-d/decay) * q_k; benefit_share (goods with log benefit and no congestion only): a share of the benefit comes from others' levels, weights summing to 1.")]
    public SpilloverForm Form { get; set; } = SpilloverForm.Additive;

    [Range(0.0, 1.0), Description("s: share reaching outsiders (0 = no spillover).")]
    public double Share { get; set; }

    [Range(0.0, double.PositiveInfinity, MinimumIsExclusive = true), AllowInfinity,
     JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals),
     Description("lambda: decay length, km; .inf = no decay.")]
    public double DecayKm { get; set; } = 5;
}
