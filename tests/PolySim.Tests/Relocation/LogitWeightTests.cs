using PolySim.Core.Relocation;

namespace PolySim.Tests.Relocation;

public class LogitWeightTests
{
    [Fact]
    public void Fast_exponential_matches_Math_Exp_to_1e8_relative_over_the_logit_range()
    {
        // Reference: Math.Exp (the CRT's correctly rounded-ish exp). The bound 1e-8 is the remarks' Taylor remainder
        // (2e-10) plus rounding headroom.
        for (double x = -700; x <= 0; x += 0.0137)
        {
            double expected = Math.Exp(x);
            Assert.True(Math.Abs(LogitWeight.Exp(x) - expected) <= 1e-8 * expected, $"x = {x}: {LogitWeight.Exp(x)} vs {expected}");
        }
        Assert.Equal(0, LogitWeight.Exp(-1e6));
    }
}
