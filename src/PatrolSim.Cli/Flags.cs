using PatrolSim.Calibration.Cad;
using PatrolSim.Experiments;
using PatrolSim.Output;

namespace PatrolSim.Cli;

/// <summary>
/// How the CLI words the settings that libraries name in their problems (<see cref="Problem"/>, in the libraries' own
/// terms): by its flags, so that <c>staff</c> says <c>--vary</c> where StaffingQuestion says "key".
/// </summary>
internal static class Flags
{
    private static readonly Dictionary<string, string> ByTerm = new(StringComparer.Ordinal)
    {
        [ExperimentSettings.Target.Name] = "--target",
        [ExperimentSettings.Budget.Name] = "--budget",
        [ExperimentSettings.Key.Name] = "--vary",
        [ExperimentSettings.Min.Name] = "--min",
        [ExperimentSettings.Max.Name] = "--max",
        [ExperimentSettings.Step.Name] = "--step",
        [ExperimentSettings.Replications.Name] = "--replications",
        [ExperimentSettings.ConfirmReplications.Name] = "--confirm-replications",
        [ExperimentSettings.MaxEvaluations.Name] = "--max-evaluations",
        [ExperimentSettings.Precision.Name] = "--precision",
        [ExperimentSettings.Variant.Name] = "--variant",
        [ExperimentSettings.NoBase.Name] = "--no-base",
        [ExperimentSettings.Sweep.Name] = "patrolsim sweep",
        [ExperimentSettings.Merge.Name] = "patrolsim merge",
        [ExperimentSettings.Out.Name] = "--out",
        [ExperimentSettings.Shard.Name] = "--shard",
        [ExperimentSettings.Resume.Name] = "--resume",
        [ExperimentSettings.Format.Name] = "--format",
        [CadSettings.Mapping.Name] = "--map",
        [CadSettings.SelfInitiated.Name] = "--self-initiated",
    };

    /// <summary>The flag of a library's setting (its term as it is when the CLI has no flag for it).</summary>
    public static string Of(string term) => ByTerm.TryGetValue(term, out string? flag) ? flag : term;

    /// <summary>A library's problem worded with the CLI's flags.</summary>
    public static string Name(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Naming(Of);
    }
}
