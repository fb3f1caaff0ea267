using Spectre.Console;

namespace PatrolSim.Cli;

/// <summary>Where a command writes: standard output and error, and a Spectre console over standard output.</summary>
public sealed class CliContext
{
    /// <summary>Creates the context over the given writers.</summary>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="interactive">Whether standard output is a terminal.</param>
    /// <param name="width">Console width in columns; default: the terminal's, or 160 when redirected.</param>
    public CliContext(TextWriter stdout, TextWriter stderr, bool interactive, int? width = null)
    {
        Out = stdout;
        Error = stderr;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (width is not null)
        {
            Console.Profile.Width = width.Value;
        }
        else if (!interactive)
        {
            Console.Profile.Width = 160;
        }
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: progress and diagnostics.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether standard output is a terminal (progress bars, colour).</summary>
    public bool Interactive { get; }

    /// <summary>Spectre console over <see cref="Out"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Tool name and version for output files.</summary>
    public static string Tool => "patrolsim " + (typeof(CliContext).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
}
