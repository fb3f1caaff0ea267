using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// The event loop allocates nothing per event: a run thirty times longer allocates (almost) no more than a short one.
/// Measured in bytes on this thread, never in time.
/// </summary>
public class AllocationTests
{
    private static (long Bytes, long Events) Measure(PatrolSimulation sim)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var r = sim.Run(21, 0);
        return (GC.GetAllocatedBytesForCurrentThread() - before, r.Events);
    }

    [Fact]
    public void LongRun_AllocatesNoMorePerEventThanAShortOne()
    {
        // Shifts, travel, backup, pairs, phone calls, four priorities: most of the loop's paths.
        var shortSim = new PatrolSimulation(TestScenarios.SmallCity(0.5, days: 10));
        var longSim = new PatrolSimulation(TestScenarios.SmallCity(0.5, days: 300));
        Measure(shortSim); // JIT and first-use allocations out of the way
        Measure(longSim);

        var small = Measure(shortSim);
        var large = Measure(longSim);

        long extraEvents = large.Events - small.Events;
        Assert.True(extraEvents > 100_000, $"{extraEvents} extra events");
        double bytesPerEvent = (large.Bytes - small.Bytes) / (double)extraEvents;

        // Growth of the preallocated arrays to the longest queue seen may add a few kilobytes in all; one object per
        // event would add at least 24 bytes per event.
        Assert.True(bytesPerEvent < 0.1, $"{bytesPerEvent:F4} bytes per event ({large.Bytes} B for {large.Events} events vs {small.Bytes} B for {small.Events})");
    }
}
