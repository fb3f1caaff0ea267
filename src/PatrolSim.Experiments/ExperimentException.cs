using PatrolSim.Output;

namespace PatrolSim.Experiments;

/// <summary>
/// Invalid experiment settings (a staffing search's range, a comparison's variants): every problem found, each
/// naming the setting in the library's terms (<see cref="Problem"/>), the bad value and the fix.
/// </summary>
public sealed class ExperimentException : PatrolSimException
{
    private readonly IReadOnlyList<Problem> _problems;

    /// <summary>Creates the exception with every problem found.</summary>
    public ExperimentException(IReadOnlyList<Problem> problems)
        : base(string.Join(Environment.NewLine, problems ?? throw new ArgumentNullException(nameof(problems))), ExitCodes.InvalidInput)
    {
        _problems = problems;
    }

    /// <summary>Creates the exception with the one problem the user sees.</summary>
    public ExperimentException(Problem problem)
        : this([problem])
    {
    }

    /// <summary>Creates the exception with the one problem the user sees (text without terms).</summary>
    public ExperimentException(string message)
        : this(Problem.Plain(message ?? throw new ArgumentNullException(nameof(message))))
    {
    }

    /// <summary>Creates the exception with the one problem the user sees and its cause.</summary>
    public ExperimentException(string message, Exception innerException)
        : base(message, ExitCodes.InvalidInput, innerException)
    {
        _problems = [Problem.Plain(message)];
    }

    /// <summary>Required by the exception pattern.</summary>
    public ExperimentException()
        : this("Invalid experiment settings.")
    {
    }

    /// <summary>Every problem, in the order found, in the library's terms.</summary>
    public override IReadOnlyList<string> Problems => [.. _problems.Select(p => p.ToString())];

    /// <inheritdoc/>
    public override IReadOnlyList<string> ProblemsNaming(Func<string, string> name) => [.. _problems.Select(p => p.Naming(name))];
}
