using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PolySim.Core.Relocation;

/// <summary>
/// exp(x) for the logit weights exp((V_i − V_max)/μ) (x ≤ 0): relative error below 1e-8, several times cheaper than
/// Math.Exp, which matters at one call per household and neighborhood.
/// </summary>
/// <remarks>
/// e^x = 2^n·e^(r·ln 2) with n = round(x·log₂e) and r ∈ [−½, ½]; e^(r·ln 2) by its Taylor series to degree 8 (Estrin's scheme), whose
/// remainder is below (ln 2 / 2)⁹/9! ≈ 2.0e-10.
/// </remarks>
public static class LogitWeight
{
    private const double Log2E = 1.4426950408889634, Ln2 = 0.6931471805599453, Two52 = 4503599627370496.0;

    /// <summary>e^x.</summary>
    public static double Exp(double x)
    {
        if (x < -700) return 0;
        double t = x * Log2E, n = Math.Round(t), z = (t - n) * Ln2;
        return Polynomial(z) * BitConverter.Int64BitsToDouble((long)(n + 1023) << 52);
    }

    /// <summary>e^x in each lane, with the same operations (and bits) as the scalar form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        var t = x * Vector256.Create(Log2E);
        var n = Vector256.Round(t);
        var z = (t - n) * Vector256.Create(Ln2);
        var p = Polynomial(z);
        // 2^n from the bits of n + 1023 (an integer in [13, 2046] here), read off the low mantissa of n + 1023 + 2^52.
        var biased = (n + Vector256.Create(1023.0 + Two52)).AsUInt64();
        var scale = Vector256.ShiftLeft(biased, 52).AsDouble();
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-700.0)), Vector256<double>.Zero, p * scale);
    }

    /// <summary>Σ_{k≤8} z^k/k! by Estrin's scheme with fused multiply-adds (the same operations in both forms).</summary>
    private static double Polynomial(double z)
    {
        double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
        double a0 = Math.FusedMultiplyAdd(z, 1, 1), a1 = Math.FusedMultiplyAdd(z, 1.0 / 6, 1.0 / 2);
        double a2 = Math.FusedMultiplyAdd(z, 1.0 / 120, 1.0 / 24), a3 = Math.FusedMultiplyAdd(z, 1.0 / 5040, 1.0 / 720);
        double low = Math.FusedMultiplyAdd(z4, Math.FusedMultiplyAdd(z2, a3, a2), Math.FusedMultiplyAdd(z2, a1, a0));
        return Math.FusedMultiplyAdd(z8, 1.0 / 40320, low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Polynomial(Vector256<double> z)
    {
        var z2 = z * z;
        var z4 = z2 * z2;
        var z8 = z4 * z4;
        var a0 = Vector256.FusedMultiplyAdd(z, Vector256<double>.One, Vector256<double>.One);
        var a1 = Vector256.FusedMultiplyAdd(z, Vector256.Create(1.0 / 6), Vector256.Create(1.0 / 2));
        var a2 = Vector256.FusedMultiplyAdd(z, Vector256.Create(1.0 / 120), Vector256.Create(1.0 / 24));
        var a3 = Vector256.FusedMultiplyAdd(z, Vector256.Create(1.0 / 5040), Vector256.Create(1.0 / 720));
        var low = Vector256.FusedMultiplyAdd(z4, Vector256.FusedMultiplyAdd(z2, a3, a2), Vector256.FusedMultiplyAdd(z2, a1, a0));
        return Vector256.FusedMultiplyAdd(z8, Vector256.Create(1.0 / 40320), low);
    }
}
