using BenchmarkDotNet.Attributes;
using PolySim.Core.Decisions;
using PolySim.Core.Simulation;
using PolySim.Scenarios;

namespace PolySim.Benchmarks;

/// <summary>
/// The second year's decision fixed point on the fragmented structure of scenarios/metro-baseline.yaml (596,500 agent
/// households, 210 neighborhoods, 8 goods, 2 threads), with the solver's shortcut (consumption derived in the ideal-point
/// pass) and with the plain computation it reproduces bit for bit.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 9, invocationCount: 1)]
[MemoryDiagnoser]
public class DecisionShortcuts
{
    private StructureState _state = null!;
    private YearConditions _next = null!;
    private double[] _levels = null!, _offsets = null!;

    /// <summary>Whether the solver runs the plain computation.</summary>
    [Params(false, true)]
    public bool Plain { get; set; }

    /// <summary>Builds the structure and solves its first year.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var metro = MetroPhases.FragmentedMetro();
        var scenario = metro with { Decisions = metro.Decisions with { Plain = Plain } };
        _state = Simulator.CreateStructures(scenario, Simulator.ReplicationSeed(scenario.Seed, 0), 2, out _)[0].State;
        DecisionSolver.Solve(_state, new YearConditions(scenario, 0), 2);
        _levels = (double[])_state.Level.Clone();
        _offsets = (double[])_state.LocalOffset.Clone();
        _next = new YearConditions(scenario, 1);
    }

    /// <summary>Restores the first year's levels before each invocation.</summary>
    [IterationSetup]
    public void RestoreLevels()
    {
        _levels.CopyTo(_state.Level, 0);
        _offsets.CopyTo(_state.LocalOffset, 0);
    }

    /// <summary>The second year's decision fixed point.</summary>
    [Benchmark]
    public SolverReport Decisions() => DecisionSolver.Solve(_state, _next, 2);
}
