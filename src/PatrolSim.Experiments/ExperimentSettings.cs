using PatrolSim.Output;

namespace PatrolSim.Experiments;

/// <summary>
/// The settings of experiments that problems name (<see cref="Problem"/>), in the library's own terms; a front end
/// words each its own way (the CLI: <c>key</c> is <c>--vary</c>).
/// </summary>
public static class ExperimentSettings
{
    /// <summary>A staffing target, <see cref="StaffingTarget"/>.</summary>
    public static readonly Setting Target = new("target");

    /// <summary>A staffing budget, an upper bound on a council figure (<see cref="StaffingTarget.TryParseBudget"/>).</summary>
    public static readonly Setting Budget = new("budget");

    /// <summary>The key a staffing search varies, <see cref="StaffingQuestion.Key"/>.</summary>
    public static readonly Setting Key = new("key");

    /// <summary>The smallest level of a staffing search.</summary>
    public static readonly Setting Min = new("min");

    /// <summary>The largest level of a staffing search.</summary>
    public static readonly Setting Max = new("max");

    /// <summary>The grid step of a staffing search.</summary>
    public static readonly Setting Step = new("step");

    /// <summary>Replications of each level, candidate or variant.</summary>
    public static readonly Setting Replications = new("replications");

    /// <summary>Replications confirming a staffing answer, <see cref="PerShiftQuestion.ConfirmReplications"/> and <see cref="StaffingQuestion.ConfirmReplications"/>.</summary>
    public static readonly Setting ConfirmReplications = new("confirm-replications");

    /// <summary>A requested precision of a run, <see cref="PrecisionTarget"/>.</summary>
    public static readonly Setting Precision = new("precision");

    /// <summary>Candidate rosters simulated at most, <see cref="PerShiftQuestion.MaxEvaluations"/>.</summary>
    public static readonly Setting MaxEvaluations = new("max-evaluations");

    /// <summary>A variant of a base scenario, <see cref="VariantSpec"/>.</summary>
    public static readonly Setting Variant = new("variant");

    /// <summary>Leaving the unchanged base out of a comparison.</summary>
    public static readonly Setting NoBase = new("no-base");

    /// <summary>Running a sweep file (a front end names its command).</summary>
    public static readonly Setting Sweep = new("sweep");

    /// <summary>Merging shard folders (a front end names its command).</summary>
    public static readonly Setting Merge = new("merge");

    /// <summary>A sweep's output folder, <see cref="Sweeps.SweepRunOptions.OutDir"/>.</summary>
    public static readonly Setting Out = new("out");

    /// <summary>The shard of a sweep a run holds, <see cref="Sweeps.Shard"/>.</summary>
    public static readonly Setting Shard = new("shard");

    /// <summary>Continuing the sweep already in a folder, <see cref="Sweeps.SweepRunOptions.Resume"/>.</summary>
    public static readonly Setting Resume = new("resume");

    /// <summary>A sweep's results format, <see cref="Sweeps.SweepRunOptions.Format"/>.</summary>
    public static readonly Setting Format = new("format");
}
