using System.Text.RegularExpressions;
using PatrolSim.Model.Definition;
using PatrolSim.Output;
using Terms = PatrolSim.Experiments.ExperimentSettings;

namespace PatrolSim.Experiments;

/// <summary>A variant of a base scenario as written on the command line: <c>NAME:key=value[,key=value]</c>.</summary>
/// <param name="Text">The text as given.</param>
/// <param name="Name">The variant's name: letters, digits, '-' or '_'.</param>
/// <param name="Assignments">The overrides of the base, "key=value" each.</param>
public sealed partial record VariantSpec(string Text, string Name, IReadOnlyList<string> Assignments)
{
    /// <summary>Parses "NAME:key=value,key=value" (commas inside [..] or {..} values are kept); null with a message otherwise.</summary>
    public static VariantSpec? TryParse(string text, out Problem? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string name = colon > 0 ? text[..colon].Trim() : "";
        string rest = colon > 0 ? text[(colon + 1)..] : "";
        var assignments = rest.Length == 0 ? [] : AssignmentSplit().Split(rest).Select(a => a.Trim()).ToList();
        if (name.Length == 0 || !NamePattern().IsMatch(name) || assignments.Count == 0 || assignments.Any(a => a.IndexOf('=', StringComparison.Ordinal) <= 0))
        {
            error = Problem.Of($"{Terms.Variant} '{text}' must look like NAME:key=value[,key=value] with a name of letters, digits, '-' or '_', e.g. {Terms.Variant} paired:policy.crew.twoOfficerShare=1");
            return null;
        }

        error = null;
        return new VariantSpec(text, name, assignments);
    }

    [GeneratedRegex(@",(?=\s*[A-Za-z0-9_.\- ]+=)")]
    private static partial Regex AssignmentSplit();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]+$")]
    private static partial Regex NamePattern();
}

/// <summary>
/// What <c>patrolsim compare</c> runs: the variants, replications and seed, from one of three inputs — a base
/// scenario with <see cref="VariantSpec"/>s, two or more whole scenario files, or one comparison file
/// (<see cref="ComparisonFile"/>) — with the defaults of 10 replications and seed 1.
/// </summary>
/// <param name="Variants">The variants; the first is the reference.</param>
/// <param name="Replications">Replications per variant.</param>
/// <param name="Seed">Master seed shared by every variant (common random numbers).</param>
public sealed record ComparisonPlan(IReadOnlyList<Variant> Variants, int Replications, ulong Seed)
{
    /// <summary>Replications per variant unless given.</summary>
    public const int DefaultReplications = 10;

    /// <summary>Master seed unless given.</summary>
    public const ulong DefaultSeed = 1;

    /// <summary>Builds the plan; explicit replications and seed win over a comparison file's.</summary>
    /// <param name="inputs">One base scenario (with <paramref name="variants"/>), two or more scenario files, or one comparison file.</param>
    /// <param name="variants">Variants of the base.</param>
    /// <param name="noBase">Leave the unchanged base out (the first variant is the reference).</param>
    /// <param name="replications">Replications, if given.</param>
    /// <param name="seed">Seed, if given.</param>
    /// <param name="overrides">Overrides applied to every scenario first (e.g. the horizon's days).</param>
    /// <param name="load">Loads a scenario file with overrides applied, throwing on problems.</param>
    /// <exception cref="ExperimentException">The inputs do not make a comparison.</exception>
    public static ComparisonPlan Build(IReadOnlyList<string> inputs, IReadOnlyList<VariantSpec> variants, bool noBase, int? replications, ulong? seed,
        IReadOnlyList<string> overrides, Func<string, IReadOnlyList<string>, Scenario> load)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentOutOfRangeException.ThrowIfZero(inputs.Count);
        ComparisonPlan plan;
        if (inputs.Count == 1 && File.Exists(inputs[0]) && ComparisonFile.IsComparisonFile(inputs[0]))
        {
            if (variants.Count > 0 || noBase)
            {
                throw new ExperimentException(Problem.Of($"{inputs[0]} is a comparison file: it names its own variants, so {Terms.Variant} and {Terms.NoBase} do not apply"));
            }

            var file = ComparisonFile.Load(inputs[0], overrides);
            plan = new([.. file.Variants], replications ?? file.Replications ?? DefaultReplications, seed ?? file.Seed ?? DefaultSeed);
        }
        else
        {
            var built = inputs.Count > 1 ? WholeFiles(inputs, variants, noBase, overrides, load) : BaseWithVariants(inputs[0], variants, noBase, overrides, load);
            plan = new(built, replications ?? DefaultReplications, seed ?? DefaultSeed);
        }

        if (plan.Replications < 2 || plan.Replications > 100000)
        {
            throw new ExperimentException(Problem.Of($"{Terms.Replications} must be a whole number from 2 to 100000 for paired confidence intervals"));
        }

        return plan;
    }

    private static List<Variant> WholeFiles(IReadOnlyList<string> files, IReadOnlyList<VariantSpec> variants, bool noBase,
        IReadOnlyList<string> overrides, Func<string, IReadOnlyList<string>, Scenario> load)
    {
        if (variants.Count > 0 || noBase)
        {
            throw new ExperimentException(Problem.Of($"give either several scenario files or one base file with {Terms.Variant}, not both"));
        }

        var built = new List<Variant>();
        foreach (string file in files)
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (built.Any(v => v.Name == name))
            {
                throw new ExperimentException(Problem.Of($"two scenario files are both named '{name}'; rename one or use {Terms.Variant}"));
            }

            built.Add(new Variant(name, load(file, overrides), file));
        }

        return built;
    }

    private static List<Variant> BaseWithVariants(string baseFile, IReadOnlyList<VariantSpec> variants, bool noBase,
        IReadOnlyList<string> overrides, Func<string, IReadOnlyList<string>, Scenario> load)
    {
        var built = new List<Variant>();
        if (!noBase)
        {
            built.Add(new Variant("base", load(baseFile, overrides), baseFile));
        }

        foreach (var v in variants)
        {
            if (built.Any(b => b.Name == v.Name))
            {
                throw new ExperimentException(Problem.Of($"{Terms.Variant} '{v.Text}': the name '{v.Name}' is used twice; give each variant its own name"));
            }

            built.Add(new Variant(v.Name, load(baseFile, [.. overrides, .. v.Assignments]), baseFile + " with " + string.Join(", ", v.Assignments)));
        }

        if (built.Count < 2)
        {
            throw new ExperimentException(Problem.Of($"a comparison needs at least two variants: add {Terms.Variant} NAME:key=value (e.g. {Terms.Variant} paired:policy.crew.twoOfficerShare=1) or give two or more scenario files"));
        }

        return built;
    }
}
