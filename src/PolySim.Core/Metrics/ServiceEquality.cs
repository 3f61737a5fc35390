using System.Numerics;
using PolySim.Core.Simulation;

namespace PolySim.Core.Metrics;

/// <summary>
/// The per-household service index of a structure's year and the measures over it (MODEL.md section 9): equity, the
/// service Theil T by lowest-tier jurisdiction, the service Gini, and each neighborhood's resident-weighted service sum.
/// The arithmetic is term for term that of <see cref="Inequality.Correlation"/>, <see cref="Inequality.Theil"/> and
/// <see cref="Inequality.Gini(double[], double[], double[], double[])"/>, every sum taken in household order, so the
/// results are the same to the last bit; but the household work (divisions, logarithms) runs in parallel by neighborhood
/// and the ordered sums share few serial passes. Scratch arrays are allocated once per structure.
/// </summary>
internal sealed class ServiceEquality
{
    private readonly StructureState _s;
    private readonly ParallelOptions _options;
    private readonly double[] _values, _weights, _needService, _scratch;

    /// <summary>Allocates the household scratch for <paramref name="state"/>.</summary>
    public ServiceEquality(StructureState state, ParallelOptions options)
    {
        _s = state;
        _options = options;
        int h = state.Households.Count;
        _values = new double[h];
        _weights = new double[h];
        _needService = new double[h];
        _scratch = new double[h];
    }

    /// <summary>The measures; <see cref="Equity"/> is null without need-sensitive goods.</summary>
    public readonly record struct Result(double? Equity, (double Total, double Between, double Within) Theil, double Gini);

    /// <summary>
    /// Computes the service index and its measures. <paramref name="serviceSums"/> (2 per neighborhood) receives
    /// Σ index·w·persons and Σ w·persons of each neighborhood.
    /// </summary>
    public Result Measure(double[] serviceSums)
    {
        var s = _s;
        var hh = s.Households;
        int G = s.G, N = s.N, lanes = Vector<double>.Count, blocks = (G + lanes - 1) / lanes, width = blocks * lanes;
        var start = hh.Start;
        var need = hh.Need;
        var householdWeight = hh.Weight;
        var persons = hh.Persons;

        // Each neighborhood's terms of the service a household receives (Decisions.HouseholdMargin.TargetingFactor, with its
        // arithmetic), padded to whole vectors with zeros: the effective service (0 for enforcement), 1 − t, the targeting
        // share t, and the provider's mean need (0: none).
        var service = new double[N * width];
        var untargeted = new double[N * width];
        var targeting = new double[N * width];
        var needMean = new double[N * width];
        var reduces = new bool[G];
        for (int g = 0; g < G; g++) reduces[g] = s.Goods[g].Reduces is not null;
        for (int l = 0; l < N; l++)
            for (int g = 0; g < G; g++)
            {
                int j = s.Map.Provider(l, g), o = l * width + g;
                double t = s.Targeting(j, g);
                service[o] = reduces[g] ? 0 : s.Service[l * G + g];
                targeting[o] = t;
                untargeted[o] = 1 - t;
                needMean[o] = reduces[g] || t == 0 || s.NeedMean[j] <= 0 ? 0 : s.NeedMean[j];
            }

        // Serial pass 1: each good's resident-weighted mean service, with the weight and need sums of the correlation.
        // One sum per good in household order, the goods side by side in vector lanes.
        Span<Vector<double>> sums = stackalloc Vector<double>[blocks];
        sums.Clear();
        double weight = 0, weightedNeed = 0;
        for (int l = 0; l < N; l++)
            // Each block's sum is loaded once per neighborhood and added to in a register (the same additions).
            for (int b = 0, o = l * width; b < blocks; b++, o += lanes)
            {
                var sum = sums[b];
                var (q, u, t, m) = (new Vector<double>(service, o), new Vector<double>(untargeted, o), new Vector<double>(targeting, o),
                    new Vector<double>(needMean, o));
                var receives = Vector.GreaterThan(m, Vector<double>.Zero);
                for (int h = start[l]; h < start[l + 1]; h++)
                {
                    var wv = new Vector<double>(householdWeight[h] * persons[h]);
                    sum += wv * Vector.ConditionalSelect(receives, q * (u + t * new Vector<double>(need[h]) / m), q);
                }
                sums[b] = sum;
            }
        for (int h = start[0]; h < start[N]; h++)
        {
            double w = householdWeight[h] * persons[h];
            weight += w;
            weightedNeed += w * need[h];
        }
        var mean = new double[G];
        int counted = 0, needGoods = 0;
        for (int g = 0; g < G; g++)
        {
            mean[g] = sums[g / lanes][g % lanes] / weight;
            if (!reduces[g] && mean[g] > 0) counted++;
            if (IsNeedGood(g) && mean[g] > 0) needGoods++;
        }
        // The goods the index adds up: those that are not enforcement and whose mean is not ≤ 0 (as written, a NaN mean
        // adds NaN and is not counted).
        var counts = new bool[G];
        var needGood = new bool[G];
        for (int g = 0; g < G; g++)
        {
            counts[g] = !reduces[g] && !(mean[g] <= 0);
            needGood[g] = IsNeedGood(g);
        }

        // Parallel pass 2: the index (each counted good's service over its mean, averaged) and its need-sensitive part.
        var values = _values;
        var weights = _weights;
        var needService = _needService;
        Parallel.For(0, N, _options, l =>
        {
            Span<Term> terms = stackalloc Term[G];
            int count = 0;
            for (int g = 0, o = l * width; g < G; g++, o++)
                if (counts[g])
                    terms[count++] = new Term(needMean[o] > 0, needGood[g], service[o], untargeted[o], targeting[o], needMean[o], mean[g],
                        service[o] / mean[g]);
            var range = start[l]..start[l + 1];
            (serviceSums[2 * l], serviceSums[2 * l + 1]) = Index(terms[..count], counted, needGoods, need.AsSpan(range),
                householdWeight.AsSpan(range), persons.AsSpan(range), values.AsSpan(range), weights.AsSpan(range), needService.AsSpan(range));
        });

        // Serial pass A: the weighted sums of the index, of its need-sensitive part, and of the index by jurisdiction.
        double valueSum = 0, needServiceSum = 0;
        var groupWeight = new double[s.J];
        var groupSum = new double[s.J];
        for (int l = 0; l < N; l++)
        {
            int j = s.Map.Lowest[l];
            double jWeight = groupWeight[j], jSum = groupSum[j];   // in registers over the neighborhood, the same additions
            for (int h = start[l]; h < start[l + 1]; h++)
            {
                double w = weights[h];
                valueSum += w * values[h];
                needServiceSum += w * needService[h];
                jWeight += w;
                jSum += w * values[h];
            }
            (groupWeight[j], groupSum[j]) = (jWeight, jSum);
        }
        double valueMean = weight > 0 ? valueSum / weight : 0;
        double needServiceMean = weight > 0 ? needServiceSum / weight : 0, needMeanAll = weight > 0 ? weightedNeed / weight : 0;

        // Parallel pass B: each household's Theil term; serial pass C: their sum and the correlation's moments.
        var terms = _scratch;
        bool theil = !(valueMean <= 0);   // Inequality.Theil returns zeros only for a mean ≤ 0
        if (theil)
            Parallel.For(0, N, _options, l =>
            {
                for (int h = start[l]; h < start[l + 1]; h++)
                {
                    double r = values[h] / valueMean;
                    terms[h] = r > 0 ? weights[h] * r * Math.Log(r) : 0;   // adding 0 leaves the sum as skipping would
                }
            });
        double total = 0, sxy = 0, sxx = 0, syy = 0;
        if (needGoods > 0)
            for (int h = 0; h < values.Length; h++)
            {
                if (theil) total += terms[h];
                double dx = needService[h] - needServiceMean, dy = need[h] - needMeanAll;
                sxy += weights[h] * dx * dy; sxx += weights[h] * dx * dx; syy += weights[h] * dy * dy;
            }
        else if (theil)
            for (int h = 0; h < terms.Length; h++) total += terms[h];
        double? equity = needGoods > 0 ? (sxx > 1e-300 && syy > 1e-300 ? sxy / Math.Sqrt(sxx * syy) : 0) : null;
        var theilT = (0.0, 0.0, 0.0);
        if (theil)
        {
            total /= weight;
            double between = 0;
            for (int j = 0; j < s.J; j++)
            {
                if (groupWeight[j] <= 0) continue;
                double r = groupSum[j] / groupWeight[j] / valueMean;
                if (r > 0) between += groupWeight[j] / weight * r * Math.Log(r);
            }
            theilT = (total, between, total - between);
        }
        // The need-sensitive index and the Theil terms are free now: they are the sort's scratch space.
        double gini = Inequality.Gini(values, weights, needService, terms, _options.MaxDegreeOfParallelism);
        return new Result(equity, theilT, gini);
    }

    /// <summary>
    /// A counted good's ratio of service to its mean for a neighborhood's households: for a targeted good
    /// Q·(1 − t + t·n/n̄)/mean, otherwise the neighborhood's <see cref="Ratio"/>.
    /// </summary>
    private readonly record struct Term(bool Targeted, bool NeedGood, double Service, double Untargeted, double Share, double NeedMean,
        double Mean, double Ratio)
    {
        public double Of(double need) => Targeted ? Service * (Untargeted + Share * need / NeedMean) / Mean : Ratio;

        public Vector<double> Of(Vector<double> need) => Targeted
            ? new Vector<double>(Service) * (new Vector<double>(Untargeted) + new Vector<double>(Share) * need / new Vector<double>(NeedMean)) / new Vector<double>(Mean)
            : new Vector<double>(Ratio);
    }

    /// <summary>
    /// One neighborhood's service index, need-sensitive index and resident weight per household, with the same arithmetic
    /// lane by lane for vectors of households; returns Σ index·w·persons and Σ w·persons in household order.
    /// </summary>
    private static (double Sum, double Weight) Index(ReadOnlySpan<Term> terms, int counted, int needGoods, ReadOnlySpan<double> need,
        ReadOnlySpan<double> householdWeight, ReadOnlySpan<double> persons, Span<double> values, Span<double> weights, Span<double> needService)
    {
        int n = need.Length, lanes = Vector<double>.Count, k = 0;
        double sum = 0, sumWeight = 0;
        var (countedVector, needGoodsVector) = (new Vector<double>(counted), new Vector<double>(needGoods));
        for (; k + lanes <= n; k += lanes)
        {
            var needs = new Vector<double>(need[k..]);
            Vector<double> index = Vector<double>.Zero, needIndex = Vector<double>.Zero;
            foreach (ref readonly var term in terms)
            {
                var r = term.Of(needs);
                index += r;
                if (term.NeedGood) needIndex += r;
            }
            var v = counted > 0 ? index / countedVector : Vector<double>.Zero;
            v.CopyTo(values[k..]);
            (needGoods > 0 ? needIndex / needGoodsVector : Vector<double>.Zero).CopyTo(needService[k..]);
            var w = new Vector<double>(householdWeight[k..]) * new Vector<double>(persons[k..]);
            w.CopyTo(weights[k..]);
            for (int i = 0; i < lanes; i++) { sum += v[i] * householdWeight[k + i] * persons[k + i]; sumWeight += w[i]; }
        }
        for (; k < n; k++)
        {
            double index = 0, needIndex = 0;
            foreach (ref readonly var term in terms)
            {
                double r = term.Of(need[k]);
                index += r;
                if (term.NeedGood) needIndex += r;
            }
            double v = counted > 0 ? index / counted : 0;
            values[k] = v;
            needService[k] = needGoods > 0 ? needIndex / needGoods : 0;
            weights[k] = householdWeight[k] * persons[k];
            sum += v * householdWeight[k] * persons[k];
            sumWeight += householdWeight[k] * persons[k];
        }
        return (sum, sumWeight);
    }

    private bool IsNeedGood(int g) => _s.Goods[g].Reduces is null && (_s.Goods[g].NeedSensitivity > 0 || _s.Goods[g].NeedTargeting > 0);
}
