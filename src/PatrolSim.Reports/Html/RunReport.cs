using System.Globalization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Reports.Charts;
using static PatrolSim.Reports.Html.ReportDocument;

namespace PatrolSim.Reports.Html;

/// <summary>The report of <c>patrolsim run</c>: scenario, metrics with CIs, response distributions, hour-of-day profiles, exposure.</summary>
public static class RunReport
{
    /// <summary>Builds the report from the run's summary and replication <see cref="HourlyProfile"/> (usually replication 0).</summary>
    /// <param name="summary">The replications and their CIs.</param>
    /// <param name="profile">The calls of one replication.</param>
    /// <param name="tool">Tool name and version for the subtitle.</param>
    /// <param name="source">The scenario file and overrides as given.</param>
    public static ReportDocument Build(RunSummary summary, HourlyProfile profile, string tool, string source)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(profile);
        var s = summary.Scenario;
        int reps = summary.Replications.Count;
        string sub = string.Create(CultureInfo.InvariantCulture, $"{source} · seed {summary.Seed} · {reps} replication{(reps == 1 ? "" : "s")} · {tool}");
        var sections = new List<ReportSection>
        {
            new("Scenario", [new FactsBlock(ScenarioFacts(s, summary.Seed, reps))]),
            new("Metrics (mean and 95% CI over replications)",
            [
                new TableBlock(OverallTable(summary)), new TableBlock(ByPriorityTable(summary)), new ParagraphBlock(MetricsNote(summary)),
            ]),
            new("A year, in a council's units", CouncilBlocks(summary)),
            new("Response times against targets", ResponseBlocks(summary, profile)),
            new("Hour of day: calls, queue and utilisation", ProfileBlocks(s, profile)),
            new("Officer safety: exposure", ExposureBlocks(summary)),
        };
        if (ZoneSection.Build(summary) is { } zones)
        {
            sections.Add(zones);
        }

        return new ReportDocument("Run report: " + s.Name, sub, sections);
    }

    /// <summary>The scenario summary: city, demand, staffing, policy, horizon, seed, replications, targets.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ScenarioFacts(Scenario s, ulong seed, int replications)
    {
        ArgumentNullException.ThrowIfNull(s);
        var ic = CultureInfo.InvariantCulture;
        var facts = new List<KeyValuePair<string, string>>
        {
            new("Scenario", s.Name),
        };
        if (!string.IsNullOrWhiteSpace(s.Description))
        {
            facts.Add(new("Description", s.Description.Trim()));
        }

        facts.Add(new("City", string.Create(ic, $"{s.City.WidthKm:0.#} × {s.City.HeightKm:0.#} km, {s.City.Zones.Count} zone{(s.City.Zones.Count == 1 ? "" : "s")}")));
        var d = s.Demand;
        string types = string.Join("; ", d.CallTypes.Select(c => string.Create(ic, $"{c.Name} (P{c.Priority}, {c.Share * 100:0.#}%, {c.Officers} officer{(c.Officers == 1 ? "" : "s")}, risk {c.Risk.ToString().ToLowerInvariant()}{(c.NeedsUnit ? "" : ", no unit")})")));
        facts.Add(new("Demand", string.Create(ic, $"{d.CallsPerDay:0.#} calls/day × {d.Multiplier:0.##}; {types}")));
        if (d.SelfInitiated is not null)
        {
            facts.Add(new("Self-initiated", string.Create(ic, $"{d.SelfInitiated.RatePerUnitHour:0.##} per idle unit-hour")));
        }

        string shifts = string.Join("; ", s.Staffing.Shifts.Select(sh => string.Create(ic,
            $"{sh.Name} {Clock(sh.StartMinuteOfDay)} for {sh.Hours:0.#} h, {sh.Officers} officers{(sh.TwoOfficerShare is null ? "" : $", paired share {sh.TwoOfficerShare.Value:0.##}")}")));
        facts.Add(new("Staffing", string.Create(ic, $"scale {s.Staffing.Scale:0.###}; {shifts}")));
        var p = s.Policy;
        facts.Add(new("Policy", string.Create(ic,
            $"two-officer share {p.Crew.TwoOfficerShare:0.##}; backup {p.Backup.Rule.ToString().ToLowerInvariant()} (from {p.Backup.MinRisk.ToString().ToLowerInvariant()} risk, {p.Backup.Engage.ToString().ToLowerInvariant()}); dispatch {p.Dispatch.Rule.ToString().ToLowerInvariant()}{(p.Changes.Count == 0 ? "" : $"; {p.Changes.Count} scheduled change(s)")}")));
        facts.Add(new("Horizon", string.Create(ic, $"{s.Horizon.Days:0.##} days, warm-up {s.Horizon.WarmupDays:0.##} days, {MeasuredPeriod.Days(s):0.##} measured")));
        if (s.ResponseTargets.Count > 0)
        {
            facts.Add(new("Response targets", string.Join(", ", s.ResponseTargets.OrderBy(kv => kv.Key).Select(kv => string.Create(ic, $"P{kv.Key} {kv.Value:0.##} min")))));
        }

        facts.Add(new("Seed", seed.ToString(ic)));
        facts.Add(new("Replications", replications.ToString(ic)));
        return facts;
    }

    private static string Clock(double minuteOfDay)
    {
        int m = (int)Math.Round(minuteOfDay) % 1440;
        return string.Create(CultureInfo.InvariantCulture, $"{m / 60:00}:{m % 60:00}");
    }

    /// <summary>
    /// What the tables' values are: the quantiles (mean of each replication's against pooled), "(n=K)" where a value rests
    /// on fewer replications than were run, the precision asked for, and the warm-up check.
    /// </summary>
    public static string MetricsNote(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var parts = new List<string>
        {
            "responseTime.p50 and p90 are means over replications of each replication's own quantile, with their 95% CI; the rows marked pooled are the quantiles of all replications' calls taken together (no interval).",
            "(n=K) marks a value resting on the K replications where the metric applies, fewer than were run.",
        };
        if (summary.Precision is { } precision)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"Replications were added in batches of {precision.InitialReplications} until {string.Join(" and ", precision.Results.Select(r => $"{r.Target.Metric.Name}'s 95% half-width was at most {r.Target.Relative * 100:0.##}% of its mean (reached: {(double.IsNaN(r.Achieved) ? "undefined" : (r.Achieved * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%")})"))}{(precision.Reached ? "" : $"; the cap of {precision.MaxReplications} stopped it first")}: {precision.Replications} replications."));
        }

        if (summary.Warmup is { } warmup)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"Warm-up check ({WarmupCheck.Method}): MSER-5 would delete {warmup.SuggestedDays} days, the scenario's warm-up is {warmup.ConfiguredDays:0.##}{(warmup.WarmupTooShort ? ": too short (see the warnings)" : ": no evidence it is too short")}."));
        }

        return string.Join(" ", parts);
    }

    /// <summary>Every overall metric: name, unit, mean, CI low, CI high (and the pooled quantiles after the quantile rows).</summary>
    public static ReportTable OverallTable(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        int reps = summary.Replications.Count;
        var rows = MetricCatalog.All.SelectMany(m =>
        {
            var ci = NeverNegative(summary.Overall[m.Index]);
            int dec = Output.Format.DecimalsFor(m.Unit);
            var row = (IReadOnlyList<string>)[m.Name, m.Description, m.Unit, F(ci.Mean, dec) + FewerNote(ci.N, reps), F(ci.Low, dec), F(ci.High, dec)];
            if (PooledQuantiles.StatisticOf(m) is not { } statistic || summary.PooledResponse is null)
            {
                return [row];
            }

            return (IReadOnlyList<string>[])[
                [m.Name, m.Description + " (" + statistic.Split(';')[0] + ")", m.Unit, row[3], row[4], row[5]],
                [m.Name + " pooled", "The same quantile of all replications' calls together", m.Unit, F(summary.PooledResponse.Of(m), dec), "", ""],
            ];
        }).ToArray();
        return new ReportTable(["Metric", "What", "Unit", "Mean", "95% CI low", "95% CI high"], rows)
        {
            Caption = "All calls",
            NumericColumns = new HashSet<int> { 3, 4, 5 },
        };
    }

    /// <summary>Every by-priority metric: one column per priority, "mean [low, high]" (the interval wraps under the mean when the page is narrow).</summary>
    public static ReportTable ByPriorityTable(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var priorities = summary.ByPriority.Keys.Order().ToArray();
        int reps = summary.Replications.Count;
        var rows = MetricCatalog.All.Where(m => m.ByPriority).SelectMany(m =>
        {
            int dec = Output.Format.DecimalsFor(m.Unit);
            var cells = new List<string> { m.Name, m.Unit };
            cells.AddRange(priorities.Select(p => WithCi(NeverNegative(summary.ByPriority[p][m.Index]), dec) + FewerNote(summary.ByPriority[p][m.Index].N, reps)));
            if (PooledQuantiles.StatisticOf(m) is null || summary.PooledResponseByPriority.Count == 0)
            {
                return [(IReadOnlyList<string>)cells];
            }

            var pooled = new List<string> { m.Name + " pooled", m.Unit };
            pooled.AddRange(priorities.Select(p => F(summary.PooledResponseByPriority.GetValueOrDefault(p)?.Of(m) ?? double.NaN, dec)));
            return (IReadOnlyList<string>[])[cells, pooled];
        }).ToArray();
        var header = new List<string> { "Metric", "Unit" };
        header.AddRange(priorities.Select(p => "P" + p.ToString(CultureInfo.InvariantCulture)));
        return new ReportTable(header, rows)
        {
            Caption = "By priority: mean [95% CI]",
            NumericColumns = Enumerable.Range(2, priorities.Length).ToHashSet(),
        };
    }

    /// <summary>The council figures (officers to employ; costs and safety when the scenario has them) and the notes on how they are made.</summary>
    public static ReportTable CouncilTable(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = summary.Council.Select(c =>
        {
            int dec = Output.Format.DecimalsFor(c.Measure.Metric.Unit);
            var ci = NeverNegative(c.Value);
            return (IReadOnlyList<string>)[c.Measure.Name, c.Measure.Metric.Description, c.Measure.Metric.Unit, F(ci.Mean, dec), F(ci.Low, dec), F(ci.High, dec)];
        }).ToArray();
        return new ReportTable(["Figure", "What", "Unit", "Mean", "95% CI low", "95% CI high"], rows)
        {
            Caption = "Per-day figures of the measured period × 365",
            NumericColumns = new HashSet<int> { 3, 4, 5 },
        };
    }

    private static List<ReportBlock> CouncilBlocks(RunSummary summary) =>
        [new TableBlock(CouncilTable(summary)), .. summary.Basis.Notes().Select(n => (ReportBlock)new ParagraphBlock(n))];

    /// <summary>
    /// The interval of a metric's value as reports show it: the low end clamped at 0, since no metric of the catalogue is ever
    /// negative (a Student-t interval of a mean near zero can reach below it). Not for paired differences, which can be negative.
    /// </summary>
    public static ConfidenceInterval NeverNegative(ConfidenceInterval ci) => ci.Low < 0 ? ci with { Low = 0 } : ci;

    /// <summary>" (n=K)" when a value rests on K replications, fewer than the <paramref name="replications"/> run; else "".</summary>
    public static string FewerNote(int n, int replications) =>
        n > 0 && n < replications ? string.Create(CultureInfo.InvariantCulture, $" (n={n})") : "";

    /// <summary>"mean [low, high]" with fixed decimals.</summary>
    public static string WithCi(ConfidenceInterval ci, int decimals) =>
        double.IsNaN(ci.Mean) ? "–" : double.IsNaN(ci.Low) ? F(ci.Mean, decimals) : $"{F(ci.Mean, decimals)} [{F(ci.Low, decimals)}, {F(ci.High, decimals)}]";

    private static List<ReportBlock> ResponseBlocks(RunSummary summary, HourlyProfile profile)
    {
        var s = summary.Scenario;
        var times = profile.ResponseTimes();
        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock(string.Create(CultureInfo.InvariantCulture,
                $"Distribution of response times (call received to first officer on scene) in replication 0 ({times.Values.Sum(t => t.Count)} calls answered after the warm-up), by priority; dashed lines mark the targets.")),
        };
        if (times.Count == 0)
        {
            blocks.Add(new ParagraphBlock("No call was answered after the warm-up."));
            return blocks;
        }

        var ecdf = new Chart("Response time distribution by priority", times.Select(kv => (ChartSeries)new EcdfSeries("P" + kv.Key.ToString(CultureInfo.InvariantCulture), kv.Value)).ToArray())
        {
            Subtitle = "Share of calls answered within x minutes (replication 0)",
            X = new Axis("Response time", "min") { Min = 0 },
            Y = new Axis("Calls answered within", null) { Percent = true },
            ReferenceLines = TargetLines(s, times.Keys, shortLabels: true),
            Id = "run-ecdf",
        };
        blocks.Add(new ChartBlock(new ReportChart("run-response-ecdf.svg", ecdf)));
        foreach (var (p, values) in times)
        {
            string ps = p.ToString(CultureInfo.InvariantCulture);
            var hist = new Chart($"P{ps} response times", [new HistogramSeries("P" + ps, values) { Scale = HistogramScale.Percent }])
            {
                Subtitle = string.Create(CultureInfo.InvariantCulture, $"{values.Count} calls (replication 0); mean {F(values.Average(), 1)} min"),
                X = new Axis("Response time", "min") { Min = 0 },
                Y = new Axis("Calls", "%"),
                ReferenceLines = TargetLines(s, [p]),
                Legend = LegendPlacement.None,
                Height = 400,
                Id = "run-hist-p" + ps,
            };
            blocks.Add(new ChartBlock(new ReportChart($"run-response-p{ps}.svg", hist)));
        }

        return blocks;
    }

    private static ReferenceLine[] TargetLines(Scenario s, IEnumerable<int> priorities, bool shortLabels = false) =>
        priorities.Where(s.ResponseTargets.ContainsKey)
            .Select(p => new ReferenceLine(ReferenceAxis.X, s.ResponseTargets[p], shortLabels
                ? string.Create(CultureInfo.InvariantCulture, $"P{p} {s.ResponseTargets[p]:0.##} min")
                : string.Create(CultureInfo.InvariantCulture, $"P{p} target {s.ResponseTargets[p]:0.##} min")))
            .ToArray();

    private static List<ReportBlock> ProfileBlocks(Scenario s, HourlyProfile profile)
    {
        var hourAxis = new Axis("Hour of day", null);
        var calls = new Chart("Calls by hour of day", [new ProfileSeries("Calls per day", profile.CallsPerHour(s.Horizon))])
        {
            Subtitle = "Calls arriving in each hour, per day (replication 0, after the warm-up)",
            X = hourAxis,
            Y = new Axis("Calls per day", "calls") { IncludeZero = true },
            Height = 400,
            Id = "run-calls",
        };
        var queue = new Chart("Mean queue delay by hour of day", [new ProfileSeries("Queue delay", profile.MeanQueueDelayByHour())])
        {
            Subtitle = "Call received to first unit dispatched, by hour of arrival (replication 0)",
            X = hourAxis,
            Y = new Axis("Mean queue delay", "min") { IncludeZero = true },
            Height = 400,
            Id = "run-queue",
        };
        var officers = new Chart("Officers on duty and committed to calls by hour of day",
            [new ProfileSeries("On duty", HourlyProfile.OnDutyByHour(s.Staffing)), new ProfileSeries("Committed to calls", profile.CommittedOfficersByHour(s.Horizon))])
        {
            Subtitle = "Committed = officers × time between first dispatch and clear, per hour (replication 0)",
            X = hourAxis,
            Y = new Axis("Officers", null) { IncludeZero = true },
            Height = 400,
            Id = "run-officers",
        };
        var util = new Chart("Utilisation by hour of day", [new ProfileSeries("Utilisation", profile.UtilisationByHour(s))])
        {
            Subtitle = "Committed officers / officers on duty (replication 0)",
            X = hourAxis,
            Y = new Axis("Utilisation", null) { Percent = true, IncludeZero = true },
            Height = 400,
            Id = "run-util",
        };
        return
        [
            new ChartBlock(new ReportChart("run-profile-calls.svg", calls)),
            new ChartBlock(new ReportChart("run-profile-queue.svg", queue)),
            new ChartBlock(new ReportChart("run-profile-officers.svg", officers)),
            new ChartBlock(new ReportChart("run-profile-utilisation.svg", util)),
        ];
    }

    private static readonly string[] ExposureMetrics = ["soloExposureIndex", "soloCalls", "backupDelay.mean", "officersOnScene", "fullResponseTime.mean"];

    private static List<ReportBlock> ExposureBlocks(RunSummary summary)
    {
        var priorities = summary.ByPriority.Keys.Order().ToArray();
        var header = new List<string> { "Metric", "Unit", "All calls" };
        header.AddRange(priorities.Select(p => "P" + p.ToString(CultureInfo.InvariantCulture)));
        var rows = ExposureMetrics.Select(name =>
        {
            var def = MetricCatalog.Find(name)!;
            int dec = Output.Format.DecimalsFor(def.Unit);
            var cells = new List<string> { name, def.Unit, WithCi(NeverNegative(summary.Overall[def.Index]), dec) };
            cells.AddRange(priorities.Select(p => WithCi(NeverNegative(summary.ByPriority[p][def.Index]), dec)));
            return (IReadOnlyList<string>)cells;
        }).ToArray();
        var table = new ReportTable(header, rows)
        {
            Caption = "Exposure: mean [95% CI]",
            NumericColumns = Enumerable.Range(2, priorities.Length + 1).ToHashSet(),
        };
        var exp = MetricCatalog.All[MetricCatalog.SoloExposureIndex];
        var categories = new List<string> { "All calls" };
        categories.AddRange(priorities.Select(p => "P" + p.ToString(CultureInfo.InvariantCulture)));
        var values = new List<BarValue> { Bar(NeverNegative(summary.Overall[exp.Index])) };
        values.AddRange(priorities.Select(p => Bar(NeverNegative(summary.ByPriority[p][exp.Index]))));
        var chart = new Chart("Solo exposure by priority", [new BarSeries("Solo exposure", values)])
        {
            Subtitle = "Risk-weighted officer-minutes alone on scene at risky calls, per 1,000 calls; mean and 95% CI",
            X = new Axis("Priority", null) { Categories = categories },
            Y = new Axis("Solo exposure", "per 1,000 calls") { IncludeZero = true },
            Legend = LegendPlacement.None,
            Height = 400,
            Id = "run-exposure",
        };
        return
        [
            new ParagraphBlock("Solo exposure weighs each minute an officer spends alone on scene at a risky call by its risk; lower is safer."),
            new TableBlock(table),
            new ChartBlock(new ReportChart("run-exposure.svg", chart)),
        ];
    }

    /// <summary>A bar with its CI as error bar (no bar when the mean is NaN).</summary>
    internal static BarValue Bar(ConfidenceInterval ci) => new(ci.Mean, ci.Low, ci.High);
}
