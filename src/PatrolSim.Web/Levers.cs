using System.Globalization;
using System.Text.Json;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Web;

/// <summary>
/// The levers of a scenario (the CLI's <c>--set</c> keys a class moves) with their ranges derived from the scenario, and
/// the check of the values a request sends: each value is checked against its lever's range and becomes an override
/// (<c>key=value</c>) that <see cref="ScenarioLoader.Parse"/> applies exactly as the CLI's <c>--set</c> does.
/// </summary>
public static class Levers
{
    /// <summary>Shifts beyond this many get no lever of their own (staffing.scale moves them all).</summary>
    public const int MaxShiftLevers = 6;

    private const string Number = "number";
    private const string Choice = "choice";

    /// <summary>The levers of <paramref name="s"/>, in display order, with the scenario's values.</summary>
    public static IReadOnlyList<Lever> For(Scenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var levers = new List<Lever>();
        var shifts = s.Staffing.Shifts;
        if (shifts.Count <= MaxShiftLevers)
        {
            for (int i = 0; i < shifts.Count; i++)
            {
                var shift = shifts[i];
                if (shift.OfficersByWeekday is null)
                {
                    levers.Add(new Lever($"staffing.shifts.{Segment(shifts, i)}.officers", $"Officers, {shift.Name} shift", Number, Text(shift.Officers),
                        Math.Min(1, shift.Officers), Math.Max(2 * shift.Officers, shift.Officers + 4), 1, Whole: true, Unit: "officers"));
                }
            }
        }

        levers.Add(new Lever("staffing.scale", "Staffing scale (every shift's officers ×)", Number, Text(s.Staffing.Scale), 0.25, 3, 0.05, Unit: "×"));
        levers.Add(new Lever("policy.crew.twoOfficerShare", "Share of officers in two-officer cars", Number, Text(s.Policy.Crew.TwoOfficerShare), 0, 1, 0.05, Unit: "share"));
        for (int i = 0; i < shifts.Count; i++)
        {
            if (shifts[i].TwoOfficerShare is { } own)
            {
                levers.Add(new Lever($"staffing.shifts.{Segment(shifts, i)}.twoOfficerShare", $"Two-officer share, {shifts[i].Name} shift", Number, Text(own), 0, 1, 0.05, Unit: "share"));
            }
        }

        levers.Add(ChoiceOf("policy.backup.rule", "Backup rule", ScenarioWords.BackupRules, s.Policy.Backup.Rule));
        levers.Add(ChoiceOf("policy.backup.minRisk", "Backup from risk", ScenarioWords.MinRisks, s.Policy.Backup.MinRisk));
        levers.Add(ChoiceOf("policy.backup.engage", "First officer on scene", ScenarioWords.Engagements, s.Policy.Backup.Engage));
        double calls = s.Demand.CallsPerDay;
        levers.Add(new Lever("demand.callsPerDay", "Calls per day", Number, Text(calls), calls / 4, calls * 2, calls >= 10 ? 1 : 0.1, Unit: "calls/day"));

        // Preference dispatch needs preference lists; offer it only where the file has them.
        var dispatch = ScenarioWords.DispatchRules
            .Where(w => w.Value != DispatchRule.Preference || s.Policy.Dispatch.Preferences.Count > 0)
            .ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
        levers.Add(ChoiceOf("policy.dispatch.rule", "Dispatch rule", dispatch, s.Policy.Dispatch.Rule));
        return levers;
    }

    /// <summary>
    /// Checks <paramref name="values"/> against <paramref name="levers"/> and returns the overrides, in lever order; a value
    /// equal to the scenario's is kept too (harmless, and the run's overrides then say what was asked).
    /// </summary>
    /// <exception cref="ApiException">400 naming the lever and its range.</exception>
    public static IReadOnlyList<string> Overrides(IReadOnlyList<Lever> levers, IReadOnlyDictionary<string, JsonElement>? values, string field = "levers")
    {
        ArgumentNullException.ThrowIfNull(levers);
        if (values is null || values.Count == 0)
        {
            return [];
        }

        var problems = new List<string>();
        foreach (string key in values.Keys.Where(k => !levers.Any(l => l.Key == k)))
        {
            problems.Add($"{field}: unknown lever '{key}'; this scenario's levers are {string.Join(", ", levers.Select(l => l.Key))}");
        }

        var overrides = new List<string>();
        foreach (var lever in levers)
        {
            if (!values.TryGetValue(lever.Key, out var value))
            {
                continue;
            }

            string? text = Check(lever, value, out string? problem);
            if (text is null)
            {
                problems.Add($"{field}.{lever.Key}: {problem}");
            }
            else
            {
                overrides.Add(lever.Key + "=" + text);
            }
        }

        if (problems.Count > 0)
        {
            throw ApiException.BadRequest(problems[0], problems);
        }

        return overrides;
    }

    /// <summary>The lever value as override text, or null and what is allowed.</summary>
    private static string? Check(Lever lever, JsonElement value, out string? problem)
    {
        problem = null;
        string shown = value.ValueKind == JsonValueKind.String ? "'" + value.GetString() + "'" : value.GetRawText();
        if (lever.Kind == Choice)
        {
            if (value.ValueKind == JsonValueKind.String && lever.Options!.Contains(value.GetString()!, StringComparer.Ordinal))
            {
                return value.GetString();
            }

            problem = $"{shown} is not allowed; choose one of {string.Join(", ", lever.Options!)}";
            return null;
        }

        double? number = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) => v,
            _ => null,
        };
        string range = $"{(lever.Whole ? "a whole number" : "a number")} from {Text(lever.Min!.Value)} to {Text(lever.Max!.Value)}";
        if (number is not { } n || !double.IsFinite(n) || n < lever.Min || n > lever.Max || (lever.Whole && n != Math.Floor(n)))
        {
            problem = $"{shown} is out of range; give {range}";
            return null;
        }

        return Text(n);
    }

    private static Lever ChoiceOf<T>(string key, string label, IReadOnlyDictionary<string, T> words, T value)
        where T : struct, Enum =>
        new(key, label, Choice, ScenarioWords.WordOf(words, value), Options: [.. words.Keys]);

    /// <summary>A list item's path segment: its name when the override can find it by name, else its index.</summary>
    private static string Segment(IReadOnlyList<Shift> shifts, int i)
    {
        string name = shifts[i].Name;
        bool byName = name.Length > 0 && !name.Contains('.', StringComparison.Ordinal) && !name.Contains('=', StringComparison.Ordinal)
            && name.Trim() == name && shifts.Count(s => s.Name == name) == 1 && !int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        return byName ? name : i.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A number as the override and the page show it (invariant, shortest round-trip).</summary>
    public static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
