namespace PolySim.Core.Relocation;

/// <summary>A household's values of every alternative (a pure function of the household, its home and the year's terms).</summary>
internal delegate float RowValues(int h, int home, LocationTerms.Workspace work, Span<float> values, out float cost);

/// <summary>
/// Relocation's serial placement (<see cref="TieboutSorting"/>) makes a mover whose choice and home are both taken choose
/// again, which needs its values of every alternative: about 4 µs a household, 10,000–50,000 of them a year on metro-10m.
/// While the placement runs on one core, this computes those values on another, ahead, for the movers likely to need them
/// (both their choice and their home oversubscribed), in priority order, into a ring of rows.
/// </summary>
/// <remarks>
/// The values are a pure function of the household, its home and the year's terms, none of which the placement changes, so
/// a row computed here has the bits the placement would compute itself: the result is the same whichever computes it,
/// and with one thread nothing is computed ahead. The placement takes a candidate's row only once it is published
/// (<see cref="Computed"/>, written after the row), and releases candidates as it passes them; the helper never writes
/// a slot more than a ring's length ahead of the first unreleased candidate, so a row is not overwritten while read.
/// </remarks>
internal sealed class RechoiceAhead
{
    /// <summary>Rows in the ring (each <c>stride</c> floats).</summary>
    private const int Ring = 1024;

    private readonly int _stride;
    private readonly RowValues _values;
    private readonly LocationTerms.Workspace _work;
    private readonly float[] _rows, _costs;
    private readonly List<(int H, int Home)> _candidates = [];
    private Task? _helper;
    private int _computed, _released;
    private volatile bool _stop;

    /// <summary>A helper computing rows of <paramref name="stride"/> values with <paramref name="values"/> in its own workspace.</summary>
    public RechoiceAhead(int stride, LocationTerms.Workspace work, RowValues values)
    {
        _stride = stride;
        _values = values;
        _work = work;
        _rows = new float[Ring * stride];
        _costs = new float[Ring];
    }

    /// <summary>Candidates [0, Computed) the helper has published (some it skipped, once released, are not computed).</summary>
    private int Computed => Volatile.Read(ref _computed);

    /// <summary>Forgets last round's candidates; add this round's in priority order, then <see cref="Start"/>.</summary>
    public void Clear()
    {
        _candidates.Clear();
        _computed = 0;
        _released = 0;
        _stop = false;
    }

    /// <summary>Adds candidate number <see cref="Count"/>: household h living at home.</summary>
    public void Add(int h, int home) => _candidates.Add((h, home));

    /// <summary>Candidates added.</summary>
    public int Count => _candidates.Count;

    /// <summary>The household of candidate c.</summary>
    public int Household(int c) => _candidates[c].H;

    /// <summary>Starts computing the candidates' rows on another thread.</summary>
    public void Start()
    {
        if (_candidates.Count > 0) _helper = Task.Run(Compute);
    }

    /// <summary>Candidate c's row and moving cost, if computed; the row may be changed (it is not read again).</summary>
    public bool TryTake(int c, out Span<float> row, out float cost)
    {
        if (_helper is null || c >= Computed)
        {
            row = default;
            cost = 0;
            return false;
        }
        row = _rows.AsSpan(c % Ring * _stride, _stride);
        cost = _costs[c % Ring];
        return true;
    }

    /// <summary>The placement is done with candidates [0, c).</summary>
    public void Release(int c) => Volatile.Write(ref _released, c);

    /// <summary>Stops the helper and waits for it (rethrowing what it threw).</summary>
    public void Finish()
    {
        _stop = true;
        _helper?.Wait();
        _helper = null;
    }

    private void Compute()
    {
        var spin = new SpinWait();
        for (int c = 0; c < _candidates.Count && !_stop; c++)
        {
            int released = Volatile.Read(ref _released);
            if (c < released) c = released;   // the placement has passed these: computing them would be wasted
            if (c >= _candidates.Count) break;
            while (c - Volatile.Read(ref _released) >= Ring && !_stop) spin.SpinOnce();
            if (_stop) break;
            var (h, home) = _candidates[c];
            _values(h, home, _work, _rows.AsSpan(c % Ring * _stride, _stride), out _costs[c % Ring]);
            Volatile.Write(ref _computed, c + 1);
        }
    }
}
