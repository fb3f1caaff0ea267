using PatrolSim.Output;

namespace PatrolSim.Cli;

/// <summary>
/// A problem with the user's input (a bad flag, an unreadable file): printed once, without a stack
/// trace, with exit code <see cref="ExitCodes.InvalidInput"/>.
/// </summary>
public sealed class UserException : PatrolSimException
{
    /// <summary>Creates the exception with the message the user sees.</summary>
    public UserException(string message)
        : base(message, ExitCodes.InvalidInput)
    {
    }

    /// <summary>Creates the exception with the message the user sees and its cause.</summary>
    public UserException(string message, Exception innerException)
        : base(message, ExitCodes.InvalidInput, innerException)
    {
    }

    /// <summary>Creates the exception with every problem found, one line each.</summary>
    public UserException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems ?? throw new ArgumentNullException(nameof(problems))), ExitCodes.InvalidInput)
    {
        _problems = problems;
    }

    private readonly IReadOnlyList<string>? _problems;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Problems => _problems ?? [Message];

    /// <summary>Required by the exception pattern.</summary>
    public UserException()
        : base("Invalid input.", ExitCodes.InvalidInput)
    {
    }
}
