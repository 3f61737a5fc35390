using BenchmarkDotNet.Attributes;
using PolySim.Core.Relocation;
using PolySim.Core.Simulation;
using PolySim.Scenarios;

namespace PolySim.Benchmarks;

/// <summary>
/// One simulated year of the fragmented structure of scenarios/metro-baseline.yaml (596,500 agent households, 210
/// neighborhoods) with and without Tiebout sorting (10% reconsidering): the difference is the relocation phase,
/// about 12.5 million household-neighborhood utility evaluations a year.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
[MemoryDiagnoser]
public class SortingYear
{
    private RegionSimulation _simulation = null!;

    /// <summary>Whether households relocate.</summary>
    [Params(false, true)]
    public bool Sorting { get; set; }

    /// <summary>Loads the scenario with a long horizon and simulates its first (cold) year.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var loaded = ScenarioLoader.Load(SimulatedYear.RepoFile("scenarios/metro-baseline.yaml"));
        if (!loaded.IsValid) throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
        var scenario = loaded.Scenario!;
        scenario = scenario with
        {
            Years = 1000,
            Replications = 1,
            Structures = scenario.Structures.Where(s => s.Id == "fragmented").ToList(),
            Baseline = "fragmented",
            Sorting = Sorting ? SortingSettings.Default : null,
        };
        _simulation = new RegionSimulation(scenario, 0, new RunOptions());
        _simulation.Step();
    }

    /// <summary>Simulates the next year.</summary>
    [Benchmark]
    public bool OneYear() => _simulation.Step();
}
