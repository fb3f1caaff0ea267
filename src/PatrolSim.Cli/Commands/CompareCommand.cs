using System.CommandLine;
using System.Text.RegularExpressions;
using PatrolSim.Experiments;
using PatrolSim.Model.Definition;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim compare</c>.</summary>
internal sealed record CompareSettings(
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<string> Variants,
    bool NoBase,
    int? Replications,
    ulong? Seed,
    double? Days,
    int Parallel,
    IReadOnlyList<string> Sets,
    string? Json,
    string? Csv,
    string? Report = null,
    string? Svg = null);

/// <summary><c>patrolsim compare</c>: policies side by side under common random numbers, with paired differences.</summary>
internal static partial class CompareCommand
{
    public static Command Create(CliContext ctx)
    {
        var scenarios = new Argument<string[]>("scenarios")
        {
            Description = "The base scenario (with --variant), two or more whole scenario files, or one comparison file (docs/sweeps.md)",
            Arity = ArgumentArity.OneOrMore,
        };
        var variant = new Option<string[]>("--variant", "-v")
        {
            Description = "A variant of the base: NAME:key=value[,key=value] (repeatable), e.g. paired:policy.crew.twoOfficerShare=1",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var noBase = new Option<bool>("--no-base") { Description = "Leave the unchanged base out; the first --variant is the reference" };
        var reps = new Option<int?>("--replications", "-r") { Description = "Replications per variant (default: the comparison file's, else 10)" };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Master seed shared by every variant (default: the comparison file's, else 1)" };
        var days = CommonOptions.Days();
        var parallel = CommonOptions.Parallel();
        var set = CommonOptions.Set();
        var json = CommonOptions.File("--json", "Write every metric's means, CIs and paired differences as JSON");
        var csv = CommonOptions.File("--csv", "Write one row per metric and variant as CSV");
        var report = ReportCommand.ReportOption();
        var svg = ReportCommand.SvgOption();
        var cmd = new Command("compare", "Compare policies with common random numbers: each variant's mean and 95% CI and the paired difference to the first")
        {
            scenarios, variant, noBase, reps, seed, days, parallel, set, json, csv, report, svg,
        };
        cmd.SetAction(p => Execute(ctx, new CompareSettings(
            p.GetValue(scenarios) ?? [], p.GetValue(variant) ?? [], p.GetValue(noBase), p.GetValue(reps), p.GetValue(seed),
            p.GetValue(days), p.GetValue(parallel), p.GetValue(set) ?? [], p.GetValue(json), p.GetValue(csv), p.GetValue(report), p.GetValue(svg))));
        return cmd;
    }

    public static int Execute(CliContext ctx, CompareSettings s)
    {
        List<Variant> variants;
        int replications = s.Replications ?? 10;
        ulong seed = s.Seed ?? 1;
        if (s.Scenarios.Count == 1 && File.Exists(s.Scenarios[0]) && ComparisonFile.IsComparisonFile(s.Scenarios[0]))
        {
            if (s.Variants.Count > 0 || s.NoBase)
            {
                throw new UserException($"{s.Scenarios[0]} is a comparison file: it names its own variants, so --variant and --no-base do not apply");
            }

            var overrides = new List<string>();
            if (s.Days is not null)
            {
                overrides.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"horizon.days={s.Days.Value}"));
            }

            overrides.AddRange(s.Sets);
            var file = ComparisonFile.Load(s.Scenarios[0], overrides);
            variants = [.. file.Variants];
            replications = s.Replications ?? file.Replications ?? 10;
            seed = s.Seed ?? file.Seed ?? 1;
        }
        else
        {
            variants = BuildVariants(s);
        }

        if (replications < 2 || replications > 100000)
        {
            throw new UserException("--replications must be a whole number from 2 to 100000 for paired confidence intervals");
        }

        var result = Progress.Run(ctx, "replications", replications * variants.Count, progress =>
            PairedComparison.Run(variants, replications, seed, s.Parallel, progress));
        ConsoleTables.WriteComparison(ctx.Console, result);
        var failures = new List<string>();
        RunCommand.Save(failures, s.Json, path => OutputFiles.Write(path, stream => ComparisonOutput.WriteJson(stream, result, CliContext.Tool)));
        RunCommand.Save(failures, s.Csv, path => OutputFiles.WriteText(path, w => ComparisonOutput.WriteCsv(w, result)));
        if (s.Report is not null || s.Svg is not null)
        {
            ReportCommand.Write(failures, Reports.Html.CompareReport.Build(result, CliContext.Tool), s.Report, s.Svg);
        }

        foreach (string f in failures)
        {
            ctx.Error.WriteLine(f);
        }

        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    internal static List<Variant> BuildVariants(CompareSettings s)
    {
        var variants = new List<Variant>();
        if (s.Scenarios.Count > 1)
        {
            if (s.Variants.Count > 0 || s.NoBase)
            {
                throw new UserException("give either several scenario files or one base file with --variant, not both");
            }

            foreach (string file in s.Scenarios)
            {
                string name = Path.GetFileNameWithoutExtension(file);
                if (variants.Any(v => v.Name == name))
                {
                    throw new UserException($"two scenario files are both named '{name}'; rename one or use --variant");
                }

                variants.Add(new Variant(name, CommonOptions.LoadScenario(file, s.Days, s.Sets), file));
            }

            return variants;
        }

        string baseFile = s.Scenarios[0];
        if (!s.NoBase)
        {
            variants.Add(new Variant("base", CommonOptions.LoadScenario(baseFile, s.Days, s.Sets), baseFile));
        }

        foreach (string text in s.Variants)
        {
            var (name, assignments) = ParseVariant(text);
            if (variants.Any(v => v.Name == name))
            {
                throw new UserException($"--variant '{text}': the name '{name}' is used twice; give each variant its own name");
            }

            Scenario scenario = CommonOptions.LoadScenario(baseFile, s.Days, [.. s.Sets, .. assignments]);
            variants.Add(new Variant(name, scenario, baseFile + " with " + string.Join(", ", assignments)));
        }

        if (variants.Count < 2)
        {
            throw new UserException("compare needs at least two variants: add --variant NAME:key=value (e.g. --variant paired:policy.crew.twoOfficerShare=1) or give two or more scenario files");
        }

        return variants;
    }

    /// <summary>Splits "NAME:key=value,key=value" (commas inside [..] or {..} values are kept).</summary>
    internal static (string Name, IReadOnlyList<string> Assignments) ParseVariant(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string name = colon > 0 ? text[..colon].Trim() : "";
        string rest = colon > 0 ? text[(colon + 1)..] : "";
        var assignments = rest.Length == 0 ? [] : AssignmentSplit().Split(rest).Select(a => a.Trim()).ToList();
        if (name.Length == 0 || !NamePattern().IsMatch(name) || assignments.Count == 0 || assignments.Any(a => a.IndexOf('=', StringComparison.Ordinal) <= 0))
        {
            throw new UserException($"--variant '{text}' must look like NAME:key=value[,key=value] with a name of letters, digits, '-' or '_', e.g. --variant paired:policy.crew.twoOfficerShare=1");
        }

        return (name, assignments);
    }

    [GeneratedRegex(@",(?=\s*[A-Za-z0-9_.\- ]+=)")]
    private static partial Regex AssignmentSplit();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]+$")]
    private static partial Regex NamePattern();
}
