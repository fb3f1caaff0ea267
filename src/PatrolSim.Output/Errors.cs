using System.Text.RegularExpressions;

namespace PatrolSim.Output;

/// <summary>Process exit codes, the same for every front end and every error.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The run failed (a bug, or a file could not be written).</summary>
    public const int Failure = 1;

    /// <summary>Invalid input: scenario, flags or data files.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted (Ctrl-C or SIGTERM).</summary>
    public const int Interrupted = 130;
}

/// <summary>
/// The base of every error PatrolSim reports to its user (a bad scenario, setting, CAD mapping, sweep folder, web
/// request or output file): its problems in words and the exit code a front end returns for it. A front end catches
/// this one type; any other exception is a bug.
/// </summary>
public abstract class PatrolSimException : Exception
{
    /// <summary>Creates the exception with the message the user sees and its exit code.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="exitCode">One of <see cref="ExitCodes"/>.</param>
    /// <param name="innerException">The cause, or null.</param>
    protected PatrolSimException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>Required by the exception pattern: an input error.</summary>
    protected PatrolSimException()
        : this("Invalid input.", ExitCodes.InvalidInput)
    {
    }

    /// <summary>Required by the exception pattern: an input error.</summary>
    protected PatrolSimException(string message)
        : this(message, ExitCodes.InvalidInput)
    {
    }

    /// <summary>Required by the exception pattern: an input error with its cause.</summary>
    protected PatrolSimException(string message, Exception innerException)
        : this(message, ExitCodes.InvalidInput, innerException)
    {
    }

    /// <summary>The exit code for this error (<see cref="ExitCodes.InvalidInput"/> for the user's input, <see cref="ExitCodes.Failure"/> for an output that could not be written).</summary>
    public int ExitCode { get; }

    /// <summary>
    /// Whether each problem starts with where it is (<c>file:line:column: …</c>, the form editors and CI logs link to),
    /// so a front end prints it as it is rather than after its own name.
    /// </summary>
    public virtual bool ProblemsAreLocated => false;

    /// <summary>Every problem, one line each, in the order found, in the library's own terms.</summary>
    public virtual IReadOnlyList<string> Problems => [Message];

    /// <summary>
    /// Every problem with each setting it names worded by <paramref name="name"/> (see <see cref="Problem"/>): the CLI
    /// names a search's smallest level <c>--min</c>, where the library says "min".
    /// </summary>
    public virtual IReadOnlyList<string> ProblemsNaming(Func<string, string> name) => Problems;
}

/// <summary>A setting named in a <see cref="Problem"/>: interpolated into <see cref="Problem.Of"/>, it becomes the term <c>{name}</c>.</summary>
/// <param name="Name">The library's word for it: lower-case letters, digits and hyphens.</param>
public sealed record Setting(string Name)
{
    /// <summary>The term as a template writes it: <c>{name}</c>.</summary>
    public override string ToString() => "{" + Name + "}";
}

/// <summary>
/// A message for the user that names the settings it is about as terms, <c>{name}</c> in its <see cref="Template"/>
/// ("{min} 5 must be less than {max} 3"; a literal brace is doubled). A library speaks its own terms
/// (<see cref="ToString"/>: "min 5 must be less than max 3"); a front end names each setting its own way
/// (<see cref="Naming"/>: the CLI gives its flags, "--min 5 must be less than --max 3"), so no library names a
/// command-line flag.
/// </summary>
/// <param name="Template">The text, with each setting as <c>{name}</c> (lower-case letters, digits and hyphens) and literal braces doubled.</param>
public sealed partial record Problem(string Template)
{
    /// <summary>
    /// A problem from an interpolated string: each <see cref="Setting"/> becomes its term, every other value is text
    /// (formatted in the invariant culture, its braces kept literal).
    /// </summary>
    public static Problem Of(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        object?[] args = [.. text.GetArguments().Select(a => a is Setting ? a : new Literal(a))];

        // The composite format already doubles literal braces, as templates do; double them once more for string.Format.
        string format = text.Format.Replace("{{", "{{{{", StringComparison.Ordinal).Replace("}}", "}}}}", StringComparison.Ordinal);
        return new Problem(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }

    /// <summary>A problem of plain text that names no setting.</summary>
    public static Problem Plain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Problem(Escape(text));
    }

    /// <summary>The text with each term worded by <paramref name="name"/> (given the term's name, e.g. "min").</summary>
    public string Naming(Func<string, string> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TermPattern().Replace(Template, m => m.Groups[1].Success ? name(m.Groups[1].Value) : m.Value[..1]);
    }

    /// <summary>The text in the library's own terms (each term's name as it is).</summary>
    public override string ToString() => Naming(n => n);

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    [GeneratedRegex(@"\{\{|\}\}|\{([a-z][a-z0-9-]*)\}")]
    private static partial Regex TermPattern();

    /// <summary>A value interpolated as text: formatted as asked, its braces doubled.</summary>
    private sealed class Literal(object? value) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) =>
            Escape(value is IFormattable f ? f.ToString(format, formatProvider) : value?.ToString() ?? "");

        public override string ToString() => ToString(null, System.Globalization.CultureInfo.InvariantCulture);
    }
}
