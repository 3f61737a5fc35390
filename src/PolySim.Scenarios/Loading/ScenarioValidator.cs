using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using System.Globalization;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Welfare;

namespace PolySim.Scenarios;

/// <summary>
/// Checks that need more than one value: duplicate ids, references to undeclared ids, and consistency between keys.
/// Single-value checks (types, ranges, names) are done while reading.
/// </summary>
internal sealed class ScenarioValidator(DiagnosticBag diagnostics, SourceMap map)
{
    private static string F(double v) => SpecModel.FormatNumber(v);

    /// <summary>Duplicate or empty ids and references to unknown ids.</summary>
    public void CheckIds(ScenarioSpec spec, IEnumerable<ReferenceUse> references)
    {
        CheckUnique(spec.Households.Groups.Select(g => g.Id), "households.groups", "household group");
        CheckUnique(spec.Goods.Select(g => g.Id), "goods", "good");
        CheckUnique(spec.Bads.Select(b => b.Id), "bads", "bad");
        CheckUnique(spec.Structures.Select(s => s.Id ?? ""), "structures", "structure");
        if (spec.Region.Neighborhoods is { } ns) CheckUnique(ns.Select(n => n.Id), "region.neighborhoods", "neighborhood");

        var catalog = new IdCatalog(spec);
        foreach (var r in references)
        {
            if (catalog.Contains(r.Kind, r.Id)) continue;
            var valid = catalog.Ids(r.Kind).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            string noun = IdCatalog.Noun(r.Kind);
            string list = valid.Length == 0
                ? $"no {noun}s are declared (at {IdCatalog.DeclaredAt(r.Kind)})"
                : $"valid {noun}s: {string.Join(", ", valid)}";
            diagnostics.Add(Severity.Error, DiagnosticCodes.UnknownReference,
                $"Unknown {noun} '{r.Id}'; {list}.{Suggestions.Hint(r.Id, valid)}", r.Path, r.At);
        }
    }

    private void CheckUnique(IEnumerable<string> ids, string listPath, string noun)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int i = 0;
        foreach (var id in ids)
        {
            string path = $"{listPath}[{i}].id";
            if (id.Length == 0)
                diagnostics.Error(DiagnosticCodes.MissingKey, $"The {noun} id must not be empty.", path);
            else if (firstIndex.TryGetValue(id, out int first))
                diagnostics.Error(DiagnosticCodes.DuplicateId,
                    $"Duplicate {noun} id '{id}' (already used by {listPath}[{first}], line {map.Find($"{listPath}[{first}]").Line}); ids must be unique.", path);
            else
                firstIndex[id] = i;
            i++;
        }
    }

    /// <summary>Consistency between keys, after derived defaults are filled.</summary>
    public void CheckConsistency(ScenarioSpec spec)
    {
        if (spec.Households.Groups.Count == 0)
            diagnostics.Error(DiagnosticCodes.MissingKey, "At least one household group is required in 'households.groups'.", "households.groups");
        if (spec.Goods.Count == 0)
            diagnostics.Error(DiagnosticCodes.MissingKey, "At least one good is required in 'goods'.", "goods");
        CheckGroups(spec);
        CheckGoods(spec);
        CheckBads(spec);
        CheckRegion(spec);
        CheckStructures(spec);
        CheckReferenda(spec);
        CheckEndogenous(spec);
    }

    /// <summary>Ids that jurisdictions of the named structures already use.</summary>
    private static HashSet<string> TakenJurisdictionIds(ScenarioSpec spec)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { "city", "metro" };
        foreach (var n in spec.Region.Neighborhoods ?? [])
        {
            ids.Add(n.Id);
            if (n.City is not null) ids.Add(n.City);
        }
        return ids;
    }

    private void CheckEndogenous(ScenarioSpec spec)
    {
        if (spec.EndogenousSecession is not { } e) return;
        const string p = "endogenous_secession";
        CheckResort(spec, e, p);
        bool generated = e.GeneratedAreas > 0 || e.Mergers || e.Federation is not null;
        if (spec.Region.Neighborhoods is not { } hoods)
        {
            if (!generated)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    "Endogenous secession of named districts needs the region's neighborhoods listed ('region.neighborhoods') with a 'district'; with a 'grid', set 'generated_areas', 'mergers' or 'federation'.", p);
            else if (e.Districts.Count > 0)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    "'districts' name neighborhoods' 'district' values, which a generated 'grid' does not have; remove 'districts'.", $"{p}.districts");
        }
        else
        {
            var districts = hoods.Where(n => n.District is not null).Select(n => n.District!).Distinct(StringComparer.Ordinal).ToArray();
            if (districts.Length == 0 && !generated)
                diagnostics.Error(DiagnosticCodes.MissingKey,
                    "Endogenous secession needs candidate areas: give neighborhoods a 'district', or set 'generated_areas', 'mergers' or 'federation'.", p);
            CheckDistricts(e.Districts, districts, p);
        }
        if (e.Federation is { } f && f.Goods.Count == 0)
            diagnostics.Error(DiagnosticCodes.MissingKey, "A federation needs the goods it provides: list good ids in 'goods'.", $"{p}.federation.goods");
        if (e.ConsolidationRule != Core.Secession.ConsolidationRule.ConcurrentMajorities && !e.Mergers && e.Federation is null)
            diagnostics.Warning("'consolidation_rule' applies to merger and federation votes only; set 'mergers' or 'federation'.", $"{p}.consolidation_rule");
    }

    /// <summary>Re-sorting before a vote moves households with the scenario's sorting, and compares the same agent across structures.</summary>
    private void CheckResort(ScenarioSpec spec, VoteTerms v, string p)
    {
        if (v.ResortRounds == 0) return;
        if (spec.Sorting is null)
            diagnostics.Error(DiagnosticCodes.Inconsistent,
                "'resort_rounds' re-sorts households under the alternative with the scenario's Tiebout sorting; add a 'sorting' section or set resort_rounds: 0.", $"{p}.resort_rounds");
        else if (spec.Households.Mode != Core.Households.HouseholdMode.Agents)
            diagnostics.Error(DiagnosticCodes.Inconsistent,
                "'resort_rounds' compares each household with itself after re-sorting, which needs agent households ('households.mode: agents'); weighted types spread over neighborhoods when they sort.", $"{p}.resort_rounds");
    }

    private void CheckDistricts(List<string> named, string[] districts, string path)
    {
        for (int k = 0; k < named.Count; k++)
            if (!districts.Contains(named[k], StringComparer.Ordinal))
                diagnostics.Error(DiagnosticCodes.UnknownReference,
                    $"Unknown district '{named[k]}'; {(districts.Length == 0 ? "no neighborhood has a 'district'" : $"valid districts: {string.Join(", ", districts)}")}.{Suggestions.Hint(named[k], districts)}",
                    $"{path}.districts[{k}]");
    }

    private void CheckReferenda(ScenarioSpec spec)
    {
        CheckUnique(spec.Referenda.Select(r => r.Id), "referenda", "referendum");
        var hoods = spec.Region.Neighborhoods;
        for (int i = 0; i < spec.Referenda.Count; i++)
        {
            var r = spec.Referenda[i];
            string p = $"referenda[{i}]";
            CheckResort(spec, r, p);
            if (hoods is null)
            {
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    "Referendum areas are named by district or neighborhood id, so the region must list its neighborhoods ('region.neighborhoods'), not generate a 'grid'.", p);
                continue;
            }
            if (r.Districts.Count == 0 && r.Neighborhoods.Count == 0)
                diagnostics.Error(DiagnosticCodes.MissingKey, "A referendum needs an area: give 'districts' and/or 'neighborhoods'.", p);
            var districts = hoods.Where(n => n.District is not null).Select(n => n.District!).Distinct(StringComparer.Ordinal).ToArray();
            CheckDistricts(r.Districts, districts, p);
            var ids = hoods.Select(n => n.Id).ToArray();
            for (int k = 0; k < r.Neighborhoods.Count; k++)
                if (!ids.Contains(r.Neighborhoods[k], StringComparer.Ordinal))
                    diagnostics.Error(DiagnosticCodes.UnknownReference,
                        $"Unknown neighborhood '{r.Neighborhoods[k]}'; valid neighborhoods: {string.Join(", ", ids.Take(30))}{(ids.Length > 30 ? ", ..." : "")}.{Suggestions.Hint(r.Neighborhoods[k], ids)}",
                        $"{p}.neighborhoods[{k}]");
            if (r.NewCity is { } newCity && TakenJurisdictionIds(spec).Contains(newCity))
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    $"The new city's id '{newCity}' is already the id of a jurisdiction (the consolidated 'city', 'metro', a neighborhood or a 'city' value of the region), so outputs would mix them. Choose another 'new_city'.",
                    map.Contains($"{p}.new_city") ? $"{p}.new_city" : $"{p}.id");
            int last = spec.Horizon.StartYear + spec.Horizon.Years - 1;
            if (r.Year < spec.Horizon.StartYear || r.Year > last)
                diagnostics.Warning($"The referendum is in {r.Year}, outside the simulated years {spec.Horizon.StartYear}-{last}, so it will not be held.", $"{p}.year");
            if (r.Rule != Core.Secession.VotingRuleKind.Supermajority && map.Contains($"{p}.threshold"))
                diagnostics.Warning($"'threshold' applies to the supermajority rule only; this referendum's rule is '{SpecModel.EnumName(r.Rule)}'.", $"{p}.threshold");
        }
    }

    private void CheckGroups(ScenarioSpec spec)
    {
        for (int i = 0; i < spec.Households.Groups.Count; i++)
        {
            var group = spec.Households.Groups[i];
            string path = $"households.groups[{i}]";
            if (group.IncomeDistribution == IncomeDistribution.Uniform)
            {
                if (group.IncomeMin is not { } min || group.IncomeMax is not { } max || max <= min)
                    diagnostics.Error(DiagnosticCodes.Inconsistent,
                        "A uniform income distribution needs 'income_min' and 'income_max' with income_min < income_max.", $"{path}.income_distribution");
            }
            else if (group.IncomeMedian is null && !map.Contains($"{path}.income_median"))
                diagnostics.Error(DiagnosticCodes.MissingKey,
                    "Missing key 'income_median' (> 0, $), required for the lognormal income distribution; or set 'income_distribution: uniform' with 'income_min' and 'income_max'.",
                    $"{path}.income_median");
        }
        if (spec.Utility.Consumption != ConsumptionForm.Log) return;
        // Only goods that enter utility directly count towards alpha: enforcement goods ('reduces') are valued by the
        // damage they avoid, never by theta (as in HouseholdGenerator).
        var entersUtility = spec.Goods.Where(g => g.Reduces is null).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        double cap = HouseholdGenerator.MaxPublicShare;
        for (int i = 0; i < spec.Households.Groups.Count; i++)
        {
            var preferences = spec.Households.Groups[i].Preferences;
            double alpha = preferences.Where(kv => entersUtility.Contains(kv.Key)).Sum(kv => kv.Value);
            string excluded = ExcludedEnforcementTastes(spec, preferences);
            string path = $"households.groups[{i}].preferences";
            if (alpha >= 1)
                diagnostics.Error(DiagnosticCodes.OutOfRange,
                    $"The preference weights of goods that enter utility sum to alpha = {F(alpha)}{excluded}, but with log consumption the public share alpha must be < 1 (1 - alpha weighs private consumption); keep alpha <= {F(cap)}, or use 'utility.consumption: quasi_linear'.",
                    path);
            else if (alpha > cap)
                diagnostics.Warning(
                    $"The preference weights of goods that enter utility sum to alpha = {F(alpha)}{excluded}, above the engine's cap of {F(cap)} on the public share under log consumption: the engine will scale the tastes of every household down to alpha = {F(cap)} (by {F(Math.Round(cap / alpha, 4))} at the group means). Keep alpha <= {F(cap)} to use the tastes as written.",
                    path);
        }
    }

    private static string ExcludedEnforcementTastes(ScenarioSpec spec, Dictionary<string, double> preferences)
    {
        var enforcement = spec.Goods.Where(g => g.Reduces is not null && preferences.ContainsKey(g.Id)).Select(g => g.Id).Distinct(StringComparer.Ordinal).ToArray();
        return enforcement.Length == 0 ? "" : $" (not counting enforcement goods, which do not enter utility: {string.Join(", ", enforcement)})";
    }

    private void CheckGoods(ScenarioSpec spec)
    {
        bool logConsumption = spec.Utility.Consumption == ConsumptionForm.Log;
        string consumptionWhere = map.Contains("utility.consumption")
            ? $"'utility.consumption' is 'log' (line {map.Find("utility.consumption").Line})"
            : "'utility.consumption' is 'log' (the default)";
        for (int i = 0; i < spec.Goods.Count; i++)
        {
            var g = spec.Goods[i];
            string p = $"goods[{i}]";
            if (g.Cost.OptimalScale is null && map.Contains($"{p}.cost"))
                diagnostics.Error(DiagnosticCodes.MissingKey,
                    $"'optimal_scale' (n*) is required for cost form '{SpecModel.EnumName(g.Cost.Form)}' (only 'constant' has no optimal scale).", $"{p}.cost");
            if (g.Benefit == BenefitForm.Quadratic && g.Curvature <= 0)
                diagnostics.Error(DiagnosticCodes.Inconsistent, "A quadratic benefit needs 'curvature' > 0.", map.Contains($"{p}.curvature") ? $"{p}.curvature" : $"{p}.benefit");
            bool benefitShare = g.Spillover.Form == SpilloverForm.BenefitShare;
            if (g.Benefit == BenefitForm.Quadratic && logConsumption)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    $"A quadratic benefit is supported under quasi-linear utility only (the engine treats it as money in ideal points), but {consumptionWhere}. Use 'utility.consumption: quasi_linear', or 'benefit: log' for this good.",
                    $"{p}.benefit");
            if (g.Benefit == BenefitForm.Quadratic && benefitShare)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    "The 'benefit_share' spillover is implemented for a log benefit only, but this good's benefit is 'quadratic'. Use 'spillover.form: additive' with the quadratic benefit, or 'benefit: log' with benefit_share.",
                    $"{p}.spillover.form");
            if (g.Congestion > 0 && benefitShare)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    $"Congestion is applied to goods with an additive spillover only, but this good has 'congestion: {F(g.Congestion)}' and 'spillover.form: benefit_share'. Use 'spillover.form: additive', or 'congestion: 0'.",
                    $"{p}.congestion");
            if (g.Reduces is not null && g.EmitsBad is not null)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    $"A good cannot both reduce a bad ('reduces: {g.Reduces}') and emit one ('emits_bad: {g.EmitsBad}'). Give either 'reduces' (an enforcement good) or 'emits_bad' with 'emission' > 0 (a noxious activity), and model the other role as a separate good.",
                    $"{p}.reduces");
            if ((g.Reduces is not null || g.EmitsBad is not null) && g.Spillover.Share > 0)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    $"Enforcement and emitting goods act in their own neighborhood; their effect reaches other neighborhoods through the bad's spillover, so this good's own 'spillover.share: {F(g.Spillover.Share)}' would be ignored. Set 'spillover.share: 0' (or remove 'spillover') and give the spillover to the bad.",
                    map.Contains($"{p}.spillover.share") ? $"{p}.spillover.share" : $"{p}.spillover");
            if ((g.Reduces is not null || g.EmitsBad is not null) && g.Congestion > 0)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    $"Congestion applies to goods that enter utility directly; this good {(g.Reduces is not null ? "reduces" : "emits")} a bad, so 'congestion: {F(g.Congestion)}' would be ignored. Use 'congestion: 0'.",
                    $"{p}.congestion");
            if (g.Emission > 0 && g.EmitsBad is null)
                diagnostics.Error(DiagnosticCodes.Inconsistent, "'emission' > 0 needs 'emits_bad' naming the bad it feeds; or set 'emission: 0' (the default).", $"{p}.emission");
            if (g.EmitsBad is not null && g.Emission == 0)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    "'emits_bad' is set but 'emission' is 0, so the good emits nothing, yet the engine would still treat it as an emitting activity (no spillover, no congestion). Give 'emission' > 0, or remove 'emits_bad'.",
                    map.Contains($"{p}.emission") ? $"{p}.emission" : $"{p}.emits_bad");
        }
    }

    private void CheckBads(ScenarioSpec spec)
    {
        for (int i = 0; i < spec.Bads.Count; i++)
            if (spec.Bads[i].Spillover.Form == SpilloverForm.BenefitShare)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    "Bads spill over additively only (exposure E_i = sum_k K_ik R_k with K_ii = 1); 'benefit_share' is for goods. Use 'spillover.form: additive' (the default).",
                    $"bads[{i}].spillover.form");
    }

    private void CheckRegion(ScenarioSpec spec)
    {
        var region = spec.Region;
        if (region.Neighborhoods is null == (region.Grid is null))
        {
            diagnostics.Error(DiagnosticCodes.Inconsistent,
                region.Grid is null ? "The region needs either 'neighborhoods' (a list) or 'grid' (a generator)." : "The region has both 'neighborhoods' and 'grid'; give exactly one.",
                "region");
            return;
        }
        int n;
        if (region.Neighborhoods is { } list)
        {
            n = list.Count;
            if (n == 0) diagnostics.Error(DiagnosticCodes.MissingKey, "At least one neighborhood is required.", "region.neighborhoods");
            double total = 0;
            for (int i = 0; i < list.Count; i++)
            {
                var nb = list[i];
                string p = $"region.neighborhoods[{i}]";
                if (nb.X is null) diagnostics.Error(DiagnosticCodes.MissingKey, "'x' (km) is required unless 'region.distances' is given.", p);
                if (nb.Y is null) diagnostics.Error(DiagnosticCodes.MissingKey, "'y' (km) is required unless 'region.distances' is given.", p);
                double households = nb.Households.Values.Sum();
                total += households;
                if (nb.Dwellings is { } k && households > k)
                    diagnostics.Warning($"{F(households)} households but only {F(k)} dwellings.", map.Contains($"{p}.dwellings") ? $"{p}.dwellings" : p);
            }
            if (n > 0 && total <= 0)
                diagnostics.Error(DiagnosticCodes.Inconsistent, "The region has no households: give 'households: {group: count}' in at least one neighborhood.", "region.neighborhoods");
        }
        else
        {
            var grid = region.Grid!;
            n = grid.Width * grid.Height;
            CheckShares(grid.GroupMixCentre, "region.grid.group_mix_centre");
            if (grid.GroupMixEdge is { } edge && map.Contains("region.grid.group_mix_edge")) CheckShares(edge, "region.grid.group_mix_edge");
            if (!CitiesFit(grid.Cities, grid.Width, grid.Height))
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    $"{grid.Cities} cities cannot be cut from a {grid.Width} x {grid.Height} grid: there must be bx x by = cities blocks with bx <= width and by <= height; valid values here: {string.Join(", ", ValidCityCounts(grid.Width, grid.Height))}.",
                    "region.grid.cities");
        }
        if (region.Distances is { } d) CheckDistances(d, n);
    }

    private void CheckShares(Dictionary<string, double> shares, string path)
    {
        double sum = shares.Values.Sum();
        if (Math.Abs(sum - 1) > 1e-6)
            diagnostics.Error(DiagnosticCodes.Inconsistent, $"Group shares must sum to 1, but sum to {F(sum)}.", path);
    }

    private static bool CitiesFit(int cities, int width, int height)
    {
        for (int bx = 1; bx <= Math.Min(cities, width); bx++)
            if (cities % bx == 0 && cities / bx <= height) return true;
        return false;
    }

    private static IEnumerable<string> ValidCityCounts(int width, int height)
    {
        var all = Enumerable.Range(1, width * height).Where(c => CitiesFit(c, width, height)).ToArray();
        return all.Length <= 30 ? all.Select(c => c.ToString(CultureInfo.InvariantCulture)) : all.Take(30).Select(c => c.ToString(CultureInfo.InvariantCulture)).Append("...");
    }

    private void CheckDistances(List<List<double>> d, int n)
    {
        const string p = "region.distances";
        if (d.Count != n)
        {
            diagnostics.Error(DiagnosticCodes.Inconsistent, $"The distance matrix must have {n} rows (one per neighborhood), but has {d.Count}.", p);
            return;
        }
        bool ok = true;
        for (int i = 0; i < n; i++)
        {
            if (d[i].Count != n)
            {
                diagnostics.Error(DiagnosticCodes.Inconsistent, $"Row {i} of the distance matrix must have {n} entries, but has {d[i].Count}.", $"{p}[{i}]");
                ok = false;
            }
            else if (d[i][i] != 0)
            {
                diagnostics.Error(DiagnosticCodes.Inconsistent, $"The distance of a neighborhood to itself must be 0, but is {F(d[i][i])}.", $"{p}[{i}][{i}]");
            }
        }
        if (!ok) return;
        for (int i = 0; i < n; i++)
            for (int k = i + 1; k < n; k++)
                if (Math.Abs(d[i][k] - d[k][i]) > 1e-9 * Math.Max(1, Math.Abs(d[i][k])))
                    diagnostics.Warning($"The distance matrix is not symmetric: d[{i}][{k}] = {F(d[i][k])} but d[{k}][{i}] = {F(d[k][i])}.", $"{p}[{i}][{k}]");
    }

    private void CheckFormula(string formula, string path)
    {
        foreach (var e in Formulas.FormulaCompiler.Validate(formula))
            diagnostics.Error(DiagnosticCodes.InvalidFormula, $"Formula error at character {e.Position + 1} of '{formula}': {e.Message}", path);
    }

    /// <summary>Upward financing and upper-tier vouchers need lower-tier governments with budgets under an upper tier.</summary>
    private void CheckUpperTier(StructureSpec s, int i)
    {
        if (s.Finance.UpwardFinancing is { Rate: > 0, PerCapita: 0, PerNeed: 0 })
            diagnostics.Error(DiagnosticCodes.Inconsistent,
                "Upward financing with a 'rate' shares the levy in proportion to per_capita x residents + per_need x need-weighted residents, but both weights are 0. Give 'per_capita' or 'per_need' a positive weight.",
                $"structures[{i}].finance.upward_financing.rate");
        if (s.Kind == StructureKind.TwoTier) return;
        string why = s.Kind is StructureKind.Consolidated or StructureKind.AdministrativeDecentralization or StructureKind.PoliticalDecentralization
            ? "it has one city that already taxes and pays for every neighborhood's services (its neighborhoods have no budgets of their own)"
            : "its cities have no upper tier above them";
        if (s.Finance.UpwardFinancing is not null)
            diagnostics.Error(DiagnosticCodes.Inconsistent,
                $"Upward financing needs an upper tier that taxes and lower-tier governments that deliver, but structure kind '{SpecModel.EnumName(s.Kind)}' has none: {why}. Use 'kind: two_tier', or remove 'upward_financing'.",
                $"structures[{i}].finance.upward_financing");
        if (s.Finance.Vouchers is { Payer: VoucherPayer.UpperTier })
            diagnostics.Error(DiagnosticCodes.Inconsistent,
                $"Vouchers paid by the upper tier need an upper tier, but structure kind '{SpecModel.EnumName(s.Kind)}' has none: {why}. Use 'payer: state' or 'kind: two_tier'.",
                $"structures[{i}].finance.vouchers.payer");
    }

    private void CheckStructures(ScenarioSpec spec)
    {
        for (int i = 0; i < spec.Structures.Count; i++)
        {
            var s = spec.Structures[i];
            if (s.Finance.TaxBaseSharing is not null && s.Finance.Tax != TaxBase.Property)
                diagnostics.Error(DiagnosticCodes.Inconsistent,
                    $"Tax-base sharing pools growth of the commercial-industrial property base, but this structure's tax is '{SpecModel.EnumName(s.Finance.Tax)}'. Use 'finance.tax: property', or remove 'tax_base_sharing'.",
                    $"structures[{i}].finance.tax_base_sharing");
            for (int k = 0; k < (s.Finance.Grants?.Custom.Count ?? 0); k++)
                CheckFormula(s.Finance.Grants!.Custom[k].Formula, $"structures[{i}].finance.grants.custom[{k}].formula");
            if (s.Finance.TaxBaseSharing?.Index is { } index)
                CheckFormula(index, $"structures[{i}].finance.tax_base_sharing.index");
            CheckUpperTier(s, i);
            if (s.Legislature is { } legislature) CheckLegislature(s, legislature, $"structures[{i}].legislature");
            if (s.Kind != StructureKind.TwoTier || s.Assignment != TierAssignment.ByHand) continue;
            var untiered = spec.Goods.Where(g => g.Tier is null).Select(g => g.Id).ToArray();
            if (untiered.Length > 0)
                diagnostics.Warning($"With assignment by_hand, goods without a 'tier' go to the metro tier: {string.Join(", ", untiered)}.", $"structures[{i}].assignment");
        }
    }

    /// <summary>A legislature belongs to an upper-tier council; each option's keys only where they mean something.</summary>
    private void CheckLegislature(StructureSpec s, LegislatureSpec l, string path)
    {
        string form = SpecModel.EnumName(l.Form);
        if (s.Kind is StructureKind.Consolidated or StructureKind.Fragmented)
        {
            diagnostics.Error(DiagnosticCodes.Inconsistent,
                $"A legislature forms the upper tier's council, but a '{SpecModel.EnumName(s.Kind)}' structure has no upper tier. Valid for two_tier, administrative_decentralization and political_decentralization.",
                path, atKey: true);
            return;
        }
        var (rule, ruleKey) = s.Kind == StructureKind.TwoTier ? (s.MetroRule, "metro_rule") : (s.CityRule, "city_rule");
        if (rule is not null && rule.Kind != DecisionRuleKind.Council)
            diagnostics.Error(DiagnosticCodes.Inconsistent,
                $"A legislature needs a council upper tier, but '{ruleKey}' is '{SpecModel.EnumName(rule.Kind)}'. Use '{ruleKey}: council', or remove 'legislature'.",
                path, atKey: true);
        if (l.Form == LegislatureForm.ExOfficio && s.Kind == StructureKind.AdministrativeDecentralization)
            diagnostics.Error(DiagnosticCodes.Inconsistent,
                "'ex_officio' delegates come from neighborhood governments, which administrative_decentralization does not have. Use two_tier or political_decentralization, or another form.",
                $"{path}.form");
        if (l.DistrictSize is { } size)
        {
            if (l.Form != LegislatureForm.Districts)
                diagnostics.Error(DiagnosticCodes.Inconsistent, $"'district_size' applies only to form 'districts', not '{form}'.", $"{path}.district_size", atKey: true);
            else if (l.Seats is not null)
                diagnostics.Error(DiagnosticCodes.Inconsistent, "Give either 'seats' or 'district_size' for districts, not both.", $"{path}.seats", atKey: true);
            else if (size < 50_000 || size > 500_000)
                diagnostics.Warning($"district_size {size.ToString(CultureInfo.InvariantCulture)} is outside the 50,000-500,000 residents the Los Angeles essay weighs for larger districts (MODEL.md section 5).", $"{path}.district_size");
        }
        if (l.Seats is not null && l.Form is LegislatureForm.NeighborhoodMembers or LegislatureForm.ExOfficio)
            diagnostics.Error(DiagnosticCodes.Inconsistent, $"Form '{form}' has one member per neighborhood; remove 'seats'.", $"{path}.seats", atKey: true);
        if (l.Blocs is not null && l.Form != LegislatureForm.Proportional)
            diagnostics.Error(DiagnosticCodes.Inconsistent, $"'blocs' applies only to form 'proportional', not '{form}'.", $"{path}.blocs", atKey: true);
    }
}
