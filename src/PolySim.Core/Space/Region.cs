namespace PolySim.Core.Space;

/// <summary>
/// The metro region: its neighborhoods and the distances between them (MODEL.md section 1).
/// </summary>
/// <remarks>
/// Distances are Euclidean between centroids unless an explicit matrix is supplied
/// (for textbook cases such as "all neighbours equally far").
/// </remarks>
public sealed class Region
{
    private readonly double[] _distance;

    /// <summary>Creates a region; <paramref name="distances"/> (row-major N×N, km) overrides centroid distances.</summary>
    public Region(IReadOnlyList<Neighborhood> neighborhoods, double[]? distances = null)
    {
        if (neighborhoods.Count == 0) throw new ArgumentException("A region needs at least one neighborhood.", nameof(neighborhoods));
        Neighborhoods = neighborhoods;
        int n = neighborhoods.Count;
        if (distances is not null)
        {
            if (distances.Length != n * n) throw new ArgumentException($"Distance matrix must have {n}×{n} entries.", nameof(distances));
            _distance = (double[])distances.Clone();
        }
        else
        {
            _distance = new double[n * n];
            for (int i = 0; i < n; i++)
                for (int k = 0; k < n; k++)
                {
                    double dx = neighborhoods[i].X - neighborhoods[k].X, dy = neighborhoods[i].Y - neighborhoods[k].Y;
                    _distance[i * n + k] = Math.Sqrt(dx * dx + dy * dy);
                }
        }
    }

    /// <summary>The neighborhoods, in scenario order (their index is used everywhere in the engine).</summary>
    public IReadOnlyList<Neighborhood> Neighborhoods { get; }

    /// <summary>Number of neighborhoods N.</summary>
    public int Count => Neighborhoods.Count;

    /// <summary>Distance d(i, k) in km.</summary>
    public double Distance(int i, int k) => _distance[i * Neighborhoods.Count + k];

    /// <summary>Total land area, km².</summary>
    public double AreaKm2 => Neighborhoods.Sum(n => n.AreaKm2);
}
