using System.Globalization;
using CsvHelper;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Experiments.Sensitivity;
using PatrolSim.Experiments.Sweeps;
using PatrolSim.Experiments.Sweeps.Designs;
using PatrolSim.Model.Metrics;
using PatrolSim.Reports.Charts;
using static PatrolSim.Reports.Html.ReportDocument;
using PatrolSim.Output;
using Terms = PatrolSim.Experiments.ExperimentSettings;

namespace PatrolSim.Reports.Html;

/// <summary>One row of a sweep's summary.csv: point, parameter values as written, replications, metric CIs by name.</summary>
public sealed record SweepPoint(int Point, IReadOnlyList<string> Parameters, int Replications, IReadOnlyDictionary<string, ConfidenceInterval> Metrics);

/// <summary>A finished sweep read back from its output folder (sweep.json and summary.csv).</summary>
/// <param name="Manifest">sweep.json.</param>
/// <param name="Metrics">Metric names in summary.csv column order.</param>
/// <param name="Points">One entry per point, in point order.</param>
/// <param name="Sensitivity">For saltelli and morris designs, the sensitivity analysis of every metric.</param>
public sealed record SweepData(SweepManifest Manifest, IReadOnlyList<string> Metrics, IReadOnlyList<SweepPoint> Points, SensitivityResult? Sensitivity = null)
{
    /// <summary>The summary file name.</summary>
    public const string SummaryFile = "summary.csv";

    /// <summary>Reads a sweep output folder.</summary>
    /// <exception cref="SweepException">The folder, sweep.json or summary.csv is missing, the sweep is not complete, or summary.csv is malformed; the message names the file.</exception>
    public static SweepData Read(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (!Directory.Exists(dir))
        {
            throw new SweepException(Problem.Of($"{dir}: no such folder; give the {Terms.Out} folder of a finished '{Terms.Sweep}'"));
        }

        var manifest = SweepManifest.Read(dir);
        if (!manifest.IsComplete)
        {
            throw new SweepException(Problem.Of($"{Path.Combine(dir, SweepManifest.FileName)}: status is '{manifest.Status}', not 'complete'; finish the sweep first ('{Terms.Sweep} FILE {Terms.Out} {dir} {Terms.Resume}', or '{Terms.Merge}' for shards)"));
        }

        if (manifest.Design.Kind != DesignKind.Grid)
        {
            // A design's points are not a grid to chart point by point: its report is the sensitivity analysis (saltelli, morris).
            var sensitivity = manifest.Design.Kind is DesignKind.Saltelli or DesignKind.Morris ? SensitivityAnalysis.Analyse(dir) : null;
            return new SweepData(manifest, manifest.Metrics, [], sensitivity);
        }

        string path = Path.Combine(dir, SummaryFile);
        if (!File.Exists(path))
        {
            throw new SweepException($"{dir}: no {SummaryFile}; this is not a finished sweep (sharded runs write it only after 'patrolsim merge')");
        }

        using var csv = CsvReader.FromFile(path, new CsvReaderOptions());
        return Read(csv, manifest, path);
    }

    private static SweepData Read(CsvReader csv, SweepManifest manifest, string path)
    {
        var headers = csv.Headers.ToArray();
        int pc = manifest.Parameters.Count;
        if (headers.Length < 2 + pc || headers[0] != "point" || headers[1 + pc] != "replications" || (headers.Length - 2 - pc) % 3 != 0)
        {
            throw new SweepException($"{path}: header is not 'point, <parameters>, replications, then NAME:mean, NAME:ci95Low, NAME:ci95High per metric'");
        }

        var metrics = new List<string>();
        for (int c = 2 + pc; c < headers.Length; c += 3)
        {
            string h = headers[c];
            string suffix = SweepSummary.Column("", SweepSummary.Statistics[0]);
            if (!h.EndsWith(suffix, StringComparison.Ordinal))
            {
                throw new SweepException($"{path}: column {c + 1} is '{h}', expected a NAME{suffix} column");
            }

            metrics.Add(h[..^suffix.Length]);
        }

        var points = new List<SweepPoint>();
        int line = 1;
        while (csv.Read())
        {
            line++;
            try
            {
                var values = new Dictionary<string, ConfidenceInterval>(StringComparer.Ordinal);
                for (int m = 0; m < metrics.Count; m++)
                {
                    int c = 2 + pc + 3 * m;
                    values[metrics[m]] = new ConfidenceInterval(Num(csv.GetString(c)), Num(csv.GetString(c + 1)), Num(csv.GetString(c + 2)), 0, double.NaN);
                }

                points.Add(new SweepPoint(
                    int.Parse(csv.GetString(0), NumberStyles.Integer, CultureInfo.InvariantCulture),
                    Enumerable.Range(1, pc).Select(csv.GetString).ToArray(),
                    int.Parse(csv.GetString(1 + pc), NumberStyles.Integer, CultureInfo.InvariantCulture),
                    values));
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                throw new SweepException(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: not a summary row ({e.Message})"), e);
            }
        }

        return new SweepData(manifest, metrics, points);
    }

    private static double Num(string cell) =>
        cell.Length == 0 ? double.NaN : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>The report of a sweep (<c>patrolsim report DIR</c>): metric lines against the swept parameter, trade-off frontier, heatmaps, summary table.</summary>
public static class SweepReport
{
    /// <summary>Most lines drawn in one chart (the palette has eight colours).</summary>
    public const int MaxLines = 9;

    /// <summary>Most heatmaps drawn per metric.</summary>
    public const int MaxHeatmaps = 6;

    /// <summary>The metrics reported for a sweep that kept every metric (no <c>metrics:</c> list): <see cref="KeyMetrics.SweepDefaults"/>.</summary>
    public static IReadOnlyList<string> DefaultMetrics => KeyMetrics.SweepDefaults;

    /// <summary>
    /// The metrics a report shows: those the sweep file listed, or <see cref="DefaultMetrics"/> (those present) when the sweep kept
    /// every metric of the catalogue, i.e. had no <c>metrics:</c> list.
    /// </summary>
    public static IReadOnlyList<string> ReportedMetrics(SweepData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool everyMetric = MetricCatalog.All.All(d => data.Metrics.Contains(d.Name));
        return everyMetric ? DefaultMetrics.Where(data.Metrics.Contains).ToArray() : data.Metrics;
    }

    /// <summary>Builds the report.</summary>
    /// <param name="data">The sweep.</param>
    /// <param name="tool">Tool name and version.</param>
    /// <param name="metrics">Metrics to chart and tabulate (default: <see cref="ReportedMetrics"/>).</param>
    public static ReportDocument Build(SweepData data, string tool, IReadOnlyList<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var m = data.Manifest;
        var chosen = (metrics ?? ReportedMetrics(data)).Where(data.Metrics.Contains).ToArray();
        string sub = string.Create(CultureInfo.InvariantCulture,
            $"{m.SweepFile} (base {m.BaseFile}) · {m.Points} points × {m.Replications} replications · seed {m.Seed} · {tool}");
        var varying = Varying(data);
        int? x = XParameter(data, varying);
        var sections = new List<ReportSection>
        {
            new("Sweep", [new FactsBlock(Facts(data, chosen))]),
        };
        if (m.Design.Kind != DesignKind.Grid)
        {
            if (data.Sensitivity is { } sens)
            {
                sections.Add(SensitivitySection(sens, chosen));
            }
            else
            {
                sections.Add(new ReportSection("Results", [new ParagraphBlock($"A {m.Design.Name} design's points are spread through the ranges rather than laid on a grid; open the results file in pandas, R or DuckDB (docs/output-formats.md), or run a saltelli or morris design for sensitivity indices.")]));
            }

            return new ReportDocument("Sweep report: " + Path.GetFileNameWithoutExtension(m.SweepFile), sub, sections);
        }

        if (x is not null)
        {
            sections.Add(new ReportSection("Metrics against " + m.Parameters[x.Value],
                chosen.SelectMany(name => MetricCharts(data, name, x.Value, varying)).Select(c => (ReportBlock)new ChartBlock(c)).ToList()));
        }

        var trade = TradeOff(data, varying);
        if (trade is not null)
        {
            sections.Add(new ReportSection("Trade-off frontier: P1 response against solo exposure",
                [new ChartBlock(new ReportChart("sweep-tradeoff.svg", trade)), new TableBlock(FrontTable(data))]));
        }

        var heat = Heatmaps(data, varying, chosen);
        if (heat.Count > 0)
        {
            var dims = Dimensions(data, varying);
            sections.Add(new ReportSection("Heatmaps over " + DimensionName(data, dims[0]) + " × " + DimensionName(data, dims[1]), heat.Select(h => (ReportBlock)new ChartBlock(h)).ToList()));
        }

        sections.Add(new ReportSection("Summary table (mean [95% CI])", SummaryTables(data, chosen).Select(t => (ReportBlock)new TableBlock(t)).ToList()));
        return new ReportDocument("Sweep report: " + Path.GetFileNameWithoutExtension(m.SweepFile), sub, sections);
    }

    private static List<KeyValuePair<string, string>> Facts(SweepData data, IReadOnlyList<string> chosen)
    {
        var m = data.Manifest;
        var ic = CultureInfo.InvariantCulture;
        var facts = new List<KeyValuePair<string, string>>
        {
            new("Sweep file", m.SweepFile),
            new("Base scenario", m.BaseFile),
        };
        if (m.Design.Kind != DesignKind.Grid)
        {
            facts.Add(new("Design", string.Create(ic, $"{m.Design.Name}, samples {m.Design.Samples}{(m.Design.Seed is { } ds ? $", seed {ds}" : "")}")));
            facts.Add(new("Parameters", string.Join(", ", m.Parameters)));
        }

        for (int p = 0; p < m.Parameters.Count && m.Design.Kind == DesignKind.Grid; p++)
        {
            facts.Add(new("Parameter " + m.Parameters[p], string.Join(", ", Levels(data, p))));
        }

        facts.Add(new("Points × replications", string.Create(ic, $"{m.Points} × {m.Replications} = {m.Jobs} jobs")));
        facts.Add(new("Seed", m.Seed.ToString(ic)));
        facts.Add(new("Metrics", string.Join(", ", chosen)));
        if (chosen.Count < data.Metrics.Count)
        {
            facts.Add(new("Metrics in summary.csv", string.Create(ic, $"{data.Metrics.Count} (the report shows the {chosen.Count} above)")));
        }

        return facts;
    }

    /// <summary>
    /// The sensitivity section: per metric a chart of every parameter's indices (Sobol' first and total order, or Morris μ*)
    /// with their 95% bootstrap intervals, and a table of the numbers.
    /// </summary>
    public static ReportSection SensitivitySection(SensitivityResult result, IReadOnlyList<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metrics);
        bool sobol = result.Manifest.Design.Kind == DesignKind.Saltelli;
        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock(sobol
                ? "Sobol' indices of each parameter: first order (its effect alone) and total order (with all its interactions), as shares of the output variance across the design, with 95% bootstrap intervals. A total index whose interval reaches 0 marks a parameter that does not matter for that metric."
                : "Morris elementary effects: μ* (mean absolute change of the metric per full range of the parameter) with its 95% bootstrap interval; σ in the table (large against μ* means interactions or curvature)."),
        };
        foreach (var ms in result.Metrics.Where(x => metrics.Contains(x.Metric)))
        {
            blocks.Add(new ChartBlock(new ReportChart($"sensitivity-{Slug(ms.Metric)}.svg", SensitivityChart(ms, sobol))));
        }

        var header = sobol
            ? new List<string> { "Metric", "Parameter", "First order [95% CI]", "Total order [95% CI]", "Noise share" }
            : new List<string> { "Metric", "Parameter", "μ* [95% CI]", "μ", "σ", "Noise share" };
        var rows = result.Metrics.Where(x => metrics.Contains(x.Metric)).SelectMany(ms => ms.Parameters.Select(p => (IReadOnlyList<string>)(sobol
            ? [ms.Metric, p.Parameter, Est(p.Sobol!.First), Est(p.Sobol.Total), Share(ms.NoiseShare)]
            : [ms.Metric, p.Parameter, Est(p.Morris!.MuStar), Num(p.Morris.Mu), Num(p.Morris.Sigma), Share(ms.NoiseShare)]))).ToArray();
        blocks.Add(new TableBlock(new ReportTable(header, rows) { NumericColumns = new HashSet<int>(Enumerable.Range(2, header.Count - 2)) }));
        return new ReportSection(sobol ? "Sensitivity: Sobol' indices" : "Sensitivity: Morris elementary effects", blocks);

        static string Num(double v) => double.IsFinite(v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "—";
        static string Est(Estimate e) => double.IsFinite(e.Value) ? $"{Num(e.Value)} [{Num(e.Low)}, {Num(e.High)}]" : "—";
        static string Share(double v) => double.IsFinite(v) ? v.ToString("0.0%", CultureInfo.InvariantCulture) : "—";
    }

    /// <summary>One metric's indices: bars per parameter (first and total order, or μ*) with interval whiskers.</summary>
    public static Chart SensitivityChart(MetricSensitivity metric, bool sobol)
    {
        ArgumentNullException.ThrowIfNull(metric);
        static BarValue Bar(Estimate e) => new(double.IsFinite(e.Value) ? e.Value : 0, e.Low, e.High);
        var series = sobol
            ? new ChartSeries[]
            {
                new BarSeries("First order", metric.Parameters.Select(p => Bar(p.Sobol!.First)).ToArray()),
                new BarSeries("Total order", metric.Parameters.Select(p => Bar(p.Sobol!.Total)).ToArray()),
            }
            : [new BarSeries("μ*", metric.Parameters.Select(p => Bar(p.Morris!.MuStar)).ToArray())];
        var def = Definition(metric.Metric);
        return new Chart((sobol ? "Sobol' indices: " : "Morris μ*: ") + metric.Metric, series)
        {
            Subtitle = (def?.Description ?? metric.Metric) + string.Create(CultureInfo.InvariantCulture, $"; {metric.Rows} {(sobol ? "base rows" : "trajectories")}, 95% bootstrap intervals"),
            X = new Axis("Parameter", null) { Categories = metric.Parameters.Select(p => ShortKey(p.Parameter)).ToArray() },
            Y = sobol ? new Axis("Share of variance", null) { Percent = true, Min = Low(series), Max = High(series) } : new Axis("μ*", def is null || def.Unit == "share" ? null : def.Unit) { Min = 0, Max = High(series) },
            Legend = LegendPlacement.Top,
            Height = 440,
            Id = "sens-" + Slug(metric.Metric),
        };
    }

    // Axis ends that show every interval whole: at least 0 to 1 for shares of variance, with a twentieth of the span to spare.
    private static double Low(IEnumerable<ChartSeries> series)
    {
        var values = series.Cast<BarSeries>().SelectMany(b => b.Values).SelectMany(v => new[] { v.Value, v.Low }).Where(double.IsFinite).Append(0).ToArray();
        return values.Min() < 0 ? values.Min() - (0.05 * (values.Max() - values.Min())) : 0;
    }

    private static double High(IEnumerable<ChartSeries> series)
    {
        var values = series.Cast<BarSeries>().SelectMany(b => b.Values).SelectMany(v => new[] { v.Value, v.High }).Where(double.IsFinite).Append(0).ToArray();
        double top = Math.Max(values.Max(), series.Count() > 1 ? 1 : 0);
        return top + (0.05 * Math.Max(top - Math.Min(0, values.Min()), 1e-9));
    }

    /// <summary>Distinct values of parameter <paramref name="p"/> in point order.</summary>
    public static IReadOnlyList<string> Levels(SweepData data, int p)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Points.Select(pt => pt.Parameters[p]).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Indexes of parameters taking more than one value.</summary>
    public static int[] Varying(SweepData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Enumerable.Range(0, data.Manifest.Parameters.Count).Where(p => Levels(data, p).Count > 1).ToArray();
    }

    /// <summary>The swept parameter drawn on the x axis: the first varying parameter whose values are all numbers (null when none).</summary>
    public static int? XParameter(SweepData data, IReadOnlyList<int> varying)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(varying);
        foreach (int p in varying)
        {
            if (Levels(data, p).All(v => TryNumber(v, out _)))
            {
                return p;
            }
        }

        return null;
    }

    private static bool TryNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>The policy of a point: the values of the varying parameters other than <paramref name="except"/>, as "key=value, …".</summary>
    public static string PolicyLabel(SweepData data, SweepPoint point, IReadOnlyList<int> varying, int? except)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(varying);
        var parts = varying.Where(p => p != except)
            .Select(p => TryNumber(point.Parameters[p], out _) ? ShortKey(data.Manifest.Parameters[p]) + "=" + point.Parameters[p] : ShortKey(data.Manifest.Parameters[p]) + " " + point.Parameters[p]).ToArray();
        return parts.Length == 0 ? "all points" : string.Join(", ", parts);
    }

    /// <summary>A short name of a dotted key for legends: "policy.crew.twoOfficerShare" → "paired", "staffing.scale" → "staffing", else the last segment (the last two when it is a number: "targets.responseMinutes.1" → "responseMinutes.1").</summary>
    public static string ShortKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string? alias = key switch
        {
            "policy.crew.twoOfficerShare" => "paired",
            "policy.backup.rule" => "backup",
            "policy.backup.minRisk" => "backupRisk",
            "policy.dispatch.rule" => "dispatch",
            "staffing.scale" => "staffing",
            "demand.multiplier" => "demand",
            _ => null,
        };
        if (alias is not null)
        {
            return alias;
        }

        // The last segment, or the last two when it is a number or list index ("targets.responseMinutes.1" → "responseMinutes.1").
        var parts = key.Split('.');
        return parts.Length > 1 && parts[^1].All(char.IsAsciiDigit) ? parts[^2] + "." + parts[^1] : parts[^1];
    }

    /// <summary>
    /// The charts of one metric against the x parameter: one chart when the other parameters make at most four policies,
    /// else one chart per value of the last other varying parameter (small multiples, so the CI bands stay readable).
    /// </summary>
    public static IReadOnlyList<ReportChart> MetricCharts(SweepData data, string metric, int x, IReadOnlyList<int> varying)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(varying);
        var others = varying.Where(p => p != x).ToArray();
        int policies = data.Points.Select(pt => PolicyLabel(data, pt, varying, x)).Distinct(StringComparer.Ordinal).Count();
        if (policies <= 4 || others.Length < 2)
        {
            return [new ReportChart($"sweep-{Slug(metric)}.svg", MetricChart(data, metric, x, varying, data.Points, null))];
        }

        int facet = others[^1];
        var lineParams = varying.Where(p => p != facet).ToArray();
        return Levels(data, facet).Select((level, k) =>
        {
            string facetLabel = ShortKey(data.Manifest.Parameters[facet]) + "=" + level;
            var subset = data.Points.Where(pt => pt.Parameters[facet] == level).ToArray();
            return new ReportChart(string.Create(CultureInfo.InvariantCulture, $"sweep-{Slug(metric)}-{k + 1}.svg"), MetricChart(data, metric, x, lineParams, subset, facetLabel));
        }).ToArray();
    }

    /// <summary>One metric against the x parameter over <paramref name="points"/>, one line (with CI band) per combination of the other parameters in <paramref name="varying"/>.</summary>
    public static Chart MetricChart(SweepData data, string metric, int x, IReadOnlyList<int> varying, IReadOnlyList<SweepPoint> points, string? facet)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(points);
        var groups = points.GroupBy(pt => PolicyLabel(data, pt, varying, x), StringComparer.Ordinal).Take(MaxLines).ToArray();
        var series = groups.Select((g, i) => (ChartSeries)new LineSeries(g.Key,
            g.Select(pt => (pt, v: Number(pt.Parameters[x]))).OrderBy(t => t.v)
             .Select(t => (t.v, ci: RunReport.NeverNegative(t.pt.Metrics[metric])))
             .Select(t => new LinePoint(t.v, t.ci.Mean, t.ci.Low, t.ci.High)).ToArray())
        {
            Dashed = i >= 8,
        }).ToArray();
        var def = Definition(metric);
        string xKey = data.Manifest.Parameters[x];
        return new Chart(metric + " against " + ShortKey(xKey) + (facet is null ? "" : " (" + facet + ")"), series)
        {
            Subtitle = (def?.Description ?? metric) + "; mean with 95% CI band" + (groups.Length < points.GroupBy(pt => PolicyLabel(data, pt, varying, x)).Count() ? $" (first {MaxLines} policies)" : ""),
            X = new Axis(xKey, null),
            Y = new Axis(metric, def is null || def.Unit == "share" ? null : def.Unit) { Percent = def?.Unit == "share", NeverNegative = true },
            Legend = series.Length > 4 ? LegendPlacement.Right : LegendPlacement.Auto,
            Width = series.Length > 4 ? 1120 : 960,
            Id = "sw-" + Slug(metric) + (facet is null ? "" : "-" + Slug(facet)),
        };
    }

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static MetricDefinition? Definition(string metric) =>
        MetricSelector.TryParse(metric, out _)?.Metric;

    /// <summary>File-name form of a metric name: "responseTime.p90@1" → "responseTime-p90-p1".</summary>
    public static string Slug(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Replace("@", "-p", StringComparison.Ordinal).Replace('.', '-');
    }

    /// <summary>P1 mean response (or overall mean response) against solo exposure, one series per policy, labelled by the x parameter value, Pareto front highlighted; null when the metrics are missing.</summary>
    public static Chart? TradeOff(SweepData data, IReadOnlyList<int> varying)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(varying);
        const string xm = "soloExposureIndex";
        string? ym = new[] { "responseTime.mean@1", "responseTime.mean" }.FirstOrDefault(data.Metrics.Contains);
        if (!data.Metrics.Contains(xm) || ym is null)
        {
            return null;
        }

        int? staffing = varying.Cast<int?>().FirstOrDefault(p => data.Manifest.Parameters[p!.Value].StartsWith("staffing", StringComparison.Ordinal));
        int? colourBy = staffing ?? XParameter(data, varying);
        var front = ParetoFront.Compute(data.Points.Select(pt => (pt.Metrics[xm].Mean, pt.Metrics[ym].Mean)).ToArray(), Objective.Minimise, Objective.Minimise)
            .Select(i => data.Points[i].Point).ToHashSet();
        var groups = data.Points.GroupBy(pt => PolicyLabel(data, pt, varying, colourBy), StringComparer.Ordinal).ToArray();
        ScatterPoint P(SweepPoint pt) => CompareReport.WithIntervals(pt.Metrics[xm], pt.Metrics[ym],
            front.Contains(pt.Point) ? "#" + pt.Point.ToString(CultureInfo.InvariantCulture) : null);
        MarkerShape[] shapes = [MarkerShape.Circle, MarkerShape.Square, MarkerShape.Triangle, MarkerShape.Diamond];
        var series = groups.Length > 16
            ? [new ScatterSeries("Points", data.Points.Select(P).ToArray())]
            : groups.Select((g, i) => (ChartSeries)new ScatterSeries(g.Key, g.Select(P).ToArray()) { Marker = shapes[(i + (i / 8)) % shapes.Length] }).ToArray();
        return new Chart("Trade-off: response against solo exposure", series)
        {
            Subtitle = "Each point is one sweep point (means), coloured by policy; lower-left is better on both; Pareto-front points are labelled #point (table below)",
            X = new Axis("Solo exposure", "per 1,000 calls") { NeverNegative = true },
            Y = new Axis(ym.EndsWith("@1", StringComparison.Ordinal) ? "P1 mean response time" : "Mean response time", "min") { NeverNegative = true },
            Pareto = new ParetoHighlight(Objective.Minimise, Objective.Minimise),
            Legend = series.Length > 4 ? LegendPlacement.Right : LegendPlacement.Auto,
            Width = series.Length > 4 ? 1120 : 960,
            Height = 600,
            Id = "sw-tradeoff",
        };
    }

    /// <summary>The points on the Pareto front of (solo exposure, P1 mean response), by increasing exposure: point, parameters, both metrics.</summary>
    public static ReportTable FrontTable(SweepData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        const string xm = "soloExposureIndex";
        string ym = new[] { "responseTime.mean@1", "responseTime.mean" }.First(data.Metrics.Contains);
        var front = ParetoFront.Compute(data.Points.Select(pt => (pt.Metrics[xm].Mean, pt.Metrics[ym].Mean)).ToArray(), Objective.Minimise, Objective.Minimise)
            .Select(i => data.Points[i]).OrderBy(pt => pt.Metrics[xm].Mean).ThenBy(pt => pt.Point).ToArray();
        var header = new List<string> { "Point" };
        header.AddRange(data.Manifest.Parameters);
        header.Add(xm);
        header.Add(ym);
        int pc = data.Manifest.Parameters.Count;
        var rows = front.Select(pt =>
        {
            var cells = new List<string> { "#" + pt.Point.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(pt.Parameters);
            cells.Add(RunReport.WithCi(RunReport.NeverNegative(pt.Metrics[xm]), 0));
            cells.Add(RunReport.WithCi(RunReport.NeverNegative(pt.Metrics[ym]), 2));
            return (IReadOnlyList<string>)cells;
        }).ToArray();
        return new ReportTable(header, rows) { Caption = "Pareto front: mean [95% CI]", NumericColumns = new HashSet<int> { 0, pc + 1, pc + 2 } };
    }

    /// <summary>
    /// The sweep's dimensions among the varying parameters: parameters that move together (a zip group, whose values pair
    /// one to one) form one dimension; in parameter order.
    /// </summary>
    public static IReadOnlyList<int[]> Dimensions(SweepData data, IReadOnlyList<int> varying)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(varying);
        var groups = new List<List<int>>();
        foreach (int p in varying)
        {
            var home = groups.FirstOrDefault(g =>
            {
                int q = g[0];
                int pairs = data.Points.Select(pt => (pt.Parameters[q], pt.Parameters[p])).Distinct().Count();
                return pairs == Levels(data, q).Count && pairs == Levels(data, p).Count;
            });
            if (home is null)
            {
                groups.Add([p]);
            }
            else
            {
                home.Add(p);
            }
        }

        return groups.Select(g => g.ToArray()).ToArray();
    }

    private static string DimensionValue(SweepPoint pt, int[] dim) => string.Join(" / ", dim.Select(p => pt.Parameters[p]));

    private static string DimensionName(SweepData data, int[] dim) => string.Join(" / ", dim.Select(p => data.Manifest.Parameters[p]));

    /// <summary>
    /// Heatmaps for sweeps of two or more dimensions (a zip group is one dimension, its values joined with " / "): the first two
    /// dimensions as columns × rows, one heatmap per chosen metric and combination of the remaining dimensions (at most
    /// <see cref="MaxHeatmaps"/> per metric). Every cell is a point of the sweep, so no heatmap is mostly empty.
    /// </summary>
    public static IReadOnlyList<ReportChart> Heatmaps(SweepData data, IReadOnlyList<int> varying, IReadOnlyList<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(varying);
        ArgumentNullException.ThrowIfNull(metrics);
        var charts = new List<ReportChart>();
        var dims = Dimensions(data, varying);
        if (dims.Count < 2)
        {
            return charts;
        }

        int[] cx = dims[0], cy = dims[1];
        var rest = dims.Skip(2).SelectMany(d => d).ToArray();
        var xs = data.Points.Select(pt => DimensionValue(pt, cx)).Distinct(StringComparer.Ordinal).ToArray();
        var ys = data.Points.Select(pt => DimensionValue(pt, cy)).Distinct(StringComparer.Ordinal).ToArray();
        var slices = data.Points.GroupBy(pt => string.Join(", ", rest.Select(p => ShortKey(data.Manifest.Parameters[p]) + "=" + pt.Parameters[p])), StringComparer.Ordinal)
            .Take(MaxHeatmaps).ToArray();
        foreach (string metric in metrics)
        {
            var def = Definition(metric);
            int k = 0;
            foreach (var slice in slices)
            {
                var values = ys.Select(yv => (IReadOnlyList<double>)xs.Select(xv =>
                    slice.FirstOrDefault(pt => DimensionValue(pt, cx) == xv && DimensionValue(pt, cy) == yv)?.Metrics[metric].Mean ?? double.NaN).ToArray()).ToArray();
                string title = metric + (slice.Key.Length == 0 ? "" : " (" + slice.Key + ")");
                var heat = new HeatmapSeries(def is null || def.Unit == "share" ? metric : def.Unit, xs, ys, values)
                {
                    ValueFormat = def?.Unit == "share" ? "0.000" : null,
                };
                var chart = new Chart(title, [heat])
                {
                    Subtitle = (def?.Description ?? metric) + "; mean over replications",
                    X = new Axis(DimensionName(data, cx), null),
                    Y = new Axis(DimensionName(data, cy), null),
                    Height = Math.Max(360, 120 + 48 * ys.Length),
                    Id = string.Create(CultureInfo.InvariantCulture, $"sw-heat-{Slug(metric)}-{k}"),
                };
                string file = slices.Length == 1 ? $"sweep-heatmap-{Slug(metric)}.svg" : string.Create(CultureInfo.InvariantCulture, $"sweep-heatmap-{Slug(metric)}-{k + 1}.svg");
                charts.Add(new ReportChart(file, chart));
                k++;
            }
        }

        return charts;
    }

    /// <summary>Most metric columns in one summary table, so that it fits a 1280 px page beside the parameters.</summary>
    public const int SummaryMetricsPerTable = 4;

    /// <summary>
    /// The summary table split by metrics, <see cref="SummaryMetricsPerTable"/> per table, each repeating point, parameters and
    /// replications; captioned "metrics k–m of n" when there is more than one.
    /// </summary>
    public static IReadOnlyList<ReportTable> SummaryTables(SweepData data, IReadOnlyList<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var chunks = metrics.Chunk(SummaryMetricsPerTable).ToArray();
        return chunks.Length <= 1
            ? [SummaryTable(data, metrics)]
            : chunks.Select((c, i) => SummaryTable(data, c) with
            {
                Caption = string.Create(CultureInfo.InvariantCulture, $"Metrics {(i * SummaryMetricsPerTable) + 1}–{(i * SummaryMetricsPerTable) + c.Length} of {metrics.Count}"),
            }).ToArray();
    }

    /// <summary>Every point: parameters, replications, then "mean [low, high]" per metric of <paramref name="metrics"/> (default: every metric).</summary>
    public static ReportTable SummaryTable(SweepData data, IReadOnlyList<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        metrics ??= data.Metrics;
        var header = new List<string> { "Point" };
        header.AddRange(data.Manifest.Parameters.Select(ShortKey));
        header.Add("Reps");
        header.AddRange(metrics);
        int pc = data.Manifest.Parameters.Count;
        var rows = data.Points.Select(pt =>
        {
            var cells = new List<string> { pt.Point.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(pt.Parameters);
            cells.Add(pt.Replications.ToString(CultureInfo.InvariantCulture));
            cells.AddRange(metrics.Select(m => RunReport.WithCi(RunReport.NeverNegative(pt.Metrics[m]), Output.Format.DecimalsFor(Definition(m)?.Unit ?? ""))));
            return (IReadOnlyList<string>)cells;
        }).ToArray();
        var numeric = new HashSet<int> { 0, pc + 1 };
        for (int i = 0; i < metrics.Count; i++)
        {
            numeric.Add(pc + 2 + i);
        }

        return new ReportTable(header, rows) { NumericColumns = numeric };
    }
}
