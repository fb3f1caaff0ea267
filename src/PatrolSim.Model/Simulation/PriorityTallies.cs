using System.Runtime.CompilerServices;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// Everything recorded per priority, side by side: one array element per call served instead of one
/// array per metric (a bounds check and a cache line each).
/// </summary>
internal struct PriorityTallies
{
    public MeanAccumulator Response;
    public MeanAccumulator FullResponse;
    public MeanAccumulator ServiceStart;
    public MeanAccumulator Staging;
    public MeanAccumulator QueueDelay;
    public MeanAccumulator Travel;
    public MeanAccumulator BackupDelay;
    public MeanAccumulator Contacts;
    public long Delayed;
    public long WithTarget;
    public long WithinTarget;
    public long Risky;
    public long SoloCalls;
    public double SoloMinutes;
    public long NeedTwo;
    public long BackupMissed;
    public long Arrived;
    public long Served;
    public long Unfinished;
}

/// <summary>
/// Sum and count for a mean: the per-replication metrics need only means (their spread comes from the
/// replications), and a plain sum costs no division per call, unlike a Welford <see cref="Engine.Statistics.Tally"/>.
/// </summary>
internal struct MeanAccumulator
{
    private double _sum;

    public long Count { get; private set; }

    public readonly double Mean => Count == 0 ? double.NaN : _sum / Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double x)
    {
        _sum += x;
        Count++;
    }

    public void Merge(in MeanAccumulator other)
    {
        _sum += other._sum;
        Count += other.Count;
    }
}
