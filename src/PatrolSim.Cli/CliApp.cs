using System.CommandLine;
using System.CommandLine.Parsing;
using PatrolSim.Cli.Commands;
using PatrolSim.Output;
using PatrolSim.Scenarios;

namespace PatrolSim.Cli;

/// <summary>Builds the command tree and runs it; output goes to the writers given, so tests can capture it.</summary>
public static class CliApp
{
    /// <summary>Runs <c>patrolsim</c> with the given arguments and returns the exit code.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="interactive">Whether standard output is a terminal (default: detected).</param>
    /// <param name="consoleWidth">Width of the console tables in columns (default: the terminal's, or 160 when redirected).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool? interactive = null, int? consoleWidth = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool tty = interactive ?? (!Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out));
        stdout = new StandardOutput(stdout);
        var ctx = new CliContext(stdout, stderr, tty, consoleWidth);
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces of errors", Recursive = true };
        var root = new RootCommand("PatrolSim: discrete-event simulation of police patrol staffing policies (one- and two-officer cars, backup rules, dispatch).")
        {
            verbose,
            RunCommand.Create(ctx),
            ValidateCommand.Create(ctx),
            CompareCommand.Create(ctx),
            SweepCommand.Create(ctx),
            MergeCommand.Create(ctx),
            SensitivityCommand.Create(ctx),
            StaffCommand.Create(ctx),
            CalibrateCommand.Create(ctx),
            FitCheckCommand.Create(ctx),
            AnalyticCommand.Create(ctx),
            ReportCommand.Create(ctx),
            ServeCommand.Create(ctx),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine("patrolsim: " + e.Message + DidYouMean(parse, e));
            }

            // A bad option value is reported with its fix; the usage hint is for a command line of the wrong shape
            // (unknown words, missing arguments or options).
            if (parse.Errors.Any(e => e.SymbolResult is not OptionResult { Tokens.Count: > 0 }))
            {
                stderr.WriteLine("Run 'patrolsim --help' or 'patrolsim COMMAND --help' for usage.");
            }

            return ExitCodes.InvalidInput;
        }

        bool showStack = parse.GetValue(verbose);
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (PatrolSimException e)
        {
            // Every error for the user: each problem with the settings the libraries name worded as flags. Located
            // problems ("file:line:column: ...", a scenario's) are printed as they are, so that editors link to them.
            var problems = e.ProblemsNaming(Flags.Of);
            foreach (string problem in problems)
            {
                stderr.WriteLine(e.ProblemsAreLocated ? problem : "patrolsim: " + problem);
            }

            if (e.ProblemsAreLocated)
            {
                stderr.WriteLine(problems.Count == 1 ? "1 problem; nothing was simulated." : $"{problems.Count} problems; nothing was simulated.");
            }

            if (showStack)
            {
                stderr.WriteLine(e.ToString());
            }

            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM (Interruption) before the outputs were written: run, compare and staff write them at the end.
            stderr.WriteLine("patrolsim: interrupted; nothing was written");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (!showStack)
        {
            stderr.WriteLine($"patrolsim: internal error: {e.Message} (run again with --verbose for details, and please report it)");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// For an error about a word the command line does not know (<c>--replicatons</c>), the closest option or command
    /// of the command being parsed (its own, the recursive ones above it, its subcommands): " Did you mean '--replications'?".
    /// </summary>
    private static string DidYouMean(ParseResult parse, ParseError error)
    {
        foreach (string token in parse.UnmatchedTokens.Where(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)))
        {
            // An option for what looks like one; a command of the command being parsed for a word.
            var names = new List<string>();
            for (SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
            {
                if (r is CommandResult c)
                {
                    bool own = ReferenceEquals(c, parse.CommandResult);
                    names.AddRange(token.StartsWith('-')
                        ? c.Command.Options.Where(o => own || o.Recursive).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-'))
                        : own ? c.Command.Subcommands.Select(s => s.Name) : []);
                }
            }

            if (YamlReader.DidYouMean(token, names) is { } guess)
            {
                return $" Did you mean '{guess}'?";
            }
        }

        return "";
    }
}
