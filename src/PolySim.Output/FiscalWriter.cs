using System.Text.Json;
using PolySim.Core.Governance;
using PolySim.Core.Simulation;

namespace PolySim.Output;

/// <summary>
/// Writes <c>fiscal.csv</c>: one row per replication × structure × year × jurisdiction with the fields of
/// <see cref="JurisdictionFiscal"/> (tier as snake_case text). Same conventions and order as <see cref="TidyMetricsWriter"/>.
/// </summary>
public static class FiscalWriter
{
    /// <summary>Conventional file name.</summary>
    public const string FileName = "fiscal.csv";

    /// <summary>The rows, in file order.</summary>
    public static IEnumerable<FiscalRow> Rows(RunResult result, string? run = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        string label = RunOrder.RunLabel(result, run);
        foreach (var rep in RunOrder.Replications(result))
            foreach (var s in RunOrder.Structures(result, rep))
                foreach (var f in s.Fiscal)
                    yield return new FiscalRow(label, rep.Replication, s.StructureId, f.Year, f.Jurisdiction, TierName(f.Tier),
                        Csv.Finite(f.Population), Csv.Finite(f.ResidentialBase), Csv.Finite(f.CommercialBase), Csv.Finite(f.TaxRate),
                        Csv.Finite(f.OwnRevenue), Csv.Finite(f.Grants), Csv.Finite(f.Spending),
                        Csv.Finite(f.SharedContribution), Csv.Finite(f.SharedDistribution),
                        Csv.Finite(f.Flows?.Matching ?? 0), Csv.Finite(f.Flows?.StateGrants ?? 0), Csv.Finite(f.Flows?.GuaranteedBase ?? 0),
                        Csv.Finite(f.Flows?.UpwardReceived ?? 0), Csv.Finite(f.Flows?.UpwardPaid ?? 0),
                        Csv.Finite(f.Flows?.VouchersReceived ?? 0), Csv.Finite(f.Flows?.VouchersPaid ?? 0),
                        Csv.Finite(f.Flows?.SalesTaxRebate ?? 0), Csv.Finite(f.Flows?.Levy ?? 0), Csv.Finite(f.Flows?.FederalCredit ?? 0),
                        Csv.Finite(f.Flows?.Net ?? f.Grants));
    }

    /// <summary>Writes (or overwrites) the file at <paramref name="path"/>.</summary>
    public static void Write(RunResult result, string path, string? run = null) => Csv.WriteFile(path, Rows(result, run));

    /// <summary>Writes to <paramref name="stream"/> from its current position, leaving it open.</summary>
    public static void Write(RunResult result, Stream stream, string? run = null) => Csv.WriteStream(stream, Rows(result, run));

    /// <summary>The tier as written: neighborhood, city, special_district, metro.</summary>
    public static string TierName(Tier tier) => JsonNamingPolicy.SnakeCaseLower.ConvertName(tier.ToString());
}
