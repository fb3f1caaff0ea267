using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Checking;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Geography;
using PatrolSim.Model.Definition;
using PatrolSim.Output;
using PatrolSim.Scenarios;
using Spectre.Console;

namespace PatrolSim.Cli.Commands;

/// <summary>How to read a CAD file: the options shared by <c>calibrate</c> and <c>fit-check</c>.</summary>
internal sealed record CadInputSettings(
    string Path, string? Map, string? MappingFile, IReadOnlySet<int> ExcludePriority, SelfInitiatedRules? SelfInitiated, string? TimestampFormat)
{
    /// <summary>Reads the CAD options of a parsed command line.</summary>
    public static CadInputSettings From(ParseResult p, CadInputOptions o) => new(
        p.GetValue(o.Csv)!, p.GetValue(o.Map), p.GetValue(o.Mapping), p.GetValue(o.ExcludePriority)!, p.GetValue(o.SelfInitiated), p.GetValue(o.TimestampFormat));

    /// <summary>
    /// The CAD file and the options given for reading it, as a command line repeats them (quoted for a POSIX shell where
    /// needed): what a follow-up <c>fit-check</c> needs to read the same calls.
    /// </summary>
    public string CommandLine()
    {
        var words = new List<string> { Shell.Quote(Path) };
        void Add(string flag, string? value)
        {
            if (value is not null)
            {
                words.Add(flag);
                words.Add(Shell.Quote(value));
            }
        }

        Add("--map", Map);
        Add("--mapping", MappingFile);
        Add("--exclude-priority", ExcludePriority.Count == 0 ? null : string.Join(",", ExcludePriority.Order().Select(p => p.ToString(CultureInfo.InvariantCulture))));
        Add("--self-initiated", SelfInitiated?.Text);
        Add("--timestamp-format", TimestampFormat);
        return string.Join(" ", words);
    }
}

/// <summary>The CAD-reading options shared by <c>calibrate</c> and <c>fit-check</c>, as symbols of one command.</summary>
internal sealed record CadInputOptions(
    Argument<string> Csv, Option<string?> Map, Option<string?> Mapping, Option<IReadOnlySet<int>> ExcludePriority,
    Option<SelfInitiatedRules?> SelfInitiated, Option<string?> TimestampFormat)
{
    public static CadInputOptions Create() => new(
        CadInput.CsvArgument(), CadInput.Map(), CadInput.Mapping(), CadInput.ExcludePriority(), CadInput.SelfInitiated(), CadInput.TimestampFormat());

    /// <summary>The option symbols, after the CSV argument.</summary>
    public IEnumerable<Option> Options => [Map, Mapping, ExcludePriority, SelfInitiated, TimestampFormat];
}

/// <summary>
/// A parsed <c>--officers-per-shift</c> or <c>--self-initiated</c> value. Not a bare collection: System.CommandLine gives
/// an absent collection option an empty collection, and absent must stay distinguishable (estimated officers; the default
/// self-initiated rules) from given.
/// </summary>
internal sealed record OfficersPerShift(IReadOnlyList<int> Values);

/// <inheritdoc cref="OfficersPerShift"/>
internal sealed record SelfInitiatedRules(IReadOnlyList<SelfInitiatedRule> Rules, string Text);

/// <summary>The settings of one <c>patrolsim calibrate</c>.</summary>
internal sealed record CalibrateSettings(
    CadInputSettings Input,
    string Out,
    OfficersPerShift? OfficersPerShift,
    bool FitStaffing,
    double? AreaKm2,
    string? Zones,
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

    public static Option<IReadOnlySet<int>> ExcludePriority() => new("--exclude-priority")
    {
        Description = "Priorities whose calls are dropped, e.g. --exclude-priority 8 (off-duty details)",
        HelpName = "P,...",
        Arity = ArgumentArity.ExactlyOne,
        DefaultValueFactory = _ => new HashSet<int>(),
        CustomParser = ParsePriorities,
    };

    public static Option<SelfInitiatedRules?> SelfInitiated() => new("--self-initiated")
    {
        Description = "How self-initiated calls are recognised: column=value,value (case-insensitive), e.g. Call_Reception=OFFICER,Radio",
        HelpName = "COLUMN=VALUE,...",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = r =>
        {
            try
            {
                return new SelfInitiatedRules(SelfInitiatedRule.Parse(r.Tokens[0].Value), r.Tokens[0].Value);
            }
            catch (CadMappingException e)
            {
                r.AddError(string.Join(Environment.NewLine, e.ProblemsNaming(Flags.Of)));
                return null;
            }
        },
    };

    public static Option<string?> TimestampFormat() => new("--timestamp-format")
    {
        Description = "Timestamp format of the time columns (.NET custom format, e.g. \"dd/MM/yyyy HH:mm\"); default: detected per column",
        HelpName = "FMT",
    };

    /// <summary>Parses <c>--exclude-priority</c>: whole numbers 1..9 separated by commas.</summary>
    private static IReadOnlySet<int> ParsePriorities(ArgumentResult r)
    {
        var set = new HashSet<int>();
        foreach (var raw in r.Tokens[0].Value.Split(','))
        {
            var token = raw.Trim();
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p < 1 || p > 9)
            {
                r.AddError($"--exclude-priority: '{token}' is not a priority; give whole numbers from 1 to 9 separated by commas, e.g. --exclude-priority 8");
                return set;
            }

            set.Add(p);
        }

        return set;
    }

    /// <summary>Reads the file; every input problem becomes a <see cref="UserException"/> naming the file and the fix.</summary>
    public static CadReadResult Read(CadInputSettings s)
    {
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
            if (s.SelfInitiated is not null) mapping = mapping with { SelfInitiated = s.SelfInitiated.Rules };
            var options = CadReadOptions.Default with
            {
                ExcludePriorities = s.ExcludePriority,
                TimestampFormats = s.TimestampFormat is null ? null : [s.TimestampFormat],
            };
            return CadReader.Read(s.Path, mapping, options);
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
        var input = CadInputOptions.Create();
        var output = new Option<string>("--out", "-o") { Description = "Scenario file to write (YAML)", HelpName = "SCENARIO.yaml", Required = true };
        var officers = new Option<OfficersPerShift?>("--officers-per-shift")
        {
            Description = "Officers on duty in the day (07:00), evening (15:00) and night (23:00) shifts, e.g. 40,46,34; default: estimated from the data",
            HelpName = "N,N,N",
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = r => ParseOfficers(r, FitOptions.Default),
        };
        var fitStaffing = new Option<bool>("--fit-staffing")
        {
            Description = "Search the officers per shift whose simulated queue delays by priority best match the data's",
        };
        var area = new Option<double?>("--area-km2")
        {
            Description = "The city's area in km² when the export has no coordinates (a square of that area; e.g. Alexandria, VA: 39.6)",
            HelpName = "A",
            CustomParser = r =>
            {
                var text = r.Tokens[0].Value;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && a > 0 && a <= 100000)
                    return a;
                r.AddError($"--area-km2: '{text}' is not an area; give the city's area in km², a number above 0 and at most 100000, e.g. --area-km2 39.6");
                return null;
            },
        };
        var zones = CommonOptions.File("--zones", "The department's beats as a GeoJSON file (docs/geography.md): the scenario's city; calls counted in each zone weight it when the export has coordinates");
        var seed = CommonOptions.Seed();
        var reps = CommonOptions.Replications(10);
        reps.Description = "Replications per staffing tried by --fit-staffing";
        var parallel = CommonOptions.Parallel();
        var cmd = new Command("calibrate", "Fit a scenario to a CAD export (calls per day, weekly profile, priority mix, on-scene times, units per call, staffing)")
        {
            input.Csv, output,
        };
        foreach (var option in input.Options.Concat([officers, fitStaffing, area, zones, seed, reps, parallel]))
        {
            cmd.Add(option);
        }

        cmd.SetAction(p => Execute(ctx, new CalibrateSettings(
            CadInputSettings.From(p, input), p.GetValue(output)!, p.GetValue(officers), p.GetValue(fitStaffing), p.GetValue(area), p.GetValue(zones), p.GetValue(seed), p.GetValue(reps), p.GetValue(parallel))));
        return cmd;
    }

    public static int Execute(CliContext ctx, CalibrateSettings s)
    {
        // The observed call locations go beside the scenario, which names them (city.callPoints).
        string? points = s.Out == OutputFiles.StandardOutput ? null : Path.ChangeExtension(s.Out, null) + ".callpoints.csv";
        var outDir = Path.GetDirectoryName(Path.GetFullPath(s.Out)) ?? ".";
        if (s.Zones is not null && !File.Exists(s.Zones))
            throw new UserException($"{s.Zones}: zones file not found; give the department's beats as a GeoJSON file (--zones, docs/geography.md)");
        var fitOptions = (s.OfficersPerShift is null ? FitOptions.Default : FitOptions.Default.WithOfficersPerShift(s.OfficersPerShift.Values)) with
        {
            AreaKm2 = s.AreaKm2,
            ZonesFile = s.Zones,
            ZonesFileName = s.Zones is null ? null : Path.GetRelativePath(outDir, Path.GetFullPath(s.Zones)).Replace('\\', '/'),
            CallPointsFile = points is null ? null : Path.GetFileName(points),
        };
        OutputFiles.Check(("--out", s.Out), ("--out (its call locations)", points));
        var read = CadInput.Read(s.Input);
        CadInput.WriteReadSummary(ctx, read);
        var result = Fit(read, fitOptions, s.Input.Path);

        var travel = new TravelFitOptions { Seed = s.Seed, Replications = s.Replications, Parallelism = s.Parallel };
        StaffingFitResult? staffing = null;
        if (s.FitStaffing)
        {
            // Staffing and travel depend on each other (units are busy while they drive; distances grow as fewer units are
            // free): staffing with the travel so far, travel at that staffing, until the staffing repeats. The first search
            // uses the default travel: a travel fitted at the estimated staffing (its peak-busy officers, far too many) has
            // speeds for the short distances of that crowd and leads the search astray. Hour factors wait for the last
            // travel fit: fitted at a staffing still moving they take up its hours (too many officers at night, say).
            var flat = travel with { FitHourFactors = false };
            var search = new StaffingFitOptions { Seed = s.Seed, Replications = s.Replications, Parallelism = s.Parallel };
            for (var round = 0; round < MaxStaffingRounds; round++)
            {
                var fitted = StaffingCalibration.Fit(read, result, fitOptions, search, officersGiven: s.OfficersPerShift is not null, s.Out, round + 1)
                    ?? throw new UserException($"{s.Input.Path}: --fit-staffing needs dispatch times (received -> dispatched) and the file has none; map a dispatched column with --map dispatched=COLUMN or give --officers-per-shift");
                var same = staffing is not null && staffing.Best.Officers.SequenceEqual(fitted.Search.Best.Officers);
                (result, staffing) = (fitted.Result, fitted.Search);
                if (same) break;
                result = TravelCalibration.Fit(read, result, flat, s.Out) ?? result;
            }
        }

        // The travel written: at the staffing chosen (given, estimated or fitted), with its hour factors.
        result = TravelCalibration.Fit(read, result, travel, s.Out) ?? result;

        string yaml = result.ToYaml();
        if (points is not null && result.City.CallPointsFile is not null && result.City.CallPoints.Count > 0)
        {
            var csv = result.City.CallPointsCsv();
            OutputFiles.WriteText(ctx, points, w => w.Write(csv));
        }

        OutputFiles.WriteText(ctx, s.Out, w => w.Write(yaml));
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
            $"Wrote {s.Out}: \"{loaded.Name}\", {loaded.Demand.CallsPerDay:0.##} calls a day, {loaded.Demand.CallTypes.Count} call types, {loaded.Staffing.Shifts.Count} shifts ({loaded.Staffing.Shifts.Sum(x => x.Officers)} officer-shifts a day); it loads. Compare it with the data: patrolsim fit-check {Shell.Quote(s.Out)} {s.Input.CommandLine()}"));
        return ExitCodes.Ok;
    }

    /// <summary>Most staffing searches under --fit-staffing (it stops once the staffing repeats).</summary>
    private const int MaxStaffingRounds = 3;

    private static CalibrationResult Fit(CadReadResult read, FitOptions options, string path)
    {
        try
        {
            return ScenarioFitter.Fit(read, options);
        }
        catch (GeographyException e)
        {
            throw new UserException(string.Join(Environment.NewLine, e.Errors.Select(x => x.ToString())), e);
        }
        catch (ArgumentException e)
        {
            throw new UserException($"{path}: {CommonOptions.MessageOf(e)} See the read summary above (a wrong --map, --timestamp-format or --exclude-priority?)", e);
        }
    }

    private static OfficersPerShift? ParseOfficers(ArgumentResult r, FitOptions options)
    {
        var text = r.Tokens[0].Value;
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
            r.AddError(string.Create(CultureInfo.InvariantCulture,
                $"--officers-per-shift: '{text}' must be {options.Shifts.Count} whole numbers of at least 1 separated by commas, one per shift ({string.Join(", ", options.Shifts.Select(x => $"{x.Name} {x.Start}"))}), e.g. --officers-per-shift 40,46,34"));
            return null;
        }

        return new OfficersPerShift(values);
    }

    private static void WriteCallHandling(CliContext ctx, CallHandlingFit? handling)
    {
        if (handling is null)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Call handling of citizen calls, minutes (written to callHandling and policy.dispatch.holdMinutes)");
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
                    new Text(f.Observed.N.ToString(CultureInfo.InvariantCulture)), new Text(double.IsFinite(f.ZeroShare) ? CadInput.N(100 * f.ZeroShare, "0.0") + "%" : "–"),
                    new Text(CadInput.N(f.Observed.P50, "0.00")), new Text(CadInput.N(f.Observed.Mean, "0.00")), new Text(CadInput.N(f.Observed.P90, "0.00")),
                    new Text(CadInput.N(f.LogNormal.Mean, "0.00")), new Text(CadInput.N(f.LogNormal.Cv, "0.00")), new Text(CadInput.N(f.LogNormal.KsDistance, "0.000")));
            }
        }

        ctx.Console.Write(table);
        ctx.Out.WriteLine("Call handling: lognormal by maximum likelihood over the positive times (zeros left out); " + handling.LowLoad + ".");
    }

    private static void WriteTravel(CliContext ctx, TravelFit? t)
    {
        if (t is null)
        {
            ctx.Out.WriteLine("Travel: not fitted (too few trips: no dispatched or en-route and arrival times); defaults written");
            return;
        }

        var trip = t.Observed.FromEnRoute ? "en route -> on scene" : "dispatched -> on scene";
        var table = new Table().Border(TableBorder.Rounded).Title($"Travel fitted by simulation (trips {trip}, minutes; observed / simulated)");
        foreach (var (name, right) in new[]
                 {
                     ("Priority", false), ("Trips", true), ("Turnout", true), ("Speed km/h", true), ("Delay mean / cv", true), ("At scene share", true),
                     ("At scene obs / sim", true), ("p50", true), ("p90", true), ("mean", true),
                 })
        {
            table.AddColumn(right ? new TableColumn(name).RightAligned() : new TableColumn(name));
        }

        foreach (var p in t.Priorities)
        {
            var o = t.Observed.Trips.GetValueOrDefault(p.Priority);
            var sim = t.Simulated.GetValueOrDefault(p.Priority);
            string Pair(Func<TripStats, double> f, string format) => $"{(o is null ? "–" : CadInput.N(f(o), format))} / {(sim is null ? "–" : CadInput.N(f(sim), format))}";
            table.AddRow(
                new Text("P" + p.Priority.ToString(CultureInfo.InvariantCulture) + (p.CopiedFrom is { } from ? $" (as P{from})" : "")),
                new Text((o?.All.N ?? 0).ToString(CultureInfo.InvariantCulture)),
                new Text(CadInput.N(p.TurnoutMinutes, "0.000")),
                new Text(CadInput.N(p.SpeedKmh, "0.0")),
                new Text(p.HasDelay ? $"{CadInput.N(p.DelayMeanMinutes, "0.00")} / {CadInput.N(p.DelayCv, "0.00")}" : "none"),
                new Text(CadInput.N(p.AtSceneShare, "0.000")),
                new Text(Pair(x => 100 * x.AtSceneShare, "0.0") + " %"),
                new Text(Pair(x => x.All.P50, "0.00")),
                new Text(Pair(x => x.All.P90, "0.00")),
                new Text(Pair(x => x.All.Mean, "0.00")));
        }

        ctx.Console.Write(table);
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Travel: curve, detour {t.Detour:0.##} and acceleration {t.AccelerationMps2:0.##} m/s² held fixed; noise cv {t.NoiseCv:0.###} (fitted on P{t.NoisePriority}); hour factors {t.HourFactors.Min():0.00} to {t.HourFactors.Max():0.00}; turnout = the observed median; the closest to the data of {t.Steps.Count} simulations x {t.Replications} replications (simulation {t.Iterations}, loss {t.Loss:0.0000})"));
    }

    private static void WriteFitSummary(CliContext ctx, CalibrationResult r, StaffingFitResult? staffing)
    {
        string selfText = r.SelfInitiated is { } si
            ? string.Create(CultureInfo.InvariantCulture, $"; self-initiated {si.Calls}, {si.CallsPerDay:0.00} a day ({si.Rule})")
            : "; no self-initiated calls recognised";
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Period {r.PeriodStart:yyyy-MM-dd} .. {r.PeriodEnd:yyyy-MM-dd} ({r.PeriodDays:0.##} days): {r.TotalCalls} calls, {r.TotalCallsPerDay:0.00} a day; citizen calls {r.CitizenCalls}, {r.CallsPerDay:0.00} a day{selfText}"));
        ctx.Out.WriteLine($"Weekly profile: {r.ProfileMethod}; peak hour x{CadInput.N(r.WeeklyProfile.Max())}, quietest x{CadInput.N(r.WeeklyProfile.Min())}");
        var written = r.City.CallPointsFile is { } file && r.City.CallPoints.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; {r.City.CallPoints.Count} call locations written to {file}")
            : "";
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"City: {r.City.WidthKm:0.##} x {r.City.HeightKm:0.##} km, {r.City.Note}; demand weights: {r.City.WeightsNote}") + written);
        foreach (var note in r.City.CoordinateNotes)
        {
            ctx.Out.WriteLine("  coordinates: " + note);
        }


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
            ctx.Out.WriteLine(self.RateNote is { } note
                ? string.Create(CultureInfo.InvariantCulture, $"Self-initiated: {self.RatePerUnitHour:0.0000} per idle unit-hour; {note}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"Self-initiated: {self.RatePerUnitHour:0.0000} per idle unit-hour ({self.Calls} calls / {self.IdleUnitHours:0} idle unit-hours), on scene {self.OnScene.Kind.ToString().ToLowerInvariant()} mean {self.OnScene.Mean:0.0} min"));
        }

        WriteTravel(ctx, r.Travel);
        if (staffing is not null)
        {
            var search = new Table().Border(TableBorder.Rounded).Title("--fit-staffing: staffings simulated (queue delay median / mean / p90, minutes)");
            search.AddColumn(new TableColumn("Scale").RightAligned());
            search.AddColumn(new TableColumn("Officers").RightAligned());
            var targeted = staffing.FittedPriorities;
            var observedAllDay = staffing.ObservedAllDay;
            foreach (var p in targeted)
            {
                search.AddColumn(new TableColumn(string.Create(CultureInfo.InvariantCulture, $"P{p} (obs {observedAllDay[p].Median:0.0} / {observedAllDay[p].Mean:0.0} / {observedAllDay[p].P90:0.0})")).RightAligned());
            }

            search.AddColumn(new TableColumn("Loss").RightAligned());
            foreach (var c in staffing.Evaluated)
            {
                var cells = new List<string> { double.IsFinite(c.Scale) ? CadInput.N(c.Scale, "0.000") : "per shift", c.OfficersText };
                cells.AddRange(targeted.Select(p => c.Simulated.TryGetValue(new QueueKey(p, -1), out var v)
                    ? $"{CadInput.N(v.Median, "0.0")} / {CadInput.N(v.Mean, "0.0")} / {CadInput.N(v.P90, "0.0")}"
                    : "–"));
                cells.Add(CadInput.N(c.Error, "0.0000") + (ReferenceEquals(c, staffing.Best) ? " *" : ""));
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
