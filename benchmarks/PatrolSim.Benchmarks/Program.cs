using BenchmarkDotNet.Running;

namespace PatrolSim.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/PatrolSim.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line; non-zero exit when any failed.</summary>
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
