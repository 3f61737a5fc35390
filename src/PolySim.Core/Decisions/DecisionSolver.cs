using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
/// Jacobi iteration over jurisdictions (each takes the others' levels as given, i.e. a Nash equilibrium between
/// jurisdictions) with Anderson acceleration (<see cref="AndersonMixing"/>) on the vector of levels and local offsets,
/// each scaled by its own magnitude; the mixing parameter β = ω starts at ω₀ (<see cref="InitialDamping"/>) and halves
/// whenever the residual max|q_new − q|/max(|q|, |q_new|) does not shrink, which also clears the acceleration history
/// (a Nash game between neighbors with strong spillovers otherwise cycles). Stops at the scenario's tolerance or its
/// iteration cap; non-convergence is reported, not hidden. Each year starts from the straight-line extrapolation of
/// the two previous years' solutions. Per iteration, the ideal points come from <see cref="IdealPoints"/> and each
/// median from a bracket around the electorate's previous median (<see cref="MedianMemory"/>); once converged, the
/// congruence gaps are measured on the last iteration's ideal points, which were computed at exactly the levels kept.
/// Jacobi order makes each jurisdiction's update independent of the others', and the mixing is serial, so results do
/// not depend on threads.
/// </remarks>
public static class DecisionSolver
{
    private const int AndersonDepth = 5;
    private static readonly ConditionalWeakTable<StructureState, Workspace> Workspaces = new();

    /// <summary>Solves the year's levels; leaves budgets, services and household accounts evaluated at them.</summary>
    public static SolverReport Solve(StructureState s, YearConditions year, int threads)
    {
        var settings = s.Scenario.Decisions;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? -1 : threads };
        var ws = Workspaces.GetValue(s, state => new Workspace(state));
        ws.Prepare(s);
        if (year.Index == 0) InitialGuess(s);
        else ws.Extrapolate(s, year.Index);
        Equalization.Apply(s, year);
        Redistribution.Decide(s, year);
        Welfare.PolicyDistance.Decide(s);
        Secession.MitigationObligation.Apply(s, year);
        Secession.AppropriationsLimit.Apply(s, year);
        double startOmega = InitialDamping(s), omega = startOmega, previous = double.PositiveInfinity, residual = double.PositiveInfinity;
        int iteration = 0, worst = -1, levels = s.Level.Length;
        var zeroStreak = new int[levels];
        var x = new double[levels + s.LocalOffset.Length];
        var g = new double[x.Length];
        var next = new double[x.Length];
        double[]? scale = null;
        var anderson = new AndersonMixing(AndersonDepth);
        bool converged = false, derive = !settings.Plain && CanDeriveConsumption(s);
        while (iteration < settings.MaxIterations)
        {
            iteration++;
            // Income, taxable amounts and housing stay fixed through the year's iterations: written by the first only.
            // After it, where consumption follows from those and the rates alone, the ideal-point pass derives it in
            // registers and no household column is written until the levels are final.
            var columns = iteration == 1 ? PublicAccounts.HouseholdColumns.All
                : derive ? PublicAccounts.HouseholdColumns.None : PublicAccounts.HouseholdColumns.Budget;
            Evaluate(s, year, threads, columns);
            var pass = iteration == 1 ? IdealPoints.Pass.Full
                : IdealPoints.Pass.KeepWeights | (derive ? IdealPoints.Pass.DeriveConsumption : IdealPoints.Pass.Full);
            Parallel.For(0, s.J, options, j => Decide(s, ws, j, choose: true, options, pass));
            (residual, worst) = Residual(s);
            if (residual <= settings.Tolerance)
            {
                converged = true;
                break;
            }
            if (residual >= previous)
            {
                omega = Math.Max(omega / 2, 1.0 / 64);
                anderson.Reset();
            }
            else omega = Math.Min(startOmega, omega * 1.25);
            previous = residual;
            scale ??= Scale(s);
            for (int k = 0; k < levels; k++)
            {
                x[k] = s.Level[k] / scale[k];
                g[k] = (s.NewLevel[k] - s.Level[k]) / scale[k];
            }
            for (int k = 0; k < s.LocalOffset.Length; k++)
            {
                x[levels + k] = s.LocalOffset[k] / scale[levels + k];
                g[levels + k] = (s.NewLocalOffset[k] - s.LocalOffset[k]) / scale[levels + k];
            }
            anderson.Step(x, g, omega, next);
            for (int k = 0; k < levels; k++)
            {
                // A jurisdiction whose best response is zero twice in a row is at a corner (it free-rides on
                // spillovers): snap it there, since damping would only let it creep toward zero geometrically.
                zeroStreak[k] = s.NewLevel[k] == 0 ? zeroStreak[k] + 1 : 0;
                s.Level[k] = zeroStreak[k] >= 2 ? 0 : Math.Max(0, next[k] * scale[k]);
            }
            for (int k = 0; k < s.LocalOffset.Length; k++) s.LocalOffset[k] = next[levels + k] * scale[levels + k];
        }
        ws.LegislatureCurrent = converged;
        if (!converged)
        {
            // The last update moved the levels: evaluate them and recompute the ideal points there.
            Evaluate(s, year, threads, PublicAccounts.HouseholdColumns.All);
            Parallel.For(0, s.J, options, j => Decide(s, ws, j, choose: false, options, IdealPoints.Pass.KeepWeights));
        }
        else if (iteration > 1)
            Evaluate(s, year, threads, derive ? PublicAccounts.HouseholdColumns.Costs | PublicAccounts.HouseholdColumns.Budget : PublicAccounts.HouseholdColumns.Costs);
        // Otherwise the last iteration's ideal points were computed at exactly the levels kept.
        ws.Remember(s, year.Index);
        Array.Clear(s.GapSum);
        Array.Clear(s.GapWeight);
        Parallel.For(0, s.J, options, j => MeasureGaps(s, ws, j, options));
        return new SolverReport(year.Year, iteration, converged, residual,
            worst >= 0 ? s.Map.Jurisdictions[worst / s.G].Id : null, worst >= 0 ? s.Goods[worst % s.G].Id : null);
    }

    /// <summary>
    /// Magnitude of each unknown for the mixing: the level's (at least 10⁻⁶ of the good's largest level), and for a
    /// local offset its provider's level, as in <see cref="Residual"/>.
    /// </summary>
    private static double[] Scale(StructureState s)
    {
        int levels = s.Level.Length;
        var scale = new double[levels + s.LocalOffset.Length];
        for (int g = 0; g < s.G; g++)
        {
            double largest = 0;
            for (int j = 0; j < s.J; j++)
                largest = Math.Max(largest, Math.Max(Math.Abs(s.Level[j * s.G + g]), Math.Abs(s.NewLevel[j * s.G + g])));
            for (int j = 0; j < s.J; j++)
            {
                int k = j * s.G + g;
                scale[k] = Math.Max(Math.Max(Math.Abs(s.Level[k]), Math.Abs(s.NewLevel[k])), Math.Max(1e-6 * largest, 1e-12));
            }
        }
        for (int k = 0; k < s.LocalOffset.Length; k++)
        {
            int g = k % s.G;
            scale[levels + k] = Math.Max(Math.Abs(s.Level[s.Map.Provider(k / s.G, g) * s.G + g]), 1e-9);
        }
        return scale;
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

    private static void Evaluate(StructureState s, YearConditions year, int threads, PublicAccounts.HouseholdColumns columns)
    {
        ServiceDelivery.Evaluate(s, year);
        PublicAccounts.Evaluate(s, year, threads, columns);
    }

    /// <summary>
    /// Whether the iterations may leave consumption unwritten: it follows from fixed columns and the rates alone
    /// (<see cref="PublicAccounts.ConsumptionIsSimple"/>), every provided good's ideal point has the log-benefit or enforcement
    /// form, and no rule reads households' margins outside the ideal-point pass (a planner, weighted-welfare capture).
    /// </summary>
    private static bool CanDeriveConsumption(StructureState s)
    {
        if (!PublicAccounts.ConsumptionIsSimple(s)) return false;
        for (int g = 0; g < s.G; g++)
            if (s.GoodKernels[g].Form == PolySim.Core.Goods.SpilloverForm.BenefitShare || s.Goods[g].Benefit == PolySim.Core.Welfare.BenefitForm.Quadratic)
                return false;
        foreach (var jur in s.Map.Jurisdictions)
            if (jur.Rule.Kind == DecisionRuleKind.Planner || (jur.Rule.Kind == DecisionRuleKind.Council && jur.Rule.Capture == CaptureModel.WeightedWelfare))
                return false;
        return true;
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

    /// <summary>
    /// One jurisdiction's ideal points (scratch layout: districts in order, their member neighborhoods in order, then
    /// households) and, when <paramref name="choose"/>, its choice of every good it provides.
    /// </summary>
    private static void Decide(StructureState s, Workspace ws, int j, bool choose, ParallelOptions options, IdealPoints.Pass pass)
    {
        var jur = s.Map.Jurisdictions[j];
        var goods = ws.Goods[j];
        if (goods.Length == 0) return;
        var (spans, districtEnds) = Spans(s, j);
        int tier = s.TierIndex.IndexOf(jur.Tier), offset = s.ScratchOffset[j];
        int total = districtEnds[^1] - offset;
        if (total == 0) return;
        var valuesByGood = s.ScratchValues[tier];
        var baseWeights = s.ScratchBaseWeights[tier];
        var rule = jur.Rule;
        var bureaucracy = s.Map.Structure.Bureaucracy;
        var contexts = goods.Select(g => MarginContext.Create(s, j, g)).ToArray();
        bool niskanen = choose && bureaucracy.NiskanenSlack > 0 && rule.Kind != DecisionRuleKind.DirectDemocracy;
        var demand = niskanen ? new double[2 * goods.Length * spans.Count] : null;

        // Where the rule takes its electorates' medians, each neighborhood's ideal points go into bands around the
        // medians' brackets block by block, while in cache, instead of being read again by the selection.
        var bands = choose ? ws.StartBands(s, j, spans, districtEnds) : null;
        // One pass over each neighborhood's households computes every good's ideal point.
        Parallel.For(0, spans.Count, options, k =>
        {
            var span = demand is null ? Span<double>.Empty : demand.AsSpan(2 * goods.Length * k, 2 * goods.Length);
            IdealPoints.Fill(s, spans[k].Neighborhood, goods, contexts, spans[k].Start, valuesByGood, baseWeights, span, bands?[k], pass);
        });
        if (!choose) return;

        var medians = ws.Medians;
        var workValues = ws.WorkValues[tier];
        var workWeights = s.ScratchWeights[tier];
        for (int x = 0; x < goods.Length; x++)
        {
            int g = goods[x];
            var values = valuesByGood[g];
            // Neighborhood councils' own medians first.
            if (jur.NeighborhoodDiscretion > 0)
                foreach (var (i, start, end) in spans)
                    s.NewLocalOffset[i * s.G + g] = medians.Median(ws.NeighborhoodSlot(i, g), values, baseWeights, workValues, workWeights, start, end - start);

            double q = rule.Kind switch
            {
                DecisionRuleKind.DirectDemocracy => medians.Median(ws.JurisdictionSlot(j, g), values, baseWeights, workValues, workWeights, offset, total,
                    bands is null ? null : ws.MergeBands(j, 0, x, bands, 0, spans.Count, total)),
                DecisionRuleKind.Planner => PlannerLevel(s, j, g, rule.OrganizedWeight ?? 0, spans, options),
                _ => CouncilLevel(s, ws, j, g, offset, districtEnds, spans, options, bands, x),
            };
            if (rule.Kind != DecisionRuleKind.DirectDemocracy)
            {
                if (demand is not null)
                    q = NiskanenStep(q, NiskanenLevel(q, demand, x, goods.Length, spans.Count), s.Level[j * s.G + g], bureaucracy.NiskanenSlack,
                        predict: !s.Scenario.Decisions.PlainNiskanen && IsLogBenefit(contexts[x]));
                if (rule.ParticipatoryShare > 0)
                    q = (1 - rule.ParticipatoryShare) * q
                        + rule.ParticipatoryShare * medians.Median(ws.JurisdictionSlot(j, g), values, baseWeights, workValues, workWeights, offset, total);
            }
            q = Math.Max(0, q);
            s.NewLevel[j * s.G + g] = q;
            if (jur.NeighborhoodDiscretion > 0)
                foreach (var (i, _, _) in spans)
                    s.NewLocalOffset[i * s.G + g] = jur.NeighborhoodDiscretion * (s.NewLocalOffset[i * s.G + g] - q);
        }
        Secession.AppropriationsLimit.Enforce(s, j);
    }

    /// <summary>Where each member neighborhood's households sit in the tier's scratch arrays, and where each district ends.</summary>
    private static (List<(int Neighborhood, int Start, int End)> Spans, int[] DistrictEnds) Spans(StructureState s, int j)
    {
        var jur = s.Map.Jurisdictions[j];
        var hh = s.Households;
        var districtEnds = new int[Math.Max(1, jur.Districts.Count)];
        var spans = new List<(int Neighborhood, int Start, int End)>();
        int pos = s.ScratchOffset[j];
        districtEnds[0] = pos;
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
        return (spans, districtEnds);
    }

    /// <summary>
    /// Congruence: Σ weight·|delivered − ideal|/max(ideal, delivered) over residents and goods, from the stored ideal
    /// points; and, for a council over several neighborhoods, the terms of the localism index.
    /// </summary>
    private static void MeasureGaps(StructureState s, Workspace ws, int j, ParallelOptions options)
    {
        var jur = s.Map.Jurisdictions[j];
        int tier = s.TierIndex.IndexOf(jur.Tier);
        var baseWeights = s.ScratchBaseWeights[tier];
        var (spans, districtEnds) = Spans(s, j);
        // Accumulated in locals (the same additions in the same order as into the arrays, which start at 0).
        double gapSum = 0, gapWeight = 0;
        for (int g = 0; g < s.G; g++)
        {
            if (!jur.Provides[g]) continue;
            var values = s.ScratchValues[tier][g];
            foreach (var (i, start, end) in spans)
            {
                double delivered = s.Local[i * s.G + g];
                // Four gaps at a time (the divisions), added one by one in household order.
                var at = Vector256.Create(delivered);
                int k = start;
                for (; k <= end - Vector256<double>.Count; k += Vector256<double>.Count)
                {
                    var ideal = Vector256.Create<double>(values.AsSpan(k));
                    var w = Vector256.Create<double>(baseWeights.AsSpan(k));
                    var scale = Vector256.Max(ideal, at);
                    var term = w * Vector256.ConditionalSelect(Vector256.GreaterThan(scale, Vector256<double>.Zero), Vector256.Abs(at - ideal) / scale,
                        Vector256<double>.Zero);
                    gapSum += term[0]; gapSum += term[1]; gapSum += term[2]; gapSum += term[3];
                    gapWeight += w[0]; gapWeight += w[1]; gapWeight += w[2]; gapWeight += w[3];
                }
                for (; k < end; k++)
                {
                    double ideal = values[k], scale = Math.Max(ideal, delivered);
                    gapSum += baseWeights[k] * (scale > 0 ? Math.Abs(delivered - ideal) / scale : 0);
                    gapWeight += baseWeights[k];
                }
            }
        }
        s.GapSum[j] += gapSum;
        s.GapWeight[j] += gapWeight;
        ws.Localism[j] = (0, 0);
        if (jur.Rule.Kind == DecisionRuleKind.Council && jur.Rule.Capture == CaptureModel.LobbyMix && jur.Members.Count > 1)
            ws.Localism[j] = LocalismTerms(s, ws, j, spans, districtEnds, options);
    }

    /// <summary>
    /// Localism index terms for jurisdiction j: with r_g the legislature's decision before capture, M_g its residents'
    /// median and L_g the median of its neighborhoods' medians, one neighborhood one vote (the ex officio outcome),
    /// d_g = (r_g − M_g)/M_g and l_g = (L_g − M_g)/M_g; returns (Σ d_g·l_g, Σ l_g²) over the goods it provides.
    /// </summary>
    private static (double Numerator, double Denominator) LocalismTerms(StructureState s, Workspace ws, int j,
        List<(int Neighborhood, int Start, int End)> spans, int[] districtEnds, ParallelOptions options)
    {
        int tier = s.TierIndex.IndexOf(s.Map.Jurisdictions[j].Tier), offset = s.ScratchOffset[j], total = districtEnds[^1] - offset;
        var weights = s.ScratchBaseWeights[tier];
        double numerator = 0, denominator = 0;
        if (total == 0) return (0, 0);
        foreach (int g in ws.Goods[j])
        {
            var values = s.ScratchValues[tier][g];
            double metro = ws.Medians.Median(ws.JurisdictionSlot(j, g), values, weights, ws.WorkValues[tier], s.ScratchWeights[tier], offset, total);
            if (metro <= 0) continue;
            var positions = new List<double>();
            foreach (var (i, start, end) in spans)
                if (end > start)
                    positions.Add(ws.Medians.Median(ws.NeighborhoodSlot(i, g), values, weights, ws.WorkValues[tier], s.ScratchWeights[tier], start, end - start));
            double local = WeightedMedian.Select(positions.ToArray(), Enumerable.Repeat(1.0, positions.Count).ToArray());
            // Converged: the last iteration's ideal points are the ones kept, and so is its legislature's decision.
            double decided = ws.LegislatureCurrent ? ws.Legislature[j * s.G + g] : LegislatureLevel(s, ws, j, g, offset, districtEnds, options);
            double d = (decided - metro) / metro, l = (local - metro) / metro;
            numerator += d * l;
            denominator += l * l;
        }
        return (numerator, denominator);
    }

    /// <summary>Whether the solver derives consumption in the ideal-point pass for this structure (a diagnostic for tests).</summary>
    internal static bool DerivesConsumption(StructureState s) => !s.Scenario.Decisions.Plain && CanDeriveConsumption(s);

    /// <summary>
    /// The localism index terms (Σ d_g·l_g, Σ l_g²) of jurisdiction j measured at the last solve (see
    /// <c>LocalismTerms</c>); (0, 0) for jurisdictions that are not councils over several neighborhoods.
    /// </summary>
    public static (double Numerator, double Denominator) Localism(StructureState s, int j) =>
        Workspaces.TryGetValue(s, out var ws) && j < ws.Localism.Length ? ws.Localism[j] : (0, 0);

    /// <summary>Council: the legislature's decision (<see cref="LegislatureLevel"/>), then capture.</summary>
    private static double CouncilLevel(StructureState s, Workspace ws, int j, int g, int offset, int[] districtEnds,
        List<(int Neighborhood, int Start, int End)> spans, ParallelOptions options, MedianBand?[][]? bands, int x)
    {
        var rule = s.Map.Jurisdictions[j].Rule;
        double lambda = s.Capture[j];
        if (rule.Capture == CaptureModel.WeightedWelfare) return PlannerLevel(s, j, g, rule.OrganizedWeight ?? lambda, spans, options);
        double representative = LegislatureLevel(s, ws, j, g, offset, districtEnds, options, bands, x);
        ws.Legislature[j * s.G + g] = representative;
        var good = s.Goods[g];
        double lobby = representative * s.Scenario.Decisions.Lobby.LevelMultiplier(good.CapitalIntensity, good.NeedSensitivity);
        return (1 - lambda) * representative + lambda * lobby;
    }

    /// <summary>
    /// The legislature's decision before capture (MODEL.md section 5): each member carries its district's median
    /// (a neighborhood's for neighborhood members and ex officio delegates, the whole electorate's at large) and the
    /// decision is the vote-weighted median of the members (votes 1 each, or the residents represented for
    /// neighborhood members); proportional representation goes through <see cref="ProportionalLevel"/>.
    /// </summary>
    /// <param name="bands">Each span's bands per good position <paramref name="x"/> (see <see cref="Workspace.StartBands"/>), or
    /// null to scan the ideal points.</param>
    private static double LegislatureLevel(StructureState s, Workspace ws, int j, int g, int offset, int[] districtEnds, ParallelOptions options,
        MedianBand?[][]? bands = null, int x = 0)
    {
        var rule = s.Map.Jurisdictions[j].Rule;
        int tier = s.TierIndex.IndexOf(s.Map.Jurisdictions[j].Tier);
        var values = s.ScratchValues[tier][g];
        var weights = s.ScratchBaseWeights[tier];
        if (rule.Form == LegislatureForm.Proportional)
            return ProportionalLevel(values, weights, ws.WorkValues[tier], s.ScratchWeights[tier], offset, districtEnds[^1] - offset,
                rule.Legislature!.Seats, rule.Legislature.Blocs);
        var reps = new double[districtEnds.Length];
        var votes = new double[districtEnds.Length];
        // Districts occupy disjoint spans of the scratch arrays, so their medians can be selected in parallel.
        Parallel.For(0, districtEnds.Length, options, d =>
        {
            int start = d == 0 ? offset : districtEnds[d - 1], end = districtEnds[d];
            var band = bands is null ? null : ws.MergeBands(j, d, x, bands, ws.FirstSpan(j, d), ws.FirstSpan(j, d + 1), end - start);
            reps[d] = ws.Medians.Median(ws.DistrictSlot(j, d, g), values, weights, ws.WorkValues[tier], s.ScratchWeights[tier], start, end - start, band);
            double residents = 0;
            if (rule.Form == LegislatureForm.NeighborhoodMembers) for (int k = start; k < end; k++) residents += weights[k];
            votes[d] = end <= start ? 0 : rule.Form == LegislatureForm.NeighborhoodMembers ? residents : 1;
        });
        return WeightedMedian.Select(reps, votes);
    }

    /// <summary>
    /// Proportional representation of B ideal-point blocs: residents sorted by ideal point fall into bloc
    /// ⌊B·(cumulative weight before them + half their own)/W⌋; each bloc's position is its median and its seats are its
    /// Hare quota S·(bloc weight)/W rounded down, the remaining seats going to the largest remainders (ties to the lower
    /// bloc); the decision is the seat-weighted median of the positions. Sorts a working copy.
    /// </summary>
    private static double ProportionalLevel(double[] values, double[] weights, double[] workValues, double[] workWeights, int offset, int count,
        int seats, int blocs)
    {
        if (count == 0) return 0;
        Array.Copy(values, offset, workValues, offset, count);
        Array.Copy(weights, offset, workWeights, offset, count);
        Array.Sort(workValues, workWeights, offset, count);
        double total = 0;
        for (int k = offset; k < offset + count; k++) total += workWeights[k];
        var ends = new int[blocs];
        var share = new double[blocs];
        double cumulative = 0;
        for (int k = offset; k < offset + count; k++)
        {
            double w = workWeights[k];
            int b = total > 0 ? Math.Min(blocs - 1, (int)(blocs * (cumulative + w / 2) / total)) : 0;
            cumulative += w;
            share[b] += w;
            ends[b] = k + 1;
        }
        var positions = new double[blocs];
        var seatsOf = new double[blocs];
        int start = offset, allocated = 0;
        for (int b = 0; b < blocs; b++)
        {
            if (share[b] <= 0) continue;
            positions[b] = WeightedMedian.Select(workValues.AsSpan(start, ends[b] - start), workWeights.AsSpan(start, ends[b] - start));
            start = ends[b];
            seatsOf[b] = Math.Floor(seats * share[b] / total);
            allocated += (int)seatsOf[b];
        }
        var byRemainder = Enumerable.Range(0, blocs).Where(b => share[b] > 0)
            .OrderByDescending(b => seats * share[b] / total - seatsOf[b]).ThenBy(b => b).ToArray();
        for (int r = 0; r < seats - allocated; r++) seatsOf[byRemainder[r % byRemainder.Length]]++;
        var seated = Enumerable.Range(0, blocs).Where(b => seatsOf[b] > 0).ToArray();
        return WeightedMedian.Select(seated.Select(b => positions[b]).ToArray(), seated.Select(b => seatsOf[b]).ToArray());
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
    private static double NiskanenLevel(double q, double[] demand, int good, int goods, int spans)
    {
        double cost = 0, slope = 0;
        for (int k = 0; k < spans; k++) { cost += demand[2 * (k * goods + good)]; slope += demand[2 * (k * goods + good) + 1]; }
        return Bureaucracy.NiskanenOutput(q, cost, -slope);
    }

    /// <summary>
    /// The slack's step from the rule's level q toward Niskanen's level <paramref name="niskanen"/> (= min(2q, q + K), with
    /// K = Σ τ/|Σ dWTP/dq| at the current level q₀): q + ν·(niskanen − q), or, when <paramref name="predict"/>, the same step
    /// with the current level's feedback on K foreseen.
    /// </summary>
    /// <remarks>
    /// For log benefit |dWTP/dq| ∝ (m/z)² with z = m·q₀ + S, so K grows about as q₀² and, iterated as is, each level feeds
    /// back on itself with a slope of about 2ν·K/q₀ (0.3 on metro-10m, where it costs two of a year's 9–10 iterations).
    /// The predicted step returns the q′ with q′ = q + ν·K·(q′/q₀)², the smaller root of ν·K/q₀²·q′² − q′ + q = 0, capped at
    /// (1 + ν)·q as Niskanen's level is at 2q. At q′ = q₀ this is the plain step, so the fixed point is the same; only the
    /// path to it changes (on metro-baseline's first year: 5 iterations instead of 10 consolidated, 7 instead of 9 two-tier).
    /// Without a real root, which can happen only away from the fixed point, the plain step is taken.
    /// </remarks>
    internal static double NiskanenStep(double q, double niskanen, double current, double slack, bool predict)
    {
        double plain = q + slack * (niskanen - q);
        if (!predict || !(current > 0) || !(q > 0) || niskanen >= 2 * q) return plain;
        double r = slack * (niskanen - q) / (current * current), discriminant = 1 - 4 * r * q;
        if (!(r > 0) || discriminant < 0) return plain;
        // (1 − √d)/(2r) rewritten as 2q/(1 + √d), which does not cancel when r·q is small.
        return Math.Min(2 * q / (1 + Math.Sqrt(discriminant)), (1 + slack) * q);
    }

    /// <summary>Whether a good's ideal points and demand slope have the log-benefit form (K ∝ z² in <see cref="NiskanenStep"/>).</summary>
    private static bool IsLogBenefit(in MarginContext c) => !c.IsEnforcement && !c.IsBenefitShare && !c.IsQuadratic;

    /// <summary>What the solver keeps for a structure between iterations and years.</summary>
    private sealed class Workspace
    {
        private readonly int[] _districtBase;
        private readonly int _neighborhoodBase, _goods;

        public Workspace(StructureState s)
        {
            _goods = s.G;
            _districtBase = new int[s.J];
            int slots = s.J * s.G;
            for (int j = 0; j < s.J; j++)
            {
                _districtBase[j] = slots;
                slots += Math.Max(1, s.Map.Jurisdictions[j].Districts.Count) * s.G;
            }
            _neighborhoodBase = slots;
            Medians = new MedianMemory(slots + s.N * s.G);
            Goods = s.Map.Jurisdictions.Select(jur => Enumerable.Range(0, s.G).Where(g => jur.Provides[g]).ToArray()).ToArray();
            WorkValues = [];
            Localism = new (double, double)[s.J];
            Legislature = new double[s.J * s.G];
            _spanBands = new MedianBand?[s.J][][];
            _mergedBands = s.Map.Jurisdictions.Select(jur => new MedianBand[Math.Max(1, jur.Districts.Count)]).ToArray();
            // Spans() lists member neighborhoods district by district.
            _firstSpan = s.Map.Jurisdictions.Select(jur =>
            {
                var first = new int[Math.Max(1, jur.Districts.Count) + 1];
                for (int d = 0; d < jur.Districts.Count; d++) first[d + 1] = first[d] + jur.Districts[d].Count;
                return first;
            }).ToArray();
        }

        /// <summary>Localism index terms per jurisdiction at the last solve.</summary>
        public (double Numerator, double Denominator)[] Localism { get; }

        /// <summary>Each council's legislature decision before capture per (jurisdiction, good), at the last iteration.</summary>
        public double[] Legislature { get; }

        /// <summary>Whether <see cref="Legislature"/> was decided on the ideal points kept (the solve converged).</summary>
        public bool LegislatureCurrent { get; set; }

        public MedianMemory Medians { get; }
        /// <summary>Goods each jurisdiction provides.</summary>
        public int[][] Goods { get; }
        /// <summary>Working copies of ideal points for full selections, per tier (sized like the state's scratch).</summary>
        public double[][] WorkValues { get; private set; }

        /// <summary>Sizes the working arrays to this year's scratch (household counts may change between years).</summary>
        public void Prepare(StructureState s)
        {
            if (WorkValues.Length != s.ScratchBaseWeights.Length
                || WorkValues.Where((w, t) => w.Length < s.ScratchBaseWeights[t].Length).Any())
                WorkValues = s.ScratchBaseWeights.Select(w => new double[w.Length]).ToArray();
            Medians.NewYear();
        }

        /// <summary>
        /// Starts year t from the straight-line extrapolation of the solutions of years t − 2 and t − 1 (growth is
        /// smooth, so this removes most of the year's first residual); only when those were the last two solves.
        /// </summary>
        public void Extrapolate(StructureState s, int year)
        {
            if (_solvedYear != year - 1 || _earlierYear != year - 2 || _earlier is null) return;
            int levels = s.Level.Length;
            for (int k = 0; k < levels; k++) s.Level[k] = Math.Max(0, 2 * s.Level[k] - _earlier[k]);
            for (int k = 0; k < s.LocalOffset.Length; k++) s.LocalOffset[k] = 2 * s.LocalOffset[k] - _earlier[levels + k];
        }

        /// <summary>Keeps year <paramref name="year"/>'s solution for the next year's extrapolation.</summary>
        public void Remember(StructureState s, int year)
        {
            _earlier = _solved;
            _earlierYear = _solvedYear;
            _solved = [.. s.Level, .. s.LocalOffset];
            _solvedYear = year;
        }

        private readonly MedianBand?[][][] _spanBands;
        private readonly MedianBand[][] _mergedBands;
        private readonly int[][] _firstSpan;

        /// <summary>
        /// For a rule that takes district medians (a council's legislature) or its whole electorate's (direct
        /// democracy): per member neighborhood (span) and good position, a band started at its electorate's bracket
        /// (null where that electorate has no median yet); null for other rules.
        /// </summary>
        public MedianBand?[][]? StartBands(StructureState s, int j, List<(int Neighborhood, int Start, int End)> spans, int[] districtEnds)
        {
            var jur = s.Map.Jurisdictions[j];
            var rule = jur.Rule;
            bool whole = rule.Kind == DecisionRuleKind.DirectDemocracy;
            bool districts = rule.Kind == DecisionRuleKind.Council && rule.Capture != CaptureModel.WeightedWelfare && rule.Form != LegislatureForm.Proportional;
            if (!whole && !districts) return null;
            var goods = Goods[j];
            var bands = _spanBands[j] ??= spans.Select(_ => new MedianBand?[goods.Length]).ToArray();
            int offset = s.ScratchOffset[j], total = districtEnds[^1] - offset;
            for (int d = 0; d < districtEnds.Length; d++)
            {
                int length = whole ? total : districtEnds[d] - (d == 0 ? offset : districtEnds[d - 1]);
                for (int x = 0; x < goods.Length; x++)
                {
                    int slot = whole ? JurisdictionSlot(j, goods[x]) : DistrictSlot(j, d, goods[x]);
                    bool known = Medians.TryBracket(slot, out double center, out double width);
                    for (int k = _firstSpan[j][d]; k < _firstSpan[j][d + 1]; k++)
                    {
                        if (!known) { bands[k][x] = null; continue; }
                        var band = bands[k][x] ??= new MedianBand();
                        // A neighborhood's band holds at most an eighth of its households (a district's merged band a
                        // quarter of the district's), so the bands kept between iterations for every neighborhood and
                        // good stay within an eighth of the ideal points; a fuller band sends its district to full selection.
                        band.Start(center, width, Math.Min(length / 4, (spans[k].End - spans[k].Start) / 8) + 16);
                    }
                }
            }
            return bands;
        }

        /// <summary>
        /// The bands of spans [from, to) for good position x merged into one (the electorate's, of <paramref name="length"/>
        /// households), or null when they were not started; <paramref name="electorate"/> is the district (0 for the whole).
        /// </summary>
        public MedianBand? MergeBands(int j, int electorate, int x, MedianBand?[][] bands, int from, int to, int length)
        {
            if (from == to || bands[from][x] is not { } first) return null;
            var merged = _mergedBands[j][electorate] ??= new MedianBand();
            merged.StartLike(first, length / 4 + 16);
            for (int k = from; k < to; k++) merged.Absorb(bands[k][x]!);
            return merged;
        }

        /// <summary>Index of district d's first span in <see cref="Spans"/>' order (d = district count: the span count).</summary>
        public int FirstSpan(int j, int d) => _firstSpan[j][d];

        private double[]? _solved, _earlier;
        private int _solvedYear = -1, _earlierYear = -1;

        public int JurisdictionSlot(int j, int g) => j * _goods + g;
        public int DistrictSlot(int j, int d, int g) => _districtBase[j] + d * _goods + g;
        public int NeighborhoodSlot(int i, int g) => _neighborhoodBase + i * _goods + g;
    }
}
