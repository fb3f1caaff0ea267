using System.Text.Json.Serialization;
using PatrolSim.Model.Definition;

namespace PatrolSim.Experiments.Council;

/// <summary>How the council basis appears in JSON outputs (<c>run --json</c>, <c>compare --json</c>; docs/output-formats.md).</summary>
public static class CouncilOutput
{
    /// <summary>The word for where the available hours came from: scenario, absenceShare or default.</summary>
    public static string Word(AvailableHoursSource source) => source switch
    {
        AvailableHoursSource.Scenario => "scenario",
        AvailableHoursSource.AbsenceShare => "absenceShare",
        _ => "default",
    };

    /// <summary>
    /// The object <c>council</c> of a JSON output: the basis of the figures (hours per officer and their source, relief
    /// factor, roster hours, cars, days per year) and, when the scenario has them, its costs and safety assumptions.
    /// </summary>
    public static CouncilBasisJson ToJson(CouncilBasis basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return new CouncilBasisJson(basis.ContractHoursPerYear, basis.AvailableHoursPerOfficer, Word(basis.Source), basis.ReliefFactor,
            basis.RosterOfficerHoursPerYear, basis.Cars, CouncilBasis.DaysPerYear,
            basis.Costs is { } c ? new CostsJson(c.Currency, c.OfficerHourly, c.OvertimePremium, c.CarPerYear) : null,
            basis.Safety is { } s
                ? new SafetyJson(new AssaultRatesJson(Levels(s.AssaultsPerHourAlone), Levels(s.AssaultsPerHourPaired)),
                    new InjuryJson(s.InjuryShareAlone, s.InjurySharePaired), s.Source, CouncilMeasures.SafetyCaveat)
                : null);
    }

    private static RiskLevelsJson Levels(PerRiskLevel values) => new(values.Low, values.Medium, values.High);
}

/// <summary>The <c>council</c> object of a JSON output (<see cref="CouncilOutput.ToJson"/>; docs/output-formats.md).</summary>
/// <param name="ContractHoursPerYear">Hours an officer is scheduled and paid for in a year.</param>
/// <param name="AvailableHoursPerOfficer">Hours an officer is on duty in a year.</param>
/// <param name="AvailableHoursSource">Where those hours came from: scenario, absenceShare or default.</param>
/// <param name="ReliefFactor">Officers employed per officer scheduled.</param>
/// <param name="RosterOfficerHoursPerYear">On-duty officer-hours a year of the roster.</param>
/// <param name="CarsOnDuty">Cars needed at once.</param>
/// <param name="DaysPerYear">Days in the year the measured period is scaled to.</param>
/// <param name="Costs">The scenario's costs; left out when it has none.</param>
/// <param name="Safety">The scenario's safety assumptions; left out when it has none.</param>
public sealed record CouncilBasisJson(
    double ContractHoursPerYear,
    double AvailableHoursPerOfficer,
    string AvailableHoursSource,
    double ReliefFactor,
    double RosterOfficerHoursPerYear,
    int CarsOnDuty,
    double DaysPerYear,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CostsJson? Costs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SafetyJson? Safety);

/// <summary>The scenario's <c>costs:</c> as JSON outputs repeat them.</summary>
/// <param name="Currency">Label of the money unit.</param>
/// <param name="OfficerHourly">Loaded cost of one paid officer-hour.</param>
/// <param name="OvertimePremium">Extra share paid for an overtime hour.</param>
/// <param name="CarPerYear">Yearly cost of one patrol car.</param>
public sealed record CostsJson(string Currency, double OfficerHourly, double OvertimePremium, double CarPerYear);

/// <summary>The scenario's <c>safety:</c> as JSON outputs repeat them, with the note that they are inputs.</summary>
/// <param name="AssaultsPerHour">Assaults per officer-hour on scene, alone and paired.</param>
/// <param name="InjuryWhenAssaulted">Chance an assaulted officer is injured, alone and paired.</param>
/// <param name="Source">Where the numbers come from, as the scenario says.</param>
/// <param name="Note">That the rates are inputs and the intervals cover simulation noise only.</param>
public sealed record SafetyJson(AssaultRatesJson AssaultsPerHour, InjuryJson InjuryWhenAssaulted, string Source, string Note);

/// <summary>Assaults per officer-hour on scene by risk level, alone and with another officer.</summary>
/// <param name="Alone">Alone on scene.</param>
/// <param name="Paired">With another officer.</param>
public sealed record AssaultRatesJson(RiskLevelsJson Alone, RiskLevelsJson Paired);

/// <summary>A number for each risk level.</summary>
/// <param name="Low">Low risk.</param>
/// <param name="Medium">Medium risk.</param>
/// <param name="High">High risk.</param>
public sealed record RiskLevelsJson(double Low, double Medium, double High);

/// <summary>The chance an assaulted officer is injured.</summary>
/// <param name="Alone">Assaulted while alone.</param>
/// <param name="Paired">Assaulted while with another officer.</param>
public sealed record InjuryJson(double Alone, double Paired);
