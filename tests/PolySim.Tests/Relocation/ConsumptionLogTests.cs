using System.Runtime.Intrinsics;
using PolySim.Core.Relocation;

namespace PolySim.Tests.Relocation;

public class ConsumptionLogTests
{
    /// <summary>Reference: Math.Log. The bound 2e-14 absolute is the remarks' series remainder (1.1e-14) plus rounding;
    /// the range covers consumption from a cent to a billion dollars and the mantissa boundary at √2.</summary>
    [Fact]
    public void Log_matches_Math_Log_to_2e14_absolute()
    {
        var random = new Random(11);
        for (int k = 0; k < 200_000; k++)
        {
            double x = Math.Exp(random.NextDouble() * 25 - 4.6);
            Assert.True(Math.Abs(ConsumptionLog.Log(x) - Math.Log(x)) <= 2e-14, $"x = {x}");
        }
        foreach (double x in new[] { 1.0, Math.Sqrt(2), Math.BitDecrement(Math.Sqrt(2)), Math.BitIncrement(Math.Sqrt(2)), 2.0, 0.5, 1e-300 })
            Assert.True(Math.Abs(ConsumptionLog.Log(x) - Math.Log(x)) <= 2e-14, $"x = {x}");
        Assert.Equal(double.NegativeInfinity, ConsumptionLog.Log(0.0));
    }

    /// <summary>The vector and scalar forms must give the same bits, or results would depend on where a neighborhood
    /// falls in the vector loop (N mod 4).</summary>
    [Fact]
    public void Vector_and_scalar_forms_agree_bit_for_bit()
    {
        var random = new Random(12);
        var lanes = new double[4];
        for (int k = 0; k < 50_000; k++)
        {
            for (int l = 0; l < 4; l++) lanes[l] = k % 97 == 0 && l == 2 ? 0.0 : Math.Exp(random.NextDouble() * 30 - 5);
            var logs = ConsumptionLog.Log(Vector256.Create<double>(lanes));
            for (int l = 0; l < 4; l++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(ConsumptionLog.Log(lanes[l])), BitConverter.DoubleToInt64Bits(logs[l]));
            }
        }
    }

    /// <summary>
    /// The exponent and mantissa come from one integer subtraction on the bits; the reference is the textbook split
    /// (m ∈ [1, 2), then m·½ and e + 1 when m &gt; √2), followed by the same series. Both splits are exact, so every bit must agree,
    /// including at the boundary √2 and its neighbours, at binade edges and at the largest doubles.
    /// </summary>
    [Fact]
    public void Integer_split_gives_the_bits_of_the_compare_and_halve_split()
    {
        const double sqrt2 = 1.4142135623730951;
        static double Reference(double x)
        {
            ulong bits = BitConverter.DoubleToUInt64Bits(x);
            double e = (int)(bits >> 52) - 1023;
            double m = BitConverter.UInt64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFUL) | 0x3FF0_0000_0000_0000UL);
            if (m > sqrt2) { m *= 0.5; e += 1; }
            double f = m - 1, s = f / (2 + f), z = s * s;
            double z2 = z * z, z4 = z2 * z2;
            double a0 = Math.FusedMultiplyAdd(z, 1.0 / 3, 1), a1 = Math.FusedMultiplyAdd(z, 1.0 / 7, 1.0 / 5);
            double a2 = Math.FusedMultiplyAdd(z, 1.0 / 11, 1.0 / 9), a3 = Math.FusedMultiplyAdd(z, 1.0 / 15, 1.0 / 13);
            double series = Math.FusedMultiplyAdd(z4, Math.FusedMultiplyAdd(z2, a3, a2), Math.FusedMultiplyAdd(z2, a1, a0));
            return e * 0.6931471805599453 + 2 * s * series;
        }
        var xs = new List<double> { sqrt2, Math.BitDecrement(sqrt2), Math.BitIncrement(sqrt2), sqrt2 / 2, Math.BitIncrement(sqrt2 / 2),
            Math.BitDecrement(sqrt2 / 2), 1, Math.BitDecrement(1.0), 2, Math.BitDecrement(2.0), double.MaxValue, 1e-300, 3e-308 };
        var random = new Random(13);
        for (int k = 0; k < 100_000; k++) xs.Add(Math.Exp(random.NextDouble() * 1400 - 700));
        var lanes = new double[4];
        for (int k = 0; k < xs.Count; k++)
        {
            double x = xs[k];
            Assert.Equal(BitConverter.DoubleToInt64Bits(Reference(x)), BitConverter.DoubleToInt64Bits(ConsumptionLog.Log(x)));
            lanes[k % 4] = x;
            if (k % 4 != 3) continue;
            var logs = ConsumptionLog.Log(Vector256.Create<double>(lanes));
            for (int l = 0; l < 4; l++) Assert.Equal(BitConverter.DoubleToInt64Bits(Reference(lanes[l])), BitConverter.DoubleToInt64Bits(logs[l]));
        }
    }

    /// <summary>
    /// The single-precision log against Math.Log over [1e-30, 1e30] and at the split's boundaries: within 6e-8 (the series'
    /// roundings on 2s·series, |·| ≤ 0.35, and its 7.1e-10 remainder) plus one ulp of the result (its final rounding and that of
    /// e·ln 2's low part).
    /// </summary>
    [Fact]
    public void Single_precision_log_matches_Math_Log_to_6e8_plus_an_ulp()
    {
        var random = new Random(14);
        var xs = new List<float> { 1f, MathF.Sqrt(2), MathF.BitIncrement(MathF.Sqrt(2)), MathF.BitDecrement(MathF.Sqrt(2)), MathF.Sqrt(0.5f),
            MathF.BitIncrement(MathF.Sqrt(0.5f)), MathF.BitDecrement(MathF.Sqrt(0.5f)), 2f, 0.5f, 0.05f, ConsumptionLog.MinNormalF, 1e30f };
        for (int k = 0; k < 400_000; k++) xs.Add((float)Math.Exp(random.NextDouble() * 138 - 69));
        var lanes = new float[8];
        double worst = 0;
        for (int k = 0; k + 8 <= xs.Count; k += 8)
        {
            xs.CopyTo(k, lanes, 0, 8);
            var logs = ConsumptionLog.LogNormal(Vector256.Create<float>(lanes));
            for (int l = 0; l < 8; l++)
            {
                double expected = Math.Log(lanes[l]), error = Math.Abs(logs[l] - expected);
                worst = Math.Max(worst, error / (6e-8 + Math.BitIncrement(Math.Abs((float)expected)) - Math.Abs((float)expected)));
                Assert.True(error <= 6e-8 + (MathF.BitIncrement(MathF.Abs((float)expected)) - MathF.Abs((float)expected)), $"x = {lanes[l]}: {logs[l]} vs {expected}");
            }
        }
        Assert.True(worst > 0.05, $"the bound should be near what is reached: {worst}");
    }
}
