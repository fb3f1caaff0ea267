using System.CommandLine;
using System.Globalization;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Checking;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;
using Spectre.Console;

namespace PatrolSim.Cli.Commands;

/// <summary>How to read a CAD file: the options shared by <c>calibrate</c> and <c>fit-check</c>.</summary>
internal sealed record CadInputSettings(string Path, string? Map, string? MappingFile, string? ExcludePriority, string? SelfInitiated, string? TimestampFormat);

/// <summary>The settings of one <c>patrolsim calibrate</c>.</summary>
internal sealed record CalibrateSettings(
    CadInputSettings Input,
    string Out,
    string? OfficersPerShift,
    bool FitStaffing,
    ulong Seed,
    int Replications,
    int Parallel);

/// <summary>The CAD-reading options and their translation into <see cref="CadReader"/> calls, shared with fit-check.</summary>
internal static class CadInput
{
    public static Argument<string> CsvArgument() => new("cad")
    {
        Description = "CAD export (CSV, one row per call; see docs/calibration.md)",
    };

    public static Option<string?> Map() => new("--map")
    {
        Description = "Column mapping overrides: field=column,... (field=+column for seconds after received), e.g. --map received=CallTime,priority=Pri",
        HelpName = "FIELD=COLUMN,...",
    };

    public static Option<string?> Mapping() => CommonOptions.File("--mapping", "Mapping file: one field=column per line, # comments");

    public static Option<string?> ExcludePriority() => new("--exclude-priority")
    {
        Description = "Priorities whose calls are dropped, e.g. --exclude-priority 8 (off-duty details)",
        HelpName = "P,...",
    };

    public static Option<string?> SelfInitiated() => new("--self-initiated")
    {
        Description = "How self-initiated calls are recognised: column=value,value (case-insensitive), e.g. Call_Reception=OFFICER,Radio",
        HelpName = "COLUMN=VALUE,...",
    };

    public static Option<string?> TimestampFormat() => new("--timestamp-format")
    {
        Description = "Timestamp format of the time columns (.NET custom format, e.g. \"dd/MM/yyyy HH:mm\"); default: detected per column",
        HelpName = "FMT",
    };

    /// <summary>Parses <c>--exclude-priority</c>: whole numbers 1..9 separated by commas.</summary>
    public static HashSet<int> ParsePriorities(string? text)
    {
        var set = new HashSet<int>();
        if (text is null) return set;
        foreach (var raw in text.Split(','))
        {
            var token = raw.Trim();
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p < 1 || p > 9)
                throw new UserException($"--exclude-priority: '{token}' is not a priority; give whole numbers from 1 to 9 separated by commas, e.g. --exclude-priority 8");
            set.Add(p);
        }
        return set;
    }

    /// <summary>Reads the file; every input problem becomes a <see cref="UserException"/> naming the file and the fix.</summary>
    public static CadReadResult Read(CadInputSettings s)
    {
        var excluded = ParsePriorities(s.ExcludePriority);
        if (!File.Exists(s.Path))
            throw new UserException($"{s.Path}: CAD file not found; give the path of a CSV export with one row per call (see docs/calibration.md)");
        try
        {
            var mapping = CadMapping.Default;
            if (s.MappingFile is not null)
            {
                if (!File.Exists(s.MappingFile))
                    throw new UserException($"{s.MappingFile}: mapping file not found; give a file with one field=column per line (see docs/calibration.md)");
                mapping = CadMapping.FromLines(File.ReadAllLines(s.MappingFile));
            }

            if (s.Map is not null) mapping = mapping.WithOverrides(s.Map);
            if (s.SelfInitiated is not null) mapping = mapping with { SelfInitiated = SelfInitiatedRule.Parse(s.SelfInitiated) };
            var options = CadReadOptions.Default with
            {
                ExcludePriorities = excluded,
                TimestampFormats = s.TimestampFormat is null ? null : [s.TimestampFormat],
            };
            return CadReader.Read(s.Path, mapping, options);
        }
        catch (CadMappingException e)
        {
            throw new UserException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserException($"{s.Path}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>Prints what was read: rows, bad rows by reason, the mapping and the timestamp formats.</summary>
    public static void WriteReadSummary(CliContext ctx, CadReadResult read)
    {
        ctx.Out.WriteLine($"Read {read.SourceName}: {read.Summary}");
        foreach (var line in read.Report.Describe())
        {
            ctx.Out.WriteLine("  " + line);
        }

        ctx.Out.WriteLine("Columns: " + string.Join("; ", read.Mapping.Describe()));
        var formats = read.TimestampFormatsUsed.Select(kv => $"{kv.Key.Name()} {kv.Value ?? "(none parsed)"}").ToArray();
        if (formats.Length > 0)
        {
            ctx.Out.WriteLine("Timestamp formats: " + string.Join("; ", formats));
        }
    }

    public static string N(double value, string format = "0.##") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";
}

/// <summary><c>patrolsim calibrate</c>: fits a scenario to a CAD export and writes it as YAML.</summary>
internal static class CalibrateCommand
{
    public static Command Create(CliContext ctx)
    {
        var cad = CadInput.CsvArgument();
        var output = new Option<string>("--out", "-o") { Description = "Scenario file to write (YAML)", HelpName = "SCENARIO.yaml", Required = true };
        var map = CadInput.Map();
        var mapping = CadInput.Mapping();
        var exclude = CadInput.ExcludePriority();
        var self = CadInput.SelfInitiated();
        var format = CadInput.TimestampFormat();
        var officers = new Option<string?>("--officers-per-shift")
        {
            Description = "Officers on duty in the day (07:00), evening (15:00) and night (23:00) shifts, e.g. 40,46,34; default: estimated from the data",
            HelpName = "N,N,N",
        };
        var fitStaffing = new Option<bool>("--fit-staffing")
        {
            Description = "Search the officers per shift whose simulated queue delays by priority best match the data's",
        };
        var seed = CommonOptions.Seed();
        var reps = CommonOptions.Replications(3);
        reps.Description = "Replications per staffing tried by --fit-staffing";
        var parallel = CommonOptions.Parallel();
        var cmd = new Command("calibrate", "Fit a scenario to a CAD export (calls per day, weekly profile, priority mix, on-scene times, units per call, staffing)")
        {
            cad, output, map, mapping, exclude, self, format, officers, fitStaffing, seed, reps, parallel,
        };
        cmd.SetAction(p => Execute(ctx, new CalibrateSettings(
            new CadInputSettings(p.GetValue(cad)!, p.GetValue(map), p.GetValue(mapping), p.GetValue(exclude), p.GetValue(self), p.GetValue(format)),
            p.GetValue(output)!, p.GetValue(officers), p.GetValue(fitStaffing), p.GetValue(seed), p.GetValue(reps), p.GetValue(parallel))));
        return cmd;
    }

    public static int Execute(CliContext ctx, CalibrateSettings s)
    {
        var fitOptions = FitOptions.Default;
        if (s.OfficersPerShift is not null)
        {
            fitOptions = fitOptions.WithOfficersPerShift(ParseOfficers(s.OfficersPerShift, fitOptions));
        }

        var read = CadInput.Read(s.Input);
        CadInput.WriteReadSummary(ctx, read);
        var result = Fit(read, fitOptions, s.Input.Path);

        StaffingFitResult? staffing = null;
        if (s.FitStaffing)
        {
            var observed = StaffingFitter.ObservedQueueMinutes(read.Calls);
            if (observed.Count == 0)
            {
                throw new UserException($"{s.Input.Path}: --fit-staffing needs dispatch times (received -> dispatched) and the file has none; map a dispatched column with --map dispatched=COLUMN or give --officers-per-shift");
            }

            var weights = result.Priorities.ToDictionary(p => p.Priority, p => p.Share);
            var baseOfficers = result.Shifts.Select(sh => (double)sh.Officers).ToArray();
            var options = new StaffingFitOptions { Days = result.PeriodDays, Seed = s.Seed, Replications = s.Replications, Parallelism = s.Parallel };
            staffing = StaffingFitter.Fit(
                officers => ScenarioLoader.Parse(Fit(read, fitOptions.WithOfficersPerShift(officers), s.Input.Path).ToYaml(), s.Out),
                baseOfficers, observed, weights, options);
            var refit = Fit(read, fitOptions.WithOfficersPerShift(staffing.Best.Officers), s.Input.Path);
            result = refit with
            {
                Shifts = [.. refit.Shifts.Select(sh => sh with { Source = "fitted by --fit-staffing" })],
                StaffingNotes =
                [
                    "staffing is NOT in CAD data. These officers per shift were FITTED by simulation (calibrate --fit-staffing): a common",
                    string.Create(CultureInfo.InvariantCulture, $"scale on the {(s.OfficersPerShift is null ? "estimated" : "given")} officers ({string.Join(", ", baseOfficers)}) was searched on a grid (0.5, 0.75, ... upwards until three past the best,"),
                    "extended x0.8 downwards while the best is the lowest), then refined by golden section between the best's neighbours;",
                    string.Create(CultureInfo.InvariantCulture, $"each staffing simulated for {result.PeriodDays:0.##} days x {s.Replications} replications with seed {s.Seed} (common random numbers), minimising"),
                    "sum over priorities of share x (simulated - observed mean queue delay)^2. Observed queue delay includes call-handling time,",
                    "which the model does not simulate, so the fitted staffing is an effective (lower) figure; review it.",
                    staffing.Describe(),
                ],
            };
        }

        string yaml = result.ToYaml();
        OutputFiles.WriteText(s.Out, w => w.Write(yaml));
        Scenario loaded;
        try
        {
            loaded = ScenarioLoader.Load(s.Out);
        }
        catch (ScenarioException e)
        {
            throw new InvalidOperationException(
                $"bug: the calibrated scenario {s.Out} does not load: {string.Join("; ", e.Errors.Select(x => x.ToString()))}", e);
        }

        WriteFitSummary(ctx, result, staffing);
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {s.Out}: \"{loaded.Name}\", {loaded.Demand.CallsPerDay:0.##} calls a day, {loaded.Demand.CallTypes.Count} call types, {loaded.Staffing.Shifts.Count} shifts ({loaded.Staffing.Shifts.Sum(x => x.Officers)} officer-shifts a day); it loads. Compare it with the data: patrolsim fit-check {s.Out} {s.Input.Path}"));
        return ExitCodes.Ok;
    }

    private static CalibrationResult Fit(CadReadResult read, FitOptions options, string path)
    {
        try
        {
            return ScenarioFitter.Fit(read, options);
        }
        catch (ArgumentException e)
        {
            throw new UserException($"{path}: {e.Message} See the read summary above (a wrong --map, --timestamp-format or --exclude-priority?)", e);
        }
    }

    private static int[] ParseOfficers(string text, FitOptions options)
    {
        var parts = text.Split(',');
        var values = new List<int>();
        foreach (var raw in parts)
        {
            if (int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= 100000)
            {
                values.Add(n);
            }
        }

        if (values.Count != parts.Length || values.Count != options.Shifts.Count)
        {
            throw new UserException(string.Create(CultureInfo.InvariantCulture,
                $"--officers-per-shift: '{text}' must be {options.Shifts.Count} whole numbers of at least 1 separated by commas, one per shift ({string.Join(", ", options.Shifts.Select(x => $"{x.Name} {x.Start}"))}), e.g. --officers-per-shift 40,46,34"));
        }

        return [.. values];
    }

    private static void WriteCallHandling(CliContext ctx, CallHandlingFit? handling)
    {
        if (handling is null)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Call handling of citizen calls, minutes (not yet written to the scenario)");
        foreach (var (name, right) in new[]
                 {
                     ("Priority", false), ("Interval", false), ("n", true), ("Zero", true), ("Median", true), ("Mean", true), ("p90", true),
                     ("Lognormal mean", true), ("CV", true), ("KS", true),
                 })
        {
            table.AddColumn(right ? new TableColumn(name).RightAligned() : new TableColumn(name));
        }

        foreach (var p in handling.Priorities)
        {
            foreach (var (label, f) in new[] { ("intake (received -> queued)", p.Intake), ("dispatch at low load (queued -> dispatched)", p.DispatchAtLowLoad) })
            {
                table.AddRow(
                    new Text("P" + p.Priority.ToString(CultureInfo.InvariantCulture)), new Text(label),
                    new Text(f.Observed.N.ToString(CultureInfo.InvariantCulture)), new Text(CadInput.N(100 * f.ZeroShare, "0.0") + "%"),
                    new Text(CadInput.N(f.Observed.P50, "0.00")), new Text(CadInput.N(f.Observed.Mean, "0.00")), new Text(CadInput.N(f.Observed.P90, "0.00")),
                    new Text(CadInput.N(f.LogNormal.Mean, "0.00")), new Text(CadInput.N(f.LogNormal.Cv, "0.00")), new Text(CadInput.N(f.LogNormal.KsDistance, "0.000")));
            }
        }

        ctx.Console.Write(table);
        ctx.Out.WriteLine("Call handling: lognormal by maximum likelihood over the positive times (zeros left out); " + handling.LowLoad + ".");
    }

    private static void WriteFitSummary(CliContext ctx, CalibrationResult r, StaffingFitResult? staffing)
    {
        string selfText = r.SelfInitiated is { } si
            ? string.Create(CultureInfo.InvariantCulture, $"; self-initiated {si.Calls}, {si.CallsPerDay:0.00} a day ({si.Rule})")
            : "; no self-initiated calls recognised";
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Period {r.PeriodStart:yyyy-MM-dd} .. {r.PeriodEnd:yyyy-MM-dd} ({r.PeriodDays:0.##} days): {r.TotalCalls} calls, {r.TotalCallsPerDay:0.00} a day; citizen calls {r.CitizenCalls}, {r.CallsPerDay:0.00} a day{selfText}"));
        ctx.Out.WriteLine($"Weekly profile: {r.ProfileMethod}; peak hour x{CadInput.N(r.WeeklyProfile.Max())}, quietest x{CadInput.N(r.WeeklyProfile.Min())}");

        var table = new Table().Border(TableBorder.Rounded).Title("Citizen calls by priority");
        foreach (var (name, right) in new[]
                 {
                     ("Priority", false), ("Calls", true), ("Share", true), ("On-scene fit", false), ("Mean min", true), ("CV", true),
                     ("KS", true), ("n", true), ("Units/call", true), ("No unit", true), ("Median queue min", true), ("Median response min", true),
                 })
        {
            table.AddColumn(right ? new TableColumn(name).RightAligned() : new TableColumn(name));
        }

        foreach (var p in r.Priorities)
        {
            var f = p.OnScene;
            string kind = f.Kind switch
            {
                DurationFitKind.LogNormal => "lognormal",
                DurationFitKind.Empirical => "empirical",
                _ => "default",
            } + (f.Note is null ? "" : " (pooled)");
            table.AddRow(
                new Text("P" + p.Priority.ToString(CultureInfo.InvariantCulture)),
                new Text(p.Calls.ToString(CultureInfo.InvariantCulture)),
                new Text(CadInput.N(100 * p.Share, "0.00") + "%"),
                new Text(kind),
                new Text(CadInput.N(f.Mean, "0.0")),
                new Text(CadInput.N(f.Cv, "0.00")),
                new Text(CadInput.N(f.KsDistance, "0.000")),
                new Text(f.N.ToString(CultureInfo.InvariantCulture)),
                new Text(CadInput.N(p.UnitsPerCall, "0.00")),
                new Text(CadInput.N(100 * p.NoUnitShare, "0.0") + "%"),
                new Text(p.MedianQueueMinutes is { } q ? CadInput.N(q, "0.0") : "–"),
                new Text(p.MedianResponseMinutes is { } a ? CadInput.N(a, "0.0") : "–"));
        }

        ctx.Console.Write(table);
        if (r.Priorities.Count > 0)
        {
            ctx.Out.WriteLine("Units per call: " + r.Priorities[0].UnitsSource + ". On-scene fit: lognormal by maximum likelihood, kept when KS <= "
                + CadInput.N(r.KsThreshold, "0.###") + " and its mean is within " + CadInput.N(100 * r.MaxMeanError, "0.#") + "% of the sample mean; else empirical quantiles.");
        }

        WriteCallHandling(ctx, r.CallHandling);
        if (r.SelfInitiated is { } self)
        {
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Self-initiated: {self.RatePerUnitHour:0.0000} per idle unit-hour ({self.Calls} calls / {self.IdleUnitHours:0} idle unit-hours), on scene {self.OnScene.Kind.ToString().ToLowerInvariant()} mean {self.OnScene.Mean:0.0} min"));
        }

        if (staffing is not null)
        {
            var search = new Table().Border(TableBorder.Rounded).Title("--fit-staffing: staffings simulated (mean queue delay, minutes)");
            search.AddColumn(new TableColumn("Scale").RightAligned());
            search.AddColumn(new TableColumn("Officers").RightAligned());
            foreach (var p in staffing.ObservedQueueMinutes.Keys)
            {
                search.AddColumn(new TableColumn(string.Create(CultureInfo.InvariantCulture, $"P{p} (obs {staffing.ObservedQueueMinutes[p]:0.0})")).RightAligned());
            }

            search.AddColumn(new TableColumn("RMS error").RightAligned());
            foreach (var c in staffing.Evaluated)
            {
                var cells = new List<string> { CadInput.N(c.Scale, "0.000"), string.Join(",", c.Officers) };
                cells.AddRange(staffing.ObservedQueueMinutes.Keys.Select(p => c.QueueMinutes.TryGetValue(p, out var v) ? CadInput.N(v, "0.0") : "–"));
                cells.Add(CadInput.N(c.RmsMinutes, "0.00") + (ReferenceEquals(c, staffing.Best) ? " *" : ""));
                search.AddRow(cells.Select(x => new Text(x)).ToArray());
            }

            ctx.Console.Write(search);
        }

        var shifts = new Table().Border(TableBorder.Rounded).Title("Staffing (not in CAD data)");
        foreach (var (name, right) in new[] { ("Shift", false), ("Start", false), ("Hours", true), ("Officers", true), ("How", false), ("Peak busy officers", true) })
        {
            shifts.AddColumn(right ? new TableColumn(name).RightAligned() : new TableColumn(name));
        }

        foreach (var sh in r.Shifts)
        {
            shifts.AddRow(
                new Text(sh.Name), new Text(sh.Start), new Text(CadInput.N(sh.Hours)), new Text(sh.Officers.ToString(CultureInfo.InvariantCulture)),
                new Text(sh.Source ?? (sh.Estimated ? "estimated: ceiling of the peak hourly busy officers" : "given (--officers-per-shift)")),
                new Text(CadInput.N(sh.PeakBusyOfficers, "0.0")));
        }

        ctx.Console.Write(shifts);
    }
}
