using BenchmarkDotNet.Attributes;
using PolySim.Core.Decisions;
using PolySim.Core.Relocation;
using PolySim.Core.Simulation;
using PolySim.Scenarios;

namespace PolySim.Benchmarks;

/// <summary>
/// The relocation kernel on one core: for 4,000 households of metro-baseline's fragmented structure (210
/// neighborhoods), the utility in every neighborhood net of moving cost and one logit draw. Divide the time by
/// 4,000 × 210 = 840,000 for the cost of one household-neighborhood evaluation.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class LocationChoice
{
    private const int Households = 4000;
    private StructureState _state = null!;
    private LocationTerms _terms = null!;
    private double[] _values = [], _scratch = [], _batchValues = [], _batchScratch = [];

    /// <summary>Solves the first year's policies and the location terms.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var loaded = ScenarioLoader.Load(SimulatedYear.RepoFile("scenarios/metro-baseline.yaml"));
        if (!loaded.IsValid) throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
        var scenario = loaded.Scenario! with { Years = 1, Replications = 1 };
        scenario = scenario with { Structures = scenario.Structures.Where(s => s.Id == "fragmented").ToList(), Baseline = "fragmented" };
        var run = Simulator.CreateStructures(scenario, 1, 1, out _)[0];
        _state = run.State;
        DecisionSolver.Solve(_state, new YearConditions(scenario, 0), 1);
        Simulator.ComputeUtilities(_state, 1);
        _terms = new LocationTerms(_state);
        _terms.Update();
        _values = new double[_state.N];
        _scratch = new double[_terms.ScratchLength];
        _batchValues = new double[LocationTerms.Batch * _state.N];
        _batchScratch = new double[_terms.BatchScratchLength];
    }

    /// <summary>4,000 households' values and logit draws (μ = 1); returns a checksum of the choices.</summary>
    [Benchmark]
    public int ChooseLocations()
    {
        var hh = _state.Households;
        int step = hh.Count / Households, sum = 0;
        for (int k = 0; k < Households; k++)
        {
            int h = k * step, home = hh.Location[h];
            double best = _terms.Values(h, home, 0.5, _values, _scratch);
            sum += TieboutSorting.Choose(home, best, _values, 1.0, (k + 0.5) / Households);
        }
        return sum;
    }

    /// <summary>The same households and draws as <see cref="ChooseLocations"/>, evaluated four at a time as relocation does.</summary>
    [Benchmark]
    public int ChooseLocationsBatched()
    {
        const int B = LocationTerms.Batch;
        var hh = _state.Households;
        int step = hh.Count / Households, sum = 0, N = _state.N;
        Span<int> h = stackalloc int[B], home = stackalloc int[B];
        Span<double> cost = stackalloc double[B], best = stackalloc double[B];
        cost.Fill(0.5);
        for (int k = 0; k < Households; k += B)
        {
            for (int b = 0; b < B; b++) { h[b] = (k + b) * step; home[b] = hh.Location[h[b]]; }
            _terms.Values(h, home, cost, _batchValues, N, best, _batchScratch);
            for (int b = 0; b < B; b++)
                sum += TieboutSorting.Choose(home[b], best[b], _batchValues.AsSpan(b * N, N), 1.0, (k + b + 0.5) / Households);
        }
        return sum;
    }

    [Benchmark]
    public double ValuesOnly()
    {
        var hh = _state.Households;
        int step = hh.Count / Households;
        double sum = 0;
        for (int k = 0; k < Households; k++)
        {
            int h = k * step, home = hh.Location[h];
            sum += _terms.Values(h, home, 0.5, _values, _scratch);
        }
        return sum;
    }

    [Benchmark]
    public double ChooseOnly()
    {
        double sum = 0;
        for (int k = 0; k < Households; k++)
        {
            for (int i = 0; i < _values.Length; i++) _values[i] = -0.01 * i;
            sum += TieboutSorting.Choose(0, 0, _values, 1.0, (k + 0.5) / Households);
        }
        return sum;
    }
}
