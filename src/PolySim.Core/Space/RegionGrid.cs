namespace PolySim.Core.Space;

/// <summary>
/// Generates a W×H grid of square neighborhoods with radial gradients from the centre (MODEL.md section 1):
/// income (via household mix), dwelling value, C/I concentration and public-bad sources.
/// </summary>
/// <param name="Width">Cells east-west.</param>
/// <param name="Height">Cells north-south.</param>
/// <param name="CellKm">Side of one cell, km.</param>
/// <param name="Dwellings">Dwellings per cell.</param>
/// <param name="DwellingValue">Dwelling value at the centre, $.</param>
/// <param name="DwellingValueGradient">Relative change of dwelling value from centre to edge (0.5 = +50% at the edge).</param>
/// <param name="CommercialBase">Total C/I base of the region, $, concentrated toward the centre.</param>
/// <param name="CommercialConcentration">Exponential decay rate of C/I base with normalized distance from the centre (0 = even).</param>
/// <param name="CommercialGrowth">Annual C/I growth rate.</param>
/// <param name="Occupancy">Share of dwellings occupied at the start.</param>
/// <param name="GroupMixCentre">Household-group shares at the centre, by group id.</param>
/// <param name="GroupMixEdge">Household-group shares at the edge, by group id (linear blend in between).</param>
/// <param name="BadSourcesCentre">Public-bad source strength at the centre, by bad id.</param>
/// <param name="BadSourceGradient">Relative change of bad sources from centre to edge (-1 = none at the edge).</param>
/// <param name="Cities">Number of cities the grid is cut into for fragmented structures (contiguous blocks).</param>
public sealed record RegionGrid(
    int Width,
    int Height,
    double CellKm,
    double Dwellings,
    double DwellingValue,
    double DwellingValueGradient,
    double CommercialBase,
    double CommercialConcentration,
    double CommercialGrowth,
    double Occupancy,
    IReadOnlyDictionary<string, double> GroupMixCentre,
    IReadOnlyDictionary<string, double> GroupMixEdge,
    IReadOnlyDictionary<string, double> BadSourcesCentre,
    double BadSourceGradient,
    int Cities)
{
    /// <summary>Builds the neighborhoods, row by row from the south-west corner.</summary>
    public IReadOnlyList<Neighborhood> Generate()
    {
        var cells = new List<(int cx, int cy, double r)>();
        double cx0 = (Width - 1) / 2.0, cy0 = (Height - 1) / 2.0;
        double rmax = Math.Max(1e-9, Math.Sqrt(cx0 * cx0 + cy0 * cy0));
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                cells.Add((x, y, Math.Sqrt((x - cx0) * (x - cx0) + (y - cy0) * (y - cy0)) / rmax));

        double ciWeightSum = cells.Sum(c => Math.Exp(-CommercialConcentration * c.r));
        var (bx, by) = CityBlocks(Cities, Width, Height);
        var list = new List<Neighborhood>(cells.Count);
        foreach (var (x, y, r) in cells)
        {
            var mix = new Dictionary<string, double>();
            foreach (var g in GroupMixCentre.Keys.Union(GroupMixEdge.Keys).Order(StringComparer.Ordinal))
            {
                double share = (1 - r) * GroupMixCentre.GetValueOrDefault(g) + r * GroupMixEdge.GetValueOrDefault(g);
                mix[g] = Math.Round(share * Dwellings * Occupancy);
            }
            var bads = BadSourcesCentre.ToDictionary(kv => kv.Key, kv => Math.Max(0, kv.Value * (1 + BadSourceGradient * r)));
            int city = (x * bx / Width) + bx * (y * by / Height);
            list.Add(new Neighborhood(
                Id: $"n{y:D2}{x:D2}",
                Name: $"Cell {x + 1}-{y + 1}",
                X: x * CellKm,
                Y: y * CellKm,
                AreaKm2: CellKm * CellKm,
                Dwellings: Dwellings,
                DwellingValue: DwellingValue * (1 + DwellingValueGradient * r),
                CommercialBase: CommercialBase * Math.Exp(-CommercialConcentration * r) / ciWeightSum,
                CommercialGrowth: CommercialGrowth,
                BadSources: bads,
                Households: mix,
                City: $"city{city + 1:D2}"));
        }
        return list;
    }

    /// <summary>Chooses a bx × by block layout with bx·by = cities, as square as the grid allows.</summary>
    private static (int bx, int by) CityBlocks(int cities, int width, int height)
    {
        int best = 1; double bestScore = double.MaxValue;
        for (int bx = 1; bx <= cities; bx++)
        {
            if (cities % bx != 0) continue;
            int by = cities / bx;
            if (bx > width || by > height) continue;
            double score = Math.Abs(Math.Log((double)width / bx / ((double)height / by)));
            if (score < bestScore) { bestScore = score; best = bx; }
        }
        return (best, cities / best);
    }
}
