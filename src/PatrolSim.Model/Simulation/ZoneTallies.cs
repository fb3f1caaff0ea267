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

    // Response sketches left by replications this thread finished: a sketch's window of buckets grows to a few
    // hundred (a few KB), so a city of 2,600 beats would otherwise allocate, promote and collect tens of MB each
    // replication (issue 28 item 4).
    [ThreadStatic]
    private static Stack<QuantileSketch>? t_spare;

    public ZoneTallies(CompiledScenario c)
    {
        int n = c.Zones.Length;
        _districtOf = c.Geometry.DistrictOf;
        _districts = c.Geometry.Districts.Count;
        _t = new CallTally[n];
        for (int z = 0; z < n; z++)
        {
            _t[z].Sketch = RentSketch();
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

    /// <summary>A call served: its response goes to its zone's tallies and sketch and to <paramref name="prioritySketch"/> (its priority's, of the same settings; one bucket found for both).</summary>
    public void Served(in CallState call, double responseMinutes, long targetTicks, QuantileSketch prioritySketch)
    {
        ref CallTally t = ref _t[call.Zone];
        t.Served++;
        t.Response.Add(responseMinutes);
        t.Sketch.AddToBoth(responseMinutes, prioritySketch);
        if (targetTicks >= 0)
        {
            t.WithTarget++;
            if (call.FirstOnScene - call.ArrivalTicks <= targetTicks)
            {
                t.Within++;
            }
        }

        if (call.RiskLevel > 0)
        {
            t.Alone += call.SoloMinutes;
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
