namespace PatrolSim.Cli;

/// <summary>
/// A problem with the user's input (a bad flag, an unreadable file): printed once, without a stack
/// trace, with exit code <see cref="ExitCodes.InvalidInput"/>.
/// </summary>
public sealed class UserException : Exception
{
    /// <summary>Creates the exception with the message the user sees.</summary>
    public UserException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the user sees and its cause.</summary>
    public UserException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public UserException()
        : base("Invalid input.")
    {
    }
}

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The run failed (a bug, or a file could not be written).</summary>
    public const int Failure = 1;

    /// <summary>Invalid input: scenario, flags or data files.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted by Ctrl-C.</summary>
    public const int Interrupted = 130;
}
