namespace PolySim.Core.Decisions;

/// <summary>Numerical settings of the yearly decision fixed point and the organized interest.</summary>
/// <param name="Tolerance">Convergence: max relative change of any level between iterations.</param>
/// <param name="MaxIterations">Iteration cap; reaching it is reported as non-convergence, never hidden.</param>
/// <param name="Lobby">The organized interest.</param>
public sealed record DecisionSettings(double Tolerance, int MaxIterations, Lobby Lobby)
{
    /// <summary>1e-6, 200 iterations, a moderate development lobby.</summary>
    public static DecisionSettings Default { get; } = new(1e-6, 200, new Lobby(0.3, 0.5, 0.3));

    /// <summary>
    /// Every iteration writes every household column: the plain computation, which the solver's shortcut (consumption
    /// derived in the ideal-point pass) must reproduce bit for bit. For tests.
    /// </summary>
    internal bool Plain { get; init; }

    /// <summary>
    /// Niskanen's slack steps without foreseeing the level's feedback on its own demand slope (<see cref="DecisionSolver.NiskanenStep"/>):
    /// the same fixed point by a slower path, which the predicted step must reach. For tests.
    /// </summary>
    internal bool PlainNiskanen { get; init; }
}
