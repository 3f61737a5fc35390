using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/PolySim.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PolySim.Benchmarks.SimulatedYear).Assembly).Run(args);
