using System.Text.Json;
using PatrolSim.Model.Definition;
using PatrolSim.Output;

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
    /// Writes the property <c>council</c>: the basis of the figures (hours per officer and their source, relief factor,
    /// roster hours, cars, days per year) and, when the scenario has them, its costs and safety assumptions.
    /// </summary>
    public static void WriteBasis(Utf8JsonWriter w, CouncilBasis basis)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(basis);
        w.WriteStartObject("council");
        w.WriteNumber("contractHoursPerYear", basis.ContractHoursPerYear);
        w.WriteNumber("availableHoursPerOfficer", basis.AvailableHoursPerOfficer);
        w.WriteString("availableHoursSource", Word(basis.Source));
        w.WriteNumber("reliefFactor", basis.ReliefFactor);
        w.WriteNumber("rosterOfficerHoursPerYear", basis.RosterOfficerHoursPerYear);
        w.WriteNumber("carsOnDuty", basis.Cars);
        w.WriteNumber("daysPerYear", CouncilBasis.DaysPerYear);
        if (basis.Costs is { } c)
        {
            w.WriteStartObject("costs");
            w.WriteString("currency", c.Currency);
            w.WriteNumber("officerHourly", c.OfficerHourly);
            w.WriteNumber("overtimePremium", c.OvertimePremium);
            w.WriteNumber("carPerYear", c.CarPerYear);
            w.WriteEndObject();
        }

        if (basis.Safety is { } s)
        {
            w.WriteStartObject("safety");
            w.WriteStartObject("assaultsPerHour");
            WriteLevels(w, "alone", s.AssaultsPerHourAlone);
            WriteLevels(w, "paired", s.AssaultsPerHourPaired);
            w.WriteEndObject();
            w.WriteStartObject("injuryWhenAssaulted");
            w.WriteNumber("alone", s.InjuryShareAlone);
            w.WriteNumber("paired", s.InjurySharePaired);
            w.WriteEndObject();
            w.WriteString("source", s.Source);
            w.WriteString("note", CouncilMeasures.SafetyCaveat);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteLevels(Utf8JsonWriter w, string name, PerRiskLevel values)
    {
        w.WriteStartObject(name);
        w.WriteNumber("low", values.Low);
        w.WriteNumber("medium", values.Medium);
        w.WriteNumber("high", values.High);
        w.WriteEndObject();
    }
}
