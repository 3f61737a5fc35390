namespace PolySim.Core.Decisions;

/// <summary>
/// Each electorate's last median and last change (slots: jurisdiction × good, council district × good, neighborhood ×
/// good), to bracket the next iteration's median so that selection only has to look at the households near it.
/// </summary>
/// <remarks>
/// The bracket only decides how much work the selection does, never its result (when the median is outside it,
/// <see cref="WeightedMedian.SelectSampled"/> looks for it in a bracket from a sample, then in full), so results do
/// not depend on what is remembered: every path applies the same even-split tolerance (<see cref="WeightedMedian.EvenSplitTolerance"/>).
/// Slots are written by one jurisdiction each, so parallel jurisdictions never share one.
/// </remarks>
internal sealed class MedianMemory
{
    private readonly double[] _value, _change;
    private readonly bool[] _known;

    public MedianMemory(int slots)
    {
        _value = new double[slots];
        _change = new double[slots];
        _known = new bool[slots];
    }

    /// <summary>The weighted median of values[start..start+length) (0 when empty), bracketed from the slot's memory.</summary>
    /// <param name="values">Ideal points (left unchanged).</param>
    /// <param name="weights">Their weights (left unchanged).</param>
    /// <param name="workValues">Working copy space for a full selection, same indexing.</param>
    /// <param name="workWeights">Working copy space for a full selection, same indexing.</param>
    /// <param name="band">The electorate's ideal points already gathered around <see cref="TryBracket"/>'s bracket, or null
    /// to scan the values here.</param>
    public double Median(int slot, double[] values, double[] weights, double[] workValues, double[] workWeights, int start, int length,
        MedianBand? band = null)
    {
        if (length == 0) return 0;
        double median = 0;
        bool near = band is not null
            ? band.TrySelect(out median)
            : TryBracket(slot, out double center, out double width)
              && WeightedMedian.TrySelectNear(values.AsSpan(start, length), weights.AsSpan(start, length), center, width, out median);
        if (!near)
            median = WeightedMedian.SelectSampled(values.AsSpan(start, length), weights.AsSpan(start, length), workValues.AsSpan(start, length),
                workWeights.AsSpan(start, length));
        Remember(slot, median);
        return median;
    }

    /// <summary>
    /// The bracket to look for the slot's next median in: twice its last change plus half a percent (the fixed point's
    /// changes shrink about fourfold an iteration, and ideal points spread over a range of several times the median, so
    /// this holds a few percent of the electorate at most and rarely misses; a wider bracket fills the band more often
    /// than a narrower one misses, on metro-10m); false when the slot has no median yet.
    /// </summary>
    public bool TryBracket(int slot, out double center, out double width)
    {
        center = _value[slot];
        width = 2 * _change[slot] + 0.005 * Math.Abs(center) + 1e-12;
        return _known[slot];
    }

    /// <summary>
    /// A new year moves every median by the year's growth and by the households who moved: widen the first brackets to
    /// ±5.5% (±4.5% missed more often on metro-10m, where the central cities' levels change by a fifth between years).
    /// </summary>
    public void NewYear()
    {
        for (int k = 0; k < _value.Length; k++) _change[k] = Math.Max(_change[k], 0.025 * Math.Abs(_value[k]));
    }

    private void Remember(int slot, double median)
    {
        _change[slot] = _known[slot] ? Math.Abs(median - _value[slot]) : 0;
        _value[slot] = median;
        _known[slot] = true;
    }
}
