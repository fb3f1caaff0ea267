using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Cli.Commands;

/// <summary>Options shared by the commands that load and simulate a scenario.</summary>
internal static class CommonOptions
{
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

    /// <summary>Loads the scenario with --days and --set applied; errors surface as <see cref="ScenarioException"/>.</summary>
    public static Scenario LoadScenario(string path, double? days, IReadOnlyList<string> sets)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new UserException($"{path}: scenario file not found; give the path of a YAML scenario, e.g. scenarios/midsize-baseline.yaml");
        }

        var overrides = new List<string>();
        if (days is not null)
        {
            overrides.Add(string.Create(CultureInfo.InvariantCulture, $"horizon.days={days.Value}"));
        }

        overrides.AddRange(sets);
        return ScenarioLoader.Load(path, overrides);
    }

    private static void Positive(OptionResult r, int max)
    {
        if (r.Tokens.Count == 0)
        {
            return;
        }

        string text = r.Tokens[^1].Value;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < 1 || v > max)
        {
            r.AddError($"{r.IdentifierToken?.Value ?? r.Option.Name}: '{text}' must be a whole number from 1 to {max}");
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
