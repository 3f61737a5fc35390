using BenchmarkDotNet.Attributes;
using PolySim.Core.Decisions;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using PolySim.Core.Welfare;
using PolySim.Scenarios;

namespace PolySim.Benchmarks;

/// <summary>
/// The decisions, planner and metrics phases of one year on the fragmented structure of scenarios/metro-baseline.yaml
/// (596,500 agent households, 210 neighborhoods, 8 goods), at 1 and 2 threads. The state is that of the scenario
/// after its first year; the decisions benchmark solves the second year each time from the first year's levels.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7, invocationCount: 1)]
[MemoryDiagnoser]
public class MetroPhases
{
    private StructureState _state = null!;
    private MetricsRecorder _recorder = null!;
    private MetricsRecorder.Shared _shared = null!;
    private YearConditions _next = null!;
    private SolverReport _report = null!;
    private double[] _moneyPerUtil = null!, _levels = null!, _offsets = null!;
    private readonly List<MetricValue> _metrics = [];
    private readonly List<JurisdictionFiscal> _fiscal = [];

    /// <summary>Worker threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the structure and simulates its first year's decisions, utilities and shared inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var scenario = FragmentedMetro();
        var run = Simulator.CreateStructures(scenario, Simulator.ReplicationSeed(scenario.Seed, 0), Threads, out _)[0];
        _state = run.State;
        _recorder = run.Recorder;
        var year = new YearConditions(scenario, 0);
        _report = DecisionSolver.Solve(_state, year, Threads);
        Simulator.ComputeUtilities(_state, Threads);
        _levels = (double[])_state.Level.Clone();
        _offsets = (double[])_state.LocalOffset.Clone();
        var hh = _state.Households;
        _moneyPerUtil = new double[hh.Count];
        var byId = new double[3][];
        for (int k = 0; k < 3; k++) byId[k] = new double[hh.Count];
        for (int h = 0; h < hh.Count; h++)
        {
            _moneyPerUtil[h] = Utility.MoneyPerUtil(scenario.Utility, hh.PublicShare[h], _state.Income[h], _state.Housing[h]);
            (byId[0][hh.Id[h]], byId[1][hh.Id[h]], byId[2][hh.Id[h]]) = (_moneyPerUtil[h], _state.Consumption[h], _state.Utility[h]);
        }
        var quintile = new int[hh.Count];
        Simulator.IncomeQuintiles(_state, quintile);
        _shared = new MetricsRecorder.Shared(byId[0], byId[1], byId[2], quintile, PlannerOptimum.Solve(_state, year, _moneyPerUtil, Threads));
        _next = new YearConditions(scenario, 1);
    }

    /// <summary>Restores the first year's levels before each decisions invocation.</summary>
    [IterationSetup(Target = nameof(Decisions))]
    public void RestoreLevels()
    {
        _levels.CopyTo(_state.Level, 0);
        _offsets.CopyTo(_state.LocalOffset, 0);
    }

    /// <summary>The second year's decision fixed point.</summary>
    [Benchmark]
    public SolverReport Decisions() => DecisionSolver.Solve(_state, _next, Threads);

    /// <summary>scenarios/metro-baseline.yaml with its fragmented structure only, for two years.</summary>
    internal static Scenario FragmentedMetro()
    {
        var loaded = ScenarioLoader.Load(SimulatedYear.RepoFile("scenarios/metro-baseline.yaml"));
        if (!loaded.IsValid) throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
        return loaded.Scenario! with
        {
            Years = 2,
            Replications = 1,
            Structures = loaded.Scenario!.Structures.Where(s => s.Id == "fragmented").ToList(),
            Baseline = "fragmented",
        };
    }

    /// <summary>The planner's optimum.</summary>
    [Benchmark]
    public PlannerOptimum Planner() => PlannerOptimum.Solve(_state, _next, _moneyPerUtil, Threads);

    /// <summary>Every metric of the year.</summary>
    [Benchmark]
    public int Metrics()
    {
        _metrics.Clear();
        _fiscal.Clear();
        _recorder.Record(_next, _report, _shared, _metrics, _fiscal);
        return _metrics.Count;
    }
}
