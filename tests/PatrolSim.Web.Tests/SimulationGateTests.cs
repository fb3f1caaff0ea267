using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PatrolSim.Experiments;
using PatrolSim.Model.Metrics;
using PatrolSim.Scenarios;
using PatrolSim.Web;

namespace PatrolSim.Web.Tests;

/// <summary>
/// docs/web.md: a request that finds every slot taken is refused at once. A refusal needs a thread to be answered on, so the
/// simulations holding the slots must not hold the thread pool's threads: their replications run on the gate's own threads.
/// (On the pool, a first burst of heavy runs had its refusals wait 2-3 s, until the pool grew or the runs ended.)
/// </summary>
public sealed class SimulationGateTests(WebFactory factory) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task WhileSimulationsHoldEverySlot_AFurtherRunIs429_AndTheirReplicationsRunOffTheThreadPool()
    {
        await using var server = factory.With(new ServeOptions());
        var client = server.CreateClient();
        var gate = server.Services.GetRequiredService<SimulationGate>();
        var scenario = ScenarioLoader.Parse(TinyScenarios.SmallCity, "tiny.yaml");
        int replications = 2 * gate.Parallelism;

        // Each slot held as a request holds it: a real simulation on the gate, blocked after its first replications until released.
        using var release = new ManualResetEventSlim();
        var slots = new List<IDisposable>();
        var progress = new List<BlockingProgress>();
        var held = new List<Task<RunSummary>>();
        for (int i = 0; i < gate.Slots; i++)
        {
            slots.Add(gate.TryEnter() ?? throw new InvalidOperationException("a slot of a fresh server is taken"));
            var p = new BlockingProgress(release);
            progress.Add(p);
            held.Add(gate.RunAsync(() => ReplicationRunner.Run(scenario, replications, 3, gate.Parallelism, p), CancellationToken.None));
        }

        try
        {
            // Every held simulation is inside a replication's report, its threads blocked there.
            await Task.WhenAll(progress.Select(p => p.Blocked.Task)).WaitAsync(TimeSpan.FromMinutes(5));

            var error = await Api.ErrorAsync(await Api.PostAsync(client, "/api/run", new RunRequest(Api.Classroom, Replications: 2)), 429);
            Assert.Equal("the server is already running 2 simulations; try again in a few seconds", error.Error);
            Assert.True(held.All(t => !t.IsCompleted), "a held simulation ended before the refusal");
        }
        finally
        {
            release.Set();
            await Task.WhenAll(held);
            slots.ForEach(s => s.Dispose());
        }

        // Every replication reported from a thread of the gate, none from the pool; the numbers are those of any thread count.
        Assert.All(progress, p => Assert.Equal(replications, p.Reports.Count));
        Assert.All(progress.SelectMany(p => p.Reports), onPool => Assert.False(onPool, "a held simulation's replication ran on a thread-pool thread"));
        double expected = ReplicationRunner.Run(scenario, replications, 3, 1).Overall[MetricCatalog.ResponseMean].Mean;
        Assert.All(held, t => Assert.Equal(expected, t.Result.Overall[MetricCatalog.ResponseMean].Mean));

        // The slots are free again.
        Assert.True((await Api.PostAsync(client, "/api/run", new RunRequest(Api.Classroom, Replications: 2))).IsSuccessStatusCode);
    }

    /// <summary>Records, for each replication's report, whether it came from a thread-pool thread, then blocks until released.</summary>
    private sealed class BlockingProgress(ManualResetEventSlim release) : IProgress<int>
    {
        public ConcurrentQueue<bool> Reports { get; } = new();

        public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Report(int value)
        {
            Reports.Enqueue(Thread.CurrentThread.IsThreadPoolThread);
            Blocked.TrySetResult();
            release.Wait();
        }
    }
}
