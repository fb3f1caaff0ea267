using PatrolSim.Output;

namespace PatrolSim.Scenarios;

/// <summary>
/// One problem in a scenario file: where it is (file, key path, line and column where known) and what
/// to do about it.
/// </summary>
/// <param name="Source">The file name, or "--set" for a command-line override.</param>
/// <param name="Path">Dotted key path, e.g. <c>policy.backup.rule</c> or <c>demand.callTypes[2].share</c>.</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record ScenarioError(string Source, string Path, int Line, int Column, string Message)
{
    /// <summary>"file:line:column: path: message", the form editors and CI logs link to.</summary>
    public override string ToString()
    {
        string where = Line <= 0 ? Source : Column > 0 ? FormattableString.Invariant($"{Source}:{Line}:{Column}") : FormattableString.Invariant($"{Source}:{Line}");
        return string.IsNullOrEmpty(Path) ? $"{where}: {Message}" : $"{where}: {Path}: {Message}";
    }
}

/// <summary>A scenario (or sweep) file with problems; <see cref="Errors"/> lists every one found.</summary>
public sealed class ScenarioException : PatrolSimException
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(Format(errors), ExitCodes.InvalidInput)
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for a single problem.</summary>
    public ScenarioException(ScenarioError error)
        : this([error])
    {
    }

    /// <summary>Required by the exception pattern; prefer the error-list constructor.</summary>
    public ScenarioException()
        : this([])
    {
    }

    /// <summary>Required by the exception pattern; prefer the error-list constructor.</summary>
    public ScenarioException(string message)
        : this([new ScenarioError("", "", 0, 0, message)])
    {
    }

    /// <summary>Required by the exception pattern; prefer the error-list constructor.</summary>
    public ScenarioException(string message, Exception innerException)
        : base(message, ExitCodes.InvalidInput, innerException)
    {
        Errors = [new ScenarioError("", "", 0, 0, message)];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    /// <inheritdoc/>
    public override bool ProblemsAreLocated => true;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Problems => [.. Errors.Select(e => e.ToString())];

    private static string Format(IReadOnlyList<ScenarioError> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : FormattableString.Invariant($"{errors.Count} problems:{Environment.NewLine}") + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
