using PolySim.Core.Decisions;
using PolySim.Core.Metrics;
using PolySim.Core.Secession;
using PolySim.Core.Welfare;

namespace PolySim.Core.Simulation;

/// <summary>
/// One replication of a scenario, advanced a year at a time: every structure on the same generated households,
/// in lockstep, so each structure's equivalent variation is measured against the baseline's same year.
/// </summary>
/// <remarks>
/// Each <see cref="Step"/> is the yearly loop of MODEL.md section 8: growth → equalization → decisions → production
/// and spillovers → utilities → relocation → events → metrics. Equalization is limited to the matching grants and
/// Pigouvian charges applied inside the budget; households stay put unless an <see cref="IRelocation"/> moves them.
/// Events are the scenario's secession elections (<see cref="Election"/>): a structure in which a separation takes effect
/// continues from the state after secession, solved for the same year.
/// </remarks>
public sealed class RegionSimulation
{
    private readonly Scenario _scenario;
    private readonly RunOptions _options;
    private readonly IRelocation _relocation;
    private readonly Simulator.StructureRunState[] _runs;
    private readonly int _baselineIndex, _replication;
    private readonly ulong _seed;
    private readonly List<MetricValue>[] _metrics;
    private readonly List<JurisdictionFiscal>[] _fiscal;
    private readonly List<SolverReport>[] _solver;
    private readonly double[] _moneyPerUtil;
    private readonly int[] _quintile;
    private readonly List<ReferendumResult> _referenda = [];
    private int _year;

    /// <summary>Generates the households and lays out every structure.</summary>
    public RegionSimulation(Scenario scenario, int replication, RunOptions options, IRelocation? relocation = null)
    {
        _scenario = scenario;
        _options = options;
        _relocation = relocation ?? StayPut.Instance;
        _replication = replication;
        _seed = Simulator.ReplicationSeed(scenario.Seed, replication);
        _runs = Simulator.CreateStructures(scenario, _seed, options.Threads, out _baselineIndex);
        _metrics = _runs.Select(_ => new List<MetricValue>()).ToArray();
        _fiscal = _runs.Select(_ => new List<JurisdictionFiscal>()).ToArray();
        _solver = _runs.Select(_ => new List<SolverReport>()).ToArray();
        int households = _runs[0].State.Households.Count;
        _moneyPerUtil = new double[households];
        _quintile = new int[households];
    }

    /// <summary>Simulates the next year; false once the horizon is reached.</summary>
    public bool Step()
    {
        if (_year >= _scenario.Years) return false;
        var year = new YearConditions(_scenario, _year);                                   // growth
        var reports = new SolverReport[_runs.Length];
        for (int k = 0; k < _runs.Length; k++)
        {
            var s = _runs[k].State;
            reports[k] = DecisionSolver.Solve(s, year, _options.Threads);                 // (equalization,) decisions, production
            Simulator.ComputeUtilities(s, _options.Threads);                              // utilities
            _relocation.Relocate(s, year);                                                // relocation
        }
        HoldReferenda(year, reports);                                                     // events
        var baseline = _runs[_baselineIndex].State;
        var hh = baseline.Households;
        for (int h = 0; h < hh.Count; h++)
            _moneyPerUtil[h] = Utility.MoneyPerUtil(_scenario.Utility, hh.PublicShare[h], baseline.Income[h], baseline.Housing[h]);
        Simulator.IncomeQuintiles(baseline, _quintile);
        var shared = new MetricsRecorder.Shared(baseline, _moneyPerUtil, _quintile, PlannerOptimum.Solve(baseline, year, _moneyPerUtil));
        for (int k = 0; k < _runs.Length; k++)                                             // metrics
        {
            _runs[k].Recorder.Record(year, reports[k], shared, _metrics[k], _fiscal[k]);
            if (_scenario.Referenda is { Count: > 0 } referenda) AreaOutcomes.Record(_runs[k].State, year, shared, referenda, _metrics[k]);
            _solver[k].Add(reports[k]);
        }
        _year++;
        return true;
    }

    /// <summary>Everything recorded so far.</summary>
    public ReplicationResult Result() => new(_replication, _seed,
        _runs.Select((r, k) => new StructureRun(r.Structure.Id, r.Structure.Kind, _metrics[k], _fiscal[k], _solver[k])).ToList(),
        _referenda.ToList());

    /// <summary>Holds this year's secession election in every structure; a structure where separations take effect continues after them.</summary>
    private void HoldReferenda(YearConditions year, SolverReport[] reports)
    {
        for (int k = 0; k < _runs.Length; k++)
            if (Election.Hold(_runs[k].State, _scenario, year, _options.Threads, _seed, _referenda) is { } after)
            {
                _runs[k] = _runs[k] with { State = after.State, Recorder = new MetricsRecorder(after.State) };
                reports[k] = after.Report;
            }
    }
}
