using PolySim.Core.Decisions;
using PolySim.Core.Simulation;
using PolySim.Scenarios;
using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Decisions;

/// <summary>
/// Niskanen's slack with the level's feedback on its own demand slope foreseen (<see cref="DecisionSolver.NiskanenStep"/>) must keep
/// the plain step's fixed point and only shorten the path to it.
/// </summary>
public class NiskanenStepTests
{
    [Fact]
    public void The_predicted_step_keeps_the_fixed_point_of_the_plain_step()
    {
        // Closed form: at the plain step's fixed point q0 = q + ν·K the quadratic ν·K/q0²·q'² − q' + q = 0 has the root
        // q' = q0 (its discriminant is ((q − ν·K)/q0)²), and it is the smaller one because ν·K < q.
        var random = new Random(20251124);
        for (int n = 0; n < 10_000; n++)
        {
            double q = Math.Exp(random.NextDouble() * 9 - 4.5), k = q * random.NextDouble(), slack = 1 - random.NextDouble();
            double fixedPoint = q + slack * k;
            double step = DecisionSolver.NiskanenStep(q, q + k, fixedPoint, slack, predict: true);
            Assert.True(Math.Abs(step - fixedPoint) <= 1e-13 * fixedPoint, $"q {q:R}, K {k:R}, ν {slack:R}: {step:R} against {fixedPoint:R}");
        }
    }

    [Theory]
    [InlineData(0.2, 0.5)]
    [InlineData(0.2, 2.0)]
    [InlineData(1.0, 0.5)]
    [InlineData(0.5, 1.7)]
    public void Where_the_addition_grows_with_the_square_of_the_level_one_predicted_step_lands_on_the_fixed_point(double slack, double start)
    {
        // Demand slope ∝ 1/q0², so K(q0) = K1·(q0/q1)² exactly; the fixed point of q* = q + ν·K(q*) is the smaller root of
        // ν·K1/q1²·q*² − q* + q = 0 (closed form below). The plain step only approaches it geometrically.
        const double q = 1.0, k1 = 0.3, q1 = 1.2;
        double r = slack * k1 / (q1 * q1), exact = (1 - Math.Sqrt(1 - 4 * r * q)) / (2 * r);
        double current = start * exact, k = k1 * (current / q1) * (current / q1);
        double niskanen = Math.Min(2 * q, q + k);
        double predicted = DecisionSolver.NiskanenStep(q, niskanen, current, slack, predict: true);
        double plain = DecisionSolver.NiskanenStep(q, niskanen, current, slack, predict: false);
        Assert.Equal(exact, predicted, 1e-12);
        Assert.True(Math.Abs(plain - exact) > 1e-3 * exact, "the plain step from a distant level does not land on the fixed point");
    }

    [Fact]
    public void Without_a_real_root_or_at_the_cap_the_plain_step_is_taken()
    {
        // 4·ν·K·q/q0² > 1: no real root. Niskanen's level at its cap 2q: nothing to foresee.
        Assert.Equal(1.0 + 0.9 * 0.9, DecisionSolver.NiskanenStep(1.0, 1.9, 0.5, 0.9, predict: true), 15);
        Assert.Equal(1.0 + 0.2 * 1.0, DecisionSolver.NiskanenStep(1.0, 2.0, 1.1, 0.2, predict: true), 15);
        Assert.Equal(1.0 + 0.2 * 0.5, DecisionSolver.NiskanenStep(1.0, 1.5, 0.0, 0.2, predict: true), 15);
    }

    [Fact]
    public void On_metro_baseline_the_predicted_step_reaches_the_plain_fixed_point_in_fewer_iterations()
    {
        // A Niskanen bureau (slack 0.2) over log-benefit goods in three structures. Both paths stop once no level changes by
        // more than the tolerance r = 1e-6 (relative) in an iteration; the residual falls 3 times or more an iteration there
        // (a contraction L ≤ 1/3), so each stops within r/(1 − L) ≤ 1.5e-6 of the common fixed point: they must agree
        // within 3e-6. A step that moved the fixed point by 1e-5 fails this.
        var loaded = ScenarioLoader.Load(RepoPaths.File("scenarios/metro-baseline.yaml"));
        Assert.True(loaded.IsValid);
        var scenario = loaded.Scenario! with { Years = 1, Replications = 1 };
        Assert.Equal(1e-6, scenario.Decisions.Tolerance);
        var plain = scenario with { Decisions = scenario.Decisions with { PlainNiskanen = true } };
        var predicted = Simulator.CreateStructures(scenario, 7, 2, out _).ToList();
        var reference = Simulator.CreateStructures(plain, 7, 2, out _).ToList();
        var year = new YearConditions(scenario, 0);
        int fewer = 0, more = 0;
        for (int k = 0; k < predicted.Count; k++)
        {
            Assert.True(predicted[k].State.Map.Structure.Bureaucracy.NiskanenSlack > 0);
            var a = DecisionSolver.Solve(predicted[k].State, year, 2);
            var b = DecisionSolver.Solve(reference[k].State, year, 2);
            Assert.True(a.Converged && b.Converged);
            var (la, lb) = (predicted[k].State.Level, reference[k].State.Level);
            double largest = lb.Max();
            for (int i = 0; i < la.Length; i++)
                Assert.True(Math.Abs(la[i] - lb[i]) <= 3e-6 * Math.Max(Math.Abs(lb[i]), 1e-6 * largest),
                    $"{predicted[k].Structure.Id}, level {i}: predicted {la[i]:R}, plain {lb[i]:R}");
            if (a.Iterations < b.Iterations) fewer++;
            if (a.Iterations > b.Iterations) more++;
        }
        Assert.True(fewer > 0 && more == 0, $"{fewer} structures took fewer iterations, {more} more");
    }
}
