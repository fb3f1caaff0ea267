using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Experiments.Council;

/// <summary>
/// The council's figures (docs/decisions.md): officers to employ, what the patrol costs, and what its exposure means for
/// safety under stated rates. Each is computed per replication from that replication's metrics and the scenario's
/// <see cref="CouncilBasis"/>, so intervals come from the replications and differences between policies are paired
/// replication by replication like any metric's. Officer figures always apply; costs only with a <c>costs:</c> section,
/// safety only with a <c>safety:</c> section (otherwise they are absent, never defaulted).
/// </summary>
public static class CouncilMeasures
{
#pragma warning disable CS1591 // names of the figures
    public const string OfficerHours = "officerHoursPerYear";
    public const string Fte = "fteNeeded";
    public const string Cost = "annualCost";
    public const string CostOfficers = "annualCost.officers";
    public const string CostOvertime = "annualCost.overtime";
    public const string CostCars = "annualCost.cars";
    public const string HoursAlone = "exposureHoursPerYear.alone";
    public const string HoursPaired = "exposureHoursPerYear.paired";
    public const string Assaults = "expectedAssaults";
    public const string Injuries = "expectedInjuries";
#pragma warning restore CS1591

    /// <summary>Unit of the expected assaults and injuries.</summary>
    public const string PerYear = "per yr";

    /// <summary>What every table showing safety figures says about them.</summary>
    public const string SafetyCaveat = "assault rates and injury shares are inputs (safety: section), not findings; intervals cover simulation noise only";

    private static readonly MetricDefinition[] Officer =
    [
        Define(0, OfficerHours, "h/yr", Better.Neutral, "On-duty officer-hours a year: the roster (after absences; backup-only and pulled officers included) plus overtime"),
        Define(1, Fte, "FTE", Better.Lower, "Officers to employ: officerHoursPerYear / hours an officer is on duty in a year"),
    ];

    private static readonly MetricDefinition[] Safety =
    [
        Define(6, HoursAlone, "h/yr", Better.Lower, "Officer-hours a year alone on scene at risky calls and solo self-initiated stops (measured)"),
        Define(7, HoursPaired, "h/yr", Better.Neutral, "Officer-hours a year on scene at risky calls with another officer (estimated from the call mix; docs/decisions.md)"),
        Define(8, Assaults, PerYear, Better.Lower, "Expected assaults on officers a year at the safety: section's assault rates (inputs, not findings)"),
        Define(9, Injuries, PerYear, Better.Lower, "Expected officers injured by assault a year at the safety: section's rates and injury shares (inputs, not findings)"),
    ];

    /// <summary>Every figure's name, in output order.</summary>
    public static IReadOnlyList<string> Names { get; } = [OfficerHours, Fte, Cost, CostOfficers, CostOvertime, CostCars, HoursAlone, HoursPaired, Assaults, Injuries];

    /// <summary>Whether <paramref name="name"/> names a council figure.</summary>
    public static bool IsCouncil(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The unit of money a year for a currency label, e.g. "USD/yr".</summary>
    public static string MoneyUnit(string currency) => currency + "/yr";

    /// <summary>The figures that apply to <paramref name="scenario"/>, in output order (the cost units carry its currency).</summary>
    public static IReadOnlyList<MetricDefinition> For(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var list = new List<MetricDefinition>(Officer);
        if (scenario.Costs is { } costs)
        {
            list.AddRange(CostDefinitions(MoneyUnit(costs.Currency)));
        }

        if (scenario.Safety is not null)
        {
            list.AddRange(Safety);
        }

        return list;
    }

    /// <summary>
    /// The definition of a figure by name, as <c>--target</c> and sweep files name it before a scenario is known (money
    /// in "money/yr"); null for other names.
    /// </summary>
    public static MetricDefinition? Find(string name) =>
        Officer.Concat(CostDefinitions(MoneyUnit("money"))).Concat(Safety).FirstOrDefault(d => d.Name == name);

    private static MetricDefinition[] CostDefinitions(string unit) =>
    [
        Define(2, Cost, unit, Better.Lower, "What the patrol costs a year: officers employed, overtime and cars"),
        Define(3, CostOfficers, unit, Better.Lower, "Officers employed to cover the roster, paid for their contract hours at the loaded hourly cost"),
        Define(4, CostOvertime, unit, Better.Lower, "Overtime hours at the loaded hourly cost plus the overtime premium"),
        Define(5, CostCars, unit, Better.Lower, "Cars on the street at once × a car's yearly cost"),
    ];

    private static MetricDefinition Define(int index, string name, string unit, Better better, string description) =>
        new(index, name, unit, false, better, description);

    /// <summary>The value of figure <paramref name="name"/> in one replication of <paramref name="scenario"/> (NaN when it does not apply).</summary>
    public static double Value(string name, Scenario scenario, ReplicationResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        var basis = CouncilBasis.For(scenario);
        double overtimeHours = result.Overall[MetricCatalog.OvertimeHours] * CouncilBasis.DaysPerYear;
        return name switch
        {
            OfficerHours => basis.RosterOfficerHoursPerYear + overtimeHours,
            Fte => (basis.RosterOfficerHoursPerYear + overtimeHours) / basis.AvailableHoursPerOfficer,
            Cost or CostOfficers or CostOvertime or CostCars when basis.Costs is { } c => CostPart(name, basis, c, overtimeHours),
            HoursAlone or HoursPaired or Assaults or Injuries when basis.Safety is { } s => SafetyPart(name, scenario, s, result),
            _ when IsCouncil(name) => double.NaN,
            _ => throw new ArgumentException($"'{name}' is not a council figure.", nameof(name)),
        };
    }

    /// <summary>
    /// Officers: the officers employed to cover the roster's hours, each paid for the contract year, (roster hours /
    /// available hours) × contract hours × hourly; overtime: hours × hourly × (1 + premium); cars: cars × yearly cost.
    /// </summary>
    private static double CostPart(string name, CouncilBasis basis, Costs c, double overtimeHours)
    {
        double officers = basis.RosterOfficerHoursPerYear / basis.AvailableHoursPerOfficer * basis.ContractHoursPerYear * c.OfficerHourly;
        double overtime = overtimeHours * c.OfficerHourly * (1 + c.OvertimePremium);
        double cars = basis.Cars * c.CarPerYear;
        return name switch
        {
            CostOfficers => officers,
            CostOvertime => overtime,
            CostCars => cars,
            _ => officers + overtime + cars,
        };
    }

    private static double SafetyPart(string name, Scenario scenario, Safety s, ReplicationResult result)
    {
        var exposure = Exposure.Of(scenario, result);
        double assaultsAlone = 0, assaultsPaired = 0;
        foreach (var level in Exposure.Levels)
        {
            assaultsAlone += exposure.HoursAlone(level) * s.AssaultsPerHourAlone.Of(level);
            assaultsPaired += exposure.HoursPaired(level) * s.AssaultsPerHourPaired.Of(level);
        }

        return name switch
        {
            HoursAlone => Exposure.Levels.Sum(exposure.HoursAlone),
            HoursPaired => Exposure.Levels.Sum(exposure.HoursPaired),
            Assaults => assaultsAlone + assaultsPaired,
            _ => (assaultsAlone * s.InjuryShareAlone) + (assaultsPaired * s.InjurySharePaired),
        };
    }
}
