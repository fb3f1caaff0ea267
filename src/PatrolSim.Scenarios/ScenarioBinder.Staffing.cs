using PatrolSim.Model.Definition;
using YamlDotNet.RepresentationModel;
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
        double? absence = m.Read(Schema.Staffing.AbsenceShare);
        MealBreak? mealBreak = null;
        bool breakOk = true;
        if (m.Map(Schema.MealBreak.Section) is { } bm)
        {
            mealBreak = BindMealBreak(bm);
            breakOk = mealBreak is not null;
        }
        var key = Schema.Staffing.Shifts;
        var node = m.Get(key);
        List<Shift>? shifts = null;
        if (node is not null)
        {
            shifts = Items(node, m.PathOf(key.Name), key, "shift", BindShift);
        }

        m.ReportUnknown();
        if (scale is null || shifts is null || absence is null || !breakOk)
        {
            return null;
        }

        var staffing = new Staffing(scale.Value, shifts, absence.Value, mealBreak);
        return Report(ScenarioRules.OfStaffing(staffing)) ? staffing : null;
    }

    private MealBreak? BindMealBreak(MapReader m)
    {
        var durationKey = Schema.MealBreak.DurationMinutes;
        var duration = m.Has(durationKey) ? BindDistribution(m.Map(durationKey)) : null;
        if (!m.Has(durationKey))
        {
            _r.Error(m.Node, m.Path, "has no durationMinutes; give the break's length, e.g. durationMinutes: { dist: constant, value: 30 }");
        }

        double? earliest = m.Read(Schema.MealBreak.EarliestHours);
        double? latest = m.Read(Schema.MealBreak.LatestHours);
        int? defer = m.Read(Schema.MealBreak.DeferWhilePriorityAtMost);
        m.ReportUnknown();
        return duration is null || earliest is null || latest is null || defer is null ? null : new MealBreak(duration, earliest.Value, latest.Value, defer.Value);
    }

    private Shift? BindShift(MapReader m)
    {
        string? name = m.Read(Schema.Shift.Name);
        string? startText = m.Read(Schema.Shift.Start);
        double? hours = m.Read(Schema.Shift.Hours);
        int? officers = m.Read(Schema.Shift.Officers);
        double? share = m.Read(Schema.Shift.TwoOfficerShare);
        bool shareOk = !m.Has(Schema.Shift.TwoOfficerShare) || share is not null;
        var days = m.Get(Schema.Shift.Days) is { } daysNode ? Weekdays(daysNode, m.PathOf(Schema.Shift.Days.Name)) : null;
        bool daysOk = !m.Has(Schema.Shift.Days) || days is not null;
        var byDayKey = Schema.Shift.OfficersByWeekday;
        var byDay = m.Get(byDayKey) is { } byDayNode ? WholeNumbers(byDayNode, m.PathOf(byDayKey.Name), byDayKey) : null;
        bool byDayOk = !m.Has(byDayKey) || byDay is not null;
        int? backupOnly = m.Read(Schema.Shift.BackupOnlyOfficers);
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

        return name is null || start is null || hours is null || officers is null || !shareOk || !daysOk || !byDayOk || backupOnly is null
            ? null
            : new Shift(name, start.Value, hours.Value, officers.Value, share, days, byDay, backupOnly.Value);
    }

    private static readonly IReadOnlyDictionary<string, int> WeekdayWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["mon"] = 0, ["tue"] = 1, ["wed"] = 2, ["thu"] = 3, ["fri"] = 4, ["sat"] = 5, ["sun"] = 6,
    };

    /// <summary>A list of weekday words (mon … sun), each once, as 0 = Monday … 6 = Sunday; null after reporting.</summary>
    private List<int>? Weekdays(YamlNode node, string path)
    {
        if (_r.Sequence(node, path) is not { } seq)
        {
            return null;
        }

        var days = new List<int>();
        bool ok = seq.Children.Count > 0;
        if (!ok)
        {
            _r.Error(node, path, "is empty; list the weekdays the shift starts on, e.g. [mon, tue, wed, thu, fri], or leave the key out for every day");
        }

        for (int i = 0; i < seq.Children.Count; i++)
        {
            string p = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (_r.Choice(seq.Children[i], p, WeekdayWords) is not { } d)
            {
                ok = false;
            }
            else if (days.Contains(d))
            {
                _r.Error(seq.Children[i], p, "names a weekday twice; list each day once");
                ok = false;
            }
            else
            {
                days.Add(d);
            }
        }

        return ok ? days : null;
    }

    /// <summary>A list of whole numbers (officers by weekday); null after reporting.</summary>
    private List<int>? WholeNumbers(YamlNode node, string path, NumberListKey key)
    {
        if (NumberList(node, path, key) is not { } values)
        {
            return null;
        }

        if (values.Any(v => v != Math.Floor(v)))
        {
            _r.Error(node, path, "officers must be whole numbers; write seven whole numbers, Monday first");
            return null;
        }

        return [.. values.Select(v => (int)v)];
    }
}
