using System.Runtime.Intrinsics;
using PolySim.Core.Goods;
using PolySim.Core.Services;
using PolySim.Core.Simulation;

namespace PolySim.Core.Welfare;

/// <summary>
/// The planner's optimum for the same population (MODEL.md section 9, efficiency): levels chosen neighborhood by
/// neighborhood to maximize money-metric surplus W = Σ_h w_h·μ_h·Σ_g θ_hg·b(Q_hg) − production − consumer costs − damage,
/// with every spillover internalized, production at each good's least average cost AC(n*), no overhead, full need
/// targeting, and one region-wide facility network (facilities = max(1, round(P/facility scale))).
/// </summary>
/// <remarks>
/// Samuelson conditions per neighborhood i and good g. Log benefit, additive spillovers:
/// Σ_l A_l·K_li / Z_l = c_i with A_l = Σ_{h∈l} w·μ·θ and Z_l = Σ_k K_lk·q_k, solved by the multiplicative update
/// q_i ← q_i·(Σ_l A_l K_li/Z_l)/c_i (exact in one step without spillovers). Benefit-share: q_i = ((1 − s)A_i + sΣ_l A_l W_li)/c_i.
/// Quadratic: Gauss–Seidel on the linear conditions. Enforcement: e_i = ln(a_i·R_i·Σ_l D_l·Kb_li / c_i)/a_i.
/// </remarks>
public sealed class PlannerOptimum
{
    private PlannerOptimum(double surplus, double cost) { Surplus = surplus; Cost = cost; }

    /// <summary>Money-metric surplus W_P at the optimum, $.</summary>
    public double Surplus { get; }

    /// <summary>Production plus consumer cost at the optimum, $.</summary>
    public double Cost { get; }

    /// <summary>Solves the planner's problem for the year.</summary>
    /// <param name="state">Any structure's state: only its households, kernels and neighborhood totals are used.</param>
    /// <param name="year">The year's conditions.</param>
    /// <param name="moneyPerUtil">μ_h per household.</param>
    /// <param name="threads">Worker threads (0 = all cores); the result does not depend on it.</param>
    public static PlannerOptimum Solve(StructureState state, YearConditions year, double[] moneyPerUtil, int threads = 1)
    {
        var s = state;
        int N = s.N, G = s.G, B = s.B;
        var hh = s.Households;
        var pop = s.NeighborhoodPopulation;
        double totalPop = pop.Sum();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads };
        var (demand, curvature) = DemandSums(s, moneyPerUtil, options);
        var q = new double[N * G];
        var sources = (double[])year.BadSources.Clone();
        var reduction = new double[N * Math.Max(B, 1)];
        Array.Fill(reduction, 1.0);
        var damageWeight = new double[N * Math.Max(B, 1)]; // Σ_l D_l·Kb_li: money damage per unit of source at i
        for (int b = 0; b < B; b++)
        {
            var (kernel, damagePerUnit) = (s.BadKernels[b], s.Bads[b].DamagePerUnit);
            for (int i = 0; i < N; i++)
            {
                double sum = 0;
                for (int l = 0; l < N; l++)
                {
                    double k = l == i ? 1 : kernel.HasSpillover ? kernel[l, i] : 0;
                    sum += damagePerUnit * pop[l] * k;
                }
                damageWeight[i * B + b] = sum;
            }
        }

        double UnitCost(int g, int i) => s.Goods[g].Cost.MinimumCost * Math.Pow(pop[i], s.Goods[g].Rivalry);

        // Two passes: emitting goods see the enforcement of the previous pass.
        for (int pass = 0; pass < 2; pass++)
        {
            for (int g = 0; g < G; g++)
            {
                var good = s.Goods[g];
                // The second pass changes only the cost of goods that emit (the same inputs give the same levels).
                if (good.Reduces is not null || pass > 0 && good.EmitsBad is null) continue;
                var c = new double[N];
                for (int i = 0; i < N; i++)
                {
                    c[i] = UnitCost(g, i);
                    if (good.EmitsBad is { } bad)
                    {
                        int b = ServiceDelivery.IndexOfBad(s, bad);
                        c[i] += good.Emission * reduction[i * B + b] * damageWeight[i * B + b];
                    }
                }
                SolveGood(s, g, c, demand, curvature, q, options);
            }
            Array.Copy(year.BadSources, sources, sources.Length);
            for (int g = 0; g < G; g++)
                if (s.Goods[g].EmitsBad is { } bad)
                {
                    int b = ServiceDelivery.IndexOfBad(s, bad);
                    for (int i = 0; i < N; i++) sources[i * B + b] += s.Goods[g].Emission * q[i * G + g];
                }
            for (int g = 0; g < G; g++)
            {
                var good = s.Goods[g];
                if (good.Reduces is null) continue;
                int b = ServiceDelivery.IndexOfBad(s, good.Reduces);
                var bad = s.Bads[b];
                for (int i = 0; i < N; i++)
                {
                    double a = bad.Eta(pop[i]) * bad.Effectiveness;
                    double gain = a * sources[i * B + b] * damageWeight[i * B + b];
                    double e = a > 0 && gain > 0 ? Math.Log(gain / UnitCost(g, i)) / a : 0;
                    q[i * G + g] = Math.Max(0, e);
                    reduction[i * B + b] = Math.Exp(-a * q[i * G + g]);
                }
            }
        }

        // Evaluate W at the optimum.
        double production = 0, consumer = 0, damage = 0, benefits = 0;
        for (int g = 0; g < G; g++)
        {
            var good = s.Goods[g];
            for (int i = 0; i < N; i++) production += UnitCost(g, i) * q[i * G + g];
            double facilities = good.ConsumerCost.Facilities(totalPop);
            production += good.ConsumerCost.FacilityCost * facilities;
            if (good.ConsumerCost.TripsPerResident > 0)
                consumer += totalPop * (good.ConsumerCost.TravelCostPerResident(s.Scenario.Region.AreaKm2, facilities)
                    + good.ConsumerCost.WaitingCostPerResident(totalPop, facilities));
        }
        for (int b = 0; b < B; b++)
            for (int i = 0; i < N; i++)
                damage += sources[i * B + b] * reduction[i * B + b] * damageWeight[i * B + b];

        var service = Service(s, q);
        // Partial sums per neighborhood, added in neighborhood order: the same at any thread count.
        var partial = new double[N];
        var (theta, need, weight, regionNeedMean) = (hh.Theta, hh.Need, hh.Weight, s.RegionNeedMean);
        Parallel.For(0, N, options, l =>
        {
            // Without need targeting every household of l receives Q_lg itself: Σ_h w·μ·θ_hg·ln Q_lg = A_lg·ln Q_lg.
            double neighborhood = 0;
            Span<Utility.BenefitTerm> terms = stackalloc Utility.BenefitTerm[G];
            int count = 0;
            for (int g = 0; g < G; g++)
            {
                if (s.Goods[g].Reduces is not null) continue;
                if (Untargeted(s, g) && s.Goods[g].Benefit != BenefitForm.Quadratic)
                    neighborhood += demand[l * G + g] * Math.Log(Math.Max(service[l * G + g], ServiceFloor.Level));
                else   // Targeting(s, g, h) with the good's terms taken once
                    terms[count++] = new Utility.BenefitTerm(s.Goods[g], g, service[l * G + g], !Untargeted(s, g), s.Goods[g].NeedTargeting, regionNeedMean);
            }
            var used = terms[..count];
            int h = hh.Start[l], end = count > 0 ? hh.Start[l + 1] : h, lanes = Vector256<double>.Count;
            // Four households' sums at a time (lane by lane in the scalar order), added to the neighborhood's in household order.
            for (; h + lanes <= end; h += lanes)
            {
                var sum = Utility.SumOfFour(used, theta, need, h, G, regionNeedMean);
                for (int k = 0; k < lanes; k++) neighborhood += weight[h + k] * moneyPerUtil[h + k] * sum.GetElement(k);
            }
            for (; h < end; h++) neighborhood += weight[h] * moneyPerUtil[h] * Utility.Sum(used, theta, need, h, G, regionNeedMean);
            partial[l] = neighborhood;
        });
        foreach (double p in partial) benefits += p;
        return new PlannerOptimum(benefits - production - consumer - damage, production + consumer);
    }

    /// <summary>
    /// A_lg = Σ_{h∈l} w·μ·θ_hg (times f·cong for quadratic goods) and R_lg = Σ_{h∈l} w·μ·κ·(f·cong)² (quadratic goods), in
    /// one pass over the households, neighborhood by neighborhood (each sum in household order, so threads do not matter).
    /// </summary>
    private static (double[] A, double[] R) DemandSums(StructureState s, double[] moneyPerUtil, ParallelOptions options)
    {
        int N = s.N, G = s.G;
        var hh = s.Households;
        var a = new double[N * G];
        var r = new double[N * G];
        if (G % Vector256<double>.Count == 0 && Enumerable.Range(0, G).All(g => s.Goods[g].Benefit != BenefitForm.Quadratic))
        {
            LogDemandSums(s, moneyPerUtil, a, options);
            return (a, r);
        }
        Parallel.For(0, N, options, l =>
        {
            for (int h = hh.Start[l]; h < hh.Start[l + 1]; h++)
                for (int g = 0; g < G; g++)
                {
                    var good = s.Goods[g];
                    if (good.Reduces is not null) continue;
                    double wmu = hh.Weight[h] * moneyPerUtil[h] * Utility.Theta(hh, good, g, h, s.RegionNeedMean);
                    if (good.Benefit == BenefitForm.Quadratic)
                    {
                        double f = Targeting(s, g, h) * ServiceDelivery.Congestion(s, l, g);
                        a[l * G + g] += wmu * f;
                        r[l * G + g] += hh.Weight[h] * moneyPerUtil[h] * good.Curvature * f * f;
                    }
                    else a[l * G + g] += wmu;
                }
        });
        return (a, r);
    }

    /// <summary>
    /// <see cref="DemandSums"/> without quadratic goods: A_lg = Σ_h (w·μ)·θ_hg·(1 − n_g + n_g·need_h/n̄), four goods at a
    /// time per household (each sum still over households in order, with the scalar operations); goods that reduce a
    /// bad add +0.
    /// </summary>
    private static void LogDemandSums(StructureState s, double[] moneyPerUtil, double[] a, ParallelOptions options)
    {
        int G = s.G, lanes = Vector256<double>.Count;
        var hh = s.Households;
        var keep = new double[G];
        var sensitivity = new double[G];
        var counts = new double[G];
        for (int g = 0; g < G; g++)
        {
            keep[g] = 1 - s.Goods[g].NeedSensitivity;
            sensitivity[g] = s.Goods[g].NeedSensitivity;
            counts[g] = s.Goods[g].Reduces is null ? 1 : 0;
        }
        double needMean = s.RegionNeedMean;
        var (weight, need, theta) = (hh.Weight, hh.Need, hh.Theta);
        Parallel.For(0, s.N, options, l =>
        {
            // Eight goods (two vectors) per sweep over the neighborhood's households, their sums held in registers.
            for (int g = 0; g < G; g += 2 * lanes)
            {
                bool pair = g + lanes < G;
                var (keep0, sensitivity0, zero0) = Lane(keep, sensitivity, counts, g);
                var (keep1, sensitivity1, zero1) = pair ? Lane(keep, sensitivity, counts, g + lanes) : (keep0, sensitivity0, zero0);
                Vector256<double> sum0 = Vector256<double>.Zero, sum1 = sum0;
                for (int h = hh.Start[l], end = hh.Start[l + 1]; h < end; h++)
                {
                    var wmu = Vector256.Create(weight[h] * moneyPerUtil[h]);
                    var ratio = Vector256.Create(needMean > 0 ? need[h] / needMean : 1);
                    var row = theta.AsSpan(h * G + g);
                    sum0 += Vector256.ConditionalSelect(zero0, Vector256<double>.Zero, wmu * (Vector256.Create<double>(row) * (keep0 + sensitivity0 * ratio)));
                    if (pair)
                        sum1 += Vector256.ConditionalSelect(zero1, Vector256<double>.Zero, wmu * (Vector256.Create<double>(row[lanes..]) * (keep1 + sensitivity1 * ratio)));
                }
                sum0.CopyTo(a.AsSpan(l * G + g));
                if (pair) sum1.CopyTo(a.AsSpan(l * G + g + lanes));
            }
        });
    }

    /// <summary>Four goods' 1 − ν, ν, and which of them reduce a bad (add +0), from good <paramref name="g"/> on.</summary>
    private static (Vector256<double> Keep, Vector256<double> Sensitivity, Vector256<double> Zero) Lane(double[] keep, double[] sensitivity,
        double[] counts, int g) =>
        (Vector256.Create<double>(keep.AsSpan(g)), Vector256.Create<double>(sensitivity.AsSpan(g)),
            Vector256.Equals(Vector256.Create<double>(counts.AsSpan(g)), Vector256<double>.Zero));

    /// <summary>The planner's full need targeting f_h = 1 − t + t·n_h/n̄ over the region.</summary>
    private static double Targeting(StructureState s, int g, int h) =>
        Untargeted(s, g) ? 1 : 1 - s.Goods[g].NeedTargeting + s.Goods[g].NeedTargeting * s.Households.Need[h] / s.RegionNeedMean;

    /// <summary>Whether the planner's targeting factor of good g is 1 for everybody.</summary>
    private static bool Untargeted(StructureState s, int g) => s.Goods[g].NeedTargeting == 0 || s.RegionNeedMean <= 0;

    private static double[] Service(StructureState s, double[] q)
    {
        int N = s.N, G = s.G;
        var service = new double[N * G];
        var level = new double[N];
        var spread = new double[N];
        for (int g = 0; g < G; g++)
        {
            var k = s.GoodKernels[g];
            bool additive = s.Goods[g].Reduces is null && k.HasSpillover && k.Form == SpilloverForm.Additive;
            if (additive)
            {
                for (int m = 0; m < N; m++) level[m] = q[m * G + g];
                k.Apply(level, spread, 0, N);
            }
            for (int i = 0; i < N; i++)
            {
                if (s.Goods[g].Reduces is not null || !k.HasSpillover) { service[i * G + g] = q[i * G + g] * Congestion(s, g, i); continue; }
                double v = 0;
                if (additive) service[i * G + g] = spread[i] * Congestion(s, g, i);
                else
                {
                    v = (1 - k.Share) * Math.Log(Math.Max(q[i * G + g], ServiceFloor.Level));
                    for (int m = 0; m < N; m++) if (k[i, m] != 0) v += k.Share * k[i, m] * Math.Log(Math.Max(q[m * G + g], ServiceFloor.Level));
                    service[i * G + g] = Math.Exp(v);
                }
            }
        }
        return service;
    }

    private static double Congestion(StructureState s, int g, int i) =>
        s.Goods[g].Reduces is not null ? 1 : ServiceDelivery.Congestion(s, i, g);

    private const int ColumnBlock = 64;


    private static void SolveGood(StructureState s, int g, double[] c, double[] demand, double[] curvature, double[] q, ParallelOptions options)
    {
        int N = s.N, G = s.G;
        var good = s.Goods[g];
        var k = s.GoodKernels[g];
        var a = new double[N]; // Σ w·μ·θ·(f·cong for quadratic)
        var r = new double[N]; // Σ w·μ·κ·(f·cong)² for quadratic
        for (int l = 0; l < N; l++)
        {
            a[l] = demand[l * G + g];
            r[l] = curvature[l * G + g];
        }

        if (good.Benefit == BenefitForm.Quadratic)
        {
            // Gauss–Seidel on Σ_l K_li (a_l − r_l Z_l) = c_i.
            for (int sweep = 0; sweep < (k.HasSpillover ? 500 : 1); sweep++)
            {
                double change = 0;
                for (int i = 0; i < N; i++)
                {
                    double rhs = 0, diag = 0;
                    for (int l = 0; l < N; l++)
                    {
                        double kli = l == i ? 1 : k.HasSpillover ? k[l, i] : 0;
                        if (kli == 0) continue;
                        double zOther = 0;
                        if (k.HasSpillover) for (int m = 0; m < N; m++) if (m != i) zOther += k[l, m] * q[m * G + g];
                        rhs += kli * (a[l] - r[l] * zOther);
                        diag += kli * kli * r[l];
                    }
                    double next = diag > 0 ? Math.Max(0, (rhs - c[i]) / diag) : 0;
                    change = Math.Max(change, Math.Abs(next - q[i * G + g]) / Math.Max(Math.Abs(next), 1e-12));
                    q[i * G + g] = next;
                }
                if (change < 1e-12) break;
            }
            return;
        }

        if (k.Form == SpilloverForm.BenefitShare && k.HasSpillover)
        {
            for (int i = 0; i < N; i++)
            {
                double inflow = 0;
                for (int l = 0; l < N; l++) inflow += a[l] * k[l, i];
                q[i * G + g] = ((1 - k.Share) * a[i] + k.Share * inflow) / c[i];
            }
            return;
        }

        for (int i = 0; i < N; i++) q[i * G + g] = a[i] / c[i];
        if (!k.HasSpillover) return;
        var z = new double[N];
        var ratio = new double[N];
        var level = new double[N];
        var changes = new double[N];   // the marginal benefit of each neighborhood's level, then its relative change
        int blocks = (N + ColumnBlock - 1) / ColumnBlock;
        for (int iter = 0; iter < 2000; iter++)
        {
            for (int m = 0; m < N; m++) level[m] = q[m * G + g];
            // Jacobi: z = K·q from the previous iterate (in blocks of rows), then every q_i from z.
            Parallel.For(0, blocks, options, b =>
            {
                int from = b * ColumnBlock, to = Math.Min(N, from + ColumnBlock);
                k.Apply(level, z.AsSpan(from, to - from), from, to);
            });
            // marginal_i = Σ_l K_li·a_l/z_l: the ratios once per neighborhood, then Kᵀ·ratio in fixed blocks of i (summed
            // over l in order, so the result does not depend on the thread count).
            for (int l = 0; l < N; l++) ratio[l] = a[l] / Math.Max(z[l], ServiceFloor.Level);
            Parallel.For(0, blocks, options, b =>
            {
                int from = b * ColumnBlock, to = Math.Min(N, from + ColumnBlock);
                k.ApplyTransposed(ratio, changes.AsSpan(from, to - from), from, to);
                for (int i = from; i < to; i++)
                {
                    double next = q[i * G + g] * changes[i] / c[i];
                    changes[i] = Math.Abs(next - q[i * G + g]) / Math.Max(next, 1e-300);
                    q[i * G + g] = next;
                }
            });
            double change = 0;
            foreach (double x in changes) change = Math.Max(change, x);
            if (change < 1e-10) break;
        }
    }
}
