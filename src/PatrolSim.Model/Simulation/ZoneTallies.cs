using PatrolSim.Engine;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// The metrics of one replication by zone and by district (<see cref="ZoneMetricCatalog"/>): calls by the zone where they
/// happen (response, its 90th percentile, within target, minutes alone at risky calls), officer-time by the unit's home
/// zone (committed and on duty, for utilisation). Districts pool their zones (sums and merged sketches, never means of
/// means). Only calls arriving after the warm-up count; officer-time from the warm-up's end.
/// </summary>
internal sealed class ZoneTallies
{
    private readonly int[] _districtOf;
    private readonly int _districts;
    // A zone's call tallies side by side, so a call served reads and writes one or two cache lines, not one per
    // tally (in a city of thousands of beats each is a miss); its response sketch alongside.
    private readonly CallTally[] _t;
    private readonly TimeWeighted[] _committed;
    private readonly TimeWeighted[] _onDuty;
    private readonly int[] _committedNow;
    private readonly int[] _onDutyNow;

    // In a city of many beats a call served touches its beat's tallies and sketch at random, a cache miss or three
    // (issue 28 item 4). From BatchFromZones beats on, served calls wait in a batch filed beat by beat when it fills, and
    // at the horizon: each beat's calls in the order served, so every sum adds in the same order as one by one and the
    // results are the same to the bit. (Officer-time, committed and on duty by home zone, was batched the same way and
    // measured 3% slower at 1,800 units: it stays one by one.)
    private readonly ZoneBatch<ServedCall>? _served;

    // Response sketches left by replications this thread finished: a sketch's window of buckets grows to a few
    // hundred (a few KB), so a city of 2,600 beats would otherwise allocate, promote and collect tens of MB each
    // replication (issue 28 item 4).
    [ThreadStatic]
    private static Stack<QuantileSketch>? t_spare;

    /// <summary>Beats from which served calls are filed in batches (below, one by one: a few beats' tallies stay in the caches).</summary>
    public const int BatchFromZones = 256;

    /// <summary>Tallies for the zones of <paramref name="c"/>, whose response sketches share buckets with <paramref name="prioritySketch"/> (same settings).</summary>
    /// <param name="c">The compiled scenario.</param>
    /// <param name="prioritySketch">A sketch of the settings the calls' buckets come from (<see cref="Served"/>).</param>
    /// <param name="batch">Calls served filed in batches of this many; 0 for one by one; null for the default (batches of about
    /// 8 calls a zone, at most 65,536, from <see cref="BatchFromZones"/> zones on).</param>
    public ZoneTallies(CompiledScenario c, QuantileSketch prioritySketch, int? batch = null)
    {
        int n = c.Zones.Length;
        _districtOf = c.Geometry.DistrictOf;
        _districts = c.Geometry.Districts.Count;
        _t = new CallTally[n];
        for (int z = 0; z < n; z++)
        {
            _t[z].Sketch = RentSketch();
        }

        if (n > 0 && !_t[0].Sketch.HasSameSettings(prioritySketch))
        {
            throw new ArgumentException("A zone's response sketch takes the buckets of a sketch with the same settings.", nameof(prioritySketch));
        }

        int size = batch ?? (n >= BatchFromZones ? Math.Min(8 * n, 1 << 16) : 0);
        if (size > 0)
        {
            _served = new ZoneBatch<ServedCall>(n, size);
        }

        _committed = new TimeWeighted[n];
        _onDuty = new TimeWeighted[n];
        _committedNow = new int[n];
        _onDutyNow = new int[n];
    }

    public void StartMeasuring(long now)
    {
        for (int z = 0; z < _committed.Length; z++)
        {
            _committed[z].Reset(new SimTime(now));
            _onDuty[z].Reset(new SimTime(now));
        }
    }

    public void Arrived(int zone) => _t[zone].Arrived++;

    public void HandledWithoutUnit(int zone) => _t[zone].Served++;

    public void Unfinished(int zone) => _t[zone].Unfinished++;

    /// <summary>
    /// A call served: its response goes to its zone's tallies and sketch (in <paramref name="bucket"/>, which the
    /// priority's sketch of the same settings gave it), now or in the zone's next batch.
    /// </summary>
    public void Served(in CallState call, double responseMinutes, int bucket, long targetTicks)
    {
        int flags = call.RiskLevel > 0 ? Risky : 0;
        if (targetTicks >= 0)
        {
            flags |= call.FirstOnScene - call.ArrivalTicks <= targetTicks ? WithTarget | Within : WithTarget;
        }

        var served = new ServedCall(call.Zone, bucket, flags, responseMinutes, call.SoloMinutes);
        if (_served is null)
        {
            File(in served);
        }
        else if (_served.Add(in served))
        {
            FileServed();
        }
    }

    private const int WithTarget = 1, Within = 2, Risky = 4;

    private void File(in ServedCall s)
    {
        ref CallTally t = ref _t[s.Zone];
        t.Served++;
        t.Response.Add(s.Response);
        t.Sketch.AddBucket(s.Bucket);
        if ((s.Flags & WithTarget) != 0)
        {
            t.WithTarget++;
            if ((s.Flags & Within) != 0)
            {
                t.Within++;
            }
        }

        if ((s.Flags & Risky) != 0)
        {
            t.Alone += s.Alone;
        }
    }

    /// <summary>Files the calls served waiting in their batch, zone by zone.</summary>
    private void FileServed()
    {
        foreach (ref readonly ServedCall s in _served is null ? default : _served.TakeByZone())
        {
            File(in s);
        }
    }

    public void Committed(long now, int zone, int delta)
    {
        _committedNow[zone] += delta;
        _committed[zone].Update(new SimTime(now), _committedNow[zone]);
    }

    public void OnDuty(long now, int zone, int delta)
    {
        _onDutyNow[zone] += delta;
        _onDuty[zone].Update(new SimTime(now), _onDutyNow[zone]);
    }

    /// <summary>
    /// The zone metrics and the district metrics (empty when the city has no districts) at the horizon. The tallies are
    /// done with then: their sketches go back to this thread's spares.
    /// </summary>
    public (IReadOnlyList<IReadOnlyList<double>> Zones, IReadOnlyList<IReadOnlyList<double>> Districts) Finish(long end, double days)
    {
        FileServed();
        var endTime = new SimTime(end);
        int n = _t.Length;
        var scratch = RentSketch();
        var zones = new IReadOnlyList<double>[n];
        for (int z = 0; z < n; z++)
        {
            zones[z] = Values([z], endTime, days, scratch);
        }

        var districts = new IReadOnlyList<double>[_districts];
        for (int d = 0; d < _districts; d++)
        {
            districts[d] = Values([.. Enumerable.Range(0, n).Where(z => _districtOf[z] == d)], endTime, days, scratch);
        }

        // Kept for this thread's next replication, up to 4,096 (a few KB each, 33 KB at most): a thread that ran a city
        // of many beats keeps its sketches while it lives (a web server's request threads run small cities).
        var spare = t_spare ??= new Stack<QuantileSketch>();
        foreach (var sketch in _t.Select(t => t.Sketch).Append(scratch))
        {
            if (spare.Count < 4096)
            {
                spare.Push(sketch);
            }
        }

        return (zones, districts);
    }

    /// <summary>An empty response sketch: one this thread's last replication left, or a new one.</summary>
    private static QuantileSketch RentSketch()
    {
        if (t_spare is { Count: > 0 } spare)
        {
            var sketch = spare.Pop();
            sketch.Clear();
            return sketch;
        }

        return new QuantileSketch(QuantileSketch.DefaultRelativeAccuracy, 1e-3, 1e6, grow: true);
    }

    /// <summary>The metrics of a zone, or of several together (a district), their sketches merged into <paramref name="scratch"/>.</summary>
    private double[] Values(int[] zones, SimTime end, double days, QuantileSketch scratch)
    {
        var response = default(MeanAccumulator);
        var sketch = zones.Length == 1 ? _t[zones[0]].Sketch : scratch;
        if (zones.Length != 1)
        {
            scratch.Clear();
        }

        long withTarget = 0, within = 0, arrived = 0, served = 0, unfinished = 0;
        double alone = 0, committed = 0, onDuty = 0;
        foreach (int z in zones)
        {
            ref readonly CallTally t = ref _t[z];
            response.Merge(t.Response);
            if (zones.Length != 1)
            {
                sketch.Merge(t.Sketch);
            }

            withTarget += t.WithTarget;
            within += t.Within;
            alone += t.Alone;
            arrived += t.Arrived;
            served += t.Served;
            unfinished += t.Unfinished;
            committed += _committed[z].AreaHours(end);
            onDuty += _onDuty[z].AreaHours(end);
        }

        var v = new double[ZoneMetricCatalog.Count];
        v[ZoneMetricCatalog.ResponseMean] = response.Mean;
        v[ZoneMetricCatalog.ResponseP90] = response.Count == 0 ? double.NaN : sketch.Quantile(0.9);
        v[ZoneMetricCatalog.WithinTarget] = withTarget == 0 ? double.NaN : within / (double)withTarget;
        v[ZoneMetricCatalog.Utilization] = onDuty > 0 ? committed / onDuty : double.NaN;
        v[ZoneMetricCatalog.SoloMinutesPerDay] = days > 0 ? alone / days : double.NaN;
        v[ZoneMetricCatalog.CallsArrived] = arrived;
        v[ZoneMetricCatalog.CallsServed] = served;
        v[ZoneMetricCatalog.CallsUnfinished] = unfinished;
        return v;
    }

    /// <summary>A call served, as its zone's tallies take it: the response's bucket, whether it had a target and met it, whether it was risky, and its minutes alone.</summary>
    private readonly record struct ServedCall(int Zone, int Bucket, int Flags, double Response, double Alone) : IZoned;

    /// <summary>A zone's calls: arrived, served (with or without a unit), unfinished; the response of those served, its sketch, within target; minutes alone at risky calls.</summary>
    private struct CallTally
    {
        public long Arrived;
        public long Served;
        public long Unfinished;
        public MeanAccumulator Response;
        public long WithTarget;
        public long Within;
        public double Alone;
        public QuantileSketch Sketch;
    }
}
