using PolySim.Core.Decisions;
using PolySim.Core.Goods;
using PolySim.Core.Metrics;
using PolySim.Core.Services;
using PolySim.Core.Simulation;
using PolySim.Core.Space;
using PolySim.Core.Welfare;
using PolySim.Scenarios;
using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Welfare;

/// <summary>
/// The per-household loops of the utilities, planner and metrics phases take per-good and per-neighborhood factors once
/// and read columns in household order; these tests hold each against the plain scalar form it replaces, bit for bit.
/// </summary>
public class HouseholdPassTests
{
    /// <summary>
    /// Independent calculation: <see cref="Utility.ServiceTerms(StructureState, int)"/> (every good's θ and targeting
    /// factor looked up per household) and <see cref="Utility.Of"/>, against what <see cref="Simulator.ComputeUtilities"/>
    /// stored, with need-targeted, need-sensitive, enforcement and (in the variant) quadratic-benefit goods.
    /// </summary>
    [Theory]
    [InlineData("metro-baseline.yaml", false)]
    [InlineData("metro-baseline.yaml", true)]
    [InlineData("textbook.yaml", true)]
    [InlineData("los-angeles-2002.yaml", false)]
    public void Neighborhood_utilities_are_the_scalar_form_bits(string file, bool quadratic)
    {
        foreach (var run in SolvedFirstYear(file, quadratic))
        {
            var s = run.State;
            int step = Math.Max(1, s.Households.Count / 5000);
            for (int h = 0; h < s.Households.Count; h += step)
            {
                double terms = Utility.ServiceTerms(s, h);
                double utility = Utility.Of(s.Scenario.Utility, s.Households.PublicShare[h], s.Income[h], s.Consumption[h], terms);
                Assert.True(Bits(terms) == Bits(s.ServiceUtility[h]), $"{run.Structure.Id}, household {h}: terms {s.ServiceUtility[h]} vs {terms}");
                Assert.True(Bits(utility) == Bits(s.Utility[h]), $"{run.Structure.Id}, household {h}: utility {s.Utility[h]} vs {utility}");
            }
        }
    }

    /// <summary>
    /// Independent calculation: the metrics of the baseline recorded with the shared inputs looked up by household
    /// identity (as every other structure reads them) must be the bits of the same metrics read in household order.
    /// </summary>
    [Theory]
    [InlineData("metro-baseline.yaml")]
    [InlineData("tiebout-sorting.yaml")]
    public void Baseline_metrics_by_household_order_equal_those_by_identity(string file)
    {
        var run = SolvedFirstYear(file, quadratic: false).First();
        var s = run.State;
        var scenario = s.Scenario;
        var year = new YearConditions(scenario, 0);
        var hh = s.Households;
        int ids = hh.Id.Max() + 1;
        var moneyPerUtil = new double[hh.Count];
        var byId = new double[3][];
        for (int k = 0; k < 3; k++) byId[k] = new double[ids];
        for (int h = 0; h < hh.Count; h++)
        {
            moneyPerUtil[h] = Utility.MoneyPerUtil(scenario.Utility, hh.PublicShare[h], s.Income[h], s.Housing[h]);
            (byId[0][hh.Id[h]], byId[1][hh.Id[h]], byId[2][hh.Id[h]]) = (moneyPerUtil[h], s.Consumption[h], s.Utility[h]);
        }
        var quintile = new int[ids];
        Simulator.IncomeQuintiles(s, quintile);
        var byIdentity = new MetricsRecorder.Shared(byId[0], byId[1], byId[2], quintile, PlannerOptimum.Solve(s, year, moneyPerUtil, 2));
        var inOrder = byIdentity with { Baseline = (s, moneyPerUtil) };
        var report = new SolverReport(0, 1, true, 0);
        var (expected, actual) = (new List<MetricValue>(), new List<MetricValue>());
        run.Recorder.Record(year, report, byIdentity, expected, []);
        run.Recorder.Record(year, report, inOrder, actual, []);
        Assert.Equal(expected.Count, actual.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            Assert.Equal((expected[k].Entity, expected[k].Metric), (actual[k].Entity, actual[k].Metric));
            Assert.True(Bits(expected[k].Value) == Bits(actual[k].Value), $"{expected[k].Metric}: {expected[k].Value} vs {actual[k].Value}");
        }
    }

    /// <summary>
    /// Independent calculation: each entry of K·x and Kᵀ·x as a scalar dot product along its row, k ascending with zero x_k
    /// skipped, against the kernel's strips (sixteen, four and one entries) over row ranges that start and end anywhere.
    /// </summary>
    [Theory]
    [InlineData(SpilloverForm.Additive, 37)]
    [InlineData(SpilloverForm.BenefitShare, 37)]
    [InlineData(SpilloverForm.Additive, 5)]
    public void Kernel_products_are_the_row_dot_product_bits(SpilloverForm form, int n)
    {
        // Neighborhoods on a line 1.3 km apart (the kernel uses only their distances).
        var region = new Region(Enumerable.Range(0, n).Select(k => new Neighborhood($"n{k}", $"n{k}", 1.3 * k, 0.4 * (k % 3), 1, 1000, 1e5, 0, 0,
            new Dictionary<string, double>(), new Dictionary<string, double>(), null)).ToList());
        var kernel = new SpilloverKernel(region, new Spillover(form, 0.3, 2.5));
        var random = new Random(5);
        var x = Enumerable.Range(0, n).Select(k => k % 4 == 1 ? 0 : random.NextDouble() * Math.Pow(10, random.Next(-3, 4))).ToArray();
        foreach (var (from, to) in new[] { (0, n), (3, n), (1, Math.Min(n, 22)), (n - 1, n) })
        {
            var product = new double[to - from];
            var transposed = new double[to - from];
            kernel.Apply(x, product, from, to);
            kernel.ApplyTransposed(x, transposed, from, to);
            for (int i = from; i < to; i++)
            {
                double row = 0, column = 0;
                for (int k = 0; k < n; k++)
                {
                    if (x[k] == 0) continue;
                    row += x[k] * kernel[i, k];
                    column += x[k] * kernel[k, i];
                }
                Assert.True(Bits(row) == Bits(product[i - from]), $"K·x at {i} of [{from}, {to}): {product[i - from]} vs {row}");
                Assert.True(Bits(column) == Bits(transposed[i - from]), $"Kᵀ·x at {i} of [{from}, {to}): {transposed[i - from]} vs {column}");
            }
        }
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    /// <summary>Each structure after the first year's decisions and utilities; optionally every log-benefit good made quadratic.</summary>
    private static IEnumerable<Simulator.StructureRunState> SolvedFirstYear(string file, bool quadratic)
    {
        var loaded = ScenarioLoader.Load(RepoPaths.File($"scenarios/{file}"));
        Assert.True(loaded.IsValid);
        var scenario = loaded.Scenario! with { Years = 1, Replications = 1 };
        if (quadratic)
            scenario = scenario with
            {
                Goods = scenario.Goods.Select((g, k) => k % 2 == 0 && g.Reduces is null ? g with { Benefit = BenefitForm.Quadratic, Curvature = 1e-3 } : g).ToList(),
            };
        var year = new YearConditions(scenario, 0);
        foreach (var run in Simulator.CreateStructures(scenario, 7, 2, out _))
        {
            DecisionSolver.Solve(run.State, year, 2);
            Simulator.ComputeUtilities(run.State, 2);
            yield return run;
        }
    }
}
