using PolySim.Core.Goods;
using PolySim.Core.Space;

namespace PolySim.Core.Services;

/// <summary>
/// Dense N×N spillover weights of one good or bad (MODEL.md section 3): K_ii = 1 and K_ik = s·e^(−d/λ) for the
/// additive form; for the benefit-share form W_ik = e^(−d/λ) / Σ_{m≠i} e^(−d/λ) (rows sum to 1, W_ii = 0).
/// </summary>
public sealed class SpilloverKernel
{
    private readonly double[] _w;

    /// <summary>Builds the kernel of <paramref name="spillover"/> on <paramref name="region"/>.</summary>
    public SpilloverKernel(Region region, Spillover spillover)
    {
        N = region.Count;
        Form = spillover.Form;
        Share = spillover.Share;
        _w = new double[N * N];
        for (int i = 0; i < N; i++)
        {
            double rowSum = 0;
            for (int k = 0; k < N; k++)
            {
                if (i == k) continue;
                double decay = double.IsPositiveInfinity(spillover.DecayKm) ? 1 : Math.Exp(-region.Distance(i, k) / spillover.DecayKm);
                _w[i * N + k] = Form == SpilloverForm.Additive ? spillover.Share * decay : decay;
                rowSum += _w[i * N + k];
            }
            if (Form == SpilloverForm.Additive) _w[i * N + i] = 1;
            else if (rowSum > 0)
                for (int k = 0; k < N; k++) _w[i * N + k] /= rowSum;
        }
        HasSpillover = Share > 0 && N > 1;
        // The additive form is symmetric (distance is), so its columns are its rows; others keep a transposed copy.
        bool symmetric = true;
        for (int i = 0; i < N && symmetric; i++)
            for (int k = 0; k < i && symmetric; k++) symmetric = _w[i * N + k] == _w[k * N + i];
        if (symmetric) _columns = _w;
        else
        {
            _columns = new double[N * N];
            for (int i = 0; i < N; i++)
                for (int k = 0; k < N; k++) _columns[k * N + i] = _w[i * N + k];
        }
    }

    private readonly double[] _columns;

    /// <summary>Column k of the kernel (the weight of neighborhood k's provision at every neighborhood), contiguous.</summary>
    public ReadOnlySpan<double> Column(int k) => _columns.AsSpan(k * N, N);

    /// <summary>Number of neighborhoods.</summary>
    public int N { get; }

    /// <summary>Additive or benefit-share.</summary>
    public SpilloverForm Form { get; }

    /// <summary>The spillover share s.</summary>
    public double Share { get; }

    /// <summary>False when nothing crosses neighborhood lines (lets loops skip the N² work).</summary>
    public bool HasSpillover { get; }

    /// <summary>Weight of neighborhood k's provision at neighborhood i.</summary>
    public double this[int i, int k] => _w[i * N + k];

    /// <summary>Row i of the kernel.</summary>
    public ReadOnlySpan<double> Row(int i) => _w.AsSpan(i * N, N);
}
