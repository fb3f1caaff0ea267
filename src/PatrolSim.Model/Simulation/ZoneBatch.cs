namespace PatrolSim.Model.Simulation;

/// <summary>Something recorded for a zone.</summary>
internal interface IZoned
{
    /// <summary>The zone it is for.</summary>
    int Zone { get; }
}

/// <summary>
/// Records for the zones of a city of many beats, kept in arrival order and handed back zone by zone: a stable counting
/// sort, so each zone's records keep their order and whatever they add up adds in the same order as one by one. A city
/// of thousands of beats that updated a zone's tallies at every record would touch them at random, a cache miss or
/// more each (issue 28 item 4); filed in batches, each zone's tallies are touched once per batch.
/// </summary>
/// <typeparam name="T">A record.</typeparam>
internal sealed class ZoneBatch<T>
    where T : struct, IZoned
{
    private readonly T[] _pending;
    private readonly T[] _sorted;
    private readonly int[] _next;
    private int _count;

    /// <summary>A batch of up to <paramref name="size"/> records for zones 0 to <paramref name="zones"/> − 1.</summary>
    public ZoneBatch(int zones, int size)
    {
        _pending = new T[size];
        _sorted = new T[size];
        _next = new int[zones + 1];
    }

    /// <summary>Keeps a record; true when the batch is full (take it by <see cref="TakeByZone"/>).</summary>
    public bool Add(in T record)
    {
        _pending[_count++] = record;
        return _count == _pending.Length;
    }

    /// <summary>The records kept, zone by zone and in their order within a zone; the batch is empty afterwards (the span is valid until the next <see cref="Add"/>).</summary>
    public ReadOnlySpan<T> TakeByZone()
    {
        int n = _count;
        _count = 0;
        if (n == 0)
        {
            return default;
        }

        var pending = _pending;
        var next = _next;
        Array.Clear(next);
        for (int i = 0; i < n; i++)
        {
            next[pending[i].Zone + 1]++;
        }

        for (int z = 1; z < next.Length; z++)
        {
            next[z] += next[z - 1];
        }

        for (int i = 0; i < n; i++)
        {
            _sorted[next[pending[i].Zone]++] = pending[i];
        }

        return new ReadOnlySpan<T>(_sorted, 0, n);
    }
}
