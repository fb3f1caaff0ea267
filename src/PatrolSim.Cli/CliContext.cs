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
        _width = width;
    }

    private readonly int? _width;

    // Created on first use: validate, merge, --help and --version never load
    // Spectre.Console, which is start-up time (docs/cli.md#start-up-and-throughput-settings).
    private IAnsiConsole? _console;

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: progress and diagnostics.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether standard output is a terminal (progress bars, colour).</summary>
    public bool Interactive { get; }

    /// <summary>Spectre console over <see cref="Out"/>, created on first use.</summary>
    public IAnsiConsole Console => _console ??= CreateConsole();

    private IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (_width is not null)
        {
            console.Profile.Width = _width.Value;
        }
        else if (!Interactive)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>Tool name and version for output files.</summary>
    public static string Tool => "patrolsim " + (typeof(CliContext).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
}
