using System.Globalization;
using PatrolSim.Engine;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// A replication generated more calls than <see cref="SimulationOptions.MaxCallsPerReplication"/>: the hard stop that
/// keeps memory bounded whatever the scenario (a scenario expecting too many calls is refused before it runs).
/// </summary>
public sealed class CallLimitExceededException : Exception
{
    /// <summary>Creates the exception for the limit reached at simulated time <paramref name="atTicks"/>.</summary>
    public CallLimitExceededException(long limit, long atTicks)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"a replication generated more than {limit} calls (by day {new SimTime(atTicks).TotalDays:0.##} of the horizon), the most one replication may hold in memory; simulate fewer days or a smaller demand, or lower the demand windows' multipliers"))
    {
        Limit = limit;
    }

    /// <summary>Required by the exception pattern.</summary>
    public CallLimitExceededException()
        : base("a replication generated more calls than it may hold in memory")
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public CallLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public CallLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The limit reached.</summary>
    public long Limit { get; }

    /// <summary>Throws when call <paramref name="id"/> (numbered from 0) would be one more than <paramref name="limit"/>.</summary>
    internal static void ThrowIfReached(long id, long limit, long nowTicks)
    {
        if (id >= limit)
        {
            throw new CallLimitExceededException(limit, nowTicks);
        }
    }
}
