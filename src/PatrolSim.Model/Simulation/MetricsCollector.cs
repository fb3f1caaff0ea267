using PatrolSim.Engine;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// Gathers the metrics of one replication and owns their meaning: what a served call contributes, when an officer is
/// alone at a risky call (<see cref="OnSceneChanged"/>, the one definition, also written to the trace), and what the
/// unit table's transitions mean for committed time, officers on patrol and the unit-state record. Index 0 of the
/// per-priority arrays is "all calls", index p is priority p. Only calls arriving after the warm-up count;
/// time-based metrics cover warm-up to horizon.
/// </summary>
internal sealed class MetricsCollector
{
    private const double TicksPerMinute = SimTime.TicksPerMinute;

    private readonly CompiledScenario _c;
    private readonly ITraceSink? _trace;
    private readonly PriorityTallies[] _t;
    private readonly QuantileSketch[] _responseSketch;
    private readonly ZoneTallies _zones;

    // Per priority and risk level (index p * 4 + level): calls, and real officer-minutes alone on scene.
    private readonly long[] _levelCalls;
    private readonly double[] _levelSolo;
    private readonly double[] _proactiveSoloByLevel = new double[4];

    private readonly UnitStateRecord? _states;
    private int _queueNow;

    // The daily series, warm-up included: response-time sums and calls served by day of arrival.
    private readonly double[] _dayResponse;
    private readonly long[] _dayCalls;

    private bool _measuring;
    private long _measureStart;
    private TimeWeighted _committed;
    private TimeWeighted _onDuty;
    private TimeWeighted _soloOnDuty;
    private int _soloOnDutyNow;
    private int _committedNow;
    private int _onDutyNow;
    private double _overtimeOfficerTicks;
    private double _proactiveSoloMinutes;
    private int _maxQueue;
    private long _preemptions;

    public MetricsCollector(CompiledScenario compiled, bool trackUnitStates, ITraceSink? trace)
    {
        _c = compiled;
        _trace = trace;
        int n = compiled.MaxPriority + 1;
        _t = new PriorityTallies[n];
        _responseSketch = new QuantileSketch[n];
        for (int i = 0; i < n; i++)
        {
            _responseSketch[i] = new QuantileSketch(QuantileSketch.DefaultRelativeAccuracy, 1e-3, 1e6);
        }

        _zones = new ZoneTallies(compiled, _responseSketch[0]);
        int days = (int)Math.Max(1, (compiled.HorizonTicks + SimTime.TicksPerDay - 1) / SimTime.TicksPerDay);
        _dayResponse = new double[days];
        _dayCalls = new long[days];
        _levelCalls = new long[n * 4];
        _levelSolo = new double[n * 4];
        _committed = new TimeWeighted(SimTime.Zero, 0);
        _onDuty = new TimeWeighted(SimTime.Zero, 0);
        _soloOnDuty = new TimeWeighted(SimTime.Zero, 0);
        _measuring = compiled.WarmupTicks == 0;
        _measureStart = 0;

        if (trackUnitStates)
        {
            _states = new UnitStateRecord(compiled.TotalOfficers, _measuring);
        }
    }

    public void StartMeasuring(long now)
    {
        _measuring = true;
        _measureStart = now;
        _committed.Reset(new SimTime(now));
        _onDuty.Reset(new SimTime(now));
        _soloOnDuty.Reset(new SimTime(now));
        _zones.StartMeasuring(now);
        _maxQueue = _queueNow;
        _states?.StartMeasuring(now);
    }

    // Calls are recorded by priority only; index 0 ("all calls") is summed at the end (AggregateOverall),
    // which is exact for counts, sums and sketches and halves the work per call.
    public void CallArrived(int priority, int zone)
    {
        _t[priority].Arrived++;
        _zones.Arrived(zone);
    }

    public void CallHandledWithoutUnit(int priority, int zone)
    {
        _t[priority].Served++;
        _zones.HandledWithoutUnit(zone);
    }

    public void CallUnfinished(int priority, int zone)
    {
        _t[priority].Unfinished++;
        _zones.Unfinished(zone);
    }

    public void CallServed(in CallState call, long targetTicks, long clearTicks) => Add(call.Priority, in call, targetTicks, clearTicks);

    /// <summary>Any call cleared, measured or not: its response time goes to the daily series of its arrival day.</summary>
    public void CallCleared(in CallState call)
    {
        if (call.FirstOnScene < 0)
        {
            return;
        }

        int day = (int)Math.Min(call.ArrivalTicks / SimTime.TicksPerDay, _dayCalls.Length - 1);
        _dayResponse[day] += (call.FirstOnScene - call.ArrivalTicks) / TicksPerMinute;
        _dayCalls[day]++;
    }

    private void AggregateOverall()
    {
        ref PriorityTallies all = ref _t[0];
        for (int p = 1; p < _t.Length; p++)
        {
            ref PriorityTallies t = ref _t[p];
            all.Response.Merge(t.Response);
            all.FullResponse.Merge(t.FullResponse);
            all.ServiceStart.Merge(t.ServiceStart);
            all.Staging.Merge(t.Staging);
            all.NeedTwo += t.NeedTwo;
            all.BackupMissed += t.BackupMissed;
            for (int level = 0; level < 4; level++)
            {
                _levelCalls[level] += _levelCalls[(p * 4) + level];
                _levelSolo[level] += _levelSolo[(p * 4) + level];
            }

            all.QueueDelay.Merge(t.QueueDelay);
            all.Travel.Merge(t.Travel);
            all.BackupDelay.Merge(t.BackupDelay);
            all.Contacts.Merge(t.Contacts);
            _responseSketch[0].Merge(_responseSketch[p]);
            all.Delayed += t.Delayed;
            all.WithTarget += t.WithTarget;
            all.WithinTarget += t.WithinTarget;
            all.Risky += t.Risky;
            all.SoloCalls += t.SoloCalls;
            all.SoloMinutes += t.SoloMinutes;
            all.Arrived += t.Arrived;
            all.Served += t.Served;
            all.Unfinished += t.Unfinished;
        }
    }

    private void Add(int p, in CallState call, long targetTicks, long clearTicks)
    {
        ref PriorityTallies t = ref _t[p];
        t.Served++;
        long response = call.FirstOnScene - call.ArrivalTicks;
        double responseMin = response / TicksPerMinute;
        t.Response.Add(responseMin);
        _zones.Served(in call, responseMin, _responseSketch[p].AddReturningBucket(responseMin), targetTicks);
        if (call.FullOnScene >= 0)
        {
            t.FullResponse.Add((call.FullOnScene - call.ArrivalTicks) / TicksPerMinute);
        }

        long delay = call.FirstDispatch - call.ArrivalTicks;
        t.QueueDelay.Add(delay / TicksPerMinute);
        if (delay > 0)
        {
            t.Delayed++;
        }

        t.Travel.Add(call.FirstTravel / TicksPerMinute);
        if (targetTicks >= 0)
        {
            t.WithTarget++;
            if (response <= targetTicks)
            {
                t.WithinTarget++;
            }
        }

        if (call.ServiceStart >= 0)
        {
            t.ServiceStart.Add((call.ServiceStart - call.ArrivalTicks) / TicksPerMinute);
            t.Staging.Add((call.ServiceStart - call.FirstOnScene) / TicksPerMinute);
        }

        if (call.Needed >= 2)
        {
            // A backup that never arrived is censored at the clearance: counted, never dropped.
            t.NeedTwo++;
            if (call.SecondOnScene >= 0)
            {
                t.BackupDelay.Add((call.SecondOnScene - call.FirstOnScene) / TicksPerMinute);
            }
            else
            {
                t.BackupMissed++;
                t.BackupDelay.Add((clearTicks - call.FirstOnScene) / TicksPerMinute);
            }
        }

        t.Contacts.Add(call.Contacts);
        int cell = (p * 4) + call.RiskLevel;
        _levelCalls[cell]++;
        _levelSolo[cell] += call.SoloMinutes;
        if (call.RiskWeight > 0)
        {
            t.Risky++;
            if (call.SoloMinutes > 0)
            {
                t.SoloCalls++;
                t.SoloMinutes += call.SoloMinutes * call.RiskWeight;
            }
        }
    }

    /// <summary>
    /// Alone at a risky call: service has started (or resumed), exactly one officer is on scene, and the call's risk
    /// level is above none. Called after every change of a call's officers on scene or service; starts or stops the
    /// count of minutes alone accordingly.
    /// </summary>
    public void OnSceneChanged(ref CallState call, long now)
    {
        bool alone = call.ServiceStart >= 0 && !call.Paused && call.OnScene == 1 && call.RiskLevel > 0;
        if (alone && call.AloneSince < 0)
        {
            call.AloneSince = now;
            _trace?.Record(new AloneChanged(now / TicksPerMinute, call.Id, Alone: true));
        }
        else if (!alone)
        {
            EndAlone(ref call, now);
        }
    }

    /// <summary>The call cleared: an officer alone on it is alone no more.</summary>
    public void SceneCleared(ref CallState call, long now) => EndAlone(ref call, now);

    private void EndAlone(ref CallState call, long now)
    {
        if (call.AloneSince < 0)
        {
            return;
        }

        call.SoloMinutes += (now - call.AloneSince) / (double)SimTime.TicksPerMinute;
        call.AloneSince = -1;
        _trace?.Record(new AloneChanged(now / TicksPerMinute, call.Id, Alone: false));
    }

    /// <summary>A self-initiated activity ended (any way): a one-officer unit's time on it is solo exposure at its risk level.</summary>
    public void ProactiveEnded(int officers, long startTicks, long endTicks)
    {
        if (officers == 1 && _c.Scenario.Demand.SelfInitiated is { } si)
        {
            ProactiveSolo(startTicks, endTicks, (int)si.Risk, _c.Scenario.RiskWeights.Of(si.Risk));
        }
    }

    private void ProactiveSolo(long startTicks, long endTicks, int riskLevel, double weight)
    {
        long from = Math.Max(startTicks, _measuring ? _measureStart : long.MaxValue);
        if (endTicks > from)
        {
            double minutes = (endTicks - from) / TicksPerMinute;
            _proactiveSoloByLevel[riskLevel] += minutes;
            if (weight > 0)
            {
                _proactiveSoloMinutes += weight * minutes;
            }
        }
    }

    public void Preempted()
    {
        if (_measuring)
        {
            _preemptions++;
        }
    }

    public void CommittedChange(long now, int delta, int homeZone)
    {
        _zones.Committed(now, homeZone, delta);
        _committedNow += delta;
        _committed.Update(new SimTime(now), _committedNow);
    }

    public void OnDutyChange(long now, int delta, int homeZone)
    {
        _zones.OnDuty(now, homeZone, delta);
        _onDutyNow += delta;
        _onDuty.Update(new SimTime(now), _onDutyNow);
        if (delta == 1 || delta == -1)
        {
            // A one-officer car came on or went off duty.
            _soloOnDutyNow += delta;
            _soloOnDuty.Update(new SimTime(now), _soloOnDutyNow);
        }
    }

    public void Overtime(long shiftEndTicks, long now, int officers)
    {
        if (!_measuring)
        {
            return;
        }

        long from = Math.Max(shiftEndTicks, _measureStart);
        if (now > from)
        {
            _overtimeOfficerTicks += (double)officers * (now - from);
        }
    }

    public void QueueLength(long now, int waiting)
    {
        _states?.QueueLength(now, waiting);
        _queueNow = waiting;
        if (_measuring && waiting > _maxQueue)
        {
            _maxQueue = waiting;
        }
    }

    public void UnitBusyChange(long now, int number, bool busy) => _states?.BusyChange(now, number, busy);

    public ReplicationResult Finish(long end, int replication, ulong seed, long events, long calls)
    {
        AggregateOverall();
        var byPriority = new SortedDictionary<int, IReadOnlyList<double>>();
        foreach (int p in _c.Priorities)
        {
            byPriority[p] = Values(p, end, overall: false);
        }

        (IReadOnlyList<double>? busy, IReadOnlyList<double>? states) = _states is null ? (null, null) : _states.Finish(end, _measureStart);

        var (zones, districts) = _zones.Finish(end, (end - _measureStart) / (double)SimTime.TicksPerDay);
        return new ReplicationResult
        {
            Replication = replication,
            Seed = seed,
            Overall = Values(0, end, overall: true),
            ByPriority = byPriority,
            Events = events,
            CallsGenerated = calls,
            UnitBusyFraction = busy,
            StateFractions = states,
            ByZone = zones,
            ByDistrict = districts,
            ResponseSketches = _responseSketch,
            Daily = new DailySeries(_dayResponse, _dayCalls),
        };
    }

    private double[] Values(int p, long end, bool overall)
    {
        ref PriorityTallies t = ref _t[p];
        var v = new double[MetricCatalog.Count];
        Array.Fill(v, double.NaN);
        v[MetricCatalog.ResponseMean] = t.Response.Mean;
        v[MetricCatalog.ResponseP50] = _responseSketch[p].Quantile(0.5);
        v[MetricCatalog.ResponseP90] = _responseSketch[p].Quantile(0.9);
        v[MetricCatalog.FullResponseMean] = t.FullResponse.Mean;
        v[MetricCatalog.ServiceStartMean] = t.ServiceStart.Mean;
        v[MetricCatalog.StagingMean] = t.Staging.Mean;
        v[MetricCatalog.QueueDelayMean] = t.QueueDelay.Mean;
        v[MetricCatalog.ProbDelayed] = Ratio(t.Delayed, t.QueueDelay.Count);
        v[MetricCatalog.TravelMean] = t.Travel.Mean;
        v[MetricCatalog.WithinTarget] = Ratio(t.WithinTarget, t.WithTarget);
        v[MetricCatalog.BackupDelayMean] = t.BackupDelay.Mean;
        v[MetricCatalog.BackupMissed] = Ratio(t.BackupMissed, t.NeedTwo);
        v[MetricCatalog.OfficersOnScene] = t.Contacts.Mean;
        int cell = overall ? 0 : p * 4;
        v[MetricCatalog.SoloMinutesLow] = PerCall(_levelSolo[cell + 1], _levelCalls[cell + 1]);
        v[MetricCatalog.SoloMinutesMedium] = PerCall(_levelSolo[cell + 2], _levelCalls[cell + 2]);
        v[MetricCatalog.SoloMinutesHigh] = PerCall(_levelSolo[cell + 3], _levelCalls[cell + 3]);
        double solo = t.SoloMinutes + (overall ? _proactiveSoloMinutes : 0);
        v[MetricCatalog.SoloExposureIndex] = t.Arrived == 0 ? double.NaN : solo * 1000.0 / t.Arrived;
        v[MetricCatalog.SoloCalls] = Ratio(t.SoloCalls, t.Risky);
        v[MetricCatalog.CallsArrived] = t.Arrived;
        v[MetricCatalog.CallsServed] = t.Served;
        v[MetricCatalog.CallsUnfinished] = t.Unfinished;
        if (overall)
        {
            var endTime = new SimTime(end);
            double onDuty = _onDuty.AreaHours(endTime);
            double committed = _committed.AreaHours(endTime);
            v[MetricCatalog.Utilization] = onDuty > 0 ? committed / onDuty : double.NaN;
            v[MetricCatalog.ProactiveShare] = onDuty > 0 ? 1 - (committed / onDuty) : double.NaN;
            double days = (end - _measureStart) / (double)SimTime.TicksPerDay;
            v[MetricCatalog.OvertimeHours] = days > 0 ? _overtimeOfficerTicks / SimTime.TicksPerHour / days : double.NaN;
            v[MetricCatalog.SoloPerDayLow] = days > 0 ? (_levelSolo[1] + _proactiveSoloByLevel[1]) / days : double.NaN;
            v[MetricCatalog.SoloPerDayMedium] = days > 0 ? (_levelSolo[2] + _proactiveSoloByLevel[2]) / days : double.NaN;
            v[MetricCatalog.SoloPerDayHigh] = days > 0 ? (_levelSolo[3] + _proactiveSoloByLevel[3]) / days : double.NaN;
            v[MetricCatalog.PreemptionsPerDay] = days > 0 ? _preemptions / days : double.NaN;
            v[MetricCatalog.SoloPatrolHours] = days > 0 ? _soloOnDuty.AreaHours(endTime) / days : double.NaN;
            v[MetricCatalog.MaxQueueLength] = _maxQueue;
        }

        return v;
    }

    private static double Ratio(long a, long b) => b == 0 ? double.NaN : a / (double)b;

    private static double PerCall(double minutes, long calls) => calls == 0 ? double.NaN : minutes / calls;
}
