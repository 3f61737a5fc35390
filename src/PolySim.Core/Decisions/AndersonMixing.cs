using MathNet.Numerics.LinearAlgebra;

namespace PolySim.Core.Decisions;

/// <summary>
/// Anderson acceleration (type II, with damping β) of a fixed-point iteration x = F(x): the next iterate mixes the
/// last <c>depth</c> iterates so as to cancel the residual g = F(x) − x to first order.
/// </summary>
/// <remarks>
/// Walker &amp; Ni (2011), "Anderson acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49(4), eq. (2.2) and
/// section 3: with ΔX, ΔG the differences of successive iterates and residuals,
/// γ = argmin ‖g_k − ΔG γ‖₂ and x_{k+1} = x_k + βg_k − (ΔX + βΔG)γ. For a linear map this is GMRES on the residual
/// equation, so the spillover games' few slow modes are removed in a handful of steps instead of being damped
/// geometrically. The least-squares problem is solved through its (ridge-regularized) normal equations, which is
/// ample for depth ≤ 5; a history that stops being useful is dropped by <see cref="Reset"/>.
/// </remarks>
public sealed class AndersonMixing
{
    private readonly int _depth;
    private readonly List<double[]> _dx = [], _dg = [];
    private double[]? _lastX, _lastG;

    /// <summary>Mixes at most <paramref name="depth"/> past differences (0 = plain damped iteration).</summary>
    public AndersonMixing(int depth) => _depth = depth;

    /// <summary>Forgets the history (the next step is a plain damped step).</summary>
    public void Reset()
    {
        _dx.Clear();
        _dg.Clear();
        _lastX = null;
        _lastG = null;
    }

    /// <summary>Writes the next iterate from iterate <paramref name="x"/> and its residual <paramref name="g"/> to <paramref name="next"/>.</summary>
    public void Step(double[] x, double[] g, double beta, double[] next)
    {
        int n = x.Length;
        if (_lastX is not null && _lastG is not null)
        {
            var dx = new double[n];
            var dg = new double[n];
            for (int k = 0; k < n; k++) { dx[k] = x[k] - _lastX[k]; dg[k] = g[k] - _lastG[k]; }
            _dx.Add(dx);
            _dg.Add(dg);
            if (_dx.Count > _depth) { _dx.RemoveAt(0); _dg.RemoveAt(0); }
        }
        _lastX = (double[])x.Clone();
        _lastG = (double[])g.Clone();
        for (int k = 0; k < n; k++) next[k] = x[k] + beta * g[k];
        int m = _dg.Count;
        if (m == 0) return;

        var normal = Matrix<double>.Build.Dense(m, m);
        var rhs = Vector<double>.Build.Dense(m);
        double trace = 0;
        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double dot = Dot(_dg[a], _dg[b]);
                normal[a, b] = dot;
                normal[b, a] = dot;
            }
            rhs[a] = Dot(_dg[a], g);
            trace += normal[a, a];
        }
        if (!(trace > 0) || !double.IsFinite(trace)) { Reset(); return; }
        for (int a = 0; a < m; a++) normal[a, a] += 1e-10 * trace;
        var gamma = normal.Cholesky().Solve(rhs);
        for (int a = 0; a < m; a++)
        {
            double c = gamma[a];
            if (!double.IsFinite(c)) { Reset(); for (int k = 0; k < n; k++) next[k] = x[k] + beta * g[k]; return; }
            var dx = _dx[a];
            var dg = _dg[a];
            for (int k = 0; k < n; k++) next[k] -= c * (dx[k] + beta * dg[k]);
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }
}
