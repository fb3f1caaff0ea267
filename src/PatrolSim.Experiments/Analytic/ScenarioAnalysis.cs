using System.Globalization;
using PatrolSim.Analytic;
using PatrolSim.Model.Definition;

namespace PatrolSim.Experiments.Analytic;

/// <summary>Analytic estimates for one priority in a block (minutes).</summary>
/// <param name="Priority">Priority (1 most urgent).</param>
/// <param name="CallsPerHour">Calls of this priority needing a unit, per hour.</param>
/// <param name="MeanQueueDelay">Cobham's non-preemptive priority mean wait, minutes.</param>
/// <param name="Travel">Travel of the first unit (turnout + detour × square-root distance / speed), minutes.</param>
/// <param name="Response">Queue delay + travel, minutes.</param>
public sealed record PriorityEstimate(int Priority, double CallsPerHour, double MeanQueueDelay, double Travel, double Response);

/// <summary>
/// Analytic estimates for one staffing block (or the whole day, <see cref="IsDay"/>). Times in minutes, rates per hour.
/// Values are NaN when the block is overloaded (utilisation ≥ 1) or has no units.
/// </summary>
/// <param name="Label">"HH:MM–HH:MM" or "whole day".</param>
/// <param name="Shifts">Shifts on duty.</param>
/// <param name="Hours">Length of the block, hours.</param>
/// <param name="Units">Cars on duty (time-weighted mean for the day).</param>
/// <param name="Officers">Officers on duty (time-weighted mean for the day).</param>
/// <param name="TwoOfficerCars">Two-officer cars on duty (time-weighted mean for the day).</param>
/// <param name="CallsPerHour">Calls needing a unit, per hour (the block's mean over the week).</param>
/// <param name="UnitsPerCall">Mean units dispatched per call, from the backup rule and crew.</param>
/// <param name="Servers">Teams: units / units per call, the c of the M/M/c model (may be fractional).</param>
/// <param name="MeanBusyTime">Mean unit busy time per dispatch: travel of the first unit + on scene, minutes.</param>
/// <param name="OfferedLoad">Unit-erlangs: calls/h × units per call × busy time / 60.</param>
/// <param name="Utilization">Offered load / units.</param>
/// <param name="ProbabilityOfWait">Erlang C of the team model.</param>
/// <param name="MeanQueueDelay">Mean queue delay over all calls, minutes.</param>
/// <param name="Travel">Mean first-unit travel, minutes.</param>
/// <param name="Response">Mean response estimate (queue delay + travel), minutes.</param>
/// <param name="PeakToMean">Largest hourly arrival rate within the block over its mean.</param>
/// <param name="ByPriority">Estimates per priority.</param>
/// <param name="Notes">Assumptions this block breaks beyond the scenario-wide ones.</param>
public sealed record BlockEstimate(
    string Label,
    string Shifts,
    double Hours,
    double Units,
    double Officers,
    double TwoOfficerCars,
    double CallsPerHour,
    double UnitsPerCall,
    double Servers,
    double MeanBusyTime,
    double OfferedLoad,
    double Utilization,
    double ProbabilityOfWait,
    double MeanQueueDelay,
    double Travel,
    double Response,
    double PeakToMean,
    IReadOnlyList<PriorityEstimate> ByPriority,
    IReadOnlyList<string> Notes)
{
    /// <summary>True for the whole-day summary row.</summary>
    public bool IsDay { get; init; }
}

/// <summary>The hypercube model of a scenario with fixed preference dispatch (one continuous block, ≤ 16 units).</summary>
/// <param name="Input">The model input (atoms = zones, units 0-based = unit number − 1, rates per hour).</param>
/// <param name="Result">The exact infinite-line solution.</param>
public sealed record HypercubeEstimate(HypercubeInput Input, HypercubeResult Result);

/// <summary>Analytic estimates of a scenario: per staffing block, the whole day, and what the scenario breaks.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Blocks">One estimate per staffing block, in order of the day.</param>
/// <param name="Day">The whole-day summary (call-weighted means of the blocks; utilisation load-weighted).</param>
/// <param name="Assumptions">The model assumptions the scenario breaks, concretely.</param>
/// <param name="Hypercube">The hypercube model, when the scenario uses preference dispatch and fits it.</param>
public sealed record ScenarioEstimate(
    Scenario Scenario,
    IReadOnlyList<BlockEstimate> Blocks,
    BlockEstimate Day,
    IReadOnlyList<string> Assumptions,
    HypercubeEstimate? Hypercube);

/// <summary>
/// Maps a scenario onto the classic queueing models: per staffing block an M/M/c team model (Erlang C,
/// Cobham's non-preemptive priorities) with the square-root law for travel; the hypercube model for fixed
/// preference dispatch. See docs/analytic.md.
/// </summary>
public static class ScenarioAnalysis
{
    /// <summary>Largest number of units for which the hypercube is solved from a scenario.</summary>
    public const int MaxHypercubeUnits = 16;

    /// <summary>Analyses a scenario.</summary>
    public static ScenarioEstimate Analyse(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var blocks = StaffingBlock.Of(scenario);
        var estimates = blocks.Select(b => EstimateBlock(scenario, b)).ToList();
        return new ScenarioEstimate(scenario, estimates, Summarise(scenario, estimates), Assumptions(scenario, estimates), Hypercube(scenario, blocks, estimates));
    }

    /// <summary>
    /// Mean units dispatched to a call needing <paramref name="officers"/> officers when a share
    /// <paramref name="pairedShare"/> of the units are two-officer cars (each unit paired independently).
    /// </summary>
    public static double UnitsPerCall(int officers, double pairedShare)
    {
        double[] e = new double[Math.Max(officers, 0) + 1];
        for (int k = 1; k <= officers; k++)
        {
            e[k] = 1 + (pairedShare * e[Math.Max(k - 2, 0)]) + ((1 - pairedShare) * e[k - 1]);
        }

        return e[Math.Max(officers, 0)];
    }

    /// <summary>Officers a call of this type needs under the base backup rule.</summary>
    public static int OfficersNeeded(CallType type, BackupPolicy backup)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(backup);
        bool raise = backup.Rule switch
        {
            BackupRule.AllCalls => true,
            BackupRule.Risk => type.Risk != RiskLevel.None && type.Risk >= backup.MinRisk,
            _ => false,
        };
        return raise ? Math.Max(type.Officers, 2) : type.Officers;
    }

    /// <summary>The mean of the weekly profile over a block's hours, and the largest hourly value in it over that mean.</summary>
    public static (double Mean, double PeakToMean) ProfileOver(IReadOnlyList<double> weeklyProfile, double startMinute, double endMinute)
    {
        ArgumentNullException.ThrowIfNull(weeklyProfile);
        double profileMean = weeklyProfile.Average();
        double integral = 0, peak = 0;
        for (int day = 0; day < 7; day++)
        {
            double from = (day * 1440) + startMinute, to = (day * 1440) + endMinute;
            for (double m = from; m < to - 1e-9;)
            {
                double hourEnd = Math.Min(to, (Math.Floor((m / 60) + 1e-12) + 1) * 60);
                int hour = (int)(Math.Floor((m / 60) + 1e-12) % 168);
                double v = weeklyProfile[hour] / profileMean;
                integral += v * (hourEnd - m);
                peak = Math.Max(peak, v);
                m = hourEnd;
            }
        }

        double mean = integral / (7 * (endMinute - startMinute));
        return (mean, mean > 0 ? peak / mean : 1);
    }

    private static double Speed(Travel travel, int priority)
    {
        if (travel.SpeedKmh.TryGetValue(priority, out double v))
        {
            return v;
        }

        return travel.SpeedKmh.Count == 0 ? 40 : travel.SpeedKmh[travel.SpeedKmh.Keys.Max()];
    }

    /// <summary>Ratio of the expected distance to the k-th nearest of a Poisson pattern to the nearest: 2Γ(k+½)/(Γ(k)√π).</summary>
    private static double KthNearestRatio(double k)
    {
        if (k <= 1)
        {
            return 1;
        }

        return 2 * Math.Exp(MathNet.Numerics.SpecialFunctions.GammaLn(k + 0.5) - MathNet.Numerics.SpecialFunctions.GammaLn(k)) / Math.Sqrt(Math.PI);
    }

    private static BlockEstimate EstimateBlock(Scenario s, StaffingBlock block)
    {
        var (profileMean, peakToMean) = ProfileOver(s.Demand.WeeklyProfile, block.StartMinute, block.EndMinute);
        double totalShare = s.Demand.CallTypes.Sum(t => t.Share);
        double callsPerHour = s.Demand.CallsPerDay * s.Demand.Multiplier / 24 * profileMean;
        var types = s.Demand.CallTypes.Where(t => t.NeedsUnit).ToList();
        int units = block.Units;
        double paired = units == 0 ? 0 : (double)block.TwoOfficerCars / units;
        var rate = types.Select(t => callsPerHour * t.Share / totalShare).ToArray();
        var unitsPer = types.Select(t => UnitsPerCall(OfficersNeeded(t, s.Policy.Backup), paired)).ToArray();
        double lambda = rate.Sum();
        double dispatchRate = rate.Zip(unitsPer, (r, u) => r * u).Sum();
        double unitsPerCall = lambda > 0 ? dispatchRate / lambda : 1;
        double servers = units / unitsPerCall;
        var priorities = types.Select(t => t.Priority).Distinct().Order().ToArray();
        double area = s.City.WidthKm * s.City.HeightKm;
        bool travels = s.Travel.Model == TravelModel.Manhattan;

        // Travel depends on the utilisation (free units thinned) and the utilisation on travel: iterate.
        double rho = 0, busy = 0;
        double[] firstTravel = new double[types.Count];
        bool stable = units > 0 && lambda > 0;
        for (int iter = 0; iter < 200 && stable; iter++)
        {
            double distance = travels ? SquareRootLaw.ExpectedDistance(area, units * (1 - rho), DistanceMetric.RightAngle) : 0;
            for (int i = 0; i < types.Count; i++)
            {
                double oneWay = travels ? s.Travel.TurnoutMinutes + (s.Travel.Detour * distance / Speed(s.Travel, types[i].Priority) * 60) : 0;
                firstTravel[i] = oneWay;
            }

            busy = BusyTime(s, types, rate, unitsPer, firstTravel, dispatchRate);
            double next = dispatchRate * busy / 60 / units;
            if (next >= 1)
            {
                stable = false;
                rho = next;
                break;
            }

            bool done = Math.Abs(next - rho) < 1e-12;
            rho = next;
            if (done)
            {
                break;
            }
        }

        if (units == 0 || lambda == 0)
        {
            busy = BusyTime(s, types, rate, unitsPer, firstTravel, dispatchRate);
            rho = units == 0 ? double.PositiveInfinity : 0;
        }

        double offered = dispatchRate * busy / 60;
        var notes = BlockNotes(s, block, peakToMean, busy);
        double nan = double.NaN;
        if (!stable)
        {
            var overloaded = priorities.Select(p => new PriorityEstimate(p, Sum(rate, types, p), nan, nan, nan)).ToList();
            notes.Insert(0, units == 0 ? "no units on duty" : string.Create(CultureInfo.InvariantCulture, $"overloaded: utilisation {rho:0.00} ≥ 1, no steady state"));
            return new BlockEstimate(block.Label, block.ShiftNames, block.Hours, units, block.Officers, block.TwoOfficerCars, lambda, unitsPerCall,
                servers, busy, offered, units == 0 ? nan : rho, nan, nan, nan, nan, peakToMean, overloaded, notes);
        }

        double mu = 60 / busy;
        var classRates = priorities.Select(p => Sum(rate, types, p)).ToArray();
        var (pWait, waits) = TeamQueue(classRates, mu, servers);
        var byPriority = new List<PriorityEstimate>();
        for (int k = 0; k < priorities.Length; k++)
        {
            double r = classRates[k];
            double travel = WeightedMean(types, rate, firstTravel, priorities[k]);
            byPriority.Add(new PriorityEstimate(priorities[k], r, waits[k] * 60, travel, (waits[k] * 60) + travel));
        }

        double meanWait = byPriority.Sum(p => p.CallsPerHour * p.MeanQueueDelay) / lambda;
        double meanTravel = byPriority.Sum(p => p.CallsPerHour * p.Travel) / lambda;
        return new BlockEstimate(block.Label, block.ShiftNames, block.Hours, units, block.Officers, block.TwoOfficerCars, lambda, unitsPerCall,
            servers, busy, offered, rho, pWait, meanWait, meanTravel, meanWait + meanTravel, peakToMean, byPriority, notes);
    }

    private static double BusyTime(Scenario s, List<CallType> types, double[] rate, double[] unitsPer, double[] firstTravel, double dispatchRate)
    {
        if (dispatchRate <= 0)
        {
            return types.Count == 0 ? 0 : types.Average(t => t.OnScene.Mean);
        }

        // Every unit of a call is dispatched at once and released when the call clears: busy = first travel + on scene
        // (engage: wait — service starts when the last unit arrives, the k-th nearest).
        double sum = 0;
        for (int i = 0; i < types.Count; i++)
        {
            double travel = s.Policy.Backup.Engage == Engagement.Wait ? firstTravel[i] * KthNearestRatio(unitsPer[i]) : firstTravel[i];
            sum += rate[i] * unitsPer[i] * (travel + types[i].OnScene.Mean);
        }

        return sum / dispatchRate;
    }

    private static double Sum(double[] rate, List<CallType> types, int priority) =>
        types.Select((t, i) => t.Priority == priority ? rate[i] : 0).Sum();

    private static double WeightedMean(List<CallType> types, double[] rate, double[] values, int priority)
    {
        double w = 0, v = 0;
        for (int i = 0; i < types.Count; i++)
        {
            if (types[i].Priority == priority)
            {
                w += rate[i];
                v += rate[i] * values[i];
            }
        }

        return w > 0 ? v / w : values.Length > 0 ? values[0] : 0;
    }

    /// <summary>
    /// P(wait) and per-class mean waits (hours) of M/M/c with non-preemptive priorities; for a fractional c the
    /// values at ⌊c⌋ and ⌈c⌉ servers are interpolated linearly (⌈c⌉ alone when ⌊c⌋ servers would be overloaded).
    /// </summary>
    public static (double ProbabilityOfWait, double[] MeanWaits) TeamQueue(IReadOnlyList<double> classRates, double serviceRate, double servers)
    {
        ArgumentNullException.ThrowIfNull(classRates);
        double load = classRates.Sum() / serviceRate;
        int lo = (int)Math.Floor(servers + 1e-9), hi = (int)Math.Ceiling(servers - 1e-9);
        if (hi < 1 || load >= servers)
        {
            return (double.NaN, [.. classRates.Select(_ => double.NaN)]);
        }

        var upper = new PriorityMMc(classRates, serviceRate, hi);
        if (lo == hi || lo < 1 || load >= lo)
        {
            return (upper.ProbabilityOfWait, [.. upper.MeanWaits]);
        }

        var lower = new PriorityMMc(classRates, serviceRate, lo);
        double f = servers - lo;
        return (((1 - f) * lower.ProbabilityOfWait) + (f * upper.ProbabilityOfWait),
            [.. lower.MeanWaits.Zip(upper.MeanWaits, (a, b) => ((1 - f) * a) + (f * b))]);
    }

    private static List<string> BlockNotes(Scenario s, StaffingBlock block, double peakToMean, double busy)
    {
        var notes = new List<string>();
        if (peakToMean > 1.05)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"arrivals vary within the block (peak/mean {peakToMean:0.00})"));
        }

        if (block.Crews.Count > 1)
        {
            notes.Add($"shift overlap: {block.ShiftNames} on duty");
        }

        if (block.Hours * 60 < 3 * busy)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"short block ({block.Hours:0.#} h vs {busy:0} min busy time): no steady state, carry-over from the previous block"));
        }

        return notes;
    }

    private static BlockEstimate Summarise(Scenario s, IReadOnlyList<BlockEstimate> blocks)
    {
        double hours = blocks.Sum(b => b.Hours);
        double calls = blocks.Sum(b => b.CallsPerHour * b.Hours);
        double Avg(Func<BlockEstimate, double> f) => blocks.Sum(b => f(b) * b.Hours) / hours;
        double CallAvg(Func<BlockEstimate, double> f) => calls > 0 ? blocks.Sum(b => f(b) * b.CallsPerHour * b.Hours) / calls : double.NaN;
        double unitHours = blocks.Sum(b => b.Units * b.Hours);
        double load = blocks.Sum(b => b.OfferedLoad * b.Hours);
        var priorities = blocks.SelectMany(b => b.ByPriority.Select(p => p.Priority)).Distinct().Order();
        var byPriority = priorities.Select(p =>
        {
            var rows = blocks.Select(b => (b.Hours, Est: b.ByPriority.First(x => x.Priority == p))).ToList();
            double n = rows.Sum(r => r.Est.CallsPerHour * r.Hours);
            double A(Func<PriorityEstimate, double> f) => n > 0 ? rows.Sum(r => f(r.Est) * r.Est.CallsPerHour * r.Hours) / n : double.NaN;
            return new PriorityEstimate(p, n / hours, A(e => e.MeanQueueDelay), A(e => e.Travel), A(e => e.Response));
        }).ToList();
        double dispatches = blocks.Sum(b => b.CallsPerHour * b.UnitsPerCall * b.Hours);
        return new BlockEstimate("whole day", string.Join("/", s.Staffing.Shifts.Select(x => x.Name)), hours, Avg(b => b.Units), Avg(b => b.Officers),
            Avg(b => b.TwoOfficerCars), calls / hours, calls > 0 ? dispatches / calls : 1, Avg(b => b.Servers),
            dispatches > 0 ? blocks.Sum(b => b.MeanBusyTime * b.CallsPerHour * b.UnitsPerCall * b.Hours) / dispatches : double.NaN,
            load / hours, unitHours > 0 && blocks.All(b => b.Units > 0) ? load / unitHours : double.NaN, CallAvg(b => b.ProbabilityOfWait), CallAvg(b => b.MeanQueueDelay),
            CallAvg(b => b.Travel), CallAvg(b => b.Response), blocks.Max(b => b.PeakToMean), byPriority, [])
        { IsDay = true };
    }

    private static List<string> Assumptions(Scenario s, IReadOnlyList<BlockEstimate> blocks)
    {
        var list = new List<string>();
        var types = s.Demand.CallTypes.Where(t => t.NeedsUnit).ToList();
        double day = blocks.Sum(b => b.CallsPerHour * b.Hours);
        double upc = day > 0 ? blocks.Sum(b => b.UnitsPerCall * b.CallsPerHour * b.Hours) / day : 1;
        if (upc > 1.005)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture,
                $"multi-unit dispatch: {upc:0.00} units per call (modelled as teams of that size: c = units / units per call)"));
        }

        foreach (var group in types.Where(t => t.OnScene is not ExponentialDistribution).GroupBy(t => t.OnScene.GetType()))
        {
            string kind = group.First().OnScene switch
            {
                LogNormalDistribution => "lognormal",
                GammaDistribution => "gamma",
                ConstantDistribution => "constant",
                EmpiricalDistribution => "empirical",
                _ => group.Key.Name,
            };
            var cvs = group.Select(t => t.OnScene switch
            {
                LogNormalDistribution l => l.Cv,
                GammaDistribution g => g.Cv,
                ConstantDistribution => 0.0,
                _ => double.NaN,
            }).Where(double.IsFinite).ToList();
            string cv = cvs.Count == 0 ? "" : cvs.Min() == cvs.Max()
                ? string.Create(CultureInfo.InvariantCulture, $" (cv {cvs.Min():0.##})")
                : string.Create(CultureInfo.InvariantCulture, $" (cv {cvs.Min():0.##}–{cvs.Max():0.##})");
            list.Add($"on-scene times are {kind}{cv}, not exponential ({group.Count()} of {types.Count} call types)");
        }

        var busyByPriority = types.GroupBy(t => t.Priority).Select(g => g.Average(t => t.OnScene.Mean)).ToList();
        if (busyByPriority.Count > 1 && busyByPriority.Max() > 1.1 * busyByPriority.Min())
        {
            list.Add(string.Create(CultureInfo.InvariantCulture,
                $"service times differ by priority ({busyByPriority.Min():0}–{busyByPriority.Max():0} min on scene); Cobham's formula assumes one service rate"));
        }

        double peak = blocks.Count == 0 ? 1 : blocks.Max(b => b.PeakToMean);
        if (peak > 1.05)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture, $"arrivals vary within blocks (peak/mean up to {peak:0.00}); each block is treated as stationary"));
        }

        if (s.Travel.Model == TravelModel.Manhattan)
        {
            double share = blocks.Count == 0 ? 0 : blocks.Average(b => double.IsFinite(b.Travel) && b.MeanBusyTime > 0 ? b.Travel / b.MeanBusyTime : 0);
            list.Add(string.Create(CultureInfo.InvariantCulture,
                $"travel time is part of service ({share * 100:0}% of the busy time), and depends on the load; travel from the square-root law (uniform units, no edge effects)"));
            if (s.Travel.NoiseCv > 0)
            {
                list.Add(string.Create(CultureInfo.InvariantCulture, $"travel times are noisy (cv {s.Travel.NoiseCv:0.##}); only means are modelled"));
            }
        }

        if (s.Demand.SelfInitiated is { RatePerUnitHour: > 0 } si)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture,
                $"self-initiated work not modelled ({si.RatePerUnitHour:0.##} activities per idle unit-hour, {si.Duration.Mean:0} min each, units not dispatchable meanwhile)"));
        }

        // Dispatch realism (off by default) is outside the formulas: each one in use is named.
        if (s.CallHandling.Intake.Count > 0 || s.CallHandling.DefaultIntake is not null)
        {
            list.Add("call-taking (callHandling.intakeMinutes) is not in the formulas: add its mean to the queue delay and response by hand");
        }

        if (s.CallHandling.Processing is { } processing)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture,
                $"dispatcher processing (callHandling.processingMinutes, mean {processing.Mean:0.##} min) is not in the formulas; it also keeps the chosen unit busy"));
        }

        if (s.Policy.Dispatch.Hold is { Count: > 0 } hold)
        {
            list.Add($"holding of priorities {string.Join(", ", hold.Keys.Order())} (policy.dispatch.holdMinutes) is not in the formulas");
        }

        if (s.Policy.Dispatch.Reserve is { } reserve)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture,
                $"reserve cut-off (priority {reserve.FromPriority}+ waits unless {reserve.KeepFreeUnits} units stay free) is not in Erlang C or Cobham's formula"));
        }

        if (s.Policy.Preemption is { } preemption)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture,
                $"preemption by priority {preemption.UpToPriority} calls is not in the formulas (they assume non-preemptive service)"));
        }

        if (s.Demand.CallTypes.Any(t => t.Report is not null))
        {
            list.Add("report writing (callTypes[].reportMinutes) keeps units busy after the call; the formulas' service time is on-scene only");
        }

        if (s.Staffing.Break is { } mealBreak)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture,
                $"meal breaks ({mealBreak.Duration.Mean:0} min per unit per shift) take units off the street; the formulas count every unit on duty"));
        }

        if (s.Staffing.Shifts.Any(sh => sh.BackupOnlyOfficers > 0))
        {
            list.Add("backup-only units answer only as second unit: the formulas pool them with patrol units");
        }

        if (s.Staffing.Shifts.Any(sh => sh.Days is not null || sh.OfficersByWeekday is not null))
        {
            list.Add("weekday rosters: the blocks use each shift's largest day; other days have fewer officers");
        }

        if (s.Policy.Changes.Any(c => c.Set.PullOfficers is > 0 || c.Set.DemandMultiplier is not null))
        {
            list.Add("staffing and demand windows (officers pulled to posts, event calls) are transients the formulas ignore");
        }

        if (blocks.Any(b => b.Notes.Any(n => n.StartsWith("shift overlap", StringComparison.Ordinal))))
        {
            list.Add("shift overlaps: the simulation's units finish their calls after their shift ends (overtime), and shift changes are transients");
        }

        if (s.Demand.CallTypes.Select(t => t.Priority).Distinct().Count() > 1)
        {
            list.Add("priorities: non-preemptive, one queue ordered by priority (as in the simulation); a multi-unit call waits until its first unit is free");
        }

        if (s.Policy.Dispatch.Rule != DispatchRule.Closest && s.Travel.Model == TravelModel.Manhattan)
        {
            list.Add($"dispatch rule '{s.Policy.Dispatch.Rule}': the square-root law assumes the closest free unit, so its travel is optimistic");
        }

        if (s.Policy.Dispatch.Rule == DispatchRule.Preference)
        {
            int units = blocks.Count == 0 ? 0 : (int)Math.Round(blocks.Max(b => b.Units));
            var partial = s.City.Zones.Where(z => !s.Policy.Dispatch.Preferences.TryGetValue(z.Id, out var l)
                || Enumerable.Range(1, units).Any(u => !l.Contains(u))).Select(z => z.Id).ToList();
            if (partial.Count > 0)
            {
                list.Add($"preference lists incomplete for {partial.Count} of {s.City.Zones.Count} zones ({string.Join(", ", partial.Take(5))}{(partial.Count > 5 ? ", …" : "")}): "
                    + "the simulation tries unlisted units closest first, the hypercube in unit order");
            }
        }

        if (s.Policy.Backup.Engage == Engagement.Wait)
        {
            list.Add("engage: wait: busy time includes staging until the last unit arrives (k-th nearest unit distance)");
        }

        if (s.Policy.Changes.Count > 0)
        {
            list.Add($"policy windows ignored ({s.Policy.Changes.Count}): the base policy is analysed");
        }

        if (blocks.Any(b => b.PeakToMean > 0 && b.Units > 0 && b.Servers != Math.Floor(b.Servers)))
        {
            list.Add("fractional teams: Erlang C is interpolated between ⌊c⌋ and ⌈c⌉ servers");
        }

        return list;
    }

    private static HypercubeEstimate? Hypercube(Scenario s, IReadOnlyList<StaffingBlock> blocks, IReadOnlyList<BlockEstimate> estimates)
    {
        if (s.Policy.Dispatch.Rule != DispatchRule.Preference || blocks.Count != 1 || estimates[0].Hours < 24)
        {
            return null;
        }

        var est = estimates[0];
        int n = blocks[0].Units;
        if (n < 1 || n > MaxHypercubeUnits || !(est.Utilization < 1))
        {
            return null;
        }

        var zones = s.City.Zones;
        double totalWeight = zones.Sum(z => z.Weight);
        var rates = zones.Select(z => est.CallsPerHour * z.Weight / totalWeight).ToList();
        var prefs = zones.Select(z => s.Policy.Dispatch.Preferences.TryGetValue(z.Id, out var list)
            ? (IReadOnlyList<int>)[.. list.Where(u => u >= 1 && u <= n).Select(u => u - 1)]
            : []).ToList();
        var input = new HypercubeInput
        {
            AtomRates = rates,
            Preferences = prefs,
            Units = n,
            ServiceRate = 60 / est.MeanBusyTime,
            LineCapacity = LineCapacity.Infinite,
        };
        return new HypercubeEstimate(input, new HypercubeModel(input).SolveExact());
    }
}
