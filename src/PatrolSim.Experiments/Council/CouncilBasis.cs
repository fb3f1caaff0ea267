using System.Runtime.CompilerServices;
using PatrolSim.Model.Definition;

namespace PatrolSim.Experiments.Council;

/// <summary>Where the hours an officer is on duty in a year came from.</summary>
public enum AvailableHoursSource
{
    /// <summary>The scenario's <c>staffing.availableHoursPerOfficer</c>.</summary>
    Scenario,

    /// <summary>The contract year less the scenario's own <c>staffing.absenceShare</c>.</summary>
    AbsenceShare,

    /// <summary>The contract year less <see cref="Employment.DefaultAbsentShare"/>, a published worked example (docs/decisions.md).</summary>
    Default,
}

/// <summary>
/// What the council figures of a scenario take from the scenario alone, the same in every replication (docs/decisions.md):
/// the hours an officer is on duty in a year and where that came from, the relief factor, the roster's on-duty
/// officer-hours a year, the cars on the street at once, and the scenario's costs and safety assumptions.
/// </summary>
/// <param name="ContractHoursPerYear">Hours an officer is scheduled and paid for in a year.</param>
/// <param name="AvailableHoursPerOfficer">Hours an officer is on duty in a year.</param>
/// <param name="Source">Where <paramref name="AvailableHoursPerOfficer"/> came from.</param>
/// <param name="RosterOfficerHoursPerYear">On-duty officer-hours a year of the roster: its weekly officer-hours × 365 / 7.</param>
/// <param name="Cars">Cars needed at once: the most units the roster has on duty at any moment of the week under any crew share in force.</param>
/// <param name="Costs">The scenario's costs, or null.</param>
/// <param name="Safety">The scenario's safety assumptions, or null.</param>
public sealed record CouncilBasis(
    double ContractHoursPerYear,
    double AvailableHoursPerOfficer,
    AvailableHoursSource Source,
    double RosterOfficerHoursPerYear,
    int Cars,
    Costs? Costs,
    Safety? Safety)
{
    /// <summary>Days in the year the per-day figures of the measured period are scaled to.</summary>
    public const double DaysPerYear = 365;

    private const int MinutesPerWeek = 7 * 1440;

    private static readonly ConditionalWeakTable<Scenario, CouncilBasis> Cache = [];

    /// <summary>
    /// The shift relief factor: officers employed per officer scheduled, contract hours / available hours. (Per post
    /// covered all year by one officer at a time it is that post's hours a year / available hours; docs/decisions.md.)
    /// </summary>
    public double ReliefFactor => ContractHoursPerYear / AvailableHoursPerOfficer;

    /// <summary>The basis of <paramref name="scenario"/> (computed once per scenario object).</summary>
    public static CouncilBasis For(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Cache.GetValue(scenario, Compute);
    }

    private static CouncilBasis Compute(Scenario s)
    {
        var (available, source) = AvailableHours(s.Employment, s.Staffing.AbsenceShare);
        return new CouncilBasis(s.Employment.ContractHoursPerYear, available, source, RosterHoursPerYear(s.Staffing), CarsOnDuty(s), s.Costs, s.Safety);
    }

    /// <summary>
    /// Hours on duty a year: the scenario's own figure; else, when the scenario says a share of scheduled officers is absent,
    /// the contract year less that share (the same absences, so the roster and the FTEs agree); else the contract year less
    /// the sourced default share (1,698 of 2,080 hours).
    /// </summary>
    public static (double Hours, AvailableHoursSource Source) AvailableHours(Employment employment, double absenceShare)
    {
        ArgumentNullException.ThrowIfNull(employment);
        if (employment.AvailableHoursPerOfficer is { } given)
        {
            return (given, AvailableHoursSource.Scenario);
        }

        return absenceShare > 0
            ? (employment.ContractHoursPerYear * (1 - absenceShare), AvailableHoursSource.AbsenceShare)
            : (employment.ContractHoursPerYear * (1 - Employment.DefaultAbsentShare), AvailableHoursSource.Default);
    }

    /// <summary>
    /// On-duty officer-hours a year of the roster: for each weekday and each shift starting that day, its officers on duty
    /// that day (after scale and absences) and its backup-only officers × its hours; the week's sum × 365 / 7. Officers
    /// pulled to posts by a window are on duty (paid) and count; overtime is measured and added per replication.
    /// </summary>
    public static double RosterHoursPerYear(Staffing staffing)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        double weekly = 0;
        for (int day = 0; day < 7; day++)
        {
            foreach (var shift in staffing.Shifts.Where(sh => sh.RunsOn(day)))
            {
                weekly += (staffing.OfficersOf(shift, day) + staffing.BackupOnlyOf(shift)) * shift.Hours;
            }
        }

        return weekly * DaysPerYear / 7;
    }

    /// <summary>
    /// What a reader needs to weigh the figures, one sentence a line: how officers become FTEs and where the hours per
    /// officer came from, how costs are counted, and, with safety figures, that their rates are inputs and whose.
    /// </summary>
    public IReadOnlyList<string> Notes()
    {
        var ic = System.Globalization.CultureInfo.InvariantCulture;
        string source = Source switch
        {
            AvailableHoursSource.Scenario => "staffing.availableHoursPerOfficer",
            AvailableHoursSource.AbsenceShare => string.Create(ic, $"{ContractHoursPerYear:0.#} contract hours less the scenario's absence share"),
            _ => string.Create(ic, $"default: {ContractHoursPerYear:0.#} contract hours less 18.4% absent, a published example; set staffing.availableHoursPerOfficer for your department"),
        };
        var notes = new List<string>
        {
            string.Create(ic, $"Officers to employ (fteNeeded) = on-duty officer-hours a year (roster and overtime) / {AvailableHoursPerOfficer:0.#} hours an officer is on duty a year ({source}); relief factor {ReliefFactor:0.000} officers employed per officer scheduled ({ContractHoursPerYear:0.#} / {AvailableHoursPerOfficer:0.#} hours)."),
        };
        if (Costs is { } c)
        {
            notes.Add(string.Create(ic,
                $"Costs a year in {c.Currency}: officers employed for the roster (roster hours / hours on duty) × {ContractHoursPerYear:0.#} paid hours × {c.OfficerHourly:0.##} an hour; overtime hours × {c.OfficerHourly:0.##} × {1 + c.OvertimePremium:0.##}; {Cars} cars on duty at once × {c.CarPerYear:0.##}. Per-day figures of the measured period × 365."));
        }

        if (Safety is { } s)
        {
            notes.Add($"Safety figures: {CouncilMeasures.SafetyCaveat}. Source: {s.Source.Trim()}");
        }

        return notes;
    }

    /// <summary>Officer-shifts a day: each shift's officers on duty (after scale and absences, backup-only included), averaged over the week.</summary>
    public static double OfficerShiftsPerDay(Staffing staffing)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        double weekly = 0;
        for (int day = 0; day < 7; day++)
        {
            weekly += staffing.Shifts.Where(sh => sh.RunsOn(day)).Sum(sh => staffing.OfficersOf(sh, day) + staffing.BackupOnlyOf(sh));
        }

        return weekly / 7;
    }

    /// <summary>
    /// Cars on the street at once: the largest number of units on duty at any minute of the week, shifts overlapping and
    /// a night shift running past Sunday midnight into Monday, under each crew share the scenario puts in force (its
    /// policy's and every window's; a shift's own share overrides them). Units finishing a call after their shift
    /// (overtime) and spare cars are not counted.
    /// </summary>
    public static int CarsOnDuty(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var shares = scenario.Policy.Changes.Select(c => c.Set.TwoOfficerShare).OfType<double>()
            .Prepend(scenario.Policy.Crew.TwoOfficerShare).Distinct();
        return shares.Max(share => PeakUnits(scenario.Staffing, share));
    }

    private static int PeakUnits(Staffing staffing, double policyShare)
    {
        // (minute of the week, change in units); a shift ending at the minute another starts does not overlap it.
        var changes = new List<(int Minute, int Delta)>();
        for (int day = 0; day < 7; day++)
        {
            foreach (var shift in staffing.Shifts.Where(sh => sh.RunsOn(day)))
            {
                double share = shift.TwoOfficerShare ?? policyShare;
                int units = UnitsOf(staffing.OfficersOf(shift, day), share) + UnitsOf(staffing.BackupOnlyOf(shift), share);
                int start = (day * 1440) + (int)Math.Round(shift.StartMinuteOfDay);
                int end = start + (int)Math.Round(shift.Hours * 60);
                // The week repeats: an instance running past the week's end also covers the next week's start.
                foreach (int offset in new[] { 0, -MinutesPerWeek })
                {
                    changes.Add((start + offset, units));
                    changes.Add((end + offset, -units));
                }
            }
        }

        int now = 0, peak = 0;
        foreach (var (_, delta) in changes.OrderBy(c => c.Minute).ThenBy(c => c.Delta))
        {
            now += delta;
            peak = Math.Max(peak, now);
        }

        return peak;
    }

    /// <summary>Units formed from <paramref name="officers"/> at a two-officer share, as the roster forms them: officers − pairs.</summary>
    private static int UnitsOf(int officers, double share) => officers - Staffing.PairsOf(officers, share);
}
