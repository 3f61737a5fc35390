using BenchmarkDotNet.Attributes;
using PolySim.Core.Households;

namespace PolySim.Benchmarks;

/// <summary>
/// Re-ordering agents by neighborhood after a relocation (<see cref="Households.SortByLocation"/>) at metro-10m's size:
/// 3.7 million households, 8 goods, 500 neighborhoods, with 2.5% of households moved to a random neighborhood (metro-10m
/// moves 2.3–2.9% a year), on 1 and 2 threads.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 9, invocationCount: 1)]
[MemoryDiagnoser]
public class ReSorting
{
    private const int Count = 3_700_000, Goods = 8, Neighborhoods = 500;
    private Households _households = null!;
    private Households.SortScratch _scratch = null!;
    private Random _random = null!;

    /// <summary>Threads for the two groups of arrays.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Households in neighborhood order, the same every run.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _random = new Random(20251124);
        _households = new Households(Count, Goods, Neighborhoods);
        for (int h = 0; h < Count; h++)
        {
            int i = (int)((long)h * Neighborhoods / Count);
            _households.Location[h] = i;
            _households.Start[i + 1]++;
            _households.Id[h] = h;
            for (int g = 0; g < Goods; g++) _households.Theta[h * Goods + g] = _random.NextDouble();
        }
        for (int i = 0; i < Neighborhoods; i++) _households.Start[i + 1] += _households.Start[i];
        _scratch = _households.CreateSortScratch();
    }

    /// <summary>Moves 2.5% of the households (outside the measurement).</summary>
    [IterationSetup]
    public void Move()
    {
        for (int k = 0; k < Count / 40; k++) _households.Location[_random.Next(Count)] = _random.Next(Neighborhoods);
    }

    /// <summary>Restores the neighborhood order.</summary>
    [Benchmark]
    public void SortByLocation() => _households.SortByLocation(_scratch, Threads);
}
