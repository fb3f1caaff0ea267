using System.Globalization;
using System.Text;
using CsCheck;
using PatrolSim.Testing;
using Xunit.Abstractions;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// Fuzzing as tests: CsCheck generators make scenario files (valid, then mutated: types, ranges, nesting, unknown
/// keys, truncation, stray bytes; with demand windows), <c>--set</c> lines and CAD files (junk, and broken quoting). The property: exit 0 or 2, a message when 2,
/// never a stack trace or an internal error. Each case is generated from a fixed seed (case i uses stream i), so a
/// run is reproducible and bounded; a failure names its case, and shrunk failures become tests in InputCrashTests.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const ulong Seed = 2026;

    private static readonly string[] BadValues =
    [
        "-1", "0", "1e308", "-1e308", ".nan", ".inf", "abc", "[]", "{}", "\"\"", "~", "99999999999999999999", "[[[[", "]]", "{a: [",
        "2024-01-01", "yes", "true", "0x1F", "1.5", "&a", "*a", "!!binary AAAA", "'unterminated", "|", ">", "- x", "? y", "%", "@",
    ];

    private static readonly string[] Keys =
    [
        "name", "horizon.days", "horizon.warmupDays", "city.widthKm", "city.beats.rows", "demand.callsPerDay", "demand.multiplier",
        "demand.callTypes.0.share", "demand.callTypes.fight.priority", "demand.callTypes.1.onScene.mean", "demand.callTypes.0.onScene.dist",
        "travel.model", "travel.speedKmh.1", "staffing.scale", "staffing.shifts.day.officers", "staffing.shifts.0.hours", "staffing.shifts.night.start",
        "policy.crew.twoOfficerShare", "policy.backup.rule", "policy.backup.engage", "policy.dispatch.rule", "policy.preemption.fromCallsAtPriority",
        "callHandling.1.queuedMinutes", "targets.1", "bogus", "demand.callTypes.9.share", "staffing.shifts.noon.officers", "..", "a..b", "",
    ];

    private static readonly Gen<string> BadValue = Gen.OneOf<string>(BadValues);

    /// <summary>A valid small city: the base every mutation starts from.</summary>
    private static readonly Gen<string> ValidScenario =
        Gen.Select(Gen.Int[1, 400], Gen.Int[1, 8], Gen.Int[1, 8], Gen.Int[0, 10], Gen.OneOf<string>(["none", "risk", "all-calls"]), Gen.Int[2, 6])
            .Select((calls, day, night, share, backup, days) => TinyScenarios.SmallCity
                .Replace("callsPerDay: 90", $"callsPerDay: {calls}", StringComparison.Ordinal)
                .Replace("officers: 4 }", $"officers: {day} }}", StringComparison.Ordinal)
                .Replace("officers: 3 }", $"officers: {night} }}", StringComparison.Ordinal)
                .Replace("twoOfficerShare: 0 }", string.Create(CultureInfo.InvariantCulture, $"twoOfficerShare: {share / 10.0} }}"), StringComparison.Ordinal)
                .Replace("rule: risk,", $"rule: {backup},", StringComparison.Ordinal)
                .Replace("days: 3,", $"days: {days},", StringComparison.Ordinal));

    /// <summary>One mutation of YAML text.</summary>
    private static readonly Gen<Func<string, string>> Mutation = Gen.OneOf(
        // A value of the wrong type or out of range, after a random ': '.
        Gen.Select(Gen.Int[0, 10_000], BadValue).Select<int, string, Func<string, string>>((at, value) => text => ReplaceValue(text, at, value)),

        // An unknown key at some line, at some indentation.
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 4], Gen.String[Gen.Char.AlphaNumeric, 1, 12]).Select<int, int, string, Func<string, string>>((at, indent, key) => text =>
        {
            var lines = text.Split('\n').ToList();
            lines.Insert(at % (lines.Count + 1), new string(' ', indent * 2) + key + ": 1");
            return string.Join('\n', lines);
        }),

        // Truncation.
        Gen.Int[0, 10_000].Select<int, Func<string, string>>(at => text => text[..(at % (text.Length + 1))]),

        // Nesting around a value: shallow, or deep enough to overflow a recursive parser's stack.
        Gen.Select(Gen.Int[0, 10_000], Gen.OneOf(Gen.Int[1, 200], Gen.Int[1_000, 50_000])).Select<int, int, Func<string, string>>((at, depth) => text =>
            ReplaceValue(text, at, new string('[', depth) + "1" + new string(']', depth))),

        // A line dropped or repeated.
        Gen.Select(Gen.Int[0, 10_000], Gen.Bool).Select<int, bool, Func<string, string>>((at, repeat) => text =>
        {
            var lines = text.Split('\n').ToList();
            int i = at % lines.Count;
            if (repeat)
            {
                lines.Insert(i, lines[i]);
            }
            else
            {
                lines.RemoveAt(i);
            }

            return string.Join('\n', lines);
        }),

        // Stray characters, control characters and tabs included.
        Gen.Select(Gen.Int[0, 10_000], Gen.String[Gen.Char[(char)0, (char)0x7F], 1, 8]).Select<int, string, Func<string, string>>((at, junk) => text =>
            text.Insert(at % (text.Length + 1), junk)));

    private static readonly Gen<string> MutatedScenario =
        Gen.Select(ValidScenario, Mutation.Array[1, 4]).Select((text, mutations) => mutations.Aggregate(text, (t, m) => m(t)));

    /// <summary>
    /// The small city with demand windows (issue 24: a window's multiplier escaped the call cap): 0-4 windows, each at a
    /// whole hour from 0 to a day past the horizon, for 1-2000 hours, multiplying demand by 0.01-1000 (log-uniform);
    /// callsPerDay up to 100,000 over 2-6 days, so some cases flood and some windows open after the horizon.
    /// </summary>
    private static readonly Gen<(string Yaml, int CallsPerDay, int Days, (int At, int Hours, double Multiplier)[] Windows)> WindowScenario =
        Gen.Select(Gen.Int[1, 100_000], Gen.Int[2, 6], Gen.Select(Gen.Int[0, 168], Gen.Int[1, 2000], Gen.Double[-2, 3]).Array[0, 4])
            .Select((calls, days, windows) =>
            {
                var w = windows.Select(x => (At: x.Item1 * days / 6, Hours: x.Item2, Multiplier: Math.Round(Math.Pow(10, x.Item3), 4))).ToArray();
                string changes = w.Length == 0 ? "" : "  changes:\n" + string.Concat(w.Select(x => string.Create(CultureInfo.InvariantCulture,
                    $"    - {{ at: {x.At}, durationHours: {x.Hours}, set: {{ demand.multiplier: {x.Multiplier:R} }} }}\n")));
                string yaml = TinyScenarios.SmallCity
                    .Replace("callsPerDay: 90", string.Create(CultureInfo.InvariantCulture, $"callsPerDay: {calls}"), StringComparison.Ordinal)
                    .Replace("days: 3,", string.Create(CultureInfo.InvariantCulture, $"days: {days},"), StringComparison.Ordinal)
                    .TrimEnd('\n') + "\n" + changes;
                return (yaml, calls, days, w);
            });

    private static readonly Gen<string> SetLine = Gen.OneOf(
        Gen.Select(Gen.OneOf<string>(Keys), BadValue).Select((k, v) => $"{k}={v}"),
        Gen.Select(Gen.OneOf<string>(Keys), Gen.Int[-5, 500]).Select((k, v) => string.Create(CultureInfo.InvariantCulture, $"{k}={v}")),
        Gen.String[Gen.Char[(char)1, (char)0x7F], 0, 30]);

    private const string CadHeader = "Incident_Id,Received,Dispatched,Arrived,Cleared,Priority,Call_Type,Units,Beat,X,Y,Self_Initiated";

    /// <summary>A CAD row, valid or not: good timestamps and fields, or any field replaced by junk, or a wrong field count.</summary>
    private static readonly Gen<string> CadRow = Gen.Select(Gen.Int[0, 60 * 24 * 28], Gen.Int[0, 30], Gen.Int[1, 120], Gen.Int[1, 4], Gen.Int[0, 20], Gen.Int[0, 13],
            Gen.String[Gen.Char[(char)0, (char)0xFF], 0, 12])
        .Select((minute, travel, onScene, priority, broken, field, junk) =>
        {
            var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(minute);
            string Ts(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var cells = new List<string>
            {
                minute.ToString(CultureInfo.InvariantCulture), Ts(t0), Ts(t0.AddMinutes(1)), Ts(t0.AddMinutes(1 + travel)), Ts(t0.AddMinutes(1 + travel + onScene)),
                priority.ToString(CultureInfo.InvariantCulture), "call", "1", "1", "10", "20", "false",
            };
            if (broken < 4)
            {
                // One in five rows is damaged: a field replaced by junk, dropped, or one too many.
                if (field < 12)
                {
                    cells[field] = junk;
                }
                else if (field == 12)
                {
                    cells.RemoveAt(0);
                }
                else
                {
                    cells.Add(junk);
                }
            }

            return string.Join(',', cells);
        });

    /// <summary>
    /// A CAD file of whole rows, some with quoting damage: a quote that opens a field and does not close on its line (it
    /// closes at the next quote in the file, or never), a quoted field holding a line break, a quote doubled inside a
    /// quoted field (all but the first are RFC 4180).
    /// </summary>
    private static readonly Gen<string> QuotedCadFile =
        Gen.Select(Gen.Int[0, 60 * 24 * 28], Gen.Int[1, 4], Gen.Int[0, 24], Gen.Int[0, 11], Gen.String[Gen.Char.AlphaNumeric, 1, 8])
            .Select((minute, priority, damage, field, text) =>
            {
                var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(minute);
                string Ts(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var cells = new List<string>
                {
                    minute.ToString(CultureInfo.InvariantCulture), Ts(t0), Ts(t0.AddMinutes(1)), Ts(t0.AddMinutes(6)), Ts(t0.AddMinutes(36)),
                    priority.ToString(CultureInfo.InvariantCulture), "call", "1", "1", "10", "20", "false",
                };
                cells[field] = damage switch
                {
                    0 => "\"" + text,
                    1 => "\"" + text + "\n" + text + "\"",
                    2 => "\"" + text + " \"\"quoted\"\" " + text + "\"",
                    3 => "\"" + text + ", " + text + "\"",
                    _ => cells[field],
                };
                return string.Join(',', cells);
            })
            .Array[1, 40]
            .Select(rows => CadHeader + "\n" + string.Join('\n', rows) + "\n");

    private static readonly Gen<string> CadFile = Gen.Select(CadRow.Array[0, 40], Gen.Int[0, 3], Gen.String[Gen.Char[(char)0, (char)0xFF], 0, 40])
        .Select((rows, tail, junk) => CadHeader + "\n" + string.Join('\n', rows) + (tail == 0 ? junk : "\n"));

    [Fact]
    public void ValidScenarios_Validate_Exit0()
    {
        int cases = Fuzz(ValidScenario, 100, text =>
        {
            var (exit, _, err) = Validate(text);
            return exit == 0 ? null : $"a valid scenario was refused ({exit}): {err}";
        });
        output.WriteLine($"{cases} valid scenarios");
    }

    [Fact]
    public void MutatedScenarios_Exit0Or2_WithAMessage_NeverACrash()
    {
        int cases = Fuzz(MutatedScenario, 1500, text => Judge(Validate(text)));
        output.WriteLine($"{cases} mutated scenarios");
    }

    [Fact]
    public void SetLines_Exit0Or2_WithAMessage_NeverACrash()
    {
        string file = Path.Combine(CliRunner.TempDir(), "city.yaml");
        File.WriteAllText(file, TinyScenarios.SmallCity);
        int cases = Fuzz(SetLine.Array[1, 3], 1000, sets => Judge(CliRunner.Run(["validate", file, .. sets.SelectMany(s => new[] { "--set", s })])));
        output.WriteLine($"{cases} --set lines");
    }

    [Fact]
    public void CadFiles_Exit0Or2_WithAMessage_NeverACrash()
    {
        string dir = CliRunner.TempDir();
        string cad = Path.Combine(dir, "cad.csv");
        string outFile = Path.Combine(dir, "fitted.yaml");
        int cases = Fuzz(CadFile, 150, text =>
        {
            File.WriteAllBytes(cad, Encoding.Latin1.GetBytes(text));
            return Judge(CliRunner.Run("calibrate", cad, "--out", outFile));
        });
        output.WriteLine($"{cases} CAD files");
    }

    [Fact]
    public void DemandWindows_AreRefusedExactlyWhenTheExpectedCallsPassTheCap()
    {
        // The oracle counts minute by minute (windows start and end on whole hours, so minute midpoints are exact):
        // callsPerDay / 1440 per minute, times the multiplier of the last window listed that is open.
        int refused = 0;
        int cases = Fuzz(WindowScenario, 300, c =>
        {
            var (exit, _, err) = Validate(c.Yaml);
            bool afterHorizon = c.Windows.Any(w => w.At >= c.Days * 24);
            double calls = 0;
            for (int minute = 0; minute < c.Days * 1440; minute++)
            {
                double t = minute + 0.5;
                var open = c.Windows.LastOrDefault(w => w.At * 60 <= t && t < (w.At + w.Hours) * 60);
                calls += c.CallsPerDay / 1440.0 * (open.Hours == 0 ? 1 : open.Multiplier);
            }

            bool flood = calls > 5_000_000;
            refused += flood ? 1 : 0;
            return (afterHorizon || flood, exit) switch
            {
                (false, 0) => null,
                (true, 2) when !flood || err.Contains("fit in memory", StringComparison.Ordinal) => null,
                _ => $"expected calls {calls:0}, a window after the horizon: {afterHorizon}; exit {exit}: {err}",
            };
        });
        output.WriteLine($"{cases} scenarios with demand windows, {refused} over the cap");
        Assert.InRange(refused, 10, cases - 10);
    }

    [Fact]
    public void CadFilesWithBrokenQuoting_EveryLineIsAccountedFor_OrTheReadNamesWhereTheQuoteOpened()
    {
        string dir = CliRunner.TempDir();
        string cad = Path.Combine(dir, "cad.csv");
        string outFile = Path.Combine(dir, "fitted.yaml");
        int stopped = 0;
        int cases = Fuzz(QuotedCadFile, 150, text =>
        {
            File.WriteAllText(cad, text);
            string[] lines = text.Split('\n');
            try
            {
                var read = PatrolSim.Calibration.Cad.CadReader.Read(cad);
                int physical = lines.Length - 1; // the file ends with a line break
                int accounted = 1 + read.RowsRead + read.MultiLineRows.Sum(r => r.Lines - 1);
                if (accounted != physical)
                {
                    return $"{physical} lines, {accounted} accounted for ({read.Summary})";
                }
            }
            catch (PatrolSim.Calibration.Cad.CadMappingException e)
            {
                stopped++;
                var m = System.Text.RegularExpressions.Regex.Match(e.Message, @"^cad\.csv: line (\d+): a quoted field opens here and runs to line (\d+): (\d+) lines read as one row");
                if (!m.Success)
                {
                    return "unexpected refusal: " + e.Message;
                }

                int from = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), to = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                if (!lines[from - 1].Contains('"', StringComparison.Ordinal) || to - from + 1 != int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) || to > lines.Length - 1)
                {
                    return $"the refusal names line {from} ('{lines[from - 1]}') to {to}: {e.Message}";
                }
            }

            return Judge(CliRunner.Run("calibrate", cad, "--out", outFile));
        });
        output.WriteLine($"{cases} CAD files with quoting damage, {stopped} stopped at an open quote");
        Assert.InRange(stopped, 5, cases - 5);
    }

    /// <summary>Exit 0, or 2 with a message; never 1 (an internal error), a stack trace or an exception type.</summary>
    private static string? Judge((int Exit, string Out, string Err) r) => r switch
    {
        { Exit: 0 } => null,
        { Exit: 2, Err.Length: > 0 } when !r.Err.Contains("   at ", StringComparison.Ordinal) && !r.Err.Contains("Exception", StringComparison.Ordinal) => null,
        _ => $"exit {r.Exit}: {r.Err}",
    };

    private static (int Exit, string Out, string Err) Validate(string text)
    {
        string file = Path.Combine(CliRunner.TempDir(), "fuzz.yaml");
        File.WriteAllText(file, text);
        return CliRunner.Run("validate", file);
    }

    /// <summary>Runs <paramref name="cases"/> cases, case i generated by CsCheck from PCG stream i and the fixed seed; fails listing the first bad cases.</summary>
    private static int Fuzz<T>(Gen<T> gen, int cases, Func<T, string?> problem)
    {
        // CI runs the fixed count; PATROLSIM_FUZZ_SCALE=N runs N times as many (a longer hunt, same seed).
        cases *= int.TryParse(Environment.GetEnvironmentVariable("PATROLSIM_FUZZ_SCALE"), out int scale) && scale > 1 ? scale : 1;
        var failures = new List<string>();
        for (uint i = 0; i < cases; i++)
        {
            var value = gen.Generate(new PCG(i, Seed), null!, out _);
            if (problem(value) is { } p)
            {
                failures.Add($"case {i} (PCG stream {i}, seed {Seed}): {p}\ninput: {value}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed:\n{string.Join("\n\n", failures.Take(5))}");
        return cases;
    }

    private static string ReplaceValue(string text, int at, string value)
    {
        var starts = new List<int>();
        for (int i = text.IndexOf(": ", StringComparison.Ordinal); i >= 0; i = text.IndexOf(": ", i + 2, StringComparison.Ordinal))
        {
            starts.Add(i + 2);
        }

        if (starts.Count == 0)
        {
            return text;
        }

        int start = starts[at % starts.Count];
        int end = start;
        while (end < text.Length && text[end] is not (',' or '}' or '\n'))
        {
            end++;
        }

        return text[..start] + value + text[end..];
    }
}
