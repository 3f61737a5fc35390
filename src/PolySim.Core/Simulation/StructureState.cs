using PolySim.Core.Decisions;
using PolySim.Core.Finance;
using PolySim.Core.Goods;
using PolySim.Core.Governance;
using PolySim.Core.Households;
using PolySim.Core.Services;

namespace PolySim.Core.Simulation;

/// <summary>
/// The mutable state of one structure in one replication: levels, budgets and household accounts, as flat arrays
/// allocated once and reused every year and every fixed-point iteration.
/// </summary>
/// <remarks>Indexing: jurisdiction × good "jg" = j·G + g; neighborhood × good "ig" = i·G + g;
/// neighborhood × bad "ib" = i·B + b.</remarks>
public sealed class StructureState
{
    /// <summary>Creates the state of <paramref name="map"/> for the households of a replication.</summary>
    public StructureState(Scenario scenario, JurisdictionMap map, Households.Households households,
        IReadOnlyList<SpilloverKernel> goodKernels, IReadOnlyList<SpilloverKernel> badKernels)
    {
        Scenario = scenario;
        Map = map;
        Households = households;
        GoodKernels = goodKernels;
        BadKernels = badKernels;
        Goods = scenario.Goods;
        Bads = scenario.Bads;
        N = scenario.Region.Count;
        G = Goods.Count;
        B = Bads.Count;
        J = map.Jurisdictions.Count;
        Finance = map.Structure.Finance;

        int H = households.Count;
        NeighborhoodPopulation = new double[N];
        NeighborhoodHouseholds = new double[N];
        NeighborhoodValue = new double[N];
        NeighborhoodIncome = new double[N];
        NeighborhoodNeed = new double[N];
        Population = new double[J];
        NeedMean = new double[J];
        Capture = new double[J];
        UnitCost = new double[J * G];
        Facilities = new double[J * G];
        ConsumerCostPerResident = new double[J * G];
        FixedCost = new double[J * G];
        UnitsPerLevel = new double[J * G];
        CongestionFactor = new double[N * G];
        Area = map.Jurisdictions.Select(jur => jur.Members.Sum(i => scenario.Region.Neighborhoods[i].AreaKm2)).ToArray();
        BasePrice = scenario.Region.Neighborhoods.Select(nb => map.Structure.Finance.HousingCostRate * nb.DwellingValue).ToArray();
        Price = (double[])BasePrice.Clone();
        DwellingValue = scenario.Region.Neighborhoods.Select(nb => nb.DwellingValue).ToArray();

        // Scratch for ideal points: one segment per jurisdiction, disjoint within a tier; sized for every household
        // (each lives in one jurisdiction per tier), so moves never need a larger array.
        ScratchOffset = new int[J];
        TierIndex = map.Jurisdictions.Select(x => x.Tier).Distinct().Order().ToList();
        ScratchValues = TierIndex.Select(_ => Enumerable.Range(0, G).Select(_ => new double[Math.Max(1, H)]).ToArray()).ToArray();
        ScratchBaseWeights = TierIndex.Select(_ => new double[Math.Max(1, H)]).ToArray();
        ScratchWeights = TierIndex.Select(_ => new double[Math.Max(1, H)]).ToArray();
        RefreshPopulation();

        Level = new double[J * G];
        NewLevel = new double[J * G];
        LocalOffset = new double[N * G];
        NewLocalOffset = new double[N * G];
        Local = new double[N * G];
        Service = new double[N * G];
        Remaining = new double[N * Math.Max(B, 1)];
        Exposure = new double[N * Math.Max(B, 1)];
        EnforcementReach = new double[N * G];
        OwnMultiplier = new double[N * G];
        Spending = new double[J];
        VariableSpending = new double[J * G];
        Grants = new double[J];
        Pigouvian = new double[J];
        ResidentialBase = new double[J];
        CommercialTaxable = new double[J];
        Rate = new double[J];
        Contribution = new double[J];
        LumpSumEntitlement = new double[J];
        GuaranteedBase = new double[J];
        Distribution = new double[J];
        Flows = new FiscalFlows(map, households.Count);
        RedistributionRate = new double[J];
        RedistributionMean = new double[J];
        Mitigation = new double[J];
        SpendingCap = new double[J];
        PolicyPosition = new double[J];

        Income = new double[H];
        TaxableAmount = new double[H];
        Tax = new double[H];
        Consumption = new double[H];
        Utility = new double[H];
        ServiceUtility = new double[H];
        ConsumerCost = new double[H];
        Damage = new double[H];
        Rebate = new double[H];
        Housing = new double[H];
        PolicyCost = new double[H];

        GapSum = new double[J];
        GapWeight = new double[J];
    }

    /// <summary>
    /// Recomputes everything that depends on where households live: populations and bases per neighborhood and
    /// jurisdiction, capture shares, unit and consumer costs, congestion and the scratch segments. Called at creation
    /// and after every relocation.
    /// </summary>
    public void RefreshPopulation()
    {
        var households = Households;
        var map = Map;
        Array.Clear(NeighborhoodPopulation); Array.Clear(NeighborhoodHouseholds); Array.Clear(NeighborhoodValue);
        Array.Clear(NeighborhoodIncome); Array.Clear(NeighborhoodNeed);
        for (int i = 0; i < N; i++)
        {
            double value = DwellingValue[i];
            for (int h = households.Start[i]; h < households.Start[i + 1]; h++)
            {
                double w = households.Weight[h];
                NeighborhoodPopulation[i] += w * households.Persons[h];
                NeighborhoodHouseholds[i] += w;
                NeighborhoodValue[i] += w * value;
                NeighborhoodIncome[i] += w * households.BaseIncome[h];
                NeighborhoodNeed[i] += w * households.Persons[h] * households.Need[h];
            }
        }
        double totalPop = NeighborhoodPopulation.Sum();
        RegionNeedMean = totalPop > 0 ? NeighborhoodNeed.Sum() / totalPop : 0;

        for (int j = 0; j < J; j++)
        {
            var jur = map.Jurisdictions[j];
            double need = 0;
            Population[j] = 0;
            foreach (int i in jur.Members) { Population[j] += NeighborhoodPopulation[i]; need += NeighborhoodNeed[i]; }
            NeedMean[j] = Population[j] > 0 ? need / Population[j] : 0;
            Capture[j] = jur.Rule.CaptureShare(Population[j]);
        }

        for (int j = 0; j < J; j++)
        {
            var jur = map.Jurisdictions[j];
            double overhead = map.Structure.Bureaucracy.CostMultiplier(Population[j]);
            for (int g = 0; g < G; g++)
            {
                if (!jur.Provides[g]) continue;
                var good = Goods[g];
                double producing = good.Production == PolySim.Core.Goods.Production.Contract ? good.Cost.OptimalScale : Population[j];
                double contract = good.Production == PolySim.Core.Goods.Production.Contract ? 1 + good.TransactionCost : 1;
                UnitCost[j * G + g] = good.Cost.AverageCost(producing) * overhead * contract;
                var cc = good.ConsumerCost;
                double facilities = cc.Facilities(Population[j]);
                bool usesFacilities = cc.TripsPerResident > 0;
                if (jur.BranchOffices && usesFacilities) facilities = Math.Max(facilities, jur.Members.Count);
                Facilities[j * G + g] = facilities;
                ConsumerCostPerResident[j * G + g] = usesFacilities
                    ? cc.TravelCostPerResident(Area[j], facilities) + cc.WaitingCostPerResident(Population[j], facilities)
                    : 0;
                FixedCost[j * G + g] = cc.FacilityCost * facilities
                    + (jur.BranchOffices && usesFacilities ? map.Structure.BranchOfficeCost * jur.Members.Count : 0);
                UnitsPerLevel[j * G + g] = PublicAccounts.Reach(this, j, g);
            }
        }

        for (int i = 0; i < N; i++)
            for (int g = 0; g < G; g++)
                CongestionFactor[i * G + g] = Goods[g].Congestion == 0 ? 1 : Math.Pow(Math.Max(NeighborhoodPopulation[i], 1) / 1000.0, -Goods[g].Congestion);

        var tierFill = TierIndex.ToDictionary(t => t, _ => 0);
        for (int j = 0; j < J; j++)
        {
            var tier = map.Jurisdictions[j].Tier;
            ScratchOffset[j] = tierFill[tier];
            foreach (int i in map.Jurisdictions[j].Members) tierFill[tier] += households.Start[i + 1] - households.Start[i];
        }
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }
    /// <summary>The structure laid out on the region.</summary>
    public JurisdictionMap Map { get; }
    /// <summary>Households as this structure has sorted them (shared read-only across structures while nobody moves).</summary>
    public Households.Households Households { get; }
    /// <summary>Spillover kernels by good.</summary>
    public IReadOnlyList<SpilloverKernel> GoodKernels { get; }
    /// <summary>Spillover kernels by bad.</summary>
    public IReadOnlyList<SpilloverKernel> BadKernels { get; }
    /// <summary>Goods.</summary>
    public IReadOnlyList<PublicGood> Goods { get; }
    /// <summary>Bads.</summary>
    public IReadOnlyList<PublicBad> Bads { get; }
    /// <summary>Taxes and grants of the structure.</summary>
    public FiscalRule Finance { get; }
    /// <summary>Counts: neighborhoods, goods, bads, jurisdictions.</summary>
    public int N { get; }
    /// <inheritdoc cref="N"/>
    public int G { get; }
    /// <inheritdoc cref="N"/>
    public int B { get; }
    /// <inheritdoc cref="N"/>
    public int J { get; }

    /// <summary>Residents per neighborhood.</summary>
    public double[] NeighborhoodPopulation { get; }
    /// <summary>Households per neighborhood.</summary>
    public double[] NeighborhoodHouseholds { get; }
    /// <summary>Residential value per neighborhood, $ (occupied dwellings).</summary>
    public double[] NeighborhoodValue { get; }
    /// <summary>Start-year income per neighborhood, $.</summary>
    public double[] NeighborhoodIncome { get; }
    /// <summary>Resident-weighted need sum per neighborhood.</summary>
    public double[] NeighborhoodNeed { get; }
    /// <summary>Mean need of the region's residents (n̄ in need sensitivity).</summary>
    public double RegionNeedMean { get; private set; }
    /// <summary>Land area per jurisdiction, km².</summary>
    public double[] Area { get; }
    /// <summary>Floor of the annual housing cost per dwelling, $: housing_cost_rate × the neighborhood's dwelling value.</summary>
    public double[] BasePrice { get; }
    /// <summary>Annual housing cost per dwelling this year, $ (rises above <see cref="BasePrice"/> when demand exceeds dwellings).</summary>
    public double[] Price { get; }
    /// <summary>Assessed value per dwelling, $ (the scenario's value, plus the capitalized price premium).</summary>
    public double[] DwellingValue { get; }
    /// <summary>Residents per jurisdiction.</summary>
    public double[] Population { get; }
    /// <summary>Mean need per jurisdiction (n̄_j in need targeting).</summary>
    public double[] NeedMean { get; }
    /// <summary>Capture share λ_j.</summary>
    public double[] Capture { get; }
    /// <summary>Unit cost per jurisdiction × good: AC(n)·overhead·contracting, $ per unit level per resident^γ.</summary>
    public double[] UnitCost { get; }
    /// <summary>Facilities per jurisdiction × good.</summary>
    public double[] Facilities { get; }
    /// <summary>Travel + waiting cost per resident per jurisdiction × good, $.</summary>
    public double[] ConsumerCostPerResident { get; }
    /// <summary>Facility and branch-office costs per jurisdiction × good, $.</summary>
    public double[] FixedCost { get; }

    /// <summary>Σ_{i∈j} pop_i^γ per jurisdiction × good: cost units of one unit of uniform level.</summary>
    public double[] UnitsPerLevel { get; }
    /// <summary>Congestion factor (pop_i/1000)^(−congestion) per neighborhood × good.</summary>
    public double[] CongestionFactor { get; }
    /// <summary>Chosen level per jurisdiction × good.</summary>
    public double[] Level { get; }
    /// <summary>Proposed level in the current iteration.</summary>
    public double[] NewLevel { get; }
    /// <summary>Neighborhood deviation from the provider's level (political decentralization).</summary>
    public double[] LocalOffset { get; }
    /// <summary>Proposed deviation in the current iteration.</summary>
    public double[] NewLocalOffset { get; }
    /// <summary>Delivered level per neighborhood × good.</summary>
    public double[] Local { get; }
    /// <summary>Effective service per neighborhood × good (spillovers and congestion included).</summary>
    public double[] Service { get; }
    /// <summary>Source remaining after enforcement, neighborhood × bad.</summary>
    public double[] Remaining { get; }
    /// <summary>Exposure per neighborhood × bad.</summary>
    public double[] Exposure { get; }
    /// <summary>For enforcement goods: exposure at i from sources the provider enforces; for emitting goods: Σ_{k∈j} Kb_ik r_k.</summary>
    public double[] EnforcementReach { get; }
    /// <summary>For additive goods: m_i = Σ_{k∈j} K_ik; for benefit-share goods: (1 − s) + s·Σ_{k∈j, k≠i} W_ik; for emitting goods: 1.</summary>
    public double[] OwnMultiplier { get; }
    /// <summary>Production spending per jurisdiction, $.</summary>
    public double[] Spending { get; }
    /// <summary>Level-dependent spending per jurisdiction × good, $.</summary>
    public double[] VariableSpending { get; }
    /// <summary>Matching grants received, $.</summary>
    public double[] Grants { get; }
    /// <summary>Pigouvian charges, $ (rebated to residents).</summary>
    public double[] Pigouvian { get; }
    /// <summary>Residential (or head, or income) base, $.</summary>
    public double[] ResidentialBase { get; }
    /// <summary>Taxable C/I base after classification, $.</summary>
    public double[] CommercialTaxable { get; }
    /// <summary>Own tax rate.</summary>
    public double[] Rate { get; }
    /// <summary>Classified C/I base contributed to the tax-base-sharing pool this year, $.</summary>
    public double[] Contribution { get; }
    /// <summary>Base distributed from the tax-base-sharing pool this year, $.</summary>
    public double[] Distribution { get; }
    /// <summary>State lump-sum grant entitlement (per capita + foundation) this year, $.</summary>
    public double[] LumpSumEntitlement { get; }
    /// <summary>State-guaranteed tax base this year, $ (0 = none).</summary>
    public double[] GuaranteedBase { get; }
    /// <summary>Who pays and who receives under each equalization instrument.</summary>
    public FiscalFlows Flows { get; }

    /// <summary>Redistribution rate t_J of each lowest-tier jurisdiction (B9; 0 without redistribution).</summary>
    public double[] RedistributionRate { get; }
    /// <summary>Income per resident ȳ_J behind each lowest-tier jurisdiction's rebate, $.</summary>
    public double[] RedistributionMean { get; }
    /// <summary>Mitigation paid this year under terms of separation, $ (negative: received); part of the balanced budget.</summary>
    public double[] Mitigation { get; }
    /// <summary>Policy position of each lowest-tier jurisdiction: the resident-weighted median x of its residents, km (B3).</summary>
    public double[] PolicyPosition { get; }
    /// <summary>Household cost of the distance to its jurisdiction's policy, $ (B3; 0 without a policy-distance cost).</summary>
    public double[] PolicyCost { get; }
    /// <summary>Mitigation obligations from secessions that took effect in this structure (MODEL.md section 7).</summary>
    public List<Secession.MitigationObligation> Obligations { get; } = [];
    /// <summary>Appropriations limits of cities that seceded in this structure (MODEL.md section 7).</summary>
    public List<Secession.AppropriationsLimit> Limits { get; } = [];
    /// <summary>This year's spending cap by jurisdiction, $ (0 = none): appropriations limits.</summary>
    public double[] SpendingCap { get; }

    /// <summary>Household income this year, $.</summary>
    public double[] Income { get; }
    /// <summary>Household taxable amount under the structure's tax base (set each evaluation).</summary>
    public double[] TaxableAmount { get; }
    /// <summary>Household taxes, $.</summary>
    public double[] Tax { get; }
    /// <summary>Household consumption c_h, $.</summary>
    public double[] Consumption { get; }
    /// <summary>Household utility.</summary>
    public double[] Utility { get; }
    /// <summary>Household Σ_g θ_hg·b(Q_hg), the utility from services (set with <see cref="Utility"/>).</summary>
    public double[] ServiceUtility { get; }
    /// <summary>Household travel and waiting costs, $.</summary>
    public double[] ConsumerCost { get; }
    /// <summary>Household damage from bads, $.</summary>
    public double[] Damage { get; }
    /// <summary>Household Pigouvian rebate, $.</summary>
    public double[] Rebate { get; }
    /// <summary>Household housing cost, $.</summary>
    public double[] Housing { get; }

    /// <summary>Tiers present, in order; index into the scratch arrays.</summary>
    public List<Tier> TierIndex { get; }
    /// <summary>Start of each jurisdiction's segment in its tier's scratch arrays.</summary>
    public int[] ScratchOffset { get; }
    /// <summary>Scratch ideal points per tier and good.</summary>
    public double[][][] ScratchValues { get; }
    /// <summary>Residents represented by each scratch entry, per tier.</summary>
    public double[][] ScratchBaseWeights { get; }
    /// <summary>Working copy of the weights for selection, per tier.</summary>
    public double[][] ScratchWeights { get; }
    /// <summary>Congruence accumulators per jurisdiction (Σ weight·gap, Σ weight).</summary>
    public double[] GapSum { get; }
    /// <inheritdoc cref="GapSum"/>
    public double[] GapWeight { get; }
    /// <summary>Capture share effective in each jurisdiction for the lobby's C/I relief.</summary>
    public double CommercialRatio(int j) =>
        Finance.CommercialRatio * (1 - Capture[j] * Scenario.Decisions.Lobby.CommercialTaxRelief);

    /// <summary>Need targeting t of good g as practiced by jurisdiction j (the lobby dilutes it by λ·aversion).</summary>
    public double Targeting(int j, int g) => Goods[g].NeedTargeting * (1 - Capture[j] * Scenario.Decisions.Lobby.NeedAversion);

    /// <summary>Taxable amount of household h under the structure's tax base (dwelling value, persons or income).</summary>
    public double Taxable(int h) => TaxableAmount[h];

    /// <summary>Computes the taxable amount of household h from its income and location.</summary>
    public double ComputeTaxable(int h) => ComputeTaxable(h, Finance.Tax);

    /// <summary>Taxable amount of household h under tax base <paramref name="kind"/>.</summary>
    public double ComputeTaxable(int h, TaxBase kind) => kind switch
    {
        TaxBase.Property => DwellingValue[Households.Location[h]],
        TaxBase.Head => Households.Persons[h],
        _ => Income[h],
    };

    /// <summary>Tax base of jurisdiction j (residential part + classified C/I part).</summary>
    public double Base(int j) => ResidentialBase[j] + CommercialTaxable[j];

    /// <summary>The base the rate is set on: the own base, or the state-guaranteed base if that is larger.</summary>
    public double RateBase(int j) => Math.Max(Base(j), GuaranteedBase[j]);
}
