using System.Globalization;
using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Metrics;
using PolySim.Core.Simulation;
using PolySim.Core.Space;
using PolySim.Core.Welfare;

namespace PolySim.Tests.Output;

/// <summary>A small hand-made RunResult: 3 structures, years 2025–2027, region + one city, headline and a few other metrics.</summary>
internal static class SyntheticRun
{
    public static readonly string[] StructureIds = ["consolidated", "fragmented", "two_tier"];
    public const int StartYear = 2025;
    public const int Years = 3;
    public const int FinalYear = StartYear + Years - 1;

    /// <summary>Metric names each structure reports per year and entity, in engine order.</summary>
    public static readonly string[] MetricNames =
        [.. MetricCatalog.Headline.Select(m => m.Name), MetricCatalog.TaxRate.Name, MetricCatalog.Population.Name, "level:water"];

    public static readonly string[] Entities = ["region", "city01"];

    public static Scenario Scenario(int replications, ulong seed = 20261123)
    {
        var nb = new Neighborhood("n0000", "Cell 1-1", 0, 0, 1, 1000, 200_000, 1e6, 0.02,
            new Dictionary<string, double>(), new Dictionary<string, double> { ["middle"] = 900 }, "city01");
        var group = new HouseholdGroup("middle", 60_000, 0.5, new Dictionary<string, double> { ["water"] = 0.1 },
            0, 0, 0.3, 10, 0.6, 5_000, 2.4, false);
        var council = new DecisionRule(DecisionRuleKind.Council, 7, CaptureModel.LobbyMix, 0.3, 50_000, null, 0, 0);
        Structure S(string id, StructureKind kind) => new(id, kind, council, DecisionRule.DirectDemocracy, council,
            TierAssignment.ByHand, Bureaucracy.None, FiscalRule.Default, 0, 0);
        return new Scenario(
            Name: "synthetic",
            Region: new Region([nb]),
            Households: new HouseholdSettings(HouseholdMode.Types, 3, 0.01, [group]),
            Goods: [],
            Bads: [],
            Utility: UtilitySettings.Default,
            Decisions: DecisionSettings.Default,
            Structures: [S("consolidated", StructureKind.Consolidated), S("fragmented", StructureKind.Fragmented), S("two_tier", StructureKind.TwoTier)],
            Baseline: "consolidated",
            StartYear: StartYear,
            Years: Years,
            Seed: seed,
            Replications: replications);
    }

    /// <summary>
    /// The value of a cell. Efficiency of "fragmented" for the region in 2027 is 0.80, 0.83, 0.86 in replications 0, 1, 2
    /// (the hand-computed summary test uses it). Population carries a large number and tax_rate 0.1 + 0.2 to check
    /// round-trip formatting; level:water of two_tier in replication 1, 2026, is NaN.
    /// </summary>
    public static double Value(int rep, int s, int year, string entity, string metric)
    {
        if (metric == MetricCatalog.Efficiency.Name && s == 1 && year == FinalYear && entity == "region") return 0.80 + 0.03 * rep;
        if (metric == MetricCatalog.Population.Name) return 1234567.891 + rep;
        if (metric == MetricCatalog.TaxRate.Name) return 0.1 + 0.2;
        if (metric == "level:water" && s == 2 && rep == 1 && year == StartYear + 1) return double.NaN;
        if (metric == MetricCatalog.EquivalentVariation.Name) return s == 0 ? 0 : -150.5 * s + 10 * rep + (year - StartYear);
        int m = Array.IndexOf(MetricNames, metric);
        return 0.5 + 0.1 * s + 0.01 * (year - StartYear) + 0.001 * m + 0.0001 * rep + (entity == "region" ? 0 : 0.05);
    }

    /// <summary>
    /// The run, with the engine's lists deliberately out of canonical order: replications last-first and structures
    /// within a replication reversed, so that writers must reorder them.
    /// </summary>
    public static RunResult Create(int replications = 3)
    {
        var scenario = Scenario(replications);
        var reps = new List<ReplicationResult>();
        for (int rep = replications - 1; rep >= 0; rep--)
        {
            var structures = new List<StructureRun>();
            for (int s = StructureIds.Length - 1; s >= 0; s--)
            {
                var metrics = new List<MetricValue>();
                var fiscal = new List<JurisdictionFiscal>();
                for (int year = StartYear; year < StartYear + Years; year++)
                {
                    foreach (var entity in Entities)
                        foreach (var metric in MetricNames)
                            metrics.Add(new MetricValue(year, entity, metric, Value(rep, s, year, entity, metric)));
                    fiscal.Add(new JurisdictionFiscal(year, "city01", Tier.City, 2160.5, 1.8e8, 1e6, 0.0125, 2_262_500, 0, 2_262_500));
                    fiscal.Add(new JurisdictionFiscal(year, "sd01", Tier.SpecialDistrict, 2160.5, 0, 0, 0.1 + 0.2, 1.5, 0.25, 1.75));
                }
                structures.Add(new StructureRun(StructureIds[s], scenario.Structures[s].Kind, metrics, fiscal,
                    [new SolverReport(StartYear, 4, true, 1e-9)]));
            }
            reps.Add(new ReplicationResult(rep, 1000UL + (ulong)rep, structures));
        }
        return new RunResult(scenario, reps);
    }

    /// <summary>Runs <paramref name="action"/> with de-DE as current culture (decimal comma, '.' thousands), then restores it.</summary>
    public static T WithGermanCulture<T>(Func<T> action)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture)); // the culture really is in effect
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = ui;
        }
    }
}

/// <summary>A fresh temporary directory per test, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "polysim-tests-" + Guid.NewGuid().ToString("N")));

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
