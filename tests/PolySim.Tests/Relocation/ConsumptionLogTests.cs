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
            var weights = LogitWeight.Exp(Vector256.Create<double>(lanes) * Vector256.Create(-1.0 / 1000));
            for (int l = 0; l < 4; l++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(ConsumptionLog.Log(lanes[l])), BitConverter.DoubleToInt64Bits(logs[l]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(LogitWeight.Exp(lanes[l] * (-1.0 / 1000))), BitConverter.DoubleToInt64Bits(weights[l]));
            }
        }
    }
}
