using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using PolySim.Core.Households;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using PolySim.Output;
using PolySim.Plots;
using PolySim.Scenarios;

namespace PolySim.Cli.Commands;

/// <summary>
/// <c>polysim run SCENARIO</c>: runs every structure of a scenario, prints the comparison table and writes tidy CSV,
/// fiscal CSV, summaries, plots, the resolved scenario and a manifest into a folder that appears only when complete.
/// </summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new SharedOptions();
        var command = new Command("run", "Run every structure in a scenario and compare them.");
        options.AddTo(command);
        command.SetAction(parse => Execute(options.Request(parse, "run"), output, error));
        return command;
    }

    /// <summary>The arguments and options <c>run</c> shares with <c>compare-formulas</c>.</summary>
    public sealed class SharedOptions
    {
        private readonly Argument<string> _scenario = new("scenario") { Description = "Scenario file (YAML or JSON)." };
        private readonly Option<string?> _out = new("--out", "-o") { Description = "Output folder [default: runs/<scenario name>]." };
        private readonly Option<ulong?> _seed = new("--seed") { Description = "Override the scenario's master seed." };
        private readonly Option<int?> _years = new("--years") { Description = "Override the horizon (years, >= 1)." };
        private readonly Option<int?> _replications = new("--replications", "-r") { Description = "Override the number of replications (>= 1); seeds derive from the master seed." };
        private readonly Option<string?> _mode = new("--households") { Description = "Override how households are represented: agents (every household) or types (weighted income-quantile types)." };
        private readonly Option<string?> _metrics = new("--metrics") { Description = "Comma-separated metrics for the comparison table [default: the five criteria and welfare], e.g. fiscal_cv,fiscal_disparity_closed." };
        private readonly Option<int> _threads = new("--threads") { Description = "Worker threads (0 = all cores). Results do not depend on it.", DefaultValueFactory = _ => 0 };
        private readonly Option<bool> _force = new("--force") { Description = "Replace an existing output folder (only once the new one is complete)." };
        private readonly Option<bool> _noPlots = new("--no-plots") { Description = "Skip the charts (headless batch runs)." };

        /// <summary>Creates the options with their validators.</summary>
        public SharedOptions()
        {
            _mode.AcceptOnlyFromAmong("agents", "types");
            _years.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--years must be at least 1."); });
            _replications.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--replications must be at least 1."); });
            _threads.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--threads must be 0 (all cores) or positive."); });
        }

        /// <summary>Adds the scenario argument and the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            command.Arguments.Add(_scenario);
            foreach (var option in new Option[] { _out, _seed, _years, _replications, _mode, _metrics, _threads, _force, _noPlots })
                command.Options.Add(option);
        }

        /// <summary>The request parsed for the command <paramref name="verb"/>.</summary>
        public RunRequest Request(ParseResult parse, string verb, IReadOnlyList<string>? structures = null, bool formulaReport = false) => new(
            parse.GetValue(_scenario)!, parse.GetValue(_out), parse.GetValue(_seed), parse.GetValue(_years),
            parse.GetValue(_replications), parse.GetValue(_mode), parse.GetValue(_metrics), parse.GetValue(_threads), parse.GetValue(_force),
            parse.GetValue(_noPlots), parse.Tokens.Select(t => t.Value).Prepend(verb).ToList(), structures, formulaReport);
    }

    /// <summary>The options of one run.</summary>
    /// <param name="Structures">Run only these structures (and the baseline); null for all.</param>
    /// <param name="FormulaReport">Also write and print the equalization-formula comparison (<see cref="FormulaComparison"/>).</param>
    public sealed record RunRequest(string ScenarioPath, string? Out, ulong? Seed, int? Years, int? Replications, string? Households, string? Metrics, int Threads,
        bool Force, bool NoPlots, IReadOnlyList<string> CommandLine, IReadOnlyList<string>? Structures = null, bool FormulaReport = false);

    /// <summary>Runs; returns the exit code.</summary>
    public static int Execute(RunRequest request, TextWriter output, TextWriter error)
    {
        var started = DateTimeOffset.UtcNow;
        var phases = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        var loaded = ScenarioLoader.Load(request.ScenarioPath);
        phases["load"] = clock.Elapsed.TotalSeconds;
        if (!Diagnostics.Report(loaded, error)) return ExitCodes.InvalidInput;
        var scenario = loaded.Scenario! with
        {
            Seed = request.Seed ?? loaded.Scenario!.Seed,
            Years = request.Years ?? loaded.Scenario!.Years,
            Replications = request.Replications ?? loaded.Scenario!.Replications,
            Households = request.Households switch
            {
                "agents" => loaded.Scenario!.Households with { Mode = HouseholdMode.Agents },
                "types" => loaded.Scenario!.Households with { Mode = HouseholdMode.Types },
                _ => loaded.Scenario!.Households,
            },
        };

        if (request.Structures is { } chosen)
        {
            var unknown = chosen.Where(id => scenario.Structures.All(s => s.Id != id)).ToList();
            if (unknown.Count > 0)
            {
                error.WriteLine($"error: --formulas: unknown structure(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}. " +
                    $"Valid: {string.Join(", ", scenario.Structures.Select(s => s.Id))}.");
                return ExitCodes.InvalidInput;
            }
            // The baseline always runs: welfare, winners and losers are measured against it.
            scenario = scenario with { Structures = scenario.Structures.Where(s => s.Id == scenario.Baseline || chosen.Contains(s.Id)).ToList() };
        }

        var tableMetrics = new List<Metric>();
        foreach (var name in (request.Metrics ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            bool known = MetricCatalog.Find(name) is not null
                || name.StartsWith(MetricCatalog.LevelPrefix, StringComparison.Ordinal)
                || name.StartsWith(MetricCatalog.UnitCostPrefix, StringComparison.Ordinal);
            if (known) tableMetrics.Add(MetricLabels.Resolve(name));
            else
            {
                error.WriteLine($"error: --metrics: unknown metric '{name}'. Valid: {string.Join(", ", MetricCatalog.All.Select(m => m.Name))}, level:<good>, unit_cost:<good>.");
                return ExitCodes.InvalidInput;
            }
        }

        string target = request.Out ?? Path.Combine("runs", scenario.Name);
        OutputFolder folder;
        try
        {
            folder = OutputFolder.Create(target, request.Force);
        }
        catch (OutputExistsException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("Choose another folder with --out, or pass --force to replace it once the new run is complete.");
            return ExitCodes.InvalidInput;
        }

        using (folder)
        {
            try
            {
                output.WriteLine($"Running '{scenario.Name}': {scenario.Structures.Count} structures, {scenario.Years} years, " +
                    $"{scenario.Replications} replication(s), seed {scenario.Seed}, {scenario.Households.Mode.ToString().ToLowerInvariant()} mode.");
                clock.Restart();
                var timer = new PhaseTimer();
                var result = Simulator.Run(scenario, new RunOptions(request.Threads, timer));
                phases["simulate"] = clock.Elapsed.TotalSeconds;
                foreach (var (phase, seconds) in timer.Seconds) phases[$"simulate.{phase}"] = seconds;

                clock.Restart();
                TidyMetricsWriter.Write(result, folder.GetPath(TidyMetricsWriter.FileName));
                FiscalWriter.Write(result, folder.GetPath(FiscalWriter.FileName));
                if (FlowWriter.HasFlows(result)) FlowWriter.Write(result, folder.GetPath(FlowWriter.FileName));
                if (scenario.Referenda is { Count: > 0 } || scenario.Endogenous is not null) ReferendumWriter.Write(result, folder.GetPath);
                var summary = SummaryBuilder.Build(result);
                SummaryBuilder.Write(summary, folder.GetPath("summary.csv"));
                string table = ComparisonTable.Render(summary, tableMetrics.Count > 0 ? tableMetrics : null);
                folder.WriteText("comparison.txt", table);
                if (request.FormulaReport)
                {
                    table = FormulaComparison.Render(summary);
                    folder.WriteText(FormulaComparison.TextFileName, table);
                    FormulaComparison.WriteCsv(summary, folder.GetPath(FormulaComparison.CsvFileName));
                }
                folder.WriteResolvedScenario(loaded.ResolvedJson);
                phases["write_csv"] = clock.Elapsed.TotalSeconds;

                if (!request.NoPlots)
                {
                    clock.Restart();
                    RunPlotter.WriteAll(summary, folder.WorkingPath, tableMetrics.Select(m => m.Name));
                    if (request.FormulaReport) FormulaCharts.WriteAll(summary, folder.WorkingPath);
                    if (scenario.Referenda is { Count: > 0 } referenda) RunPlotter.WriteAreas(summary, folder.WorkingPath, referenda.Select(r => r.Area));
                    phases["plots"] = clock.Elapsed.TotalSeconds;
                }

                var files = folder.ListFiles().Append("manifest.json").Order(StringComparer.Ordinal).ToList();
                var manifest = Manifest(request, loaded, scenario, result, phases, started, files);
                ManifestWriter.Write(manifest, folder.GetPath("manifest.json"));
                folder.Commit();

                output.WriteLine();
                output.Write(table);
                output.WriteLine();
                Warnings(result, output);
                if (scenario.Households.Mode == HouseholdMode.Types && scenario.Replications > 1)
                    output.WriteLine("note: in type mode households are placed at income quantiles without random draws, so all " +
                        "replications are identical and the intervals have zero width; use agent mode for sampling variation.");
                output.WriteLine($"Wrote {files.Count} files to {Path.GetFullPath(target)} " +
                    $"(metrics.csv, fiscal.csv, {(FlowWriter.HasFlows(result) ? "flows.csv, " : "")}{(scenario.Referenda is { Count: > 0 } || scenario.Endogenous is not null ? "referenda.csv, referendum_votes.csv, referendum_effects.csv, " : "")}summary.csv, comparison.txt, {(request.FormulaReport ? "formulas.txt, formulas.csv, " : "")}manifest.json{(request.NoPlots ? "" : ", plots/")}).");
                output.WriteLine($"Simulated in {phases["simulate"]:F1} s (" +
                    string.Join(", ", timer.Seconds.Select(p => $"{p.Key} {p.Value:F1} s")) + ").");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
                error.WriteLine(e.StackTrace);
                error.WriteLine("Nothing was written. Please report this with the scenario file.");
                return ExitCodes.InternalFailure;
            }
        }
    }

    /// <summary>Reports any year whose decision fixed point did not converge.</summary>
    private static void Warnings(RunResult result, TextWriter output)
    {
        foreach (var rep in result.Replications)
            foreach (var s in rep.Structures)
            {
                var failed = s.Solver.Where(r => !r.Converged).ToList();
                if (failed.Count > 0)
                    output.WriteLine($"warning: replication {rep.Replication}, structure '{s.StructureId}': decisions did not converge in " +
                        $"{failed.Count} year(s) (first {failed[0].Year}: residual {failed[0].Residual:G3} after {failed[0].Iterations} iterations, " +
                        $"largest at jurisdiction '{failed[0].WorstJurisdiction}', good '{failed[0].WorstGood}'). " +
                        "See solver_converged in metrics.csv.");
            }
    }

    private static RunManifest Manifest(RunRequest request, ScenarioLoadResult loaded, Scenario scenario, RunResult result,
        IReadOnlyDictionary<string, double> phases, DateTimeOffset started, IReadOnlyList<string> files)
    {
        string version = typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = version.IndexOf('+');
        string? commit = plus >= 0 ? version[(plus + 1)..] : null;
        return new RunManifest(version, commit, request.CommandLine, request.ScenarioPath, loaded.FileSha256, loaded.ResolvedSha256,
            scenario.Seed, result.Replications.Select(r => new ReplicationSeed(r.Replication, r.Seed)).ToList(), scenario.StartYear,
            scenario.Years, request.Threads == 0 ? Environment.ProcessorCount : request.Threads, phases, started, DateTimeOffset.UtcNow,
            RunStatus.Complete, files)
        {
            ScenarioName = scenario.Name,
            SeedDerivation = "replication seed = splitmix64(splitmix64(splitmix64(master) ^ purpose) ^ replication)",
            Runtime = RuntimeInformation.FrameworkDescription,
            Os = RuntimeInformation.OSDescription,
        };
    }
}
