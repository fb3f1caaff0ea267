using BenchmarkDotNet.Running;

namespace PatrolSim.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/PatrolSim.Benchmarks -- --filter '*'</c>.
/// <c>--smoke</c> runs every selected benchmark once in-process without timing (a cheap CI check
/// that each one runs); without <c>--filter</c> it selects all of them.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line; non-zero exit when any failed.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains("--smoke"))
        {
            ShortRunConfig.Smoke = true;
            args = [.. args.Where(a => a != "--smoke")];
            if (!args.Contains("--filter"))
            {
                args = [.. args, "--filter", "*"];
            }
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return !summaries.Any() || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
