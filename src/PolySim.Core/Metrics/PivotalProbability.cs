using MathNet.Numerics;

namespace PolySim.Core.Metrics;

/// <summary>Probability that one voter decides a majority vote (benchmark B10).</summary>
public static class PivotalProbability
{
    /// <summary>
    /// Exact probability C(n−1, (n−1)/2)/2^(n−1) that the other n − 1 voters split evenly when each votes Yes with
    /// probability ½ (n rounded up to odd), computed through log-gamma; ≈ √(2/(πn)) (Penrose's square-root law).
    /// </summary>
    public static double Exact(double voters)
    {
        long n = Math.Max(1, (long)Math.Round(voters));
        if (n % 2 == 0) n++;
        if (n == 1) return 1;
        double m = n - 1;
        return Math.Exp(SpecialFunctions.GammaLn(m + 1) - 2 * SpecialFunctions.GammaLn(m / 2 + 1) - m * Math.Log(2));
    }
}
