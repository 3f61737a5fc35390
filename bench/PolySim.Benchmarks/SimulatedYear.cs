using BenchmarkDotNet.Attributes;
using PolySim.Core.Households;
using PolySim.Core.Simulation;
using PolySim.Scenarios;

namespace PolySim.Benchmarks;

/// <summary>
/// One simulated year of scenarios/metro-baseline.yaml (all three structures, metrics included), in agent and in
/// type mode. Each invocation advances a warm simulation by one year, as every year after the first does in a run.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
[MemoryDiagnoser]
public class SimulatedYear
{
    private RegionSimulation _simulation = null!;

    /// <summary>How households are represented.</summary>
    [Params(HouseholdMode.Agents, HouseholdMode.Types)]
    public HouseholdMode Mode { get; set; }

    /// <summary>Loads the scenario with a long horizon and simulates its first (cold) year.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var loaded = ScenarioLoader.Load(RepoFile("scenarios/metro-baseline.yaml"));
        if (!loaded.IsValid) throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
        var scenario = loaded.Scenario! with
        {
            Years = 1000,
            Replications = 1,
            Households = loaded.Scenario!.Households with { Mode = Mode },
        };
        _simulation = new RegionSimulation(scenario, 0, new RunOptions());
        _simulation.Step();
    }

    /// <summary>Simulates the next year.</summary>
    [Benchmark]
    public bool OneYear() => _simulation.Step();

    internal static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PolySim.sln"))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException($"PolySim.sln not found above {AppContext.BaseDirectory}");
    }
}
