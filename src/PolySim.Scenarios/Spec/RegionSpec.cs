using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PolySim.Scenarios;

/// <summary>The region: listed neighborhoods or a generated grid, and optional distances (MODEL.md section 1).</summary>
[Description("The region: exactly one of neighborhoods or grid, and an optional distance matrix.")]
public sealed class RegionSpec
{
    [Description("Neighborhoods listed one by one (exclusive with grid).")]
    public List<NeighborhoodSpec>? Neighborhoods { get; set; }

    [Description("A generated W x H grid of neighborhoods with radial gradients (exclusive with neighborhoods).")]
    public GridSpec? Grid { get; set; }

    [Range(0.0, double.PositiveInfinity),
     Description("Optional N x N distance matrix in km (list of rows, zero diagonal, neighborhoods in file order or grid order row by row from the south-west); default Euclidean distances between centroids.")]
    public List<List<double>>? Distances { get; set; }
}
