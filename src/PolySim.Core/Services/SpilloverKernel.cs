using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>result[i − from] = Σ_k K_ik·x_k for rows i in [from, to).</summary>
    public void Apply(ReadOnlySpan<double> x, Span<double> result, int from, int to) => Accumulate(_columns, x, result, from, to);

    /// <summary>result[i − from] = Σ_k K_ki·x_k (the transpose) for i in [from, to).</summary>
    public void ApplyTransposed(ReadOnlySpan<double> x, Span<double> result, int from, int to) => Accumulate(_w, x, result, from, to);

    /// <summary>
    /// result[i − from] = Σ_k x_k·lines[k][i] over the N lines of <paramref name="lines"/> (N × N, line by line), added over
    /// k in order four entries at a time, so every entry gets the same additions in the same order as a dot product
    /// along its row; zero x_k are skipped (they add +0 to sums of non-negative weights). Strips of sixteen entries keep
    /// their sums in registers over all k (one pass over the strip's columns of the lines, no sum stored in between).
    /// </summary>
    private void Accumulate(double[] lines, ReadOnlySpan<double> x, Span<double> result, int from, int to)
    {
        int count = to - from, width = Vector256<double>.Count, n = N;
        // The loads below are unchecked: the rows must lie within the lines.
        if (from < 0 || to > n || count < 0) throw new ArgumentOutOfRangeException(nameof(to), $"rows [{from}, {to}) outside [0, {n})");
        var sum = result[..count];
        x = x[..n];
        ref double first = ref MemoryMarshal.GetArrayDataReference(lines);
        ref double target = ref MemoryMarshal.GetReference(sum);
        int i = 0;
        for (; i + 4 * width <= count; i += 4 * width)
        {
            Vector256<double> s0 = Vector256<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (int k = 0; k < n; k++)
            {
                if (x[k] == 0) continue;
                var xk = Vector256.Create(x[k]);
                ref double line = ref Unsafe.Add(ref first, (nint)k * n + from + i);
                s0 += xk * Vector256.LoadUnsafe(ref line);
                s1 += xk * Vector256.LoadUnsafe(ref line, 4);
                s2 += xk * Vector256.LoadUnsafe(ref line, 8);
                s3 += xk * Vector256.LoadUnsafe(ref line, 12);
            }
            s0.StoreUnsafe(ref target, (nuint)i);
            s1.StoreUnsafe(ref target, (nuint)(i + 4));
            s2.StoreUnsafe(ref target, (nuint)(i + 8));
            s3.StoreUnsafe(ref target, (nuint)(i + 12));
        }
        for (; i + width <= count; i += width)
        {
            var s0 = Vector256<double>.Zero;
            for (int k = 0; k < n; k++)
                if (x[k] != 0) s0 += Vector256.Create(x[k]) * Vector256.LoadUnsafe(ref Unsafe.Add(ref first, (nint)k * n + from + i));
            s0.StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < count; i++)
        {
            double s0 = 0;
            for (int k = 0; k < n; k++) if (x[k] != 0) s0 += x[k] * lines[k * n + from + i];
            sum[i] = s0;
        }
    }

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
