using BenchmarkDotNet.Attributes;
using PolySim.Core.Decisions;

namespace PolySim.Benchmarks;

/// <summary>
/// A weighted median without a bracket to start from, as the decision solver needs in a year's first iteration, when a
/// bracket misses, and for the localism index: full selection of a working copy (<see cref="WeightedMedian.Select"/>)
/// against a bracket from a sample searched in one pass (<see cref="WeightedMedian.SelectSampled"/>). Sizes: a metro-10m
/// neighborhood (7,400 households), council district (13,000) and city (92,000); ideal points lognormal, weights
/// persons of 1.6 to 2.8, laid out in neighborhoods of 7,400 with their own levels.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
public class MedianSelection
{
    private double[] _values = [], _weights = [], _workValues = [], _workWeights = [];

    /// <summary>Households in the electorate.</summary>
    [Params(7_400, 13_000, 92_000)]
    public int Households { get; set; }

    /// <summary>The same electorate every run.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20251124);
        var persons = new[] { 1.6, 2.4, 2.6, 2.8 };
        _values = new double[Households];
        _weights = new double[Households];
        for (int h = 0; h < Households; h++)
        {
            double level = 1 + 0.1 * (h / 7_400);
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            _values[h] = level * Math.Exp(0.5 * normal);
            _weights[h] = persons[random.Next(persons.Length)];
        }
        _workValues = new double[Households];
        _workWeights = new double[Households];
    }

    /// <summary>Copies the electorate and selects in full (the fallback before the sampled bracket).</summary>
    [Benchmark(Baseline = true)]
    public double Full()
    {
        _values.CopyTo(_workValues, 0);
        _weights.CopyTo(_workWeights, 0);
        return WeightedMedian.Select(_workValues, _workWeights);
    }

    /// <summary>The sampled bracket, searched in one pass (full selection only if it misses).</summary>
    [Benchmark]
    public double Sampled() => WeightedMedian.SelectSampled(_values, _weights, _workValues, _workWeights);
}
