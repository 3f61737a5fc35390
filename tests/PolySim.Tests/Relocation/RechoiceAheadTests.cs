using PolySim.Core.Relocation;

namespace PolySim.Tests.Relocation;

/// <summary>
/// The rows computed ahead of relocation's placement (<see cref="RechoiceAhead"/>) must be exactly the rows of the candidate
/// asked for, whatever the two threads' timing, through wraps of the ring and over several rounds. The independent
/// calculation is the row function itself, evaluated again by the test.
/// </summary>
public class RechoiceAheadTests
{
    private const int Stride = 64;

    /// <summary>A row that tells its household and home apart in every entry.</summary>
    private static float Row(int h, int home, LocationTerms.Workspace work, Span<float> values, out float cost)
    {
        for (int i = 0; i < values.Length; i++) values[i] = h * 16 + home + i / 128f;
        cost = h + 0.25f;
        return values[0];
    }

    [Fact]
    public void Rows_taken_are_the_candidates_own_across_wraps_of_the_ring_and_rounds()
    {
        var ahead = new RechoiceAhead(Stride, null!, Row);
        var expected = new float[Stride];
        var random = new Random(7);
        for (int round = 0; round < 3; round++)
        {
            ahead.Clear();
            const int Candidates = 5000;   // nearly five times the ring
            for (int c = 0; c < Candidates; c++) ahead.Add(3 * c + round, c % 7);
            ahead.Start();
            int taken = 0;
            // Wait until the helper has published the first row, so that some rows are certainly taken from it.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!ahead.TryTake(0, out _, out _) && DateTime.UtcNow < deadline) Thread.Yield();
            for (int c = 0; c < Candidates; c++)
            {
                // The placement asks for some candidates only, as it does for those turned away whose home is gone.
                if (random.NextDouble() < 0.6 && ahead.TryTake(c, out var row, out float cost))
                {
                    Row(3 * c + round, c % 7, null!, expected, out float expectedCost);
                    Assert.Equal(expectedCost, cost);
                    Assert.True(row.SequenceEqual(expected), $"round {round}, candidate {c}: another candidate's row");
                    row.Fill(float.NegativeInfinity);   // the placement masks the row it takes
                    taken++;
                }
                if (c % 97 == 0) Thread.SpinWait(2000);   // a slower stretch of the placement
                ahead.Release(c + 1);
            }
            ahead.Finish();
            Assert.True(taken > 0, $"round {round}: no row was taken from the helper");
        }
    }

    [Fact]
    public void Without_Start_nothing_is_taken_and_Finish_returns()
    {
        var ahead = new RechoiceAhead(Stride, null!, Row);
        ahead.Clear();
        ahead.Add(1, 0);
        Assert.False(ahead.TryTake(0, out _, out _));
        ahead.Finish();
    }
}
