using System.Text.Json;
using CsvHelper;
using PolySim.Core.Secession;
using PolySim.Core.Simulation;

namespace PolySim.Output;

/// <summary>One row of <c>referenda.csv</c>: one referendum in one structure and replication (see <see cref="ReferendumResult"/>).</summary>
[CsvRecord]
public sealed partial record ReferendumRow(
    [CsvColumn("run")] string Run,
    [CsvColumn("replication")] int Replication,
    [CsvColumn("structure")] string Structure,
    [CsvColumn("referendum")] string Referendum,
    [CsvColumn("year")] int Year,
    [CsvColumn("area")] string Area,
    [CsvColumn("city")] string City,
    [CsvColumn("status")] string Status,
    [CsvColumn("rule")] string Rule,
    [CsvColumn("area_yes")] double? AreaYes,
    [CsvColumn("city_yes")] double? CityYes,
    [CsvColumn("area_turnout")] double? AreaTurnout,
    [CsvColumn("city_turnout")] double? CityTurnout,
    [CsvColumn("passes_simple_majority")] bool PassesSimple,
    [CsvColumn("passes_double_majority")] bool PassesDouble,
    [CsvColumn("passed")] bool Passed,
    [CsvColumn("area_population")] double? Population,
    [CsvColumn("old_city_rate")] double? OldRate,
    [CsvColumn("new_city_rate")] double? NewCityRate,
    [CsvColumn("remainder_rate")] double? RemainderRate,
    [CsvColumn("mitigation_first_year")] double? Mitigation,
    [CsvColumn("assets_to_new_city")] double? Assets,
    [CsvColumn("debts_to_new_city")] double? Debts,
    [CsvColumn("new_city_spending")] double? NewCitySpending,
    [CsvColumn("within_appropriations_limit")] bool WithinAppropriationsLimit,
    [CsvColumn("took_effect")] bool TookEffect,
    [CsvColumn("kind")] string Kind);

/// <summary>One row of <c>referendum_votes.csv</c>: the vote of one neighborhood of the city or one income quintile of the area.</summary>
[CsvRecord]
public sealed partial record ReferendumVoteRow(
    [CsvColumn("run")] string Run,
    [CsvColumn("replication")] int Replication,
    [CsvColumn("structure")] string Structure,
    [CsvColumn("referendum")] string Referendum,
    [CsvColumn("group")] string Group,
    [CsvColumn("in_area")] bool InArea,
    [CsvColumn("yes")] double? Yes,
    [CsvColumn("turnout")] double? Turnout,
    [CsvColumn("eligible")] double? Eligible,
    [CsvColumn("gain_per_household")] double? Gain);

/// <summary>One row of <c>referendum_effects.csv</c>: a group's taxes, services and gain before and after secession.</summary>
[CsvRecord]
public sealed partial record ReferendumEffectRow(
    [CsvColumn("run")] string Run,
    [CsvColumn("replication")] int Replication,
    [CsvColumn("structure")] string Structure,
    [CsvColumn("referendum")] string Referendum,
    [CsvColumn("group")] string Group,
    [CsvColumn("households")] double? Households,
    [CsvColumn("tax_before")] double? TaxBefore,
    [CsvColumn("tax_after")] double? TaxAfter,
    [CsvColumn("services_before")] double? ServicesBefore,
    [CsvColumn("services_after")] double? ServicesAfter,
    [CsvColumn("gain_per_household")] double? Gain);

/// <summary>
/// Writes the referendum outputs (MODEL.md section 7): <c>referenda.csv</c> (shares, pass or fail under each rule, rates and
/// terms), <c>referendum_votes.csv</c> (by neighborhood and by income quintile of the area) and <c>referendum_effects.csv</c>
/// (the area, the remainder, their low-income households and the region before and after). Rows follow the run order.
/// </summary>
public static class ReferendumWriter
{
    /// <summary>Conventional file names.</summary>
    public const string FileName = "referenda.csv", VotesFileName = "referendum_votes.csv", EffectsFileName = "referendum_effects.csv";

    private static IEnumerable<(string Run, int Replication, ReferendumResult Result)> Results(RunResult result, string? run)
    {
        ArgumentNullException.ThrowIfNull(result);
        string label = RunOrder.RunLabel(result, run);
        var rank = RunOrder.StructureRank(result.Scenario);
        foreach (var rep in RunOrder.Replications(result))
            foreach (var r in (rep.Referenda ?? []).OrderBy(r => r.Year).ThenBy(r => rank.GetValueOrDefault(r.Structure, int.MaxValue)))
                yield return (label, rep.Replication, r);
    }

    /// <summary>Rows of <c>referenda.csv</c>.</summary>
    public static IEnumerable<ReferendumRow> Rows(RunResult result, string? run = null) =>
        Results(result, run).Select(x => new ReferendumRow(x.Run, x.Replication, x.Result.Structure, x.Result.Referendum,
            x.Result.Year, x.Result.Area, x.Result.City, Snake(x.Result.Status.ToString()),
            Snake((x.Result.Consolidation is { } c ? c.ToString() : x.Result.Rule.ToString())),
            Csv.Finite(x.Result.AreaYes), Csv.Finite(x.Result.CityYes), Csv.Finite(x.Result.AreaTurnout), Csv.Finite(x.Result.CityTurnout),
            x.Result.PassesSimple, x.Result.PassesDouble, x.Result.Passed, Csv.Finite(x.Result.Population), Csv.Finite(x.Result.OldRate),
            Csv.Finite(x.Result.NewCityRate), Csv.Finite(x.Result.RemainderRate), Csv.Finite(x.Result.Mitigation),
            Csv.Finite(x.Result.AssetsToNewCity), Csv.Finite(x.Result.DebtsToNewCity), Csv.Finite(x.Result.NewCitySpending),
            x.Result.WithinAppropriationsLimit, x.Result.TookEffect, Snake(x.Result.Kind.ToString())));

    /// <summary>Rows of <c>referendum_votes.csv</c>.</summary>
    public static IEnumerable<ReferendumVoteRow> VoteRows(RunResult result, string? run = null) =>
        Results(result, run).SelectMany(x => x.Result.Votes.Select(v => new ReferendumVoteRow(x.Run, x.Replication, x.Result.Structure,
            x.Result.Referendum, v.Group, v.InArea, Csv.Finite(v.Yes), Csv.Finite(v.Turnout), Csv.Finite(v.Eligible), Csv.Finite(v.Gain))));

    /// <summary>Rows of <c>referendum_effects.csv</c>.</summary>
    public static IEnumerable<ReferendumEffectRow> EffectRows(RunResult result, string? run = null) =>
        Results(result, run).SelectMany(x => x.Result.Effects.Select(e => new ReferendumEffectRow(x.Run, x.Replication, x.Result.Structure,
            x.Result.Referendum, e.Group, Csv.Finite(e.Households), Csv.Finite(e.TaxBefore), Csv.Finite(e.TaxAfter),
            Csv.Finite(e.ServicesBefore), Csv.Finite(e.ServicesAfter), Csv.Finite(e.Gain))));

    /// <summary>Writes the three files into <paramref name="path"/>(a function from file name to path).</summary>
    public static void Write(RunResult result, Func<string, string> path, string? run = null)
    {
        Csv.WriteFile(path(FileName), Rows(result, run));
        Csv.WriteFile(path(VotesFileName), VoteRows(result, run));
        Csv.WriteFile(path(EffectsFileName), EffectRows(result, run));
    }

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
