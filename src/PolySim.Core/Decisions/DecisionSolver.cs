using MathNet.Numerics.RootFinding;
using PolySim.Core.Finance;
using PolySim.Core.Services;
using PolySim.Core.Simulation;

namespace PolySim.Core.Decisions;

/// <summary>
/// Decisions (MODEL.md section 5): every jurisdiction chooses a level for each good it provides by its rule, given
/// the tax price each resident pays; levels, spillovers, budgets and rates are solved jointly to a fixed point.
/// </summary>
/// <remarks>
/// Damped Jacobi iteration over jurisdictions (each takes the others' levels as given, i.e. a Nash equilibrium
/// between jurisdictions): q ← q + ω(q_new − q); ω halves whenever the residual max|q_new − q|/max(|q|, |q_new|)
/// does not shrink (a Nash game between neighbors with strong spillovers otherwise cycles). Stops at the scenario's tolerance or its iteration cap; non-convergence is reported, not hidden.
/// Jacobi order makes each jurisdiction's update independent of the others', so results do not depend on threads.
/// </remarks>
public static class DecisionSolver
{
    /// <summary>Solves the year's levels; leaves budgets, services and household accounts evaluated at them.</summary>
    public static SolverReport Solve(StructureState s, YearConditions year, int threads)
    {
        var settings = s.Scenario.Decisions;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads };
        if (year.Index == 0) InitialGuess(s);
        Equalization.Apply(s, year);
        Redistribution.Decide(s, year);
        Welfare.PolicyDistance.Decide(s);
        Secession.MitigationObligation.Apply(s, year);
        double startOmega = InitialDamping(s), omega = startOmega, previous = double.PositiveInfinity, residual = double.PositiveInfinity;
        int iteration = 0, worst = -1;
        var zeroStreak = new int[s.Level.Length];
        bool converged = false;
        while (iteration < settings.MaxIterations)
        {
            iteration++;
            Evaluate(s, year, threads);
            Parallel.For(0, s.J, options, j => Decide(s, j, measure: false, options));
            (residual, worst) = Residual(s);
            if (residual <= settings.Tolerance)
            {
                converged = true;
                break;
            }
            if (residual >= previous) omega = Math.Max(omega / 2, 1.0 / 64);
            else omega = Math.Min(startOmega, omega * 1.25);
            previous = residual;
            for (int k = 0; k < s.Level.Length; k++)
            {
                // A jurisdiction whose best response is zero twice in a row is at a corner (it free-rides on
                // spillovers): snap it there, since damping would only let it creep toward zero geometrically.
                zeroStreak[k] = s.NewLevel[k] == 0 ? zeroStreak[k] + 1 : 0;
                s.Level[k] = zeroStreak[k] >= 2 ? 0 : s.Level[k] + omega * (s.NewLevel[k] - s.Level[k]);
            }
            for (int k = 0; k < s.LocalOffset.Length; k++) s.LocalOffset[k] += omega * (s.NewLocalOffset[k] - s.LocalOffset[k]);
        }
        Evaluate(s, year, threads);
        Array.Clear(s.GapSum);
        Array.Clear(s.GapWeight);
        Parallel.For(0, s.J, options, j => Decide(s, j, measure: true, options));
        return new SolverReport(year.Year, iteration, converged, residual,
            worst >= 0 ? s.Map.Jurisdictions[worst / s.G].Id : null, worst >= 0 ? s.Goods[worst % s.G].Id : null);
    }

    /// <summary>
    /// ω₀ = 1/(1 + ρ), ρ = max_i (outside spillover weight / own weight): for linear best responses q_j = a − ρ·q_others
    /// this damping reaches the symmetric Nash equilibrium in one step, and Jacobi needs ω &lt; 2/(1 + ρ) to converge at all.
    /// </summary>
    private static double InitialDamping(StructureState s)
    {
        double rho = 0;
        for (int g = 0; g < s.G; g++)
        {
            var k = s.GoodKernels[g];
            if (!k.HasSpillover || k.Form != PolySim.Core.Goods.SpilloverForm.Additive || s.Goods[g].Reduces is not null) continue;
            for (int i = 0; i < s.N; i++)
            {
                double m = s.OwnMultiplier[i * s.G + g], total = 0;
                foreach (double w in k.Row(i)) total += w;
                if (m > 0) rho = Math.Max(rho, (total - m) / m);
            }
        }
        return 1 / (1 + rho);
    }

    private static void Evaluate(StructureState s, YearConditions year, int threads)
    {
        ServiceDelivery.Evaluate(s, year);
        PublicAccounts.Evaluate(s, year, threads);
    }

    private static void InitialGuess(StructureState s)
    {
        for (int j = 0; j < s.J; j++)
            for (int g = 0; g < s.G; g++)
                s.Level[j * s.G + g] = s.Map.Jurisdictions[j].Provides[g] && s.Goods[g].Reduces is null ? 1 : 0;
    }

    /// <summary>
    /// Largest change of any level relative to max(|old|, |new|, 1e-6 × the largest level of that good), so that a level
    /// settling at zero can converge.
    /// </summary>
    private static (double Residual, int Worst) Residual(StructureState s)
    {
        double r = 0;
        int worst = -1;
        for (int g = 0; g < s.G; g++)
        {
            double scale = 0;
            for (int j = 0; j < s.J; j++)
                if (s.Map.Jurisdictions[j].Provides[g]) scale = Math.Max(scale, Math.Max(Math.Abs(s.Level[j * s.G + g]), Math.Abs(s.NewLevel[j * s.G + g])));
            double floor = Math.Max(1e-6 * scale, 1e-12);
            for (int j = 0; j < s.J; j++)
            {
                if (!s.Map.Jurisdictions[j].Provides[g]) continue;
                int k = j * s.G + g;
                double change = Math.Abs(s.NewLevel[k] - s.Level[k]) / Math.Max(Math.Max(Math.Abs(s.Level[k]), Math.Abs(s.NewLevel[k])), floor);
                if (change > r) { r = change; worst = k; }
            }
        }
        for (int k = 0; k < s.LocalOffset.Length; k++)
        {
            int g = k % s.G;
            double level = s.Level[s.Map.Provider(k / s.G, g) * s.G + g];
            double change = Math.Abs(s.NewLocalOffset[k] - s.LocalOffset[k]) / Math.Max(Math.Abs(level), 1e-9);
            if (change > r) { r = change; worst = s.Map.Provider(k / s.G, g) * s.G + g; }
        }
        return (r, worst);
    }

    /// <summary>One jurisdiction's choice of every good it provides (or, when measuring, the gaps to residents' ideals).</summary>
    private static void Decide(StructureState s, int j, bool measure, ParallelOptions options)
    {
        var jur = s.Map.Jurisdictions[j];
        var hh = s.Households;
        int tier = s.TierIndex.IndexOf(jur.Tier), offset = s.ScratchOffset[j];
        var valuesByGood = s.ScratchValues[tier];
        var baseWeights = s.ScratchBaseWeights[tier];
        var weights = s.ScratchWeights[tier];
        var rule = jur.Rule;
        var bureaucracy = s.Map.Structure.Bureaucracy;

        // Scratch layout: districts in order, their member neighborhoods in order, then households.
        var districtEnds = new int[jur.Districts.Count];
        var spans = new List<(int Neighborhood, int Start, int End)>();
        int pos = offset;
        for (int d = 0; d < jur.Districts.Count; d++)
        {
            foreach (int i in jur.Districts[d])
            {
                int count = hh.Start[i + 1] - hh.Start[i];
                spans.Add((i, pos, pos + count));
                pos += count;
            }
            districtEnds[d] = pos;
        }
        if (pos == offset) return;
        int total = pos - offset;
        var goods = Enumerable.Range(0, s.G).Where(g => jur.Provides[g]).ToArray();
        if (goods.Length == 0) return;
        var contexts = goods.Select(g => MarginContext.Create(s, j, g)).ToArray();
        bool niskanen = bureaucracy.NiskanenSlack > 0 && rule.Kind != DecisionRuleKind.DirectDemocracy && !measure;
        var demand = niskanen ? new double[2 * goods.Length * spans.Count] : null;

        // One household-major pass computes every good's ideal point while the household's data is in cache.
        Parallel.For(0, spans.Count, options, k =>
        {
            var (i, start, _) = spans[k];
            Span<NeighborhoodTerms> local = stackalloc NeighborhoodTerms[goods.Length];
            for (int x = 0; x < goods.Length; x++) local[x] = NeighborhoodTerms.Of(contexts[x], s, i);
            for (int h = hh.Start[i], p = start; h < hh.Start[i + 1]; h++, p++)
            {
                baseWeights[p] = hh.Weight[h] * hh.Persons[h];
                var own = HouseholdTerms.Of(s, h);
                int row = h * s.G;
                for (int x = 0; x < goods.Length; x++)
                {
                    var margin = HouseholdMargin.Of(contexts[x], local[x], own, hh.Theta[row + goods[x]]);
                    valuesByGood[goods[x]][p] = margin.Ideal();
                    if (demand is null) continue;
                    int slot = 2 * (x * spans.Count + k);
                    demand[slot] += hh.Weight[h] * margin.MarginalCost;
                    demand[slot + 1] += hh.Weight[h] * margin.WillingnessToPaySlope(contexts[x].Current);
                }
            }
        });

        for (int x = 0; x < goods.Length; x++)
        {
            int g = goods[x];
            var values = valuesByGood[g];
            if (measure)
            {
                foreach (var (i, start, end) in spans)
                {
                    double delivered = s.Local[i * s.G + g];
                    for (int k = start; k < end; k++)
                    {
                        double ideal = values[k], scale = Math.Max(ideal, delivered);
                        s.GapSum[j] += baseWeights[k] * (scale > 0 ? Math.Abs(delivered - ideal) / scale : 0);
                        s.GapWeight[j] += baseWeights[k];
                    }
                }
                continue;
            }
            Array.Copy(baseWeights, offset, weights, offset, total);

            // Neighborhood councils' own medians first: selection reorders values only inside each span.
            if (jur.NeighborhoodDiscretion > 0)
                foreach (var (i, start, end) in spans)
                    s.NewLocalOffset[i * s.G + g] = end > start
                        ? WeightedMedian.Select(values.AsSpan(start, end - start), weights.AsSpan(start, end - start))
                        : 0;

            double q = rule.Kind switch
            {
                DecisionRuleKind.DirectDemocracy => WeightedMedian.Select(values.AsSpan(offset, total), weights.AsSpan(offset, total)),
                DecisionRuleKind.Planner => PlannerLevel(s, j, g, rule.OrganizedWeight ?? 0, spans, options),
                _ => CouncilLevel(s, j, g, values, weights, offset, districtEnds, spans, options),
            };
            if (rule.Kind != DecisionRuleKind.DirectDemocracy)
            {
                if (demand is not null) q += bureaucracy.NiskanenSlack * (NiskanenLevel(q, demand, x, spans.Count) - q);
                if (rule.ParticipatoryShare > 0)
                    q = (1 - rule.ParticipatoryShare) * q
                        + rule.ParticipatoryShare * WeightedMedian.Select(values.AsSpan(offset, total), weights.AsSpan(offset, total));
            }
            q = Math.Max(0, q);
            s.NewLevel[j * s.G + g] = q;
            if (jur.NeighborhoodDiscretion > 0)
                foreach (var (i, _, _) in spans)
                    s.NewLocalOffset[i * s.G + g] = jur.NeighborhoodDiscretion * (s.NewLocalOffset[i * s.G + g] - q);
        }
    }

    /// <summary>Council: each district elects its median; the council takes the median representative; then capture.</summary>
    private static double CouncilLevel(StructureState s, int j, int g, double[] values, double[] weights, int offset, int[] districtEnds,
        List<(int Neighborhood, int Start, int End)> spans, ParallelOptions options)
    {
        var rule = s.Map.Jurisdictions[j].Rule;
        double lambda = s.Capture[j];
        if (rule.Capture == CaptureModel.WeightedWelfare) return PlannerLevel(s, j, g, rule.OrganizedWeight ?? lambda, spans, options);

        var reps = new double[districtEnds.Length];
        var seatWeights = new double[districtEnds.Length];
        // Districts occupy disjoint spans of the scratch arrays, so their medians can be selected in parallel.
        Parallel.For(0, districtEnds.Length, options, d =>
        {
            int start = d == 0 ? offset : districtEnds[d - 1], end = districtEnds[d];
            reps[d] = end > start ? WeightedMedian.Select(values.AsSpan(start, end - start), weights.AsSpan(start, end - start)) : 0;
            seatWeights[d] = end > start ? 1 : 0;
        });
        double representative = WeightedMedian.Select(reps, seatWeights);
        var good = s.Goods[g];
        double lobby = representative * s.Scenario.Decisions.Lobby.LevelMultiplier(good.CapitalIntensity, good.NeedSensitivity);
        return (1 - lambda) * representative + lambda * lobby;
    }

    /// <summary>
    /// Σ_h ω_h (WTP_h(q) − τ_h) over the jurisdiction's households; ω_h = weight·(1 + extra if organized). Partial sums per
    /// neighborhood are added in a fixed order, so the result does not depend on threads.
    /// </summary>
    private static double NetMarginalBenefit(StructureState s, int j, int g, double organizedExtra, double q,
        List<(int Neighborhood, int Start, int End)> spans, ParallelOptions options, out double marginalCost)
    {
        var hh = s.Households;
        var context = MarginContext.Create(s, j, g);
        var partial = new double[2 * spans.Count];
        Parallel.For(0, spans.Count, options, k =>
        {
            int i = spans[k].Neighborhood;
            double sum = 0, cost = 0;
            for (int h = hh.Start[i]; h < hh.Start[i + 1]; h++)
            {
                var margin = HouseholdMargin.Of(context, s, h);
                double w = hh.Weight[h] * (hh.Organized[h] ? 1 + organizedExtra : 1);
                sum += w * margin.WillingnessToPay(q);
                cost += w * margin.MarginalCost;
            }
            partial[2 * k] = sum;
            partial[2 * k + 1] = cost;
        });
        double benefit = 0;
        marginalCost = 0;
        for (int k = 0; k < spans.Count; k++) { benefit += partial[2 * k]; marginalCost += partial[2 * k + 1]; }
        return benefit - marginalCost;
    }

    /// <summary>
    /// Samuelson level: Σ ω·WTP(q) = Σ ω·τ, found with Brent's method on a bracket grown by doubling.
    /// </summary>
    private static double PlannerLevel(StructureState s, int j, int g, double organizedExtra,
        List<(int Neighborhood, int Start, int End)> spans, ParallelOptions options)
    {
        double F(double q) => NetMarginalBenefit(s, j, g, organizedExtra, q, spans, options, out _);
        double lo = 0, hi = Math.Max(1, 2 * s.Level[j * s.G + g]);
        if (F(ServiceFloor.Level) <= 0) return 0;
        int doublings = 0;
        while (F(hi) > 0 && doublings++ < 200) { lo = hi; hi *= 2; }
        return Brent.TryFindRoot(F, lo, hi, 1e-12 * hi, 200, out double root) ? root : Bisection.FindRoot(F, lo, hi, 1e-12 * hi, 400);
    }

    /// <summary>
    /// Niskanen's budget-maximizing level (B7) for the sponsor's demand linearized at the current level: Σ_h τ_h and
    /// Σ_h dWTP_h/dq come from the same pass over households as the ideal points (partials summed in a fixed order).
    /// Exact for linear demand; for other demands the linearization point is the fixed point's own level.
    /// </summary>
    private static double NiskanenLevel(double q, double[] demand, int good, int spans)
    {
        double cost = 0, slope = 0;
        for (int k = 0; k < spans; k++) { cost += demand[2 * (good * spans + k)]; slope += demand[2 * (good * spans + k) + 1]; }
        return Bureaucracy.NiskanenOutput(q, cost, -slope);
    }
}
