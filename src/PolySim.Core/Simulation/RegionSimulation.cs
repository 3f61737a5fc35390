using PolySim.Core.Decisions;
using PolySim.Core.Metrics;
using PolySim.Core.Relocation;
using PolySim.Core.Secession;
using PolySim.Core.Welfare;

namespace PolySim.Core.Simulation;

/// <summary>
/// One replication of a scenario, advanced a year at a time: every structure on the same generated households,
/// in lockstep, so each structure's equivalent variation is measured against the baseline's same year.
/// </summary>
/// <remarks>
/// Each <see cref="Step"/> is the yearly loop of MODEL.md section 8: growth → equalization → decisions → production
/// and spillovers → utilities → events → metrics → relocation. Events are the scenario's secession elections
/// (<see cref="Election"/>): a structure in which a separation takes effect continues from the state after secession,
/// solved for the same year. Metrics describe the year as lived; relocation closes it (its moves and flows are reported
/// with the year) and shapes the next. In equilibrium mode decisions and sorting alternate within the year until few
/// households want to move, then the year is recorded.
/// </remarks>
public sealed class RegionSimulation
{
    private readonly Scenario _scenario;
    private readonly RunOptions _options;
    private readonly Simulator.StructureRunState[] _runs;
    private readonly TieboutSorting?[] _sorting;
    private readonly int _baselineIndex, _replication;
    private readonly ulong _seed;
    private readonly List<MetricValue>[] _metrics;
    private readonly List<JurisdictionFiscal>[] _fiscal;
    private readonly List<SolverReport>[] _solver;
    private readonly List<JurisdictionFlow>[] _flows;
    private readonly double[] _moneyPerUtil, _byIdMoneyPerUtil, _byIdConsumption, _byIdUtility, _byIdWeight;
    private readonly int[] _quintile;
    private readonly List<ReferendumResult> _referenda = [];
    private int _year;
    private bool _outsideMeasured;

    /// <summary>Generates the households and lays out every structure.</summary>
    public RegionSimulation(Scenario scenario, int replication, RunOptions options)
    {
        _scenario = scenario;
        _options = options;
        _replication = replication;
        _seed = Simulator.ReplicationSeed(scenario.Seed, replication);
        _runs = Simulator.CreateStructures(scenario, _seed, options.Threads, out _baselineIndex);
        _sorting = _runs.Select((r, k) => scenario.Sorting is { } sorting
            ? new TieboutSorting(r.State, sorting, SortingSeed(k), FormationSeed)
            : null).ToArray();
        _metrics = _runs.Select(_ => new List<MetricValue>()).ToArray();
        _fiscal = _runs.Select(_ => new List<JurisdictionFiscal>()).ToArray();
        _solver = _runs.Select(_ => new List<SolverReport>()).ToArray();
        _flows = _runs.Select(_ => new List<JurisdictionFlow>()).ToArray();
        var hh = _runs[0].State.Households;
        int ids = hh.Count == 0 ? 0 : hh.Id.Max() + 1;
        _moneyPerUtil = new double[hh.Count];
        _byIdMoneyPerUtil = new double[ids];
        _byIdConsumption = new double[ids];
        _byIdUtility = new double[ids];
        _byIdWeight = new double[ids];
        _quintile = new int[ids];
    }

    private const ulong SortingPurpose = 0x534F5254494E4755UL; // "SORTINGU"

    private const ulong FormationPurpose = 0x464F524D4154494FUL; // "FORMATIO"

    private ulong SortingSeed(int k) => Randomness.SeedDerivation.Derive(_seed, SortingPurpose, (ulong)k);

    /// <summary>Seed of what every structure's sorting shares: which households form each year.</summary>
    private ulong FormationSeed => Randomness.SeedDerivation.Derive(_seed, FormationPurpose, 0);

    /// <summary>Simulates the next year; false once the horizon is reached.</summary>
    public bool Step()
    {
        if (_year >= _scenario.Years) return false;
        var year = new YearConditions(_scenario, _year);                                   // growth
        var reports = new SolverReport[_runs.Length];
        var equilibrium = new RelocationReport?[_runs.Length];
        var rounds = new int[_runs.Length];
        // The baseline goes first: with migration, the world outside is measured on it before anyone relocates.
        foreach (int k in Enumerable.Range(0, _runs.Length).OrderBy(k => k != _baselineIndex))
        {
            var s = _runs[k].State;
            using (_options.Measure("decisions"))
                reports[k] = DecisionSolver.Solve(s, year, _options.Threads);             // (equalization,) decisions, production
            if (_sorting[k] is { } sorting && _scenario.Sorting!.EquilibriumRounds > 0)
                (reports[k], equilibrium[k], rounds[k]) = SolveEquilibrium(s, sorting, year, reports[k]);
            using (_options.Measure("utilities"))
                Simulator.ComputeUtilities(s, _options.Threads);                          // utilities
            _sorting[k]?.AssignOutsideUtilities();
        }
        HoldReferenda(year, reports);                                                     // events
        MetricsRecorder.Shared shared;
        using (_options.Measure("planner"))
            shared = SharedInputs(year);
        var metrics = _options.Measure("metrics");
        for (int k = 0; k < _runs.Length; k++)                                             // metrics
        {
            _runs[k].Recorder.Record(year, reports[k], shared, _metrics[k], _fiscal[k]);
            if (_scenario.Referenda is { Count: > 0 } referenda) AreaOutcomes.Record(_runs[k].State, year, shared, referenda, _metrics[k]);
            _solver[k].Add(reports[k]);
            if (equilibrium[k] is { } last)
            {
                Report(k, year, last);
                _metrics[k].Add(new MetricValue(year.Year, "region", MetricCatalog.SortingRounds.Name, rounds[k]));
            }
        }
        metrics?.Dispose();
        for (int k = 0; k < _runs.Length; k++)                                             // relocation
            if (_sorting[k] is { } sorting && _scenario.Sorting!.EquilibriumRounds == 0)
                using (_options.Measure("relocation"))
                {
                    MeasureOutside();
                    Report(k, year, sorting.Relocate(year, 0, _options.Threads));
                }
        _year++;
        return true;
    }

    /// <summary>Alternates sorting and decisions within the year until the share moving falls below the tolerance.</summary>
    private (SolverReport, RelocationReport, int) SolveEquilibrium(StructureState s, TieboutSorting sorting, YearConditions year, SolverReport report)
    {
        var settings = _scenario.Sorting!;
        double households = s.NeighborhoodHouseholds.Sum();
        RelocationReport last = new(0, 0, 0, 0, 0, 0, new double[(s.J + 1) * (s.J + 1)]);
        int round = 0;
        var total = new double[(s.J + 1) * (s.J + 1)];
        double entered = 0, left = 0, born = 0;
        bool check = false;
        double tolerance = settings.EquilibriumTolerance * households;
        while (round < settings.EquilibriumRounds)
        {
            using (_options.Measure("utilities"))
                Simulator.ComputeUtilities(s, _options.Threads);
            sorting.AssignOutsideUtilities();
            MeasureOutside();
            // Best response: the equilibrium is a round in which every household reconsiders and none wants to move.
            // Logit: choices never settle for every draw, so the equilibrium is a stationary allocation (small net change).
            using (_options.Measure("relocation"))
                last = sorting.Relocate(year, round++, _options.Threads, everyone: check);
            for (int f = 0; f < total.Length; f++) total[f] += last.Flows[f];
            entered += last.Entered; left += last.Left; born += last.Born;
            using (_options.Measure("decisions"))
                report = DecisionSolver.Solve(s, year, _options.Threads);
            bool settled = settings.NoiseScale == 0 ? last.Wanting <= tolerance : last.NetChange <= tolerance;
            settled &= last.ExcessDemand <= settings.EquilibriumTolerance;
            if (settled && (check || settings.NoiseScale > 0)) break;
            check = settled && settings.NoiseScale == 0;
        }
        return (report, last with { Flows = total, Entered = entered, Left = left, Born = born }, round);
    }

    /// <summary>Relocation metrics and flows of structure k for the year.</summary>
    private void Report(int k, YearConditions year, RelocationReport relocation)
    {
        var s = _runs[k].State;
        double households = Math.Max(s.NeighborhoodHouseholds.Sum(), 1e-300);
        void Add(string metric, double value) => _metrics[k].Add(new MetricValue(year.Year, "region", metric, value));
        Add(MetricCatalog.Moves.Name, relocation.Moved / households);
        Add(MetricCatalog.WantingToMove.Name, relocation.Wanting / households);
        Add(MetricCatalog.Rationed.Name, relocation.Rationed / households);
        Add(MetricCatalog.HousingExcessDemand.Name, relocation.ExcessDemand);
        if (_scenario.Sorting!.Migration is not null)
        {
            Add(MetricCatalog.Inflow.Name, relocation.Entered / households);
            Add(MetricCatalog.Outflow.Name, relocation.Left / households);
            Add(MetricCatalog.Formed.Name, relocation.Born);
            Add(MetricCatalog.OutsidePool.Name, _sorting[k]!.OutsideHouseholds);
            Add(MetricCatalog.RegionHouseholds.Name, s.NeighborhoodHouseholds.Sum());
        }
        // Flows between lowest-tier jurisdictions; index J is outside the region.
        string Name(int j) => j < s.J ? s.Map.Jurisdictions[j].Id : "outside";
        for (int from = 0; from <= s.J; from++)
            for (int to = 0; to <= s.J; to++)
            {
                double n = relocation.Flows[from * (s.J + 1) + to];
                if (n > 0 && from != to) _flows[k].Add(new JurisdictionFlow(year.Year, Name(from), Name(to), n));
            }
    }

    /// <summary>With migration: measures the world outside on the baseline structure, once, before the first relocation.</summary>
    private void MeasureOutside()
    {
        if (_scenario.Sorting?.Migration is not { } migration || _outsideMeasured) return;
        var outside = OutsideOption.Measure(_runs[_baselineIndex].State, migration);
        foreach (var sorting in _sorting) sorting?.SetOutside(outside);
        _outsideMeasured = true;
    }

    /// <summary>The baseline's outcomes by household identity, income quintiles and the planner's optimum.</summary>
    private MetricsRecorder.Shared SharedInputs(YearConditions year)
    {
        var baseline = _runs[_baselineIndex].State;
        var hh = baseline.Households;
        bool shared = hh.Count > _byIdWeight.Length;   // weighted types that sort share an identity across neighborhoods
        // With one structure and no referenda only the baseline reads the shared inputs, in household order (Shared.Baseline).
        bool byId = _runs.Length > 1 || _scenario.Referenda is { Count: > 0 };
        if (shared) { Array.Clear(_byIdMoneyPerUtil); Array.Clear(_byIdConsumption); Array.Clear(_byIdUtility); Array.Clear(_byIdWeight); }
        else
            // One household per identity: every element is written on its own, so in parallel.
            Parallel.For(0, baseline.N, new ParallelOptions { MaxDegreeOfParallelism = _options.Threads <= 0 ? -1 : _options.Threads }, i =>
            {
                var (settings, publicShare, income, housing, ids) = (_scenario.Utility, hh.PublicShare, baseline.Income, baseline.Housing, hh.Id);
                for (int h = hh.Start[i], end = hh.Start[i + 1]; h < end; h++)
                {
                    _moneyPerUtil[h] = Utility.MoneyPerUtil(settings, publicShare[h], income[h], housing[h]);
                    if (!byId) continue;
                    int id = ids[h];
                    _byIdMoneyPerUtil[id] = _moneyPerUtil[h]; _byIdConsumption[id] = baseline.Consumption[h]; _byIdUtility[id] = baseline.Utility[h];
                }
            });
        for (int h = 0; h < hh.Count && shared; h++)
        {
            _moneyPerUtil[h] = Utility.MoneyPerUtil(_scenario.Utility, hh.PublicShare[h], baseline.Income[h], baseline.Housing[h]);
            int id = hh.Id[h];
            // A shared identity's baseline is the weighted mean over the neighborhoods its households live in.
            double w = hh.Weight[h];
            _byIdMoneyPerUtil[id] += w * _moneyPerUtil[h];
            _byIdConsumption[id] += w * baseline.Consumption[h];
            _byIdUtility[id] += w * baseline.Utility[h];
            _byIdWeight[id] += w;
        }
        if (shared)
            for (int id = 0; id < _byIdWeight.Length; id++)
            {
                if (_byIdWeight[id] <= 0) continue;
                _byIdMoneyPerUtil[id] /= _byIdWeight[id]; _byIdConsumption[id] /= _byIdWeight[id]; _byIdUtility[id] /= _byIdWeight[id];
            }
        // Incomes grow by a common factor, so agents keep their income ranks: quintiles are computed once. Sorting types
        // change weights, which moves the quintile boundaries: recomputed every year.
        if (_year == 0 || shared) Simulator.IncomeQuintiles(baseline, _quintile);
        return new MetricsRecorder.Shared(_byIdMoneyPerUtil, _byIdConsumption, _byIdUtility, _quintile,
            PlannerOptimum.Solve(baseline, year, _moneyPerUtil, _options.Threads)) { Baseline = shared ? null : (baseline, _moneyPerUtil) };
    }

    /// <summary>Everything recorded so far.</summary>
    public ReplicationResult Result() => new(_replication, _seed,
        _runs.Select((r, k) => new StructureRun(r.Structure.Id, r.Structure.Kind, _metrics[k], _fiscal[k], _solver[k],
            _sorting[k] is null ? null : _flows[k])).ToList(),
        _referenda.ToList());

    /// <summary>Holds this year's secession election in every structure; a structure where separations take effect continues after them.</summary>
    private void HoldReferenda(YearConditions year, SolverReport[] reports)
    {
        for (int k = 0; k < _runs.Length; k++)
            if (Election.Hold(_runs[k].State, _scenario, year, _options.Threads, _seed, _referenda) is { } after)
            {
                var before = _runs[k].State;
                _runs[k] = _runs[k] with { State = after.State, Recorder = new MetricsRecorder(after.State, _options.Threads) };
                reports[k] = after.Report;
                if (_sorting[k] is null) continue;
                // Housing prices and values carry over the separation; sorting continues on the new jurisdictions.
                before.Price.CopyTo(after.State.Price, 0);
                before.DwellingValue.CopyTo(after.State.DwellingValue, 0);
                _sorting[k] = _sorting[k]!.ContinueOn(after.State);
            }
    }
}
