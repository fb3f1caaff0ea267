using PatrolSim.Engine.Queues;

namespace PatrolSim.Engine.Tests;

public class EventQueueTests
{
    private static readonly IComparer<(long Time, int Priority, long Sequence)> KeyOrder =
        Comparer<(long Time, int Priority, long Sequence)>.Default;

    [Theory]
    [MemberData(nameof(QueueFactory.Kinds), MemberType = typeof(QueueFactory))]
    public void EmptyQueue_DequeueAndPeekThrow_TryDequeueIsFalse(string kind)
    {
        var q = QueueFactory.Create(kind);
        Assert.Equal(0, q.Count);
        Assert.Equal(SimTime.Never, q.PeekTime);
        Assert.Throws<InvalidOperationException>(() => q.Dequeue());
        Assert.Throws<InvalidOperationException>(() => q.Peek());
        Assert.False(q.TryDequeue(out var none));
        Assert.Equal(default, none);
    }

    [Theory]
    [MemberData(nameof(QueueFactory.Kinds), MemberType = typeof(QueueFactory))]
    public void OneElement_PeekThenDequeue_ReturnsItAndEmpties(string kind)
    {
        var q = QueueFactory.Create(kind, capacity: 0);
        long seq = q.Schedule(new SimTime(42), 3, new TestPayload(7));
        Assert.Equal(0, seq);
        Assert.Equal(1, q.Count);
        Assert.Equal(new SimTime(42), q.PeekTime);
        var expected = new ScheduledEvent<TestPayload>(new SimTime(42), 3, 0, new TestPayload(7));
        Assert.Equal(expected, q.Peek());
        Assert.Equal(1, q.Count);
        Assert.Equal(expected, q.Dequeue());
        Assert.Equal(0, q.Count);
        Assert.False(q.TryDequeue(out _));
    }

    [Theory]
    [InlineData("public", -1)]
    [InlineData("public", 128)]
    [InlineData("alternative", -1)]
    [InlineData("alternative", 128)]
    public void Schedule_PriorityOutOfRange_Throws(string kind, int priority)
    {
        var q = QueueFactory.Create(kind);
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Schedule(SimTime.Zero, priority, default));
        Assert.Equal(0, q.Count);
    }

    [Theory]
    [MemberData(nameof(QueueFactory.Kinds), MemberType = typeof(QueueFactory))]
    public void EqualKeys_LeaveInScheduleOrder(string kind)
    {
        var q = QueueFactory.Create(kind, capacity: 1);
        for (int i = 0; i < 5000; i++)
        {
            Assert.Equal(i, q.Schedule(new SimTime(1000), 5, new TestPayload(i)));
        }

        for (int i = 0; i < 5000; i++)
        {
            var e = q.Dequeue();
            Assert.Equal(i, e.Payload.Id);
            Assert.Equal(i, e.Sequence);
        }
    }

    [Theory]
    [MemberData(nameof(QueueFactory.Kinds), MemberType = typeof(QueueFactory))]
    public void EqualTimes_LeaveByPriorityThenScheduleOrder(string kind)
    {
        var q = QueueFactory.Create(kind);
        int[] priorities = [127, 0, 5, 0, 127, 5, 1];
        for (int i = 0; i < priorities.Length; i++)
        {
            q.Schedule(new SimTime(10), priorities[i], new TestPayload(i));
        }

        int[] order = [.. Enumerable.Range(0, priorities.Length).Select(_ => q.Dequeue().Payload.Id)];
        Assert.Equal([1, 3, 6, 2, 5, 0, 4], order);
    }

    public static TheoryData<string, int, int, long> RandomSchedules()
    {
        var data = new TheoryData<string, int, int, long>();
        foreach (string kind in new[] { "public", "alternative" })
        {
            // (size, seed, time range): small ranges force many ties.
            data.Add(kind, 1, 1, 10);
            data.Add(kind, 17, 2, 3);
            data.Add(kind, 1000, 3, 50);
            data.Add(kind, 20_000, 4, 1_000_000);
            data.Add(kind, 20_000, 5, 100);
            data.Add(kind, 100_000, 6, long.MaxValue / 4);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RandomSchedules))]
    public void RandomSchedule_DequeuesInSortedReferenceOrder(string kind, int size, int seed, long range)
    {
        var rng = new System.Random(seed);
        var q = QueueFactory.Create(kind, capacity: 2);
        var reference = new List<(long Time, int Priority, long Sequence)>();
        for (int i = 0; i < size; i++)
        {
            long t = rng.NextInt64(range);
            int p = rng.Next(4);
            long s = q.Schedule(new SimTime(t), p, new TestPayload(i));
            Assert.Equal(i, s);
            reference.Add((t, p, s));
        }

        Assert.Equal(size, q.Count);
        Assert.Equal(size, q.ScheduledCount);
        reference.Sort(KeyOrder);
        foreach (var expected in reference)
        {
            Assert.Equal(expected.Time, q.PeekTime.Ticks);
            var e = q.Dequeue();
            Assert.Equal(expected, (e.Time.Ticks, e.Priority, e.Sequence));
            Assert.Equal((int)expected.Sequence, e.Payload.Id);
        }

        Assert.Equal(0, q.Count);
    }

    [Theory]
    [InlineData("public", 11)]
    [InlineData("public", 12)]
    [InlineData("public", 13)]
    [InlineData("alternative", 11)]
    [InlineData("alternative", 12)]
    [InlineData("alternative", 13)]
    public void InterleavedScheduleAndDequeue_MatchesReference(string kind, int seed)
    {
        // Random walks in size (growing, shrinking, to empty and back), with events scheduled both
        // after and (as a model never does, but the queue allows) before the last dequeued time.
        var rng = new System.Random(seed);
        var q = QueueFactory.Create(kind, capacity: 1);
        var reference = new SortedSet<(long Time, int Priority, long Sequence)>(KeyOrder);
        long now = 0;
        for (int phase = 0; phase < 40; phase++)
        {
            int target = rng.Next(4) switch { 0 => 0, 1 => rng.Next(10), 2 => rng.Next(1000), _ => rng.Next(20_000) };
            double pSchedule = q.Count < target ? 0.8 : 0.2;
            long spread = rng.Next(3) switch { 0 => 5, 1 => 10_000, _ => 100_000_000 };
            for (int step = 0; step < 3000; step++)
            {
                if (rng.NextDouble() < pSchedule || reference.Count == 0)
                {
                    long t = rng.Next(20) == 0 ? Math.Max(0, now - rng.NextInt64(spread)) : now + rng.NextInt64(spread);
                    int p = rng.Next(3);
                    long s = q.Schedule(new SimTime(t), p, new TestPayload((int)q.ScheduledCount));
                    reference.Add((t, p, s));
                }
                else
                {
                    var expected = reference.Min;
                    reference.Remove(expected);
                    Assert.True(q.TryDequeue(out var e));
                    Assert.Equal(expected, (e.Time.Ticks, e.Priority, e.Sequence));
                    now = e.Time.Ticks;
                }

                Assert.Equal(reference.Count, q.Count);
            }
        }

        while (reference.Count > 0)
        {
            var expected = reference.Min;
            reference.Remove(expected);
            var e = q.Dequeue();
            Assert.Equal(expected, (e.Time.Ticks, e.Priority, e.Sequence));
        }

        Assert.False(q.TryDequeue(out _));
    }

    [Theory]
    [MemberData(nameof(QueueFactory.Kinds), MemberType = typeof(QueueFactory))]
    public void HoldModel_TimesNeverDecreaseAndMatchReference(string kind)
    {
        var rng = new System.Random(99);
        var q = QueueFactory.Create(kind);
        var reference = new PriorityQueue<int, (long, int, long)>(KeyOrder);
        for (int i = 0; i < 5000; i++)
        {
            long t = (long)(-60_000 * Math.Log(1 - rng.NextDouble()));
            long s = q.Schedule(new SimTime(t), 0, new TestPayload(i));
            reference.Enqueue(i, (t, 0, s));
        }

        long last = long.MinValue;
        for (int i = 0; i < 200_000; i++)
        {
            var e = q.Dequeue();
            reference.TryDequeue(out int id, out var key);
            Assert.Equal(key, (e.Time.Ticks, e.Priority, e.Sequence));
            Assert.Equal(id, e.Payload.Id);
            Assert.True(e.Time.Ticks >= last);
            last = e.Time.Ticks;
            // Bimodal increments, switching regime half-way, so that bucket widths must adapt.
            double scale = i < 100_000 ? 1 : 1000;
            long inc = (long)(scale * (rng.NextDouble() < 0.9 ? rng.Next(12_000) : 540_000 + rng.Next(120_000)));
            long s = q.Schedule(new SimTime(last + inc), 0, e.Payload);
            reference.Enqueue(e.Payload.Id, (last + inc, 0, s));
        }
    }

    [Fact]
    public void CalendarGeometry_FollowsSizeAndGaps()
    {
        // The retuning paths above are exercised for real: buckets grow with the pending count,
        // shrink when it falls, and the width follows the gap between dequeued events.
        var q = new EventQueue<TestPayload>();
        for (int i = 0; i < 50_000; i++)
        {
            q.Schedule(new SimTime(i * 1000L), 0, new TestPayload(i));
        }

        Assert.InRange(q.BucketCount, 50_000, 4 * 50_000);
        for (int i = 0; i < 20_000; i++)
        {
            var e = q.Dequeue();
            q.Schedule(new SimTime(e.Time.Ticks + 50_000_000L), 0, e.Payload);
        }

        // Gap 1000 ticks, factor 2: a width of 2^10 or 2^11 ticks.
        Assert.InRange(q.WidthShift, 10, 11);
        int rebuildsBeforeShrinking = q.Rebuilds;
        while (q.Count > 100)
        {
            q.Dequeue();
        }

        for (int i = 0; i < 5000; i++)
        {
            var e = q.Dequeue();
            q.Schedule(new SimTime(e.Time.Ticks + 100), 0, e.Payload);
        }

        // Shrunk from ≥ 50 000 buckets: the desired count is 128 (≥ the 100 pending events, and a
        // year of 128 buckets covers the 100 ticks ahead), and a shrink waits until the desired count
        // falls below a quarter of the current one, so at most 4 × 128.
        Assert.InRange(q.BucketCount, 100, 4 * 128);
        Assert.True(q.Rebuilds > rebuildsBeforeShrinking);
    }

    [Theory]
    [MemberData(nameof(QueueFactory.Kinds), MemberType = typeof(QueueFactory))]
    public void FarHorizons_OrderExactlyNearMaxHorizonAndNever(string kind)
    {
        var q = QueueFactory.Create(kind);
        long h = SimTime.MaxHorizon.Ticks;
        long[] times = [long.MaxValue, h + 1, h, long.MaxValue - 1, h - 1, 0, long.MaxValue, -5, h];
        for (int i = 0; i < times.Length; i++)
        {
            q.Schedule(new SimTime(times[i]), 0, new TestPayload(i));
        }

        int[] order = [.. Enumerable.Range(0, times.Length).Select(_ => q.Dequeue().Payload.Id)];
        Assert.Equal([7, 5, 4, 2, 8, 1, 3, 0, 6], order);
    }

    [Theory]
    [MemberData(nameof(QueueFactory.Kinds), MemberType = typeof(QueueFactory))]
    public void Clear_ForgetsEventsAndRestartsSequences(string kind)
    {
        var q = QueueFactory.Create(kind);
        for (int i = 0; i < 1000; i++)
        {
            q.Schedule(new SimTime(1000 - i), 1, new TestPayload(i));
        }

        q.Dequeue();
        q.Clear();
        Assert.Equal(0, q.Count);
        Assert.Equal(0, q.ScheduledCount);
        Assert.Equal(SimTime.Never, q.PeekTime);
        Assert.False(q.TryDequeue(out _));

        Assert.Equal(0, q.Schedule(new SimTime(5), 0, new TestPayload(100)));
        Assert.Equal(1, q.Schedule(new SimTime(3), 0, new TestPayload(101)));
        Assert.Equal(2, q.Schedule(new SimTime(5), 0, new TestPayload(102)));
        Assert.Equal([101, 100, 102], new[] { q.Dequeue().Payload.Id, q.Dequeue().Payload.Id, q.Dequeue().Payload.Id });
    }

    [Theory]
    [MemberData(nameof(QueueFactory.Kinds), MemberType = typeof(QueueFactory))]
    public void Order_DoesNotDependOnInitialCapacity(string kind)
    {
        int[] Run(int capacity)
        {
            var rng = new System.Random(5);
            var q = QueueFactory.Create(kind, capacity);
            if (capacity > 100)
            {
                q.EnsureCapacity(5000);
            }

            for (int i = 0; i < 3000; i++)
            {
                q.Schedule(new SimTime(rng.Next(200)), rng.Next(2), new TestPayload(i));
            }

            return [.. Enumerable.Range(0, 3000).Select(_ => q.Dequeue().Payload.Id)];
        }

        Assert.Equal(Run(0), Run(4096));
    }

    [Fact]
    public void ReferencePayload_IsReleasedOnDequeue()
    {
        // A payload holding a reference must not keep it alive from a vacated slot.
        var q = new EventQueue<RefPayload>();
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        WeakReference Schedule()
        {
            var target = new object();
            q.Schedule(SimTime.Zero, 0, new RefPayload(target));
            q.Schedule(new SimTime(1), 0, new RefPayload(null));
            return new WeakReference(target);
        }

        var weak = Schedule();
        DequeueOne(q);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.IsAlive);
        Assert.Equal(1, q.Count);
    }

    [Theory]
    [MemberData(nameof(QueueFactory.Kinds), MemberType = typeof(QueueFactory))]
    public void SteadyStateHold_AllocatesNothing(string kind)
    {
        var q = QueueFactory.Create(kind);
        var rng = new Engine.Random.Xoshiro256(1);
        for (int i = 0; i < 10_000; i++)
        {
            q.Schedule(new SimTime((long)rng.Exponential(60_000)), 0, new TestPayload(i));
        }

        void Hold(int n)
        {
            for (int i = 0; i < n; i++)
            {
                var e = q.Dequeue();
                q.Schedule(new SimTime(e.Time.Ticks + (long)rng.Exponential(60_000)), 0, e.Payload);
            }
        }

        Hold(100_000); // reach the steady state (and let any tuning settle)
        long before = GC.GetAllocatedBytesForCurrentThread();
        Hold(100_000);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void SwingingPendingCount_StopsAllocatingAfterItsFirstPeak_AndKeepsOrder()
    {
        // Units going on and off shift make the pending count swing every simulated day: the calendar grows and shrinks
        // each time; after the first peak it must reuse its arrays (issue 16: 0 B allocated per event).
        var q = new EventQueue<TestPayload>();
        var rng = new Engine.Random.Xoshiro256(3);
        long now = 0;

        void Day()
        {
            for (int i = 0; i < 20_000; i++)
            {
                q.Schedule(new SimTime(now + 1 + (long)rng.Exponential(600_000)), 0, new TestPayload(i));
            }

            bool again = false;
            while (q.Count > 50)
            {
                var e = q.Dequeue();
                Assert.True(e.Time.Ticks >= now, "dequeued out of time order");
                now = e.Time.Ticks;
                if (again = !again) // every other event schedules a successor: the queue drains to 50
                {
                    q.Schedule(new SimTime(now + 1 + (long)rng.Exponential(6_000)), 0, e.Payload);
                }
            }
        }

        Day();
        int rebuildsAfterFirst = q.Rebuilds;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Day();
        Day();
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(q.Rebuilds > rebuildsAfterFirst + 2, $"the calendar should have grown and shrunk again ({q.Rebuilds} rebuilds, {rebuildsAfterFirst} after the first day)");
        Assert.Equal(0, after - before);
    }

    // Out of line so that no stack slot of the test keeps the dequeued payload alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void DequeueOne(EventQueue<RefPayload> q) => q.Dequeue();

    private readonly record struct RefPayload(object? Target);
}
