using PatrolSim.Model.Definition;
using Schema = PatrolSim.Scenarios.ScenarioSchema;

namespace PatrolSim.Scenarios;

/// <summary>Staffing: the shifts and how many officers each has.</summary>
internal sealed partial class ScenarioBinder
{
    private Staffing? BindStaffing(MapReader? m)
    {
        if (m is null)
        {
            return null;
        }

        double? scale = m.Read(Schema.Staffing.Scale);
        var key = Schema.Staffing.Shifts;
        var node = m.Get(key);
        List<Shift>? shifts = null;
        if (node is not null)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            shifts = Items(node, m.PathOf(key.Name), key, "shift", sm => BindShift(sm, names));
            if (shifts is not null && shifts.All(s => s.Officers == 0))
            {
                _r.Error(node, m.PathOf(key.Name), "no shift has any officers; give at least one shift officers > 0");
                shifts = null;
            }
        }

        m.ReportUnknown();
        return scale is null || shifts is null ? null : new Staffing(scale.Value, shifts);
    }

    private Shift? BindShift(MapReader m, HashSet<string> names)
    {
        string? name = m.Read(Schema.Shift.Name);
        string? startText = m.Read(Schema.Shift.Start);
        double? hours = m.Read(Schema.Shift.Hours);
        int? officers = m.Read(Schema.Shift.Officers);
        double? share = m.Read(Schema.Shift.TwoOfficerShare);
        bool shareOk = !m.Has(Schema.Shift.TwoOfficerShare) || share is not null;
        m.ReportUnknown();
        int? start = null;
        if (startText is not null)
        {
            start = ScenarioLoader.ParseClock(startText);
            if (start is null)
            {
                string key = Schema.Shift.Start.Name;
                _r.Error(m.Get(key), m.PathOf(key), $"'{startText}' is not a time of day; write HH:MM from 00:00 to 23:59, in quotes");
            }
        }

        bool unique = name is null || Unique(names, name, m, Schema.Shift.Name.Name, "shift");
        return !unique || name is null || start is null || hours is null || officers is null || !shareOk
            ? null
            : new Shift(name, start.Value, hours.Value, officers.Value, share);
    }
}
