using PatrolSim.Engine.Queues;

namespace PatrolSim.Engine.Tests;

/// <summary>The queue implementations under test: the public <see cref="EventQueue{TPayload}"/> and the internal alternative kept for benchmarks.</summary>
public static class QueueFactory
{
    /// <summary>Implementation names for theories.</summary>
    public static TheoryData<string> Kinds => new() { "public", "alternative" };

    internal static IEventQueue<TestPayload> Create(string kind, int capacity = 64) => kind switch
    {
        "public" => new EventQueue<TestPayload>(capacity),
        "alternative" => new HeapEventQueue<TestPayload>(capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>A payload that remembers which scheduling produced it.</summary>
public readonly record struct TestPayload(int Id);
