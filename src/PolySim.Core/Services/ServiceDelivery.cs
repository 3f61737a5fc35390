using PolySim.Core.Goods;
using PolySim.Core.Simulation;

namespace PolySim.Core.Services;

/// <summary>
/// Production and spillovers (MODEL.md sections 3 and 8): from the chosen levels to the service each neighborhood
/// receives and the exposure to public bads it suffers.
/// </summary>
/// <remarks>
/// Additive goods: Q_i = cong_i·Σ_k K_ik·q_k with K_ii = 1, K_ik = s·e^(−d/λ) and cong_i = (pop_i/1000)^(−congestion).
/// Benefit-share goods: ln Q_i = (1 − s)·ln q_i + s·Σ_k W_ik·ln q_k (Besley &amp; Coate 2003, section 2).
/// Bads: remaining source R_k = (S_k + Σ_g ε_g q_kg)·Π_e exp(−η(n_j)·κ·e_k) with η(n) = 1/(1 + (n/n0)^β);
/// exposure E_i = Σ_k Kb_ik·R_k.
/// </remarks>
public static class ServiceDelivery
{
    /// <summary>Computes the structure-fixed multipliers m_i (how much a provider's uniform level reaches i).</summary>
    /// <remarks>
    /// An emitting good (a noxious activity, B2c) benefits only the neighborhood where it takes place
    /// (<see cref="Evaluate"/> delivers Q_i = q_i), so m_i = 1. Leaving it at 0, as an earlier version did, gave every
    /// resident a zero marginal benefit, so no rule ever chose a positive level of an emitting activity.
    /// </remarks>
    public static void Prepare(StructureState s)
    {
        for (int g = 0; g < s.G; g++)
        {
            var good = s.Goods[g];
            if (good.Reduces is not null) continue;
            if (good.EmitsBad is not null)
            {
                for (int i = 0; i < s.N; i++) s.OwnMultiplier[i * s.G + g] = 1;
                continue;
            }
            var k = s.GoodKernels[g];
            for (int i = 0; i < s.N; i++)
            {
                var members = s.Map.Jurisdictions[s.Map.Provider(i, g)].Members;
                double m = 0;
                if (k.Form == SpilloverForm.Additive)
                {
                    if (!k.HasSpillover) m = 1;
                    else foreach (int n in members) m += k[i, n];
                }
                else
                {
                    double inside = 0;
                    foreach (int n in members) if (n != i) inside += k[i, n];
                    m = (1 - k.Share) + k.Share * inside;
                }
                s.OwnMultiplier[i * s.G + g] = m;
            }
        }
    }

    /// <summary>Congestion factor of good g in neighborhood i.</summary>
    public static double Congestion(StructureState s, int i, int g) => s.CongestionFactor[i * s.G + g];

    /// <summary>Recomputes delivered levels, bads and effective service from the current levels.</summary>
    public static void Evaluate(StructureState s, YearConditions year)
    {
        int N = s.N, G = s.G, B = s.B;
        // One good's or bad's levels across neighborhoods, and the kernel applied to them.
        var column = new double[N];
        var spread = new double[N];
        for (int i = 0; i < N; i++)
            for (int g = 0; g < G; g++)
                s.Local[i * G + g] = Math.Max(0, s.Level[s.Map.Provider(i, g) * G + g] + s.LocalOffset[i * G + g]);

        for (int b = 0; b < B; b++)
        {
            var bad = s.Bads[b];
            for (int i = 0; i < N; i++)
            {
                double source = year.BadSources[i * B + b], logReduction = 0;
                for (int g = 0; g < G; g++)
                {
                    var good = s.Goods[g];
                    if (good.EmitsBad == bad.Id) source += good.Emission * s.Local[i * G + g];
                    if (good.Reduces == bad.Id)
                        logReduction -= bad.Eta(s.Population[s.Map.Provider(i, g)]) * bad.Effectiveness * s.Local[i * G + g];
                }
                s.Remaining[i * B + b] = source * Math.Exp(logReduction);
            }
            var kb = s.BadKernels[b];
            if (kb.HasSpillover)
            {
                for (int k = 0; k < N; k++) column[k] = s.Remaining[k * B + b];
                kb.Apply(column, spread, 0, N);
            }
            for (int i = 0; i < N; i++) s.Exposure[i * B + b] = kb.HasSpillover ? spread[i] : s.Remaining[i * B + b];
        }

        for (int g = 0; g < G; g++)
        {
            var good = s.Goods[g];
            var kernel = s.GoodKernels[g];
            if (good.Reduces is not null || good.EmitsBad is not null)
            {
                int b = IndexOfBad(s, good.Reduces ?? good.EmitsBad!);
                var kb = s.BadKernels[b];
                for (int i = 0; i < N; i++)
                {
                    s.Service[i * G + g] = s.Local[i * G + g];
                    // Enforcement: exposure at i from sources the provider enforces; emission: Σ_{k∈j} Kb_ik·r_k.
                    double reach = 0;
                    foreach (int k in s.Map.Jurisdictions[s.Map.Provider(i, g)].Members)
                    {
                        double w = i == k ? 1 : kb.HasSpillover ? kb[i, k] : 0;
                        if (w == 0) continue;
                        double remaining = s.Remaining[k * B + b];
                        if (good.Reduces is not null) reach += w * remaining;
                        else
                        {
                            double source = year.BadSources[k * B + b];
                            for (int e = 0; e < G; e++)
                                if (s.Goods[e].EmitsBad == good.EmitsBad) source += s.Goods[e].Emission * s.Local[k * G + e];
                            reach += w * (source > 0 ? remaining / source : 1);
                        }
                    }
                    s.EnforcementReach[i * G + g] = reach;
                }
            }
            else if (kernel.Form == SpilloverForm.Additive)
            {
                if (kernel.HasSpillover)
                {
                    for (int k = 0; k < N; k++) column[k] = s.Local[k * G + g];
                    kernel.Apply(column, spread, 0, N);
                }
                for (int i = 0; i < N; i++) s.Service[i * G + g] = (kernel.HasSpillover ? spread[i] : s.Local[i * G + g]) * Congestion(s, i, g);
            }
            else
            {
                for (int i = 0; i < N; i++)
                {
                    double lnQ = (1 - kernel.Share) * Math.Log(Math.Max(s.Local[i * G + g], ServiceFloor.Level));
                    var row = kernel.Row(i);
                    for (int k = 0; k < N; k++)
                        if (row[k] != 0) lnQ += kernel.Share * row[k] * Math.Log(Math.Max(s.Local[k * G + g], ServiceFloor.Level));
                    s.Service[i * G + g] = Math.Exp(lnQ);
                }
            }
        }
    }

    /// <summary>Index of a bad by id.</summary>
    public static int IndexOfBad(StructureState s, string id)
    {
        for (int b = 0; b < s.B; b++) if (s.Bads[b].Id == id) return b;
        throw new InvalidOperationException($"Unknown bad '{id}'.");
    }
}
