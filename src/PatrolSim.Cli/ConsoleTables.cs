using System.Globalization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Model.Metrics;
using PatrolSim.Reports.Output;
using Spectre.Console;

namespace PatrolSim.Cli;

/// <summary>Readable console tables (Spectre.Console).</summary>
internal static class ConsoleTables
{
    public static void WriteRun(IAnsiConsole console, RunSummary summary)
    {
        var s = summary.Scenario;
        console.Write(new Markup($"[bold]{Markup.Escape(s.Name)}[/]"));
        console.WriteLine();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Horizon.Days:0.##} days ({s.Horizon.WarmupDays:0.##} warm-up), {summary.Replications.Count} replications, seed {summary.Seed}; mean ± 95% CI half-width"));
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Metric");
        table.AddColumn("Unit");
        table.AddColumn(new TableColumn("All calls").RightAligned());
        foreach (int p in summary.ByPriority.Keys)
        {
            table.AddColumn(new TableColumn(string.Create(CultureInfo.InvariantCulture, $"P{p}")).RightAligned());
        }

        foreach (var m in MetricCatalog.All)
        {
            var cells = new List<string> { m.Name, m.Unit, Cell(summary.Overall[m.Index], m.Unit) };
            foreach (var (_, list) in summary.ByPriority)
            {
                cells.Add(m.ByPriority ? Cell(list[m.Index], m.Unit) : "");
            }

            table.AddRow(cells.Select(c => new Text(c)).ToArray());
        }

        console.Write(table);
        WriteWarnings(console, summary);
    }

    /// <summary>The warnings of a run (<see cref="RunSummary.Warnings"/>: calls left open, saturation, an officer riding alone), as run, staff and every command that chooses a run print them.</summary>
    public static void WriteWarnings(IAnsiConsole console, RunSummary summary)
    {
        foreach (string warning in summary.Warnings)
        {
            console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(warning));
        }
    }

    public static string Cell(ConfidenceInterval ci, string unit)
    {
        int d = Format.DecimalsFor(unit);
        if (double.IsNaN(ci.Mean))
        {
            return "–";
        }

        return double.IsNaN(ci.HalfWidth) ? Format.Display(ci.Mean, d) : $"{Format.Display(ci.Mean, d)} ± {Format.Display(ci.HalfWidth, d)}";
    }
    /// <summary>The metrics of the comparison table, in order (P1 rows only when the scenario has priority 1).</summary>
    internal static readonly string[] KeyMetrics =
    [
        "responseTime.mean", "responseTime.p90", "responseTime.mean@1", "responseTime.p90@1", "queueDelay.mean", "withinTarget",
        "soloMinutesPerDay.high", "soloMinutesPerDay.medium", "soloMinutesPerDay.low", "soloPatrolHoursPerDay", "soloExposureIndex",
        "backupDelay.mean", "backupMissed", "utilization", "proactiveShare", "overtimeHoursPerDay",
    ];

    /// <summary>The headline of each variant's verdict line: metric and its short label.</summary>
    private static readonly (string Metric, string Label)[] Headline =
    [
        ("responseTime.mean@1", "P1 response"), ("responseTime.mean", "response"),
        ("soloMinutesPerDay.high", "alone at high-risk calls"), ("soloMinutesPerDay.medium", "alone at medium-risk calls"),
        ("soloPatrolHoursPerDay", "solo patrol hours"), ("backupDelay.mean", "backup delay"), ("proactiveShare", "proactive time"),
    ];

    public static void WriteComparison(IAnsiConsole console, ComparisonResult result)
    {
        var s0 = result.Variants[0].Scenario;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Variants.Count} variants, {s0.Horizon.Days:0.##} days ({s0.Horizon.WarmupDays:0.##} warm-up), {result.Replications} replications each, seed {result.Seed}, common random numbers"));
        console.WriteLine($"Reference: {result.Variants[0].Name}. Cells: mean ± 95% CI half-width; Δ = paired difference to the reference [95% CI], * when the CI excludes 0.");
        // The widest layout that fits the console: means and differences side by side; else a table of means and one of
        // differences; else one block per variant (its means and its difference to the reference), which fits 100 columns
        // for any number of variants.
        var metrics = KeyMetrics.Select(name => result.Metrics.FirstOrDefault(x => x.Name == name)).OfType<MetricSelector>().ToArray();
        var all = Enumerable.Range(0, result.Variants.Count).ToArray();
        Grid[][] layouts =
        [
            [ComparisonGrid(result, metrics, all, means: true, differences: true)],
            [ComparisonGrid(result, metrics, all, means: true, differences: false), ComparisonGrid(result, metrics, all, means: false, differences: true)],
            [ComparisonGrid(result, metrics, [0], means: true, differences: false), .. all.Skip(1).Select(i => ComparisonGrid(result, metrics, [i], means: true, differences: true))],
        ];
        int width = console.Profile.Width;
        foreach (var grid in layouts.FirstOrDefault(l => l.All(g => g.Width <= width)) ?? layouts[^1])
        {
            console.Write(grid.ToTable());
        }

        // Written straight to the output, wrapped only between phrases, so a verdict is never cut mid-phrase.
        for (int i = 1; i < result.Variants.Count; i++)
        {
            foreach (string line in WrapPhrases(Verdict(result, i), width))
            {
                console.Profile.Out.Writer.WriteLine(line);
            }
        }
    }

    /// <summary>A table as text cells: header, rows; the first two columns (metric, unit) left-aligned, the rest right-aligned.</summary>
    private sealed record Grid(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
    {
        /// <summary>The width of the table drawn with a border and one space of padding on each side of every cell.</summary>
        public int Width => 1 + Enumerable.Range(0, Header.Count).Sum(c => Rows.Select(r => r[c].Length).Append(Header[c].Length).Max() + 3);

        public Table ToTable()
        {
            var table = new Table().Border(TableBorder.Rounded);
            for (int c = 0; c < Header.Count; c++)
            {
                var column = new TableColumn(Markup.Escape(Header[c]));
                table.AddColumn(c < 2 ? column : column.RightAligned());
            }

            foreach (var row in Rows)
            {
                table.AddRow(row.Select(c => new Text(c)).ToArray());
            }

            return table;
        }
    }

    private static Grid ComparisonGrid(ComparisonResult result, IReadOnlyList<MetricSelector> metrics, IReadOnlyList<int> variants, bool means, bool differences)
    {
        var header = new List<string> { "Metric", "Unit" };
        foreach (int i in variants)
        {
            if (means)
            {
                header.Add(result.Variants[i].Name);
            }

            if (differences && i > 0)
            {
                header.Add("Δ " + result.Variants[i].Name);
            }
        }

        var rows = metrics.Select(m =>
        {
            var cells = new List<string> { m.Name, m.Metric.Unit };
            foreach (int i in variants)
            {
                var vm = result.Get(i, m);
                if (means)
                {
                    cells.Add(Cell(vm.Value, m.Metric.Unit));
                }

                if (differences && i > 0)
                {
                    cells.Add(DiffCell(vm.Difference, m.Metric.Unit));
                }
            }

            return (IReadOnlyList<string>)cells;
        }).ToArray();
        return new Grid(header, rows);
    }

    /// <summary>Splits "a; b; c" into lines of at most <paramref name="width"/> characters after a "; " (continuations indented); a longer phrase keeps its own line.</summary>
    internal static IReadOnlyList<string> WrapPhrases(string text, int width)
    {
        var lines = new List<string>();
        string line = "";
        string[] phrases = text.Split("; ");
        for (int k = 0; k < phrases.Length; k++)
        {
            string piece = line.Length == 0 ? phrases[k] : line + "; " + phrases[k];
            int room = k == phrases.Length - 1 ? width : width - 1; // a line broken after this phrase ends with ';'
            if (line.Length > 0 && piece.Length > room)
            {
                lines.Add(line + ";");
                line = "  " + phrases[k];
            }
            else
            {
                line = piece;
            }
        }

        lines.Add(line);
        return lines;
    }

    /// <summary>"+1.23 [0.98, 1.48] *" for a paired difference.</summary>
    internal static string DiffCell(ConfidenceInterval d, string unit)
    {
        if (double.IsNaN(d.Mean))
        {
            return "–";
        }

        double size = Math.Max(Math.Abs(d.Mean), double.IsNaN(d.High) ? 0 : Math.Max(Math.Abs(d.Low), Math.Abs(d.High)));
        int dec = size >= 100 ? 0 : size >= 10 ? Math.Min(1, Format.DecimalsFor(unit)) : Format.DecimalsFor(unit);

        string ci = double.IsNaN(d.Low) ? "" : $" [{Signed(d.Low, dec)}, {Signed(d.High, dec)}]";
        return Signed(d.Mean, dec) + ci + (d.ExcludesZero ? " *" : "");
    }

    /// <summary>One line per variant: "NAME vs REF: P1 response +3.1 min [2.7, 3.5]; solo exposure −100%; …".</summary>
    internal static string Verdict(ComparisonResult result, int variant)
    {
        var parts = new List<string>();
        foreach (var (metric, label) in Headline)
        {
            var m = result.Metrics.FirstOrDefault(x => x.Name == metric);
            if (m is null)
            {
                continue;
            }

            var reference = result.Get(0, m).Value;
            var d = result.Get(variant, m).Difference;
            if (double.IsNaN(d.Mean))
            {
                continue;
            }

            string ns = d.ExcludesZero ? "" : " (n.s.)";
            string text = m.Metric.Unit switch
            {
                "min" or "h" => $"{label} {Signed(d.Mean, 1)} {m.Metric.Unit} [{Signed(d.Low, 1)}, {Signed(d.High, 1)}]{ns}",
                "share" => $"{label} {Signed(100 * d.Mean, 1)} pts [{Signed(100 * d.Low, 1)}, {Signed(100 * d.High, 1)}]{ns}",
                _ => reference.Mean == 0 || double.IsNaN(reference.Mean)
                    ? $"{label} {Signed(d.Mean, 1)}{ns}"
                    : $"{label} {Signed(100 * d.Mean / reference.Mean, 0)}%{ns}",
            };
            parts.Add(text);
        }

        return $"{result.Variants[variant].Name} vs {result.Variants[0].Name}: {(parts.Count == 0 ? "no headline metric applies" : string.Join("; ", parts))}";
    }

    /// <summary>A signed number with a true minus sign: "+3.1", "−0.4", "0.0".</summary>
    internal static string Signed(double v, int decimals)
    {
        if (double.IsNaN(v))
        {
            return "–";
        }

        string abs = Format.Display(Math.Abs(v), decimals);
        if (abs.Trim('0', '.').Length == 0)
        {
            return abs;
        }

        return (v < 0 ? "−" : "+") + abs;
    }

    public static void WriteStaffing(IAnsiConsole console, StaffingQuestion question, StaffingAnswer answer)
    {
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Varying {question.Key} from {StaffingQuestion.Format(question.Min)} to {StaffingQuestion.Format(question.Max)} in steps of {StaffingQuestion.Format(question.Step)}; {question.Replications} replications per level, seed {question.Seed} (common random numbers)."));
        console.WriteLine("A target is met when its whole 95% CI is on the right side (upper bound for <=, lower bound for >=).");
        WriteTargets(console, question.Key, answer.Tried.Select(l => (StaffingQuestion.Format(l.Level), l.Run, l.Met)).ToArray(), question.Targets);
        if (answer.Chosen is null)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"No level up to {question.Key} = {StaffingQuestion.Format(question.Max)} meets every target; raise --max or relax a target."));
            return;
        }

        string note = answer.Below is null ? " (the smallest level searched; lower --min to look further)" : "";
        console.WriteLine($"Smallest {question.Key} meeting every target: {StaffingQuestion.Format(answer.Chosen.Level)}{note}");
        var levels = new List<StaffingLevel> { answer.Chosen };
        if (answer.Below is not null)
        {
            levels.Insert(0, answer.Below);
        }

        WriteMetricsSideBySide(console, levels.Select(l => ($"{question.Key} = {StaffingQuestion.Format(l.Level)}{(ReferenceEquals(l, answer.Chosen) ? " (chosen)" : " (next down)")}", l.Run)).ToArray(), question.Targets);
        WriteWarnings(console, answer.Chosen.Run);
    }

    public static void WritePerShiftStaffing(IAnsiConsole console, PerShiftQuestion question, PerShiftAnswer answer)
    {
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Per-shift search: {question.Replications} replications per candidate roster, confirmed with {question.ConfirmReplications}; seed {question.Seed} (common random numbers); {answer.Evaluations} rosters simulated."));
        console.WriteLine("A target is met when its whole 95% CI is on the right side (upper bound for <=, lower bound for >=).");
        if (answer.Chosen is not { } chosen)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"No roster up to about 4.8 times the scenario's officers meets every target ({Sum(answer.Start)} officer-shifts a day scaled); relax a target or check the scenario's demand."));
            return;
        }

        var roster = new Table().Border(TableBorder.Rounded);
        roster.AddColumn("Shift");
        roster.AddColumn("Start");
        roster.AddColumn(new TableColumn("Hours").RightAligned());
        roster.AddColumn(new TableColumn("Officers").RightAligned());
        roster.AddColumn(new TableColumn("Two-officer units").RightAligned());
        roster.AddColumn(new TableColumn("Solo units").RightAligned());
        roster.AddColumn(new TableColumn("Scenario").RightAligned());
        int pairs = 0, solo = 0;
        for (int i = 0; i < answer.Shifts.Count; i++)
        {
            var shift = answer.Shifts[i];
            var crews = PerShiftStaffingSearch.CrewsOf(chosen.Run.Scenario, i, chosen.Officers[i]);
            pairs += crews.Pairs;
            solo += crews.Solo;
            roster.AddRow(new Text(shift.Name), new Text(Clock(shift.StartMinuteOfDay)), new Text(StaffingQuestion.Format(shift.Hours)),
                new Text(Int(crews.Officers)), new Text(Int(crews.Pairs)), new Text(Int(crews.Solo)), new Text(Int(answer.Start[i])));
        }

        roster.AddRow(new Text("Total"), new Text(""), new Text(""), new Text(Int(chosen.OfficerShifts)), new Text(Int(pairs)), new Text(Int(solo)), new Text(Int(Sum(answer.Start))));
        console.Write(roster);
        double hours = answer.Shifts.Select((sh, i) => sh.Hours * chosen.Officers[i]).Sum();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fewest officers per shift meeting every target: {chosen.OfficerShifts} officer-shifts a day ({Format.Display(hours, 0)} officer-hours); the scenario has {Sum(answer.Start)}."));
        if (answer.BudgetReached)
        {
            console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"the search stopped at --max-evaluations {question.MaxEvaluations}: this roster meets every target but may not be the smallest")));
        }

        var columns = new List<(string Label, RosterRun Run)> { ("answer", chosen) };
        for (int i = 0; i < answer.Shifts.Count; i++)
        {
            if (answer.OneFewer[i] is { } fewer)
            {
                columns.Add(($"{answer.Shifts[i].Name} −{Int(answer.Steps[i])}", fewer));
            }
        }

        console.WriteLine($"The answer and one step fewer on each shift in turn ({question.ConfirmReplications} replications each):");
        WriteTargets(console, "Roster", columns.Select(c => (c.Label, c.Run.Run, c.Run.Met)).ToArray(), question.Targets);
        WriteMetricsSideBySide(console, columns.Select(c => (c.Label, c.Run.Run)).ToArray(), question.Targets);
        WriteWarnings(console, chosen.Run);

        static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);
        static int Sum(IReadOnlyList<int> officers) => officers.Sum();
        static string Clock(double minuteOfDay) => TimeSpan.FromMinutes(minuteOfDay).ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>One row per run: each target's mean ± half-width, the bound judged and whether it is met, then whether all are.</summary>
    private static void WriteTargets(IAnsiConsole console, string header, IReadOnlyList<(string Label, RunSummary Run, IReadOnlyList<bool> Met)> rows,
        IReadOnlyList<StaffingTarget> targets)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        foreach (var t in targets)
        {
            table.AddColumn(new TableColumn(Markup.Escape(t.ToString())).RightAligned());
        }

        table.AddColumn("All met");
        foreach (var (label, run, met) in rows)
        {
            var cells = new List<string> { label };
            for (int i = 0; i < targets.Count; i++)
            {
                var t = targets[i];
                var ci = run.Get(t.Metric.Metric.Name, t.Metric.Priority);
                string bound = ci is null ? "–" : Format.Display(t.Bound == TargetBound.AtMost ? ci.Value.High : ci.Value.Low, Format.DecimalsFor(t.Metric.Metric.Unit));
                cells.Add(ci is null ? "–" : $"{Cell(ci.Value, t.Metric.Metric.Unit)} (bound {bound}) {(met[i] ? "yes" : "no")}");
            }

            cells.Add(met.All(m => m) ? "yes" : "no");
            table.AddRow(cells.Select(c => new Text(c)).ToArray());
        }

        console.Write(table);
    }

    /// <summary>The key metrics and the targets' metrics of several runs, one column per run (rows empty everywhere are left out).</summary>
    private static void WriteMetricsSideBySide(IAnsiConsole console, IReadOnlyList<(string Header, RunSummary Run)> runs, IReadOnlyList<StaffingTarget> targets)
    {
        var metrics = new Table().Border(TableBorder.Rounded);
        metrics.AddColumn("Metric");
        metrics.AddColumn("Unit");
        foreach (var (header, _) in runs)
        {
            metrics.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        }

        var names = KeyMetrics.Concat(targets.Select(t => t.Metric.Name)).Distinct();
        foreach (string name in names)
        {
            var sel = MetricSelector.TryParse(name, out _)!;
            var cis = runs.Select(r => r.Run.Get(sel.Metric.Name, sel.Priority)).ToArray();
            if (cis.All(c => c is null))
            {
                continue;
            }

            var cells = new List<string> { sel.Name, sel.Metric.Unit };
            cells.AddRange(cis.Select(c => c is null ? "–" : Cell(c.Value, sel.Metric.Unit)));
            metrics.AddRow(cells.Select(c => new Text(c)).ToArray());
        }

        console.Write(metrics);
    }
}

