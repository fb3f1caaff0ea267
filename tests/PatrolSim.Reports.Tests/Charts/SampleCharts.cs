using PatrolSim.Reports.Charts;

namespace PatrolSim.Reports.Tests.Charts;

/// <summary>Realistic sample charts of every kind, shared by the tests and by the sample-rendering test.</summary>
internal static class SampleCharts
{
    public static Chart Line() => new(
        "P1 response time against patrol units on shift",
        [
            new LineSeries("One-officer cars", Sweep(14.2, 0.55)),
            new LineSeries("Two-officer cars", Sweep(19.5, 0.75)),
            new LineSeries("Mixed (risky calls paired)", Sweep(16.0, 0.62)),
        ])
    {
        Subtitle = "Mid-size city, 20 replications, shaded: 95% confidence interval",
        X = new Axis("Patrol units on shift"),
        Y = new Axis("Mean P1 response time", "min"),
        ReferenceLines = [new ReferenceLine(ReferenceAxis.Y, 10, "Target 10 min")],
    };

    private static List<LinePoint> Sweep(double start, double halfWidth)
    {
        var points = new List<LinePoint>();
        for (int units = 8; units <= 24; units += 2)
        {
            double mean = 6 + ((start - 6) * Math.Exp(-(units - 8) / 5.0));
            double hw = halfWidth * (1 + ((24 - units) / 10.0));
            points.Add(new LinePoint(units, mean, mean - hw, mean + hw));
        }

        return points;
    }

    public static Chart Bars() => new(
        "Key metrics by policy",
        [
            new BarSeries("Current policy (2016)", [new(12.4, 11.8, 13.0), new(3.1, 2.7, 3.5), new(62, 58, 66)]),
            new BarSeries("One-officer cars", [new(9.1, 8.6, 9.6), new(17.5, 16.2, 18.8), new(71, 67, 75)]),
            new BarSeries("Backup for risky calls", [new(10.2, 9.7, 10.7), new(6.8, 6.0, 7.6), new(68, 64, 72)]),
        ])
    {
        Subtitle = "Means with 95% confidence intervals over 20 replications",
        X = new Axis { Categories = ["P1 response time (min)", "Solo exposure per 1,000 calls", "Utilisation (%)"] },
        Y = new Axis("Value"),
    };

    public static Chart Differences() => new(
        "Paired differences against the current policy",
        [
            new BarSeries("One-officer cars", [new(-3.3, -3.9, -2.7), new(14.4, 13.1, 15.7), new(9, 6, 12)]),
            new BarSeries("Backup for risky calls", [new(-2.2, -2.7, -1.7), new(3.7, 2.9, 4.5), new(6, 3, 9)]),
        ])
    {
        X = new Axis { Categories = ["P1 response", "Solo exposure", "Utilisation"] },
        Y = new Axis("Difference from current policy"),
    };

    public static Chart Scatter() => new(
        "Trade-off: P1 response against solo exposure",
        [
            new ScatterSeries("One-officer cars", [new(8.2, 19.0, "1-off, 24 units"), new(9.1, 17.5, "1-off, 20 units"), new(10.6, 16.1, "1-off, 16 units")]),
            new ScatterSeries("Two-officer cars", [new(11.5, 1.2, "2-off, 12 pairs"), new(12.4, 3.1, "2-off, 10 pairs"), new(14.8, 0.9, "2-off, 8 pairs")]),
            new ScatterSeries("Backup for risky calls", [new(9.6, 7.9, "backup, 20 units"), new(10.2, 6.8, "backup, 18 units"), new(11.0, 9.4, "backup, 16 units")]),
        ])
    {
        Subtitle = "Lower is better on both axes",
        X = new Axis("Mean P1 response time", "min"),
        Y = new Axis("Solo exposure", "per 1,000 risky calls"),
        Pareto = new ParetoHighlight(Objective.Minimise, Objective.Minimise),
    };

    public static Chart Heatmap()
    {
        string[] units = ["8", "10", "12", "14", "16", "18", "20"];
        string[] rates = ["2.0", "2.5", "3.0", "3.5", "4.0"];
        var values = rates.Select((r, i) => (IReadOnlyList<double>)units.Select((u, j) =>
            Math.Round(6 + (4.5 * (i + 1) / (j + 1.5)) + (i * 0.4), 2)).ToList()).ToList();
        return new Chart("P1 response time over staffing and demand", [new HeatmapSeries("Mean P1 response (min)", units, rates, values)])
        {
            X = new Axis("Units on shift"),
            Y = new Axis("Calls per hour"),
        };
    }

    public static Chart Histogram()
    {
        var rng = new Random(11);
        var values = Enumerable.Range(0, 800).Select(_ => 3 + Gamma(rng, 2.5, 2.4)).ToList();
        return new Chart("Distribution of P1 response times", [new HistogramSeries("P1 calls", values) { Scale = HistogramScale.Percent }])
        {
            Subtitle = "800 calls, one replication",
            X = new Axis("Response time", "min"),
            ReferenceLines = [new ReferenceLine(ReferenceAxis.X, 10, "Target 10 min")],
        };
    }

    public static Chart Ecdf()
    {
        var rng = new Random(5);
        var series = new List<ChartSeries>();
        (string Name, double Shift, double Scale)[] groups = [("Priority 1", 3, 2.0), ("Priority 2", 5, 3.5), ("Priority 3", 8, 6.0)];
        foreach (var (name, shift, scale) in groups)
        {
            series.Add(new EcdfSeries(name, Enumerable.Range(0, 400).Select(_ => shift + Gamma(rng, 2, scale)).ToList()));
        }

        return new Chart("Response time by priority", series)
        {
            X = new Axis("Response time", "min"),
            Y = new Axis("Calls answered within") { Percent = true },
            ReferenceLines = [new ReferenceLine(ReferenceAxis.X, 10, "P1 target"), new ReferenceLine(ReferenceAxis.X, 20, "P2 target")],
        };
    }

    public static Chart Profile24()
    {
        double[] calls = Enumerable.Range(0, 24).Select(h => Math.Round(4 + (3 * Math.Sin((h - 9) * Math.PI / 12)) + (h is >= 20 or <= 1 ? 2 : 0), 2)).ToArray();
        return new Chart("Calls by hour of day", [
            new ProfileSeries("Calls per hour", calls) { Low = calls.Select(v => v * 0.85).ToList(), High = calls.Select(v => v * 1.15).ToList() },
            new ProfileSeries("Units busy", calls.Select(v => Math.Round(v * 1.6, 2)).ToList()),
        ])
        {
            Y = new Axis("Mean per hour"),
        };
    }

    public static Chart Profile168()
    {
        double[] calls = Enumerable.Range(0, 168).Select(h =>
        {
            int day = h / 24, hour = h % 24;
            double weekend = day >= 4 ? 1.25 : 1.0;
            return Math.Round(weekend * (4 + (3 * Math.Sin((hour - 9) * Math.PI / 12))), 2);
        }).ToArray();
        return new Chart("Calls by hour of week", [new ProfileSeries("Calls per hour", calls)])
        {
            Y = new Axis("Calls per hour"),
            ReferenceLines = [new ReferenceLine(ReferenceAxis.Y, 6, "Capacity at 12 units")],
        };
    }

    public static Chart ManySeriesLongLabels() => new(
        "Utilisation by district (many policies)",
        Enumerable.Range(0, 11).Select(i => (ChartSeries)new BarSeries($"Policy variant number {i + 1}", Enumerable.Range(0, 6).Select(k => new BarValue(0.3 + (0.05 * ((i + k) % 9)))).ToList())).ToList())
    {
        X = new Axis("District") { Categories = ["North Riverside and Harbour", "Old Town Centre", "University Quarter East", "Industrial Estate (South-West)", "Airport", "Hillcrest Suburbs and Outlying Villages"] },
        Y = new Axis("Utilisation") { Percent = true, Min = 0, Max = 1 },
    };

    public static IEnumerable<(string Name, Chart Chart)> All()
    {
        yield return ("line", Line());
        yield return ("bars", Bars());
        yield return ("differences", Differences());
        yield return ("scatter", Scatter());
        yield return ("heatmap", Heatmap());
        yield return ("histogram", Histogram());
        yield return ("ecdf", Ecdf());
        yield return ("profile24", Profile24());
        yield return ("profile168", Profile168());
        yield return ("many", ManySeriesLongLabels());
        yield return ("rotated", Rotated());
        yield return ("empty", Empty());
        yield return ("single", Single());
        yield return ("manylines", ManyLines());
        yield return ("heatmap-diverging", DivergingHeatmap());
        yield return ("tradeoff-9", NinePolicyTradeOff());
        yield return ("tradeoff-9-right", NinePolicyTradeOff() with { Legend = LegendPlacement.Right });
    }

    /// <summary>
    /// The sweep trade-off that went wrong by hand: 9 policies with long names (more than the palette's 8 colours),
    /// a Pareto front whose labels #24, #25, #26 sit on nearly the same spot, intervals on both axes and a long subtitle.
    /// </summary>
    public static Chart NinePolicyTradeOff() => new(
        "Trade-off: P1 response against solo exposure",
        Enumerable.Range(0, 9).Select(i => (ChartSeries)new ScatterSeries(
            $"twoOfficerShare={(i % 3) * 0.5:0.0}, backup rule {(i / 3) switch { 0 => "none", 1 => "risk", _ => "always" }}",
            Enumerable.Range(0, 3).Select(k =>
            {
                int point = (i * 3) + k;
                double x = point is 24 or 25 or 26 ? 0.30 + (0.002 * k) : 0.3 + (0.05 * i) + (0.02 * k);
                double y = point is 24 or 25 or 26 ? 9.0 - (0.01 * k) : 14 - i + (0.4 * k);
                return new ScatterPoint(x, y, point is 24 or 25 or 26 or 0 or 3 ? "#" + point.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)
                {
                    XLow = x - 0.01, XHigh = x + 0.01, YLow = y - 0.3, YHigh = y + 0.3,
                };
            }).ToList())).ToList())
    {
        Subtitle = "One point per sweep point, coloured by policy; the Pareto front (lower is better on both) is labelled with its point number (table below)",
        X = new Axis("Solo exposure index"),
        Y = new Axis("P1 mean response", "min"),
        Pareto = new ParetoHighlight(Objective.Minimise, Objective.Minimise),
    };

    public static Chart Rotated() => new(
        "Queue delay by call type",
        [
            new BarSeries("Weekday", Enumerable.Range(0, 9).Select(i => new BarValue(2 + (i % 4), 1.5 + (i % 4), 2.6 + (i % 4))).ToList()),
            new BarSeries("Weekend", Enumerable.Range(0, 9).Select(i => new BarValue(3 + (i % 3), 2.2 + (i % 3), 3.9 + (i % 3))).ToList()),
        ])
    {
        X = new Axis("Call type") { Categories = ["Domestic-disturbance", "Burglary-in-progress", "Traffic-collision-with-injuries", "Alarm", "Welfare-check", "Shoplifting", "Noise-complaint", "Suspicious-vehicle", "Assault"] },
        Y = new Axis("Mean queue delay", "min"),
        Legend = LegendPlacement.Bottom,
    };

    public static Chart Empty() => new("No completed runs yet", [new LineSeries("Runs", [])])
    {
        X = new Axis("Replication"),
        Y = new Axis("Mean response", "min"),
    };

    public static Chart Single() => new(
        "A single replication",
        [new LineSeries("Mean", [new(12, 8.4, 7.9, 9.1)]), new ScatterSeries("Observed", [new(12.5, 8.1, "rep 1")])])
    {
        X = new Axis("Units"),
        Y = new Axis("Response", "min"),
        Legend = LegendPlacement.Right,
    };

    public static Chart ManyLines() => new(
        "Change in P1 response by policy variant",
        Enumerable.Range(0, 10).Select(i => (ChartSeries)new LineSeries(
            $"Variant {(char)('A' + i)}",
            Enumerable.Range(0, 12).Select(k => new LinePoint(k + 1, Math.Round(Math.Sin((k + i) / 3.0) * (1 + (i * 0.3)), 3))).ToList())).ToList())
    {
        Subtitle = "Difference from the current policy; negative is faster",
        X = new Axis("Month"),
        Y = new Axis("Difference", "min"),
        Legend = LegendPlacement.Right,
        Annotations = [new Annotation(6, 3.9, "Summer peak")],
    };

    public static Chart DivergingHeatmap()
    {
        string[] districts = ["North Riverside and Harbour", "Old Town", "University Quarter", "Industrial Estate (South-West)"];
        string[] hours = Enumerable.Range(0, 12).Select(h => (h * 2).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var values = districts.Select((d, i) => (IReadOnlyList<double>)hours.Select((h, j) => i == 2 && j == 5 ? double.NaN : Math.Round(Math.Sin((i + 1) * (j + 1) / 4.0) * 3.2, 2)).ToList()).ToList();
        return new Chart("Change in utilisation by district and hour", [new HeatmapSeries("Change (points)", hours, districts, values) { Scale = ColorScaleKind.Diverging }])
        {
            Subtitle = "One-officer cars minus current policy",
            X = new Axis("Hour of day"),
        };
    }

    private static double Gamma(Random rng, double shape, double scale)
    {
        // Sum of exponentials for the integer part plus one scaled for the fraction: good enough for sample data.
        double sum = 0;
        int k = (int)shape;
        for (int i = 0; i < k; i++)
        {
            sum -= Math.Log(1 - rng.NextDouble());
        }

        double frac = shape - k;
        if (frac > 0)
        {
            sum -= frac * Math.Log(1 - rng.NextDouble());
        }

        return sum * scale;
    }
}
