namespace PatrolSim.Engine.Random;

/// <summary>
/// Derives independent streams from (master seed, replication, stream id) by SplitMix64 mixing,
/// so a stream's numbers depend only on those three values — never on which thread runs it or in
/// what order replications are scheduled.
/// </summary>
public static class RandomStreams
{
    /// <summary>The seed of one replication: SplitMix64 of the master seed and the replication index.</summary>
    public static ulong ReplicationSeed(ulong masterSeed, int replication)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replication);
        return SplitMix64.Mix(SplitMix64.Mix(masterSeed ^ 0x5EED_0F_DA7A_5EEDUL) + ((ulong)replication * 0x9E3779B97F4A7C15UL) + 1UL);
    }

    /// <summary>The seed of stream <paramref name="streamId"/> within a replication.</summary>
    public static ulong StreamSeed(ulong replicationSeed, int streamId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(streamId);
        return SplitMix64.Mix(replicationSeed ^ SplitMix64.Mix(0xA5A5_0000_0000_0000UL + (ulong)streamId));
    }

    /// <summary>A new generator for (master seed, replication, stream id).</summary>
    public static Xoshiro256 Create(ulong masterSeed, int replication, int streamId) =>
        new(StreamSeed(ReplicationSeed(masterSeed, replication), streamId));
}
