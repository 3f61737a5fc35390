using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PolySim.Core.Relocation;

/// <summary>
/// exp(x) for the logit weights exp((V_i − V_max)/μ) (x ≤ 0), several times cheaper than Math.Exp, which matters at one call
/// per household and neighborhood: in double (types; relative error below 1e-8) and in single precision, eight lanes (agents).
/// </summary>
/// <remarks>
/// e^x = 2^n·e^(r·ln 2) with n = round(x·log₂e) and r ∈ [−½, ½]; e^(r·ln 2) by its Taylor series to degree 8 (Estrin's scheme), whose
/// remainder is below (ln 2 / 2)⁹/9! ≈ 2.0e-10.
/// </remarks>
public static class LogitWeight
{
    private const double Log2E = 1.4426950408889634, Ln2 = 0.6931471805599453;

    /// <summary>e^x.</summary>
    public static double Exp(double x)
    {
        if (x < -700) return 0;
        double t = x * Log2E, n = Math.Round(t), z = (t - n) * Ln2;
        return Polynomial(z) * BitConverter.Int64BitsToDouble((long)(n + 1023) << 52);
    }

    private const float Log2EF = 1.44269504f, ExpCutoffF = -87f;

    /// <summary>
    /// e^x in single precision, eight lanes (x ≤ 0; 0 below −87, where e^x is under 1.7e-38, so that 2^n stays a normal float):
    /// n = round(x·log₂e), r = x − n·ln 2 in two parts (Cody and Waite: n·Ln2HiF is exact), e^r by its Taylor series to degree 7,
    /// whose remainder is below e^(ln 2/2)·(ln 2/2)⁸/8! / e^(−ln 2/2) ≈ 1.0e-8 relative, then 2^n from the exponent bits.
    /// Relative error: a few float ulps (tested: below 4e-7 against Math.Exp).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var n = Vector256.Round(x * Vector256.Create(Log2EF));
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-ConsumptionLog.Ln2HiF), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-ConsumptionLog.Ln2LoF), r);
        var r2 = r * r;
        var a0 = r + Vector256<float>.One;
        var a1 = Vector256.FusedMultiplyAdd(r, Vector256.Create(1f / 6), Vector256.Create(1f / 2));
        var a2 = Vector256.FusedMultiplyAdd(r, Vector256.Create(1f / 120), Vector256.Create(1f / 24));
        var a3 = Vector256.FusedMultiplyAdd(r, Vector256.Create(1f / 5040), Vector256.Create(1f / 720));
        var p = Vector256.FusedMultiplyAdd(r2 * r2, Vector256.FusedMultiplyAdd(r2, a3, a2), Vector256.FusedMultiplyAdd(r2, a1, a0));
        // 2^n from the bits of n + 127 (in [1, 127] here), read off the low mantissa of n + 127 + 2^23.
        var scale = Vector256.ShiftLeft((n + Vector256.Create(127f + 8388608f)).AsUInt32(), 23).AsSingle();
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(ExpCutoffF)), Vector256<float>.Zero, p * scale);
    }

    /// <summary>Σ_{k≤8} z^k/k! by Estrin's scheme with fused multiply-adds.</summary>
    private static double Polynomial(double z)
    {
        double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
        double a0 = Math.FusedMultiplyAdd(z, 1, 1), a1 = Math.FusedMultiplyAdd(z, 1.0 / 6, 1.0 / 2);
        double a2 = Math.FusedMultiplyAdd(z, 1.0 / 120, 1.0 / 24), a3 = Math.FusedMultiplyAdd(z, 1.0 / 5040, 1.0 / 720);
        double low = Math.FusedMultiplyAdd(z4, Math.FusedMultiplyAdd(z2, a3, a2), Math.FusedMultiplyAdd(z2, a1, a0));
        return Math.FusedMultiplyAdd(z8, 1.0 / 40320, low);
    }
}
