using PolySim.Core.Space;

namespace PolySim.Core.Governance;

/// <summary>
/// Draws council districts: contiguous groups of neighborhoods of near-equal population, by recursive coordinate
/// bisection along the longer side (each split divides seats and population in the same proportion).
/// </summary>
public static class CouncilDistricts
{
    /// <summary>Splits <paramref name="members"/> into min(seats, members) districts.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Draw(Region region, IReadOnlyList<int> members, IReadOnlyList<double> population, int seats)
    {
        var result = new List<IReadOnlyList<int>>();
        Split(region, members.ToList(), population, Math.Max(1, Math.Min(seats, members.Count)), result);
        return result;
    }

    private static void Split(Region region, List<int> members, IReadOnlyList<double> population, int seats, List<IReadOnlyList<int>> result)
    {
        if (seats <= 1 || members.Count <= 1)
        {
            result.Add(members);
            return;
        }
        var nb = region.Neighborhoods;
        double spanX = members.Max(i => nb[i].X) - members.Min(i => nb[i].X);
        double spanY = members.Max(i => nb[i].Y) - members.Min(i => nb[i].Y);
        var sorted = spanX >= spanY
            ? members.OrderBy(i => nb[i].X).ThenBy(i => nb[i].Y).ThenBy(i => i).ToList()
            : members.OrderBy(i => nb[i].Y).ThenBy(i => nb[i].X).ThenBy(i => i).ToList();
        int leftSeats = seats / 2;
        double total = sorted.Sum(i => population[i]), target = total * leftSeats / seats, acc = 0;
        int cut = 0;
        while (cut < sorted.Count - 1 && acc + population[sorted[cut]] / 2 < target) acc += population[sorted[cut++]];
        cut = Math.Clamp(cut, leftSeats, sorted.Count - (seats - leftSeats));
        Split(region, sorted.GetRange(0, cut), population, leftSeats, result);
        Split(region, sorted.GetRange(cut, sorted.Count - cut), population, seats - leftSeats, result);
    }
}
