using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace PatrolSim.Benchmarks;

/// <summary>
/// Shared configuration: a short job (3 warm-up and 15 measured iterations of about 100 ms, one
/// launch) with the default out-of-process toolchain, which BenchmarkDotNet 0.14.0 runs fine on the
/// net10.0 host here (it generates a net10.0 project from the host's framework). With
/// <c>--smoke</c> (see <see cref="Program"/>) the job becomes one in-process invocation instead.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    /// <summary>Set by <c>--smoke</c>: run each benchmark once, in-process, without timing.</summary>
    public static bool Smoke { get; set; }

    /// <summary>Creates the configuration.</summary>
    public ShortRunConfig()
    {
        AddJob(Smoke
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke")
            : Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(15)
                .WithIterationTime(TimeInterval.FromMilliseconds(100))
                .WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddExporter(MarkdownExporter.GitHub);
        AddLogger(ConsoleLogger.Default);
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
