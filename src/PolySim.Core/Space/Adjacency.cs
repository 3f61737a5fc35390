namespace PolySim.Core.Space;

/// <summary>
/// Which neighborhoods share a border (MODEL.md section 7, endogenous boundaries): i and k are neighbors when
/// d(i, k) ≤ factor·max(n_i, n_k), with n_i the distance from i to its nearest other neighborhood. On a square grid
/// factor 1.2 gives rook contiguity (the four cells across an edge), 1.5 adds the diagonals; on a line, the two sides.
/// </summary>
public sealed class Adjacency
{
    private readonly int[][] _neighbors;

    /// <summary>Builds the neighbor lists of <paramref name="region"/> (O(N²) once).</summary>
    public Adjacency(Region region, double factor)
    {
        int n = region.Count;
        var nearest = new double[n];
        for (int i = 0; i < n; i++)
        {
            nearest[i] = double.PositiveInfinity;
            for (int k = 0; k < n; k++)
                if (k != i) nearest[i] = Math.Min(nearest[i], region.Distance(i, k));
        }
        _neighbors = new int[n][];
        for (int i = 0; i < n; i++)
        {
            var list = new List<int>();
            for (int k = 0; k < n; k++)
                if (k != i && region.Distance(i, k) <= factor * Math.Max(nearest[i], nearest[k]) * (1 + 1e-12)) list.Add(k);
            _neighbors[i] = list.ToArray();
        }
    }

    /// <summary>The neighbors of neighborhood <paramref name="i"/>, in index order.</summary>
    public IReadOnlyList<int> Of(int i) => _neighbors[i];

    /// <summary>Whether some neighborhood of <paramref name="a"/> borders some neighborhood of <paramref name="b"/>.</summary>
    public bool Touch(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        var other = b.ToHashSet();
        return a.Any(i => _neighbors[i].Any(other.Contains));
    }

    /// <summary>Whether <paramref name="area"/> is connected through neighbors inside it (an empty area is not).</summary>
    public bool Connected(IReadOnlyList<int> area)
    {
        if (area.Count == 0) return false;
        var inside = area.ToHashSet();
        var seen = new HashSet<int> { area[0] };
        var queue = new Queue<int>([area[0]]);
        while (queue.Count > 0)
            foreach (int k in _neighbors[queue.Dequeue()])
                if (inside.Contains(k) && seen.Add(k)) queue.Enqueue(k);
        return seen.Count == inside.Count;
    }
}
