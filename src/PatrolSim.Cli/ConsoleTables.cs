using System.Globalization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Experiments.Council;
using PatrolSim.Model.Metrics;
using PatrolSim.Reports.Html;
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
        int reps = summary.Replications.Count;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Horizon.Days:0.##} days ({s.Horizon.WarmupDays:0.##} warm-up, {summary.MeasuredDays:0.##} measured), {reps} replications, seed {summary.Seed}; mean ± 95% CI half-width"));
        if (summary.Precision is { } precision)
        {
            console.WriteLine(PrecisionLine(precision));
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Metric");
        table.AddColumn("Unit");
        table.AddColumn(new TableColumn("All calls").RightAligned());
        foreach (int p in summary.ByPriority.Keys)
        {
            table.AddColumn(new TableColumn(string.Create(CultureInfo.InvariantCulture, $"P{p}")).RightAligned());
        }

        bool fewer = false;
        foreach (var m in MetricCatalog.All)
        {
            var cells = new List<string> { m.Name, m.Unit, Cell(summary.Overall[m.Index], m.Unit, reps) };
            fewer |= summary.Overall[m.Index].N is > 0 and var n && n < reps;
            foreach (var (_, list) in summary.ByPriority)
            {
                cells.Add(m.ByPriority ? Cell(list[m.Index], m.Unit, reps) : "");
                fewer |= m.ByPriority && list[m.Index].N is > 0 and var np && np < reps;
            }

            table.AddRow(cells.Select(c => new Text(c)).ToArray());
            if (PooledQuantiles.StatisticOf(m) is not null && summary.PooledResponse is not null)
            {
                // The quantile of every replication's calls together, beside the mean of each replication's quantile.
                var pooled = new List<string> { m.Name + " pooled", m.Unit, Pooled(summary.PooledResponse.Of(m), m.Unit) };
                pooled.AddRange(summary.ByPriority.Keys.Select(p => Pooled(summary.PooledResponseByPriority.GetValueOrDefault(p)?.Of(m) ?? double.NaN, m.Unit)));
                table.AddRow(pooled.Select(c => new Text(c)).ToArray());
            }
        }

        console.Write(table);
        console.WriteLine("p50, p90: mean over replications of each replication's quantile ± 95% CI; pooled: the quantile of all replications' calls together (no interval).");
        if (fewer)
        {
            console.WriteLine("(n=K): the value rests on the K replications where the metric applies (it has no value in the others).");
        }

        WriteCouncil(console, summary);
        WriteWarnings(console, summary);
    }

    /// <summary>The warnings of a run (<see cref="RunSummary.Warnings"/>: calls left open, saturation, an officer riding alone, a part week, a short warm-up), as run, staff and every command that chooses a run print them.</summary>
    public static void WriteWarnings(IAnsiConsole console, RunSummary summary)
    {
        foreach (string warning in summary.Warnings)
        {
            console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(warning));
        }
    }

    /// <summary>The council figures of a run (officers to employ, costs, safety), then the notes that say how they are made.</summary>
    private static void WriteCouncil(IAnsiConsole console, RunSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("A year, in a council's units");
        table.AddColumn("Figure");
        table.AddColumn("Unit");
        table.AddColumn(new TableColumn("Mean ± 95% CI").RightAligned());
        foreach (var figure in summary.Council)
        {
            table.AddRow(new Text(figure.Measure.Name), new Text(figure.Measure.Metric.Unit), new Text(Cell(figure.Value, figure.Measure.Metric.Unit, summary.Replications.Count)));
        }

        console.Write(table);
        WriteStaffNotes(console, summary);
    }

    /// <summary>"mean ± half-width", with "(n=K)" when the value rests on fewer than <paramref name="replications"/> replications.</summary>
    public static string Cell(ConfidenceInterval ci, string unit, int replications)
    {
        int d = Format.DecimalsFor(unit);
        if (double.IsNaN(ci.Mean))
        {
            return "–";
        }

        string value = double.IsNaN(ci.HalfWidth) ? Format.Display(ci.Mean, d) : $"{Format.Display(ci.Mean, d)} ± {Format.Display(ci.HalfWidth, d)}";
        return value + RunReport.FewerNote(ci.N, replications);
    }

    private static string Pooled(double value, string unit) => double.IsNaN(value) ? "–" : Format.Display(value, Format.DecimalsFor(unit));

    /// <summary>"Precision: responseTime.mean ±1.8% of its mean (asked ±2%) after 30 replications (batches of 10, at most 1000)."</summary>
    internal static string PrecisionLine(PrecisionOutcome precision)
    {
        string targets = string.Join("; ", precision.Results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Target.Metric.Name} ±{(double.IsNaN(r.Achieved) ? "–" : Format.Display(100 * r.Achieved, 1))}% of its mean (asked ±{Format.Display(100 * r.Target.Relative, 1)}%{(r.Reached ? "" : double.IsNaN(r.Achieved) ? ", undefined: its mean is 0 or it does not apply" : ", not reached")})")));
        return string.Create(CultureInfo.InvariantCulture,
            $"Precision {(precision.Reached ? "reached" : "not reached")} after {precision.Replications} replications (batches of {precision.InitialReplications}, at most {precision.MaxReplications}): {targets}.");
    }
    public static void WriteComparison(IAnsiConsole console, ComparisonResult result)
    {
        var s0 = result.Variants[0].Scenario;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Variants.Count} variants, {s0.Horizon.Days:0.##} days ({s0.Horizon.WarmupDays:0.##} warm-up, {MeasuredPeriod.Days(s0):0.##} measured), {result.Replications} replications each, seed {result.Seed}, common random numbers"));
        console.WriteLine($"Reference: {result.Variants[0].Name}. Cells: mean ± 95% CI half-width; Δ = paired difference to the reference [95% CI].");
        // The widest layout that fits the console: means and differences side by side; else a table of means and one of
        // differences; else one block per variant (its means and its difference to the reference), which fits 100 columns
        // for any number of variants.
        var metrics = KeyMetrics.Names.Select(name => result.Metrics.FirstOrDefault(x => x.Name == name)).OfType<MetricSelector>().ToArray();
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

        foreach (string line in WrapPhrases(string.Create(CultureInfo.InvariantCulture,
            $"* when pHolm < 0.05; pHolm: the paired-t p-value adjusted by Holm's method; over the {result.Metrics.Count} metrics of --json/--csv, each variant separately; (n.s.) otherwise; p90: the mean of each replication's 90th percentile; the pooled one is in --json/--csv"), width))
        {
            console.Profile.Out.Writer.WriteLine(line);
        }

        if (metrics.Any(m => all.Any(i => result.Get(i, m).Value.N is > 0 and var n && n < result.Replications)))
        {
            console.Profile.Out.Writer.WriteLine("(n=K): the value or difference rests on the K replications where the metric applies.");
        }

        // Written straight to the output, wrapped only between phrases, so a verdict is never cut mid-phrase.
        for (int i = 1; i < result.Variants.Count; i++)
        {
            foreach (string line in WrapPhrases(Verdict(result, i), width))
            {
                console.Profile.Out.Writer.WriteLine(line);
            }
        }

        // How the council rows are made, then what a reader must know before trusting the numbers (a part week, calls left
        // open, saturation, a lone officer under pairing, a short warm-up).
        foreach (string note in OnceOrByVariant(result, r => r.Basis.Notes()))
        {
            WriteWrapped(console, note, width);
        }

        foreach (string warning in OnceOrByVariant(result, r => r.Warnings))
        {
            console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(warning));
        }
    }

    /// <summary>Each distinct text of the variants' runs once, after the names of the variants that have it when not every variant does.</summary>
    private static IEnumerable<string> OnceOrByVariant(ComparisonResult result, Func<RunSummary, IEnumerable<string>> texts) =>
        result.Runs.SelectMany((r, i) => texts(r).Select(t => (Text: t, Variant: result.Variants[i].Name)))
            .GroupBy(x => x.Text, StringComparer.Ordinal)
            .Select(g =>
            {
                string[] names = [.. g.Select(x => x.Variant).Distinct(StringComparer.Ordinal)];
                return names.Length == result.Variants.Count ? g.Key : $"{string.Join(", ", names)}: {g.Key}";
            });

    /// <summary>A note written straight to the output, wrapped between words (continuations indented), never wider than <paramref name="width"/> unless a word is.</summary>
    private static void WriteWrapped(IAnsiConsole console, string text, int width)
    {
        foreach (string line in WrapWords(text, width))
        {
            console.Profile.Out.Writer.WriteLine(line);
        }
    }

    /// <summary>Splits <paramref name="text"/> into lines of at most <paramref name="width"/> characters at spaces; continuation lines are indented by two.</summary>
    internal static IReadOnlyList<string> WrapWords(string text, int width)
    {
        var lines = new List<string>();
        string line = "";
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string piece = line.Length == 0 ? (lines.Count == 0 ? word : "  " + word) : line + " " + word;
            if (line.Length > 0 && piece.Length > width)
            {
                lines.Add(line);
                line = "  " + word;
            }
            else
            {
                line = piece;
            }
        }

        lines.Add(line);
        return lines;
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
                    cells.Add(Cell(vm.Value, m.Metric.Unit, result.Replications));
                }

                if (differences && i > 0)
                {
                    cells.Add(DiffCell(vm, m.Metric.Unit, result.Replications));
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

    /// <summary>"+1.23 [0.98, 1.48] *" for a paired difference (* when significant after Holm's adjustment).</summary>
    internal static string DiffCell(VariantMetric vm, string unit, int replications)
    {
        var d = vm.Difference;
        if (double.IsNaN(d.Mean))
        {
            return "–";
        }

        double size = Math.Max(Math.Abs(d.Mean), double.IsNaN(d.High) ? 0 : Math.Max(Math.Abs(d.Low), Math.Abs(d.High)));
        int dec = size >= 100 ? 0 : size >= 10 ? Math.Min(1, Format.DecimalsFor(unit)) : Format.DecimalsFor(unit);

        string ci = double.IsNaN(d.Low) ? "" : $" [{Signed(d.Low, dec)}, {Signed(d.High, dec)}]";
        return Signed(d.Mean, dec) + ci + (vm.Significant ? " *" : "") + RunReport.FewerNote(d.N, replications);
    }

    /// <summary>One line per variant: "NAME vs REF: P1 response +3.1 min [2.7, 3.5]; solo exposure −100%; …".</summary>
    internal static string Verdict(ComparisonResult result, int variant)
    {
        var parts = new List<string>();
        foreach (var (metric, label) in KeyMetrics.Verdict)
        {
            var m = result.Metrics.FirstOrDefault(x => x.Name == metric);
            if (m is null)
            {
                continue;
            }

            var reference = result.Get(0, m).Value;
            var vm = result.Get(variant, m);
            var d = vm.Difference;
            if (double.IsNaN(d.Mean))
            {
                continue;
            }

            string ns = vm.Significant ? "" : " (n.s.)";
            string unit = m.Metric.Unit;
            string text = unit switch
            {
                "min" or "h" => $"{label} {Signed(d.Mean, 1)} {unit} [{Signed(d.Low, 1)}, {Signed(d.High, 1)}]{ns}",
                CouncilMeasures.PerYear => $"{label} {Signed(d.Mean, 2)} {unit} [{Signed(d.Low, 2)}, {Signed(d.High, 2)}]{ns}",
                _ when unit.EndsWith("/yr", StringComparison.Ordinal) => $"{label} {Signed(d.Mean, 0)} {unit} [{Signed(d.Low, 0)}, {Signed(d.High, 0)}]{ns}",
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
            $"Varying {question.Key} from {StaffingQuestion.Format(question.Min)} to {StaffingQuestion.Format(question.Max)} in steps of {StaffingQuestion.Format(question.Step)}; {question.Replications} replications per level, seed {question.Seed} (common random numbers); the answer confirmed on {question.Confirmations} fresh replications."));
        console.WriteLine("A target is met when its whole 95% CI is on the right side (upper bound for <=, lower bound for >=).");
        WriteTargets(console, question.Key, answer.Tried.Select(l => (StaffingQuestion.Format(l.Level), l.Run, l.Met)).ToArray(), question.Targets);
        if (answer.Chosen is null)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"No level up to {question.Key} = {StaffingQuestion.Format(question.Max)} meets every target; raise --max or relax a target."));
            WriteStaffNotes(console, answer.Tried[^1].Run); // the table's FTEs still need their basis
            return;
        }

        string note = answer.Below is null ? " (the smallest level searched; lower --min to look further)" : "";
        console.WriteLine($"Smallest {question.Key} meeting every target: {StaffingQuestion.Format(answer.Chosen.Level)}{note}; {Staff(answer.Chosen.Run)}");
        var levels = new List<StaffingLevel> { answer.Chosen };
        if (answer.Below is not null)
        {
            levels.Insert(0, answer.Below);
        }

        WriteMetricsSideBySide(console, levels.Select(l => ($"{question.Key} = {StaffingQuestion.Format(l.Level)}{(ReferenceEquals(l, answer.Chosen) ? " (chosen)" : " (next down)")}", l.Run)).ToArray(),
            question.Targets.Select(t => t.Metric.Name));
        WriteStaffNotes(console, answer.Chosen.Run);
        WriteWarnings(console, answer.Chosen.Run);
        if (answer.Confirmation is { } confirmation)
        {
            WriteConfirmation(console, $"{question.Key} = {StaffingQuestion.Format(answer.Chosen.Level)}", confirmation, question.Targets, question.Seed, "the next level up");
        }
    }

    /// <summary>The independent confirmation of a search's answer: each target on the fresh replications, and the share of them meeting it.</summary>
    /// <remarks>When a bound does not hold, a warning says to search again or to take <paramref name="fallback"/> (e.g. "the next level up").</remarks>
    private static void WriteConfirmation(IAnsiConsole console, string answer, Confirmation confirmation, IReadOnlyList<StaffingTarget> targets, ulong seed, string fallback)
    {
        int first = confirmation.FirstReplication;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Confirmation of {answer} on {confirmation.Replications} fresh replications (replications {first} to {first + confirmation.Replications - 1} of seed {seed}; the search used replications below {first}):"));
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Target");
        table.AddColumn(new TableColumn("Mean ± 95% CI (bound)").RightAligned());
        table.AddColumn("Met at the bound");
        table.AddColumn(new TableColumn("Replications meeting it").RightAligned());
        for (int i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            var ci = confirmation.Run.Get(t.Metric.Metric.Name, t.Metric.Priority);
            string bound = ci is null ? "–" : Format.Display(t.Bound == TargetBound.AtMost ? ci.Value.High : ci.Value.Low, Format.DecimalsFor(t.Metric.Metric.Unit));
            string share = double.IsNaN(confirmation.Share[i]) ? "–" : Format.Display(100 * confirmation.Share[i], 0) + "%";
            table.AddRow(new Text(t.ToString()), new Text(ci is null ? "–" : $"{Cell(ci.Value, t.Metric.Metric.Unit, confirmation.Replications)} (bound {bound})"),
                new Text(confirmation.Met[i] ? "yes" : "no"), new Text(share));
        }

        console.Write(table);
        if (!confirmation.MeetsAll)
        {
            console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(
                $"the answer is not confirmed: on fresh replications a 95% CI crosses its bound, so the search's replications flattered it; search again with more --replications, or take {fallback}"));
        }
    }

    public static void WriteBudget(IAnsiConsole console, StaffingQuestion question, StaffingTarget budget, MetricSelector best, BudgetAnswer answer)
    {
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Varying {question.Key} from {StaffingQuestion.Format(question.Min)} to {StaffingQuestion.Format(question.Max)} in steps of {StaffingQuestion.Format(question.Step)}; {question.Replications} replications per level, seed {question.Seed} (common random numbers)."));
        console.WriteLine($"A level is within the budget when the whole 95% CI of {budget.Metric.Name} is at or below {Format.Display(budget.Value, Format.DecimalsFor(budget.Metric.Metric.Unit))}; the largest such level is the best for {best.Name}, assuming more staffing never makes it worse.");
        WriteTargets(console, question.Key, answer.Tried.Select(l => (StaffingQuestion.Format(l.Level), l.Run,
            (IReadOnlyList<bool>)[l.Run.Get(budget.Metric.Metric.Name) is { } ci && budget.IsMetBy(ci)])).ToArray(), [budget], "Within");
        if (answer.Chosen is null)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Even {question.Key} = {StaffingQuestion.Format(question.Min)} is over {budget}; lower --min or raise the budget."));
            WriteStaffNotes(console, answer.Tried[0].Run); // the table's FTEs still need their basis
            return;
        }

        string note = answer.Above is null ? " (the largest level searched; raise --max to look further)" : "";
        var bestCi = answer.Chosen.Run.Get(best.Metric.Name, best.Priority);
        console.WriteLine($"Best within {budget}: {question.Key} = {StaffingQuestion.Format(answer.Chosen.Level)}{note}; {best.Name} {(bestCi is { } b ? Cell(b, best.Metric.Unit, answer.Chosen.Run.Replications.Count) : "–")} {best.Metric.Unit}; {Staff(answer.Chosen.Run)}");
        var levels = new List<StaffingLevel> { answer.Chosen };
        if (answer.Above is not null)
        {
            levels.Add(answer.Above);
        }

        WriteMetricsSideBySide(console, levels.Select(l => ($"{question.Key} = {StaffingQuestion.Format(l.Level)}{(ReferenceEquals(l, answer.Chosen) ? " (chosen)" : " (next up, over)")}", l.Run)).ToArray(),
            [budget.Metric.Name, best.Name]);
        WriteStaffNotes(console, answer.Chosen.Run);
        WriteWarnings(console, answer.Chosen.Run);
        if (answer.Confirmation is { } confirmation)
        {
            WriteConfirmation(console, $"{question.Key} = {StaffingQuestion.Format(answer.Chosen.Level)}", confirmation, [budget], question.Seed, "the next level down");
        }
    }

    /// <summary>A run's staffing in officers on duty and in officers to employ: "68 officer-shifts a day, 147.5 ± 0.3 FTEs to employ".</summary>
    private static string Staff(RunSummary run)
    {
        double shifts = CouncilBasis.OfficerShiftsPerDay(run.Scenario.Staffing);
        var fte = run.Get(CouncilMeasures.Fte);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Format.Display(shifts, shifts == Math.Round(shifts) ? 0 : 1)} officer-shifts a day on duty, {(fte is { } f ? Cell(f, "FTE", run.Replications.Count) : "–")} FTEs to employ");
    }

    /// <summary>How officers on duty become FTEs (and, with a costs: section, how costs are counted).</summary>
    private static void WriteStaffNotes(IAnsiConsole console, RunSummary run)
    {
        foreach (string note in run.Basis.Notes())
        {
            WriteWrapped(console, note, console.Profile.Width);
        }
    }

    public static void WritePerShiftStaffing(IAnsiConsole console, PerShiftQuestion question, PerShiftAnswer answer)
    {
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Per-shift search: {question.Replications} replications per candidate roster, refined with {question.ConfirmReplications}, the answer confirmed on {question.ConfirmReplications} fresh ones; seed {question.Seed} (common random numbers); {answer.Evaluations} rosters simulated."));
        console.WriteLine("A target is met when its whole 95% CI is on the right side (upper bound for <=, lower bound for >=).");
        if (answer.Chosen is not { } chosen)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"No roster up to about 4.8 times the scenario's officers meets every target ({Sum(answer.Start)} officer-shifts a day scaled); relax a target or check the scenario's demand."));
            return;
        }

        console.Write(RosterTable(answer.Shifts, answer.Start, chosen));
        double hours = answer.Shifts.Select((sh, i) => sh.Hours * chosen.Officers[i]).Sum();
        var fte = chosen.Run.Get(CouncilMeasures.Fte);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fewest officers per shift meeting every target: {chosen.OfficerShifts} officer-shifts a day ({Format.Display(hours, 0)} officer-hours), {(fte is { } f ? Cell(f, "FTE", chosen.Run.Replications.Count) : "–")} FTEs to employ; the scenario has {Sum(answer.Start)}."));
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
                columns.Add(($"{answer.Shifts[i].Name} −{answer.Steps[i].ToString(CultureInfo.InvariantCulture)}", fewer));
            }
        }

        console.WriteLine($"The answer and one step fewer on each shift in turn ({question.ConfirmReplications} replications each):");
        WriteTargets(console, "Roster", columns.Select(c => (c.Label, c.Run.Run, c.Run.Met)).ToArray(), question.Targets);
        WriteMetricsSideBySide(console, columns.Select(c => (c.Label, c.Run.Run)).ToArray(), question.Targets.Select(t => t.Metric.Name));
        WriteStaffNotes(console, chosen.Run);
        WriteWarnings(console, chosen.Run);
        if (answer.Confirmation is { } confirmation)
        {
            WriteConfirmation(console, "the answer", confirmation, question.Targets, question.Seed, "one step more on the shift that misses by most");
        }

        static int Sum(IReadOnlyList<int> officers) => officers.Sum();
    }

    public static void WritePerShiftBudget(IAnsiConsole console, PerShiftQuestion question, StaffingTarget budget, MetricSelector best, PerShiftBudgetAnswer answer)
    {
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Per-shift search within {budget}: the roster with the best {best.Name} whose {budget.Metric.Name} is within the budget at its 95% upper bound; {question.Replications} replications per candidate roster, refined with {question.ConfirmReplications}, the answer confirmed on {question.ConfirmReplications} fresh ones; seed {question.Seed} (common random numbers); {answer.Evaluations} rosters simulated."));
        if (answer.Chosen is not { } chosen)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Even a tenth of the scenario's roster ({answer.Start.Sum()} officer-shifts a day scaled down) is over {budget}; raise the budget."));
            return;
        }

        console.Write(RosterTable(answer.Shifts, answer.Start, chosen));
        var bestCi = chosen.Run.Get(best.Metric.Name, best.Priority);
        console.WriteLine($"Best within {budget}: {best.Name} {(bestCi is { } b ? Cell(b, best.Metric.Unit, chosen.Run.Replications.Count) : "–")} {best.Metric.Unit}; {Staff(chosen.Run)}");
        if (answer.BudgetReached)
        {
            console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"the search stopped at --max-evaluations {question.MaxEvaluations}: this roster is within the budget but more might be bought")));
        }

        var columns = new List<(string Label, RunSummary Run)> { ("answer", chosen.Run) };
        for (int i = 0; i < answer.Shifts.Count; i++)
        {
            if (answer.OneMore[i] is { } more)
            {
                columns.Add(($"{answer.Shifts[i].Name} +{answer.Steps[i].ToString(CultureInfo.InvariantCulture)}", more.Run));
            }
        }

        console.WriteLine($"The answer and one step more on each shift in turn ({question.ConfirmReplications} replications each): each over the budget.");
        WriteTargets(console, "Roster", columns.Select(c => (c.Label, c.Run,
            (IReadOnlyList<bool>)[c.Run.Get(budget.Metric.Metric.Name) is { } ci && budget.IsMetBy(ci)])).ToArray(), [budget], "Within");
        WriteMetricsSideBySide(console, columns, [budget.Metric.Name, best.Name]);
        WriteStaffNotes(console, chosen.Run);
        WriteWarnings(console, chosen.Run);
        if (answer.Confirmation is { } confirmation)
        {
            WriteConfirmation(console, "the answer", confirmation, [budget], question.Seed, "one step fewer on a shift");
        }
    }

    /// <summary>A roster: per shift its start, hours, officers, two-officer and solo units and the scenario's officers, then the totals.</summary>
    private static Table RosterTable(IReadOnlyList<PatrolSim.Model.Definition.Shift> shifts, IReadOnlyList<int> start, RosterRun chosen)
    {
        var roster = new Table().Border(TableBorder.Rounded);
        roster.AddColumn("Shift");
        roster.AddColumn("Start");
        roster.AddColumn(new TableColumn("Hours").RightAligned());
        roster.AddColumn(new TableColumn("Officers").RightAligned());
        roster.AddColumn(new TableColumn("Two-officer units").RightAligned());
        roster.AddColumn(new TableColumn("Solo units").RightAligned());
        roster.AddColumn(new TableColumn("Scenario").RightAligned());
        int pairs = 0, solo = 0;
        for (int i = 0; i < shifts.Count; i++)
        {
            var shift = shifts[i];
            var crews = PerShiftStaffingSearch.CrewsOf(chosen.Run.Scenario, i, chosen.Officers[i]);
            pairs += crews.Pairs;
            solo += crews.Solo;
            roster.AddRow(new Text(shift.Name), new Text(Clock(shift.StartMinuteOfDay)), new Text(StaffingQuestion.Format(shift.Hours)),
                new Text(Int(crews.Officers)), new Text(Int(crews.Pairs)), new Text(Int(crews.Solo)), new Text(Int(start[i])));
        }

        roster.AddRow(new Text("Total"), new Text(""), new Text(""), new Text(Int(chosen.OfficerShifts)), new Text(Int(pairs)), new Text(Int(solo)), new Text(Int(start.Sum())));
        return roster;

        static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string Clock(double minuteOfDay) => TimeSpan.FromMinutes(minuteOfDay).ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// One row per run: its officer-shifts a day and FTEs to employ, each target's mean ± half-width, the bound judged and
    /// whether it is met, then whether all are.
    /// </summary>
    private static void WriteTargets(IAnsiConsole console, string header, IReadOnlyList<(string Label, RunSummary Run, IReadOnlyList<bool> Met)> rows,
        IReadOnlyList<StaffingTarget> targets, string allHeader = "All met")
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        table.AddColumn(new TableColumn("Officer-shifts a day").RightAligned());
        table.AddColumn(new TableColumn("FTEs to employ").RightAligned());
        foreach (var t in targets)
        {
            table.AddColumn(new TableColumn(Markup.Escape(t.ToString())).RightAligned());
        }

        table.AddColumn(allHeader);
        foreach (var (label, run, met) in rows)
        {
            double shifts = CouncilBasis.OfficerShiftsPerDay(run.Scenario.Staffing);
            var fte = run.Get(CouncilMeasures.Fte);
            var cells = new List<string> { label, Format.Display(shifts, shifts == Math.Round(shifts) ? 0 : 1), fte is { } f ? Cell(f, "FTE", run.Replications.Count) : "–" };
            for (int i = 0; i < targets.Count; i++)
            {
                var t = targets[i];
                var ci = run.Get(t.Metric.Metric.Name, t.Metric.Priority);
                string bound = ci is null ? "–" : Format.Display(t.Bound == TargetBound.AtMost ? ci.Value.High : ci.Value.Low, Format.DecimalsFor(t.Metric.Metric.Unit));
                cells.Add(ci is null ? "–" : $"{Cell(ci.Value, t.Metric.Metric.Unit, run.Replications.Count)} (bound {bound}) {(met[i] ? "yes" : "no")}");
            }

            cells.Add(met.All(m => m) ? "yes" : "no");
            table.AddRow(cells.Select(c => new Text(c)).ToArray());
        }

        console.Write(table);
    }

    /// <summary>The key metrics and the targets' (or budget's) metrics of several runs, one column per run (rows empty everywhere are left out).</summary>
    private static void WriteMetricsSideBySide(IAnsiConsole console, IReadOnlyList<(string Header, RunSummary Run)> runs, IEnumerable<string> extra)
    {
        var metrics = new Table().Border(TableBorder.Rounded);
        metrics.AddColumn("Metric");
        metrics.AddColumn("Unit");
        foreach (var (header, _) in runs)
        {
            metrics.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        }

        var names = KeyMetrics.Names.Concat(extra).Distinct();
        foreach (string name in names)
        {
            // A council figure's unit is the run's (money carries its currency).
            var sel = runs.Select(r => r.Run.Council.FirstOrDefault(c => c.Measure.Name == name)?.Measure).OfType<MetricSelector>().FirstOrDefault()
                ?? MetricSelector.TryParse(name, out _)!;
            var cis = runs.Select(r => r.Run.Get(sel.Metric.Name, sel.Priority)).ToArray();
            if (cis.All(c => c is null))
            {
                continue;
            }

            var cells = new List<string> { sel.Name, sel.Metric.Unit };
            cells.AddRange(cis.Select((c, i) => c is null ? "–" : Cell(c.Value, sel.Metric.Unit, runs[i].Run.Replications.Count)));
            metrics.AddRow(cells.Select(c => new Text(c)).ToArray());
        }

        console.Write(metrics);
    }
}

