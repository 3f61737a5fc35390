namespace PolySim.Core.Goods;

/// <summary>Waiting times at service points (benchmark B12b).</summary>
public static class Queueing
{
    /// <summary>
    /// Erlang-C probability that an arrival waits in an M/M/c queue.
    /// </summary>
    /// <remarks>Computed through the Erlang-B recursion B(k) = A·B(k−1) / (k + A·B(k−1)), B(0) = 1, with
    /// A = λ/μ, then C = c·B / (c − A(1 − B)); stable for large c (Kleinrock, Queueing Systems, 1975).</remarks>
    public static double ErlangC(double lambda, double mu, int servers)
    {
        double a = lambda / mu;
        if (a >= servers) return 1;
        double b = 1;
        for (int k = 1; k <= servers; k++) b = a * b / (k + a * b);
        return servers * b / (servers - a * (1 - b));
    }

    /// <summary>Mean wait in queue W_q = C(c, A) / (cμ − λ), hours; +∞ if unstable.</summary>
    public static double ErlangCWait(double lambda, double mu, int servers)
    {
        if (lambda >= servers * mu) return double.PositiveInfinity;
        return ErlangC(lambda, mu, servers) / (servers * mu - lambda);
    }
}
