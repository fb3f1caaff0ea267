using System.Globalization;
using PatrolSim.Model.Definition;

namespace PatrolSim.Scenarios;

/// <summary>
/// The priorities that occur among a scenario's call types, for checking the keys that name priorities
/// (call handling, holding, reserve, preemption) against the calls that can actually arrive.
/// </summary>
internal sealed class CallPriorities
{
    private readonly int[] _sorted;

    public CallPriorities(IEnumerable<CallType> callTypes) => _sorted = [.. callTypes.Select(t => t.Priority).Distinct().Order()];

    /// <summary>The most urgent priority (the smallest number).</summary>
    public int MostUrgent => _sorted[0];

    /// <summary>The least urgent priority (the largest number).</summary>
    public int LeastUrgent => _sorted[^1];

    public bool Contains(int priority) => Array.BinarySearch(_sorted, priority) >= 0;

    /// <summary>"1, 3, 4", as messages list them.</summary>
    public override string ToString() => string.Join(", ", _sorted.Select(p => p.ToString(CultureInfo.InvariantCulture)));
}
