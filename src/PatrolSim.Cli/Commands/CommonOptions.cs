using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PatrolSim.Model.Definition;
using PatrolSim.Output;
using PatrolSim.Scenarios;

namespace PatrolSim.Cli.Commands;

/// <summary>A library's <c>TryParse</c>: the value, or null and a problem that names the setting, the bad value and the fix.</summary>
internal delegate T? TryParse<T>(string text, out Problem? error)
    where T : class;

/// <summary>Options shared by the commands that load and simulate a scenario.</summary>
internal static class CommonOptions
{
    private const string WarmupKey = "horizon.warmupDays";

    public static Argument<string> ScenarioArgument() => new("scenario")
    {
        Description = "Scenario file (YAML; see docs/scenario-format.md)",
    };

    public static Option<int> Replications(int fallback = 10) => new("--replications", "-r")
    {
        Description = "Independent replications (each with its own random streams)",
        DefaultValueFactory = _ => fallback,
        Validators = { r => Positive(r, 100000) },
    };

    public static Option<ulong> Seed() => new("--seed", "-s")
    {
        Description = "Master seed; the same seed gives the same results",
        DefaultValueFactory = _ => 1UL,
        CustomParser = r => ulong.TryParse(r.Tokens[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            ? seed
            : Invalid<ulong>(r, $"--seed: '{r.Tokens[^1].Value}' must be a whole number from 0 to {ulong.MaxValue}"),
    };

    public static Option<double?> Days() => PositiveDays("--days", "Simulated days, overriding horizon.days");

    /// <summary>An optional number of days, greater than 0 and at most 36525.</summary>
    public static Option<double?> PositiveDays(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        Validators = { r => PositiveDouble(r) },
    };

    public static Option<int> Parallel() => new("--parallel", "-p")
    {
        Description = "Threads to use (results are identical for any value)",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        Validators = { r => Positive(r, 1024) },
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a scenario key, e.g. --set policy.crew.twoOfficerShare=1 (repeatable)",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> File(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "FILE",
    };

    /// <summary>
    /// A custom parser for a repeatable option: each token is parsed by <paramref name="tryParse"/> (a library's
    /// <c>TryParse(text, out error)</c>), and each bad token becomes its own parse error with the library's problem, its setting named by flag.
    /// </summary>
    public static Func<ArgumentResult, T[]> EachToken<T>(TryParse<T> tryParse)
        where T : class => r =>
    {
        var values = new List<T>();
        foreach (var token in r.Tokens)
        {
            if (tryParse(token.Value, out Problem? error) is { } value)
            {
                values.Add(value);
            }
            else
            {
                r.AddError(Flags.Name(error!));
            }
        }

        return [.. values];
    };

    /// <summary>A custom parser for a single-valued option: its token parsed by <paramref name="tryParse"/>, a bad one a parse error with the library's message.</summary>
    public static Func<ArgumentResult, T?> OneToken<T>(TryParse<T> tryParse)
        where T : class => r => tryParse(r.Tokens[^1].Value, out Problem? error) ?? Invalid<T>(r, error is null ? null : Flags.Name(error));

    /// <summary>Records a parse error on <paramref name="r"/> and returns a placeholder value (never used: parsing failed).</summary>
    public static T Invalid<T>(ArgumentResult r, string? error)
    {
        r.AddError(error!);
        return default!;
    }

    /// <summary>The scenario overrides of --days (first) and --set.</summary>
    public static IReadOnlyList<string> Overrides(double? days, IReadOnlyList<string> sets)
    {
        var overrides = new List<string>();
        if (days is not null)
        {
            overrides.Add(string.Create(CultureInfo.InvariantCulture, $"horizon.days={days.Value}"));
        }

        overrides.AddRange(sets);
        return overrides;
    }

    /// <summary>Loads the scenario with --days and --set applied; errors surface as <see cref="ScenarioException"/>.</summary>
    public static Scenario LoadScenario(string path, double? days, IReadOnlyList<string> sets)
    {
        try
        {
            return LoadScenario(path, Overrides(days, sets));
        }
        catch (ScenarioException e) when (days is not null && e.Errors.FirstOrDefault(x => x.Path == WarmupKey && x.Line > 0) is { } warmup)
        {
            // The file's warm-up is fine; the --days given is what is too short.
            throw new UserException(string.Create(CultureInfo.InvariantCulture,
                $"--days {days.Value}: must be longer than the scenario's warm-up ({warmup.Source}:{warmup.Line}: {WarmupKey} {warmup.Message.Split(';')[0]} days); give more days, or a shorter warm-up with --set {WarmupKey}=N"), e);
        }
    }

    /// <summary>Loads the scenario with overrides applied; errors surface as <see cref="ScenarioException"/>.</summary>
    public static Scenario LoadScenario(string path, IReadOnlyList<string> overrides)
    {
        if (Directory.Exists(path))
        {
            throw new UserException($"{path}: is a directory; give the path of a YAML scenario file in it, e.g. scenarios/midsize-baseline.yaml");
        }

        if (!System.IO.File.Exists(path))
        {
            throw new UserException($"{path}: scenario file not found; give the path of a YAML scenario, e.g. scenarios/midsize-baseline.yaml");
        }

        return ScenarioLoader.Load(path, overrides);
    }

    /// <summary>A library's <see cref="ArgumentException"/> about the user's data, without the "(Parameter 'x')" meant for programmers.</summary>
    public static string MessageOf(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static void Positive(OptionResult r, int max) => WholeNumberFrom(r, 1, max);

    /// <summary>A validator: the option's value must be a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static void WholeNumberFrom(OptionResult r, int min, int max)
    {
        if (r.Tokens.Count == 0)
        {
            return;
        }

        string text = r.Tokens[^1].Value;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
        {
            r.AddError($"{r.IdentifierToken?.Value ?? r.Option.Name}: '{text}' must be a whole number from {min} to {max}");
        }
    }

    private static void PositiveDouble(OptionResult r)
    {
        if (r.Tokens.Count == 0)
        {
            return;
        }

        string text = r.Tokens[^1].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v > 0) || v > 36525)
        {
            r.AddError($"{r.IdentifierToken?.Value ?? r.Option.Name}: '{text}' must be a number of days greater than 0 and at most 36525");
        }
    }
}
