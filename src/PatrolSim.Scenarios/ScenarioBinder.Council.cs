using PatrolSim.Model.Definition;
using Schema = PatrolSim.Scenarios.ScenarioSchema;

namespace PatrolSim.Scenarios;

/// <summary>
/// The council's units (docs/decisions.md): the employment keys under <c>staffing:</c> (available and contract hours a
/// year), and the optional <c>costs:</c> and <c>safety:</c> sections. Nothing here changes what is simulated.
/// </summary>
internal sealed partial class ScenarioBinder
{
    /// <summary>
    /// <c>staffing.availableHoursPerOfficer</c> and <c>staffing.contractHoursPerYear</c>, read from the staffing section's
    /// reader (its unknown keys are reported by <see cref="BindStaffing"/>) and checked together by
    /// <see cref="ScenarioRules.OfEmployment"/>; the default terms when the section is absent.
    /// </summary>
    private Employment? BindEmployment(MapReader? m)
    {
        if (m is null)
        {
            return Employment.Default;
        }

        var availableKey = Schema.Staffing.AvailableHoursPerOfficer;
        double? available = m.Read(availableKey);
        bool availableOk = !m.Has(availableKey) || available is not null;
        double? contract = m.Read(Schema.Staffing.ContractHoursPerYear);
        if (!availableOk || contract is null)
        {
            return null;
        }

        var employment = new Employment(available, contract.Value);
        return Report(ScenarioRules.OfEmployment(employment)) ? employment : null;
    }

    /// <summary>The <c>costs:</c> section: null when absent (no costs are reported), <paramref name="ok"/> false after an error.</summary>
    private Costs? BindCosts(MapReader? m, out bool ok)
    {
        ok = true;
        if (m is null)
        {
            return null;
        }

        string? currency = m.Read(Schema.Costs.Currency)?.Trim();
        double? hourly = m.Read(Schema.Costs.OfficerHourly);
        double? premium = m.Read(Schema.Costs.OvertimePremium);
        double? car = m.Read(Schema.Costs.CarPerYear);
        m.ReportUnknown();
        if (currency is { Length: 0 })
        {
            string key = Schema.Costs.Currency.Name;
            _r.Error(m.Get(key), m.PathOf(key), "is empty; give the money unit's label, e.g. USD");
            currency = null;
        }

        ok = currency is not null && hourly is not null && premium is not null && car is not null;
        return ok ? new Costs(currency!, hourly!.Value, premium!.Value, car!.Value) : null;
    }

    /// <summary>The <c>safety:</c> section: null when absent (no safety estimates), <paramref name="ok"/> false after an error. Every number is required.</summary>
    private Safety? BindSafety(MapReader? m, out bool ok)
    {
        ok = true;
        if (m is null)
        {
            return null;
        }

        const string Levels = "{ low: 0.0001, medium: 0.0003, high: 0.0012 }";
        PerRiskLevel? alone = null, paired = null;
        if (Required(m, Schema.Safety.AssaultsPerHour, $"give assaults per officer-hour on scene by risk level, e.g. assaultsPerHour: {{ alone: {Levels}, paired: {Levels} }}") is { } rates)
        {
            alone = Rates(Required(rates, Schema.Safety.Alone, $"give assaults per officer-hour alone on scene by risk level, e.g. alone: {Levels}"), Schema.Safety.Alone);
            paired = Rates(Required(rates, Schema.Safety.Paired, $"give assaults per officer-hour on scene with another officer by risk level, e.g. paired: {Levels}"), Schema.Safety.Paired);
            rates.ReportUnknown();
        }

        double? injuryAlone = null, injuryPaired = null;
        if (Required(m, Schema.Safety.InjuryWhenAssaulted, "give the chance an assaulted officer is injured, e.g. injuryWhenAssaulted: { alone: 0.454, paired: 0.387 }") is { } injury)
        {
            injuryAlone = injury.Read(Schema.Safety.InjuryAlone);
            injuryPaired = injury.Read(Schema.Safety.InjuryPaired);
            injury.ReportUnknown();
        }

        string? source = m.Read(Schema.Safety.Source)?.Trim();
        m.ReportUnknown();
        if (source is { Length: 0 })
        {
            string key = Schema.Safety.Source.Name;
            _r.Error(m.Get(key), m.PathOf(key), "is empty; say where the rates come from (a study, the department's records)");
            source = null;
        }

        ok = alone is not null && paired is not null && injuryAlone is not null && injuryPaired is not null && source is not null;
        return ok ? new Safety(alone!, paired!, injuryAlone!.Value, injuryPaired!.Value, source!) : null;
    }

    /// <summary>A sub-section that must be there once its parent is: reported at the parent's line with <paramref name="fix"/>; null when absent or not a mapping.</summary>
    private MapReader? Required(MapReader parent, Section section, string fix)
    {
        if (!parent.Has(section))
        {
            _r.Error(parent.Node, parent.PathOf(section.Name), "is missing; " + fix);
            return null;
        }

        return parent.Map(section);
    }

    /// <summary>Low, medium and high rates under one of <c>assaultsPerHour</c>'s keys (<paramref name="section"/> holds their ranges and hints).</summary>
    private static PerRiskLevel? Rates(MapReader? m, Section section)
    {
        if (m is null)
        {
            return null;
        }

        var keys = section.Keys.Cast<NumberKey>().ToArray();
        double? low = m.Read(keys[0]);
        double? medium = m.Read(keys[1]);
        double? high = m.Read(keys[2]);
        m.ReportUnknown();
        return low is null || medium is null || high is null ? null : new PerRiskLevel(low.Value, medium.Value, high.Value);
    }
}
