namespace PatrolSim.Experiments;

/// <summary>
/// Invalid experiment settings (a staffing search's range, a comparison's variants): every problem found, each
/// naming the setting, the bad value and the fix.
/// </summary>
public sealed class ExperimentException : Exception
{
    /// <summary>Creates the exception with every problem found.</summary>
    public ExperimentException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems ?? throw new ArgumentNullException(nameof(problems))))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with the one problem the user sees.</summary>
    public ExperimentException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with the one problem the user sees and its cause.</summary>
    public ExperimentException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Required by the exception pattern.</summary>
    public ExperimentException()
        : this("Invalid experiment settings.")
    {
    }

    /// <summary>Every problem, in the order found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
