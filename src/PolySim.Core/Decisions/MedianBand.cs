using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PolySim.Core.Decisions;

/// <summary>
/// The part of an electorate's ideal points that decides its weighted median when the median is known to lie within
/// a bracket [center − width, center + width]: the total weight, the weight below the bracket, and the values inside it, gathered piece by piece, so that the decision solver can scan each block of ideal
/// points right after computing it, and electorates of several neighborhoods merge their neighborhoods' bands.
/// </summary>
/// <remarks>
/// Values equal to the center are kept as one entry, so a median sitting on many ties (a corner at 0) stays cheap.
/// A band holds at most its capacity of values; beyond that it is <see cref="Full"/> and cannot give the median.
/// Merging adds partial sums, so the median equals <see cref="WeightedMedian.Select"/>'s up to the rounding of those
/// sums, which the margins of <see cref="TrySelect"/> keep out of the comparisons.
/// </remarks>
internal sealed class MedianBand
{
    private double[] _values = new double[64], _weights = new double[64];
    private double _lo, _hi, _center, _total, _below, _inside, _atCenter;
    private bool _centerSeen;
    private int _count, _capacity;

    /// <summary>More values fell inside the bracket than the capacity allows.</summary>
    public bool Full { get; private set; }

    /// <summary>Empties the band for a new bracket.</summary>
    public void Start(double center, double width, int capacity)
    {
        _lo = center - width;
        _hi = center + width;
        _center = center;
        _capacity = capacity;
        _total = _below = _inside = _atCenter = 0;
        _centerSeen = Full = false;
        _count = 0;
    }

    /// <summary>Empties the band for the bracket of <paramref name="other"/>, to absorb bands like it.</summary>
    public void StartLike(MedianBand other, int capacity)
    {
        Start(other._center, 0, capacity);
        _lo = other._lo;
        _hi = other._hi;
    }

    /// <summary>Adds ideal points and their weights.</summary>
    public void Add(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        if (Full) return;
        int k = 0, lanes = Vector256<double>.Count;
        ref double value = ref MemoryMarshal.GetReference(values);
        ref double weight = ref MemoryMarshal.GetReference(weights);
        if (weights.Length < values.Length) throw new ArgumentException("A weight for every value.", nameof(weights));
        // Branch-free sums of the weight below the bracket; the rare vectors with a value inside go element by element.
        // Values at the center (a corner at 0 shared by many households) are summed in the vectors too.
        var low = Vector256.Create(_lo);
        var high = Vector256.Create(_hi);
        var center = Vector256.Create(_center);
        // Two vectors a step, each with its own sums, so that the additions of one do not wait for the other's.
        Vector256<double> sum = Vector256<double>.Zero, under = Vector256<double>.Zero, at = Vector256<double>.Zero, seen = Vector256<double>.Zero;
        Vector256<double> sum2 = Vector256<double>.Zero, under2 = Vector256<double>.Zero, at2 = Vector256<double>.Zero;
        for (; k <= values.Length - 2 * lanes; k += 2 * lanes)
        {
            var v = Vector256.LoadUnsafe(ref value, (nuint)k);
            var w = Vector256.LoadUnsafe(ref weight, (nuint)k);
            var v2 = Vector256.LoadUnsafe(ref value, (nuint)(k + lanes));
            var w2 = Vector256.LoadUnsafe(ref weight, (nuint)(k + lanes));
            var isBelow = Vector256.LessThan(v, low);
            var isCenter = Vector256.Equals(v, center);
            var isBelow2 = Vector256.LessThan(v2, low);
            var isCenter2 = Vector256.Equals(v2, center);
            sum += w;
            under += w & isBelow;
            at += w & isCenter;
            sum2 += w2;
            under2 += w2 & isBelow2;
            at2 += w2 & isCenter2;
            seen |= isCenter | isCenter2;
            uint inside = Vector256.AndNot(Vector256.AndNot(Vector256.LessThanOrEqual(v, high), isBelow), isCenter).ExtractMostSignificantBits();
            uint inside2 = Vector256.AndNot(Vector256.AndNot(Vector256.LessThanOrEqual(v2, high), isBelow2), isCenter2).ExtractMostSignificantBits();
            if ((inside | inside2) == 0) continue;
            if (!KeepLanes(values, weights, k, inside) || !KeepLanes(values, weights, k + lanes, inside2)) return;
        }
        sum += sum2;
        under += under2;
        at += at2;
        for (; k <= values.Length - lanes; k += lanes)
        {
            var v = Vector256.LoadUnsafe(ref value, (nuint)k);
            var w = Vector256.LoadUnsafe(ref weight, (nuint)k);
            var isBelow = Vector256.LessThan(v, low);
            var isCenter = Vector256.Equals(v, center);
            sum += w;
            under += w & isBelow;
            at += w & isCenter;
            seen |= isCenter;
            uint inside = Vector256.AndNot(Vector256.AndNot(Vector256.LessThanOrEqual(v, high), isBelow), isCenter).ExtractMostSignificantBits();
            if (!KeepLanes(values, weights, k, inside)) return;
        }
        _total += Vector256.Sum(sum);
        _below += Vector256.Sum(under);
        _atCenter += Vector256.Sum(at);
        _centerSeen |= seen != Vector256<double>.Zero;
        for (; k < values.Length; k++)
        {
            double v = values[k], w = weights[k];
            _total += w;
            if (v < _lo) _below += w;
            else if (v <= _hi && !Keep(v, w)) return;
        }
    }

    /// <summary>
    /// Keeps the lanes of the vector at values[k] whose bit is set in <paramref name="inside"/> (values inside the bracket,
    /// not at its center); false once the band is full.
    /// </summary>
    private bool KeepLanes(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, int k, uint inside)
    {
        int lanes = Vector256<double>.Count;
        if (inside == 0) return true;
        if (_count + lanes <= _capacity)
        {
            // Room for the whole vector: every lane is written and the count advances by the kept ones only, without
            // a branch per lane (which side of the bracket a value falls on is unpredictable). The weights inside
            // are added in lane order, as Keep adds them (+0 for a lane left out).
            Reserve(_count + lanes);
            for (int a = 0; a < lanes; a++)
            {
                int keep = (int)(inside >> a) & 1;
                double w = weights[k + a];
                _values[_count] = values[k + a];
                _weights[_count] = w;
                _inside += w * keep;
                _count += keep;
            }
            return true;
        }
        for (int a = k; a < k + lanes; a++)
            if (values[a] >= _lo && values[a] <= _hi && values[a] != _center && !Keep(values[a], weights[a])) return false;
        return true;
    }

    /// <summary>Adds another band of the same bracket (one neighborhood of a district, say).</summary>
    public void Absorb(MedianBand part)
    {
        if (Full) return;
        if (part.Full || part._center != _center || part._lo != _lo || part._hi != _hi || _count + part._count > _capacity)
        {
            Full = true;
            return;
        }
        Reserve(_count + part._count);
        Array.Copy(part._values, 0, _values, _count, part._count);
        Array.Copy(part._weights, 0, _weights, _count, part._count);
        _count += part._count;
        _total += part._total;
        _below += part._below;
        _inside += part._inside;
        _atCenter += part._atCenter;
        _centerSeen |= part._centerSeen;
    }

    /// <summary>
    /// The weighted median of everything added, when it lies inside the bracket and the band is not full; reorders the
    /// band's values, so call it once.
    /// </summary>
    public bool TrySelect(out double median)
    {
        median = 0;
        if (Full) return false;
        double inside = _inside;
        int count = _count;
        if (_centerSeen)
        {
            Reserve(count + 1);
            _values[count] = _center;
            _weights[count++] = _atCenter;
            inside += _atCenter;
        }
        double half = _total / 2, tolerance = WeightedMedian.EvenSplitTolerance * _total;
        // v* is in the bracket iff C(< lo) ≤ W/2 + ε < C(≤ hi); the margins keep rounding of the partial sums out.
        if (count == 0 || _below > half + tolerance - 1e-15 * _total || _below + inside <= half + tolerance + 1e-15 * _total) return false;
        // The largest value below the bracket is not tracked (it costs a third of the scan): an even split that needs it
        // gives NaN, and the caller selects from all values.
        median = WeightedMedian.SelectFrom(_values.AsSpan(0, count), _weights.AsSpan(0, count), half, tolerance, _below, double.NaN);
        return !double.IsNaN(median);
    }

    /// <summary>A value inside the bracket: added to the center's entry or copied aside; false once the band is full.</summary>
    private bool Keep(double v, double w)
    {
        if (v == _center)
        {
            _atCenter += w;
            _centerSeen = true;
            return true;
        }
        if (_count == _capacity)
        {
            Full = true;
            return false;
        }
        Reserve(_count + 1);
        _values[_count] = v;
        _weights[_count++] = w;
        _inside += w;
        return true;
    }

    private void Reserve(int length)
    {
        if (length <= _values.Length) return;
        int size = Math.Max(length, 2 * _values.Length);
        Array.Resize(ref _values, size);
        Array.Resize(ref _weights, size);
    }
}
