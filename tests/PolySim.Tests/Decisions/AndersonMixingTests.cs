using PolySim.Core.Decisions;

namespace PolySim.Tests.Decisions;

/// <summary>
/// Anderson acceleration on a linear fixed point x = A·x + b, whose solution (I − A)⁻¹·b is computed independently by
/// Gaussian elimination. Walker &amp; Ni (2011, section 3): with enough history, Anderson is GMRES on (I − A)x = b, so
/// in n dimensions it is exact (to rounding) after n + 1 mixing steps, while plain iteration only contracts by ρ(A).
/// </summary>
public class AndersonMixingTests
{
    // A spillover-like game: each unknown responds negatively to the others (spectral radius 0.9, oscillating modes).
    private static readonly double[,] A = { { 0.0, -0.45, -0.3 }, { -0.4, 0.0, -0.35 }, { -0.3, -0.5, 0.0 } };
    private static readonly double[] B = [1.0, 2.0, 1.5];

    private static double[] Solve()
    {
        // (I − A)x = b by Gaussian elimination with partial pivoting.
        int n = B.Length;
        var m = new double[n, n + 1];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++) m[r, c] = (r == c ? 1 : 0) - A[r, c];
            m[r, n] = B[r];
        }
        for (int p = 0; p < n; p++)
        {
            int best = p;
            for (int r = p + 1; r < n; r++) if (Math.Abs(m[r, p]) > Math.Abs(m[best, p])) best = r;
            for (int c = 0; c <= n; c++) (m[p, c], m[best, c]) = (m[best, c], m[p, c]);
            for (int r = p + 1; r < n; r++)
            {
                double f = m[r, p] / m[p, p];
                for (int c = p; c <= n; c++) m[r, c] -= f * m[p, c];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double sum = m[r, n];
            for (int c = r + 1; c < n; c++) sum -= m[r, c] * x[c];
            x[r] = sum / m[r, r];
        }
        return x;
    }

    private static double ErrorAfter(int depth, int steps)
    {
        var mixing = new AndersonMixing(depth);
        var x = new double[3];
        var g = new double[3];
        var next = new double[3];
        for (int k = 0; k < steps; k++)
        {
            for (int r = 0; r < 3; r++)
            {
                double fx = B[r];
                for (int c = 0; c < 3; c++) fx += A[r, c] * x[c];
                g[r] = fx - x[r];
            }
            mixing.Step(x, g, 0.5, next);
            Array.Copy(next, x, 3);
        }
        var exact = Solve();
        return Enumerable.Range(0, 3).Max(r => Math.Abs(x[r] - exact[r]) / Math.Abs(exact[r]));
    }

    [Fact]
    public void Exact_after_n_plus_one_mixing_steps_on_a_linear_map()
    {
        // One plain step, then n + 1 = 4 mixing steps: exact to rounding (ridge 1e-10 of the trace aside).
        Assert.True(ErrorAfter(depth: 5, steps: 5) < 1e-8, $"Anderson error {ErrorAfter(5, 5):G3}");
        // Damped plain iteration (β = 0.5) over the same 5 steps is still far off.
        Assert.True(ErrorAfter(depth: 0, steps: 5) > 1e-3, $"plain error {ErrorAfter(0, 5):G3}");
    }
}
