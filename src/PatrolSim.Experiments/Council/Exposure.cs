using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Experiments.Council;

/// <summary>
/// Officer-minutes a day on scene at each risk level in one replication: alone, as the model measures it
/// (<c>soloMinutesPerDay</c>: risky calls and solo officers' self-initiated stops), and with another officer, which the
/// model does not measure yet and is estimated here from measured metrics and the call mix (docs/decisions.md):
/// <code>
/// paired(L) = Σ over call types t at level L that need a unit of  calls(t) × onScene(t) × officers(t)
///             − soloMinutes(L) × Σ calls(t)
/// </code>
/// per day, where calls(t) = callsArrived at t's priority p / measured days × t's share of p's calls (measured),
/// onScene(t) is the mean of t's on-scene distribution (the scenario), soloMinutes(L) (minutes alone per call of level L)
/// is measured, and officers(t) is the measured officersOnScene of priority p shared out among p's types in proportion
/// to the officers the policy sends each: m(t) = E[officers of the units sent until t's need k(t) is covered] when a
/// unit is a two-officer car with probability q = share / (2 − share) (the policy's crew share; k(t) the type's
/// officers, raised to 2 by the backup rule), officers(t) = m(t) × officersOnScene(p) / mean of m over p's types.
/// The result is clamped at 0. It counts every officer on scene from the start of service, so it is exact when a call's
/// officers arrive together (two-officer cars) and too high by the minutes later officers were still on their way: for
/// a call whose second officer came later, by the minutes the first was alone (ExposureEstimateTests checks both
/// against the trace). Not counted: two-officer cars' self-initiated stops, and on-scene time lost to preemption. When
/// the model measures <c>pairedMinutesPerDay.low/medium/high</c> (officer-minutes on scene, service started, with at
/// least one other officer present, at calls and self-initiated activities), this estimate is replaced by it.
/// </summary>
internal sealed class Exposure
{
    /// <summary>The risk levels that carry exposure.</summary>
    public static readonly RiskLevel[] Levels = [RiskLevel.Low, RiskLevel.Medium, RiskLevel.High];

    private static readonly int[] SoloPerDay = [MetricCatalog.SoloPerDayLow, MetricCatalog.SoloPerDayMedium, MetricCatalog.SoloPerDayHigh];
    private static readonly int[] SoloPerCall = [MetricCatalog.SoloMinutesLow, MetricCatalog.SoloMinutesMedium, MetricCatalog.SoloMinutesHigh];

    private readonly double[] _aloneMinutesPerDay = new double[3];
    private readonly double[] _pairedMinutesPerDay = new double[3];

    private Exposure()
    {
    }

    /// <summary>Officer-hours a year alone on scene at <paramref name="level"/>.</summary>
    public double HoursAlone(RiskLevel level) => _aloneMinutesPerDay[(int)level - 1] * CouncilBasis.DaysPerYear / 60;

    /// <summary>Officer-hours a year on scene with another officer at <paramref name="level"/> (estimated).</summary>
    public double HoursPaired(RiskLevel level) => _pairedMinutesPerDay[(int)level - 1] * CouncilBasis.DaysPerYear / 60;

    /// <summary>The exposure of one replication of <paramref name="scenario"/>.</summary>
    public static Exposure Of(Scenario scenario, ReplicationResult result)
    {
        var e = new Exposure();
        double days = scenario.Horizon.Days - scenario.Horizon.WarmupDays;
        var types = scenario.Demand.CallTypes;
        double share = scenario.Policy.Crew.TwoOfficerShare;
        double q = share / (2 - share);
        for (int i = 0; i < Levels.Length; i++)
        {
            e._aloneMinutesPerDay[i] = Known(result.Overall[SoloPerDay[i]]);
            double officerMinutes = 0, calls = 0;
            foreach (var t in types.Where(t => t.Risk == Levels[i] && t.NeedsUnit))
            {
                if (!result.ByPriority.TryGetValue(t.Priority, out var p))
                {
                    continue;
                }

                var samePriority = types.Where(u => u.Priority == t.Priority).ToArray();
                var withUnit = samePriority.Where(u => u.NeedsUnit).ToArray();
                double meanSent = withUnit.Sum(u => u.Share * OfficersSent(Needed(scenario.Policy.Backup, u), q)) / withUnit.Sum(u => u.Share);
                double officers = OfficersSent(Needed(scenario.Policy.Backup, t), q) / meanSent * Known(p[MetricCatalog.OfficersOnScene]);
                double perDay = p[MetricCatalog.CallsArrived] / days * t.Share / samePriority.Sum(u => u.Share);
                officerMinutes += perDay * t.OnScene.Mean * officers;
                calls += perDay;
            }

            e._pairedMinutesPerDay[i] = Math.Max(0, officerMinutes - (Known(result.Overall[SoloPerCall[i]]) * calls));
        }

        return e;
    }

    /// <summary>Officers a call of type <paramref name="t"/> needs: its own, raised to 2 by the backup rule (as the model's policy state decides).</summary>
    private static int Needed(BackupPolicy backup, CallType t) => backup.Rule switch
    {
        BackupRule.AllCalls => Math.Max(t.Officers, 2),
        BackupRule.Risk when t.Risk != RiskLevel.None && t.Risk >= backup.MinRisk => Math.Max(t.Officers, 2),
        _ => t.Officers,
    };

    /// <summary>
    /// Expected officers in the units sent until <paramref name="need"/> officers are covered, each unit a two-officer car
    /// with probability <paramref name="q"/>: E(k) = q (2 + E(k − 2)) + (1 − q)(1 + E(k − 1)), E(k ≤ 0) = 0.
    /// </summary>
    internal static double OfficersSent(int need, double q) =>
        need <= 0 ? 0 : (q * (2 + OfficersSent(need - 2, q))) + ((1 - q) * (1 + OfficersSent(need - 1, q)));

    /// <summary>A metric that does not apply (NaN: no such calls in this replication) contributes nothing.</summary>
    private static double Known(double value) => double.IsNaN(value) ? 0 : value;
}
