namespace PolySim.Tests.Scenarios;

/// <summary>The smallest valid scenario, for tests that change one thing.</summary>
internal static class Minimal
{
    public const string Yaml = """
        name: tiny
        households:
          groups:
            - id: g
              income_median: 50000
              preferences: { w: 0.05 }
        region:
          neighborhoods:
            - { id: a, x: 0, y: 0, households: { g: 100 } }
            - { id: b, x: 3, y: 4, households: { g: 50 } }
        goods:
          - id: w
            cost: { base: 100, premium: 1, optimal_scale: 10000 }
        """;
}
