using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PolySim.Core.Relocation;

/// <summary>
/// ln x for the consumption term (1 − α)·ln c of every household-neighborhood utility, four lanes at a time: the one
/// transcendental call per evaluation in sorting, where scalar Math.Log alone costs more than the rest of the
/// evaluation. Absolute error below 2e-14; the scalar and vector forms give the same bits for the same input.
/// </summary>
/// <remarks>
/// x = 2^e·m with m ∈ (√½, √2]; ln m = 2·atanh(s) = 2(s + s³/3 + … + s¹⁵/15) with s = (m − 1)/(m + 1), |s| ≤ 0.1716, so the
/// first omitted term is below 2·0.1716¹⁷/17 ≈ 1.1e-14 (the series of atanh: Abramowitz and Stegun 4.1.27).
/// Inputs at or below the smallest normal double (never a floored consumption) fall back to Math.Log.
/// e and m come from integer arithmetic on the bits: subtracting the bits of the double just above √2/2 (and adding back
/// the exponent bias) carries mantissas above √2's into the next exponent, so one subtraction replaces a comparison and two
/// selections; both are exact, so the result is the same as scaling m by ½ when m &gt; √2.
/// </remarks>
public static class ConsumptionLog
{
    private const double Ln2 = 0.6931471805599453, Two52 = 4503599627370496.0;
    private const double MinNormal = 2.2250738585072014e-308;
    private const ulong MantissaMask = 0x000F_FFFF_FFFF_FFFFUL, OneBits = 0x3FF0_0000_0000_0000UL, Two52Bits = 0x4330_0000_0000_0000UL;
    /// <summary>Bits of the smallest double above √2/2 (0.7071067811865476), and what adding them to x's bits' mantissa undoes.</summary>
    private const ulong LowBits = 0x3FE6_A09E_667F_3BCEUL, Shift = OneBits - LowBits;

    /// <summary>ln x.</summary>
    public static double Log(double x)
    {
        if (!(x > MinNormal)) return Math.Log(x);
        ulong bits = BitConverter.DoubleToUInt64Bits(x) + Shift;   // (e + 1023)·2^52 + (bits of m − LowBits)
        double e = BitConverter.UInt64BitsToDouble((bits >> 52) | Two52Bits) - (Two52 + 1023);
        double m = BitConverter.UInt64BitsToDouble((bits & MantissaMask) + LowBits);
        double f = m - 1, s = f / (2 + f), z = s * s;
        return e * Ln2 + 2 * s * Series(z);
    }

    /// <summary>ln x in each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        var result = LogNormal(x);
        return Vector256.GreaterThanAll(x, Vector256.Create(MinNormal)) ? result : WithMathLog(x, result);
    }

    /// <summary>ln x in the lanes where x exceeds the smallest normal double; other lanes are not ln x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> LogNormal(Vector256<double> x)
    {
        var bits = x.AsUInt64() + Vector256.Create(Shift);
        var e = (Vector256.ShiftRightLogical(bits, 52) | Vector256.Create(Two52Bits)).AsDouble() - Vector256.Create(Two52 + 1023);
        var m = ((bits & Vector256.Create(MantissaMask)) + Vector256.Create(LowBits)).AsDouble();
        var f = m - Vector256<double>.One;
        var s = f / (Vector256.Create(2.0) + f);
        var z = s * s;
        return e * Vector256.Create(Ln2) + Vector256.Create(2.0) * s * Series(z);
    }

    /// <summary>Math.Log in the lanes at or below the smallest normal double (kept out of line: it never runs in practice).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> WithMathLog(Vector256<double> x, Vector256<double> result)
    {
        var lanes = new double[Vector256<double>.Count];
        result.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++)
            if (!(x[k] > MinNormal)) lanes[k] = Math.Log(x[k]);
        return Vector256.Create<double>(lanes);
    }

    private const uint MantissaMaskF = 0x007F_FFFF, OneBitsF = 0x3F80_0000;
    /// <summary>Bits of the smallest float above √2/2 (0.70710683), and what adding them to x's bits' mantissa undoes.</summary>
    private const uint LowBitsF = 0x3F35_04F4, ShiftF = OneBitsF - LowBitsF;
    /// <summary>ln 2 = Ln2HiF + Ln2LoF, Ln2HiF with 11 significant bits so that e·Ln2HiF is exact.</summary>
    internal const float Ln2HiF = 0.693115234375f, Ln2LoF = 3.1946183e-05f;

    /// <summary>Smallest normal float: <see cref="LogNormal(Vector256{float})"/> needs x at or above it.</summary>
    public const float MinNormalF = 1.17549435e-38f;

    /// <summary>
    /// ln x in single precision for normal x (x ≥ <see cref="MinNormalF"/>), eight lanes: the same split as the double form
    /// (by the bits of the float above √2/2), then ln m = 2s(1 + z/3 + z²/5 + z³/7 + z⁴/9), z = s², whose first omitted term is
    /// below 2·0.1716¹¹/11/(1 − z) ≈ 7.1e-10 (Abramowitz and Stegun 4.1.27), and e·ln 2 split in two so that e·Ln2HiF is exact.
    /// Error: the series' roundings, a few 1e-8 on 2s·series (|·| ≤ 0.35), plus half an ulp of the result (tested: within
    /// 6e-8 + 1 ulp of Math.Log over [1e-30, 1e30]).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> LogNormal(Vector256<float> x)
    {
        var bits = x.AsUInt32() + Vector256.Create(ShiftF);
        var e = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(bits, 23).AsInt32() - Vector256.Create(127));
        var m = ((bits & Vector256.Create(MantissaMaskF)) + Vector256.Create(LowBitsF)).AsSingle();
        var f = m - Vector256<float>.One;
        var s = f / (Vector256.Create(2f) + f);
        var z = s * s;
        var low = Vector256.FusedMultiplyAdd(z, Vector256.Create(1f / 3), Vector256<float>.One);
        var high = Vector256.FusedMultiplyAdd(z, Vector256.Create(1f / 7), Vector256.Create(1f / 5));
        var z2 = z * z;
        var series = Vector256.FusedMultiplyAdd(z2 * z2, Vector256.Create(1f / 9), Vector256.FusedMultiplyAdd(z2, high, low));
        var tail = Vector256.FusedMultiplyAdd(e, Vector256.Create(Ln2LoF), (s + s) * series);
        return Vector256.FusedMultiplyAdd(e, Vector256.Create(Ln2HiF), tail);
    }

    /// <summary>
    /// 1 + z/3 + z²/5 + … + z⁷/15 by Estrin's scheme with fused multiply-adds (the same operations in both forms): four
    /// independent pairs, then two, then one, so the dependency chain is three deep instead of Horner's seven.
    /// </summary>
    private static double Series(double z)
    {
        double z2 = z * z, z4 = z2 * z2;
        double a0 = Math.FusedMultiplyAdd(z, 1.0 / 3, 1), a1 = Math.FusedMultiplyAdd(z, 1.0 / 7, 1.0 / 5);
        double a2 = Math.FusedMultiplyAdd(z, 1.0 / 11, 1.0 / 9), a3 = Math.FusedMultiplyAdd(z, 1.0 / 15, 1.0 / 13);
        return Math.FusedMultiplyAdd(z4, Math.FusedMultiplyAdd(z2, a3, a2), Math.FusedMultiplyAdd(z2, a1, a0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Series(Vector256<double> z)
    {
        var z2 = z * z;
        var z4 = z2 * z2;
        var a0 = Vector256.FusedMultiplyAdd(z, Vector256.Create(1.0 / 3), Vector256<double>.One);
        var a1 = Vector256.FusedMultiplyAdd(z, Vector256.Create(1.0 / 7), Vector256.Create(1.0 / 5));
        var a2 = Vector256.FusedMultiplyAdd(z, Vector256.Create(1.0 / 11), Vector256.Create(1.0 / 9));
        var a3 = Vector256.FusedMultiplyAdd(z, Vector256.Create(1.0 / 15), Vector256.Create(1.0 / 13));
        return Vector256.FusedMultiplyAdd(z4, Vector256.FusedMultiplyAdd(z2, a3, a2), Vector256.FusedMultiplyAdd(z2, a1, a0));
    }
}
