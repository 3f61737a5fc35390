using BenchmarkDotNet.Attributes;
using PolySim.Core.Decisions;
using PolySim.Core.Relocation;
using PolySim.Core.Simulation;
using PolySim.Scenarios;

namespace PolySim.Benchmarks;

/// <summary>
/// The relocation kernel on one core: for 4,000 households of metro-baseline's fragmented structure (210
/// neighborhoods), the utility in every neighborhood net of moving cost and one logit draw, by the agents' single-precision
/// kernel. Divide the time by 4,000 × 210 = 840,000 for the cost of one household-neighborhood evaluation.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class LocationChoice
{
    private const int Households = 4000;
    private StructureState _state = null!;
    private LocationTerms _terms = null!;
    private float[] _values = [], _batchValues = [];
    private double[] _reference = new double[LocationTerms.Batch];
    private LocationTerms.Workspace _work = null!;

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
        _values = new float[_terms.Padded];
        _batchValues = new float[LocationTerms.Batch * _terms.Padded];
        _work = _terms.CreateWorkspace();
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
            float best = _terms.Values(h, home, 0.5f, _values, _work, out _);
            sum += TieboutSorting.Choose(home, 0.5f, best, _values, 1.0, (k + 0.5) / Households);
        }
        return sum;
    }

    /// <summary>The same households and draws as <see cref="ChooseLocations"/>, evaluated four at a time as relocation does.</summary>
    [Benchmark]
    public double ChooseLocationsBatched() => Batched(draw: true);

    /// <summary>The values alone, four households at a time as relocation evaluates them.</summary>
    [Benchmark]
    public double ValuesOnlyBatched() => Batched(draw: false);

    /// <summary>The households of <see cref="ChooseLocations"/> four at a time; with the logit draw, the sum of the choices, else of the best values.</summary>
    private double Batched(bool draw)
    {
        const int B = LocationTerms.Batch;
        var hh = _state.Households;
        int step = hh.Count / Households, P = _terms.Padded;
        double sum = 0;
        Span<int> h = stackalloc int[B], home = stackalloc int[B];
        Span<float> cost = stackalloc float[B], best = stackalloc float[B];
        cost.Fill(0.5f);
        for (int k = 0; k < Households; k += B)
        {
            for (int b = 0; b < B; b++) { h[b] = (k + b) * step; home[b] = hh.Location[h[b]]; }
            _terms.Values(h, home, cost, _batchValues, P, best, _reference, _work);
            for (int b = 0; b < B; b++)
                sum += draw ? TieboutSorting.Choose(home[b], 0.5f, best[b], _batchValues.AsSpan(b * P, P), 1.0, (k + b + 0.5) / Households) : best[b];
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
            sum += _terms.Values(h, home, 0.5f, _values, _work, out _);
        }
        return sum;
    }

    [Benchmark]
    public double ChooseOnly()
    {
        double sum = 0;
        for (int k = 0; k < Households; k++)
        {
            for (int i = 0; i < _values.Length; i++) _values[i] = -0.01f * i;
            sum += TieboutSorting.Choose(0, 0, 0, _values, 1.0, (k + 0.5) / Households);
        }
        return sum;
    }
}
