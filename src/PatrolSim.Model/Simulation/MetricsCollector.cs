using PatrolSim.Engine;
using System.Runtime.CompilerServices;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// Gathers the metrics of one replication. Index 0 of the per-priority arrays is "all calls", index p is
/// priority p. Only calls arriving after the warm-up count; time-based metrics cover warm-up to horizon.
/// </summary>
internal sealed class MetricsCollector
{
    private const double TicksPerMinute = SimTime.TicksPerMinute;

    private readonly CompiledScenario _c;
    private readonly MeanAccumulator[] _response;
    private readonly MeanAccumulator[] _fullResponse;
    private readonly MeanAccumulator[] _serviceStart;
    private readonly MeanAccumulator[] _staging;
    private readonly MeanAccumulator[] _queueDelay;
    private readonly MeanAccumulator[] _travel;
    private readonly MeanAccumulator[] _backupDelay;
    private readonly MeanAccumulator[] _contacts;
    private readonly QuantileSketch[] _responseSketch;
    private readonly long[] _delayed;
    private readonly long[] _withTarget;
    private readonly long[] _withinTarget;
    private readonly long[] _risky;
    private readonly long[] _soloCalls;
    private readonly double[] _soloMinutes;
    private readonly long[] _needTwo;
    private readonly long[] _backupMissed;

    // Per priority and risk level (index p * 4 + level): calls, and real officer-minutes alone on scene.
    private readonly long[] _levelCalls;
    private readonly double[] _levelSolo;
    private readonly double[] _proactiveSoloByLevel = new double[4];
    private readonly long[] _arrived;
    private readonly long[] _served;
    private readonly long[] _unfinished;

    private readonly bool _trackStates;
    private readonly double[]? _stateTicks;
    private readonly double[]? _unitBusyTicks;
    private int _busyMask;
    private int _queueNow;
    private long _lastStateChange;

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

    public MetricsCollector(CompiledScenario compiled, bool trackUnitStates)
    {
        _c = compiled;
        int n = compiled.MaxPriority + 1;
        _response = new MeanAccumulator[n];
        _fullResponse = new MeanAccumulator[n];
        _serviceStart = new MeanAccumulator[n];
        _staging = new MeanAccumulator[n];
        _queueDelay = new MeanAccumulator[n];
        _travel = new MeanAccumulator[n];
        _backupDelay = new MeanAccumulator[n];
        _contacts = new MeanAccumulator[n];
        _responseSketch = new QuantileSketch[n];
        for (int i = 0; i < n; i++)
        {
            _responseSketch[i] = new QuantileSketch(QuantileSketch.DefaultRelativeAccuracy, 1e-3, 1e6);
        }

        _delayed = new long[n];
        _withTarget = new long[n];
        _withinTarget = new long[n];
        _risky = new long[n];
        _soloCalls = new long[n];
        _soloMinutes = new double[n];
        _needTwo = new long[n];
        _backupMissed = new long[n];
        _levelCalls = new long[n * 4];
        _levelSolo = new double[n * 4];
        _arrived = new long[n];
        _served = new long[n];
        _unfinished = new long[n];
        _committed = new TimeWeighted(SimTime.Zero, 0);
        _onDuty = new TimeWeighted(SimTime.Zero, 0);
        _soloOnDuty = new TimeWeighted(SimTime.Zero, 0);
        _measuring = compiled.WarmupTicks == 0;
        _measureStart = 0;

        if (trackUnitStates)
        {
            int units = compiled.TotalOfficers;
            if (units > 16)
            {
                throw new ArgumentException("Unit-state tracking supports at most 16 units.", nameof(trackUnitStates));
            }

            _trackStates = true;
            _stateTicks = new double[(1 << units) + 1];
            _unitBusyTicks = new double[units];
        }
    }

    public void StartMeasuring(long now)
    {
        _measuring = true;
        _measureStart = now;
        _committed.Reset(new SimTime(now));
        _onDuty.Reset(new SimTime(now));
        _soloOnDuty.Reset(new SimTime(now));
        _maxQueue = _queueNow;
        _lastStateChange = now;
        if (_stateTicks is not null)
        {
            Array.Clear(_stateTicks);
            Array.Clear(_unitBusyTicks!);
        }
    }

    // Calls are recorded by priority only; index 0 ("all calls") is summed at the end (AggregateOverall),
    // which is exact for counts, sums and sketches and halves the work per call.
    public void CallArrived(int priority) => _arrived[priority]++;

    public void CallHandledWithoutUnit(int priority) => _served[priority]++;

    public void CallUnfinished(int priority) => _unfinished[priority]++;

    public void CallServed(in CallState call, long targetTicks, long clearTicks) => Add(call.Priority, in call, targetTicks, clearTicks);

    private void AggregateOverall()
    {
        for (int p = 1; p < _arrived.Length; p++)
        {
            _response[0].Merge(_response[p]);
            _fullResponse[0].Merge(_fullResponse[p]);
            _serviceStart[0].Merge(_serviceStart[p]);
            _staging[0].Merge(_staging[p]);
            _needTwo[0] += _needTwo[p];
            _backupMissed[0] += _backupMissed[p];
            for (int level = 0; level < 4; level++)
            {
                _levelCalls[level] += _levelCalls[(p * 4) + level];
                _levelSolo[level] += _levelSolo[(p * 4) + level];
            }

            _queueDelay[0].Merge(_queueDelay[p]);
            _travel[0].Merge(_travel[p]);
            _backupDelay[0].Merge(_backupDelay[p]);
            _contacts[0].Merge(_contacts[p]);
            _responseSketch[0].Merge(_responseSketch[p]);
            _delayed[0] += _delayed[p];
            _withTarget[0] += _withTarget[p];
            _withinTarget[0] += _withinTarget[p];
            _risky[0] += _risky[p];
            _soloCalls[0] += _soloCalls[p];
            _soloMinutes[0] += _soloMinutes[p];
            _arrived[0] += _arrived[p];
            _served[0] += _served[p];
            _unfinished[0] += _unfinished[p];
        }
    }

    private void Add(int p, in CallState call, long targetTicks, long clearTicks)
    {
        _served[p]++;
        long response = call.FirstOnScene - call.ArrivalTicks;
        double responseMin = response / TicksPerMinute;
        _response[p].Add(responseMin);
        _responseSketch[p].Add(responseMin);
        if (call.FullOnScene >= 0)
        {
            _fullResponse[p].Add((call.FullOnScene - call.ArrivalTicks) / TicksPerMinute);
        }

        long delay = call.FirstDispatch - call.ArrivalTicks;
        _queueDelay[p].Add(delay / TicksPerMinute);
        if (delay > 0)
        {
            _delayed[p]++;
        }

        _travel[p].Add(call.FirstTravel / TicksPerMinute);
        if (targetTicks >= 0)
        {
            _withTarget[p]++;
            if (response <= targetTicks)
            {
                _withinTarget[p]++;
            }
        }

        if (call.ServiceStart >= 0)
        {
            _serviceStart[p].Add((call.ServiceStart - call.ArrivalTicks) / TicksPerMinute);
            _staging[p].Add((call.ServiceStart - call.FirstOnScene) / TicksPerMinute);
        }

        if (call.Needed >= 2)
        {
            // A backup that never arrived is censored at the clearance: counted, never dropped.
            _needTwo[p]++;
            if (call.SecondOnScene >= 0)
            {
                _backupDelay[p].Add((call.SecondOnScene - call.FirstOnScene) / TicksPerMinute);
            }
            else
            {
                _backupMissed[p]++;
                _backupDelay[p].Add((clearTicks - call.FirstOnScene) / TicksPerMinute);
            }
        }

        _contacts[p].Add(call.Contacts);
        int cell = (p * 4) + call.RiskLevel;
        _levelCalls[cell]++;
        _levelSolo[cell] += call.SoloMinutes;
        if (call.RiskWeight > 0)
        {
            _risky[p]++;
            if (call.SoloMinutes > 0)
            {
                _soloCalls[p]++;
                _soloMinutes[p] += call.SoloMinutes * call.RiskWeight;
            }
        }
    }

    public void ProactiveSolo(long startTicks, long endTicks, int riskLevel, double weight)
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

    public void CommittedChange(long now, int delta)
    {
        _committedNow += delta;
        _committed.Update(new SimTime(now), _committedNow);
    }

    public void OnDutyChange(long now, int delta)
    {
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
        if (_trackStates)
        {
            AccumulateState(now);
        }

        _queueNow = waiting;
        if (_measuring && waiting > _maxQueue)
        {
            _maxQueue = waiting;
        }
    }

    public void UnitBusyChange(long now, int number, bool busy, int waiting)
    {
        if (!_trackStates || number > _unitBusyTicks!.Length)
        {
            return;
        }

        AccumulateState(now);
        int bit = 1 << (number - 1);
        _busyMask = busy ? _busyMask | bit : _busyMask & ~bit;
        _queueNow = waiting;
    }

    private void AccumulateState(long now)
    {
        if (_measuring && now > _lastStateChange)
        {
            double dt = now - _lastStateChange;
            int all = (1 << _unitBusyTicks!.Length) - 1;
            int state = _busyMask == all && _queueNow > 0 ? all + 1 : _busyMask;
            _stateTicks![state] += dt;
            for (int i = 0; i < _unitBusyTicks.Length; i++)
            {
                if ((_busyMask & (1 << i)) != 0)
                {
                    _unitBusyTicks[i] += dt;
                }
            }
        }

        _lastStateChange = now;
    }

    public ReplicationResult Finish(long end, int replication, ulong seed, long events, long calls)
    {
        AggregateOverall();
        var byPriority = new SortedDictionary<int, IReadOnlyList<double>>();
        foreach (int p in _c.Priorities)
        {
            byPriority[p] = Values(p, end, overall: false);
        }

        IReadOnlyList<double>? busy = null;
        IReadOnlyList<double>? states = null;
        if (_trackStates)
        {
            AccumulateState(end);
            double span = end - _measureStart;
            busy = [.. _unitBusyTicks!.Select(t => t / span)];
            states = [.. _stateTicks!.Select(t => t / span)];
        }

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
        };
    }

    private double[] Values(int p, long end, bool overall)
    {
        var v = new double[MetricCatalog.Count];
        Array.Fill(v, double.NaN);
        v[MetricCatalog.ResponseMean] = _response[p].Mean;
        v[MetricCatalog.ResponseP50] = _responseSketch[p].Quantile(0.5);
        v[MetricCatalog.ResponseP90] = _responseSketch[p].Quantile(0.9);
        v[MetricCatalog.FullResponseMean] = _fullResponse[p].Mean;
        v[MetricCatalog.ServiceStartMean] = _serviceStart[p].Mean;
        v[MetricCatalog.StagingMean] = _staging[p].Mean;
        v[MetricCatalog.QueueDelayMean] = _queueDelay[p].Mean;
        v[MetricCatalog.ProbDelayed] = Ratio(_delayed[p], _queueDelay[p].Count);
        v[MetricCatalog.TravelMean] = _travel[p].Mean;
        v[MetricCatalog.WithinTarget] = Ratio(_withinTarget[p], _withTarget[p]);
        v[MetricCatalog.BackupDelayMean] = _backupDelay[p].Mean;
        v[MetricCatalog.BackupMissed] = Ratio(_backupMissed[p], _needTwo[p]);
        v[MetricCatalog.OfficersOnScene] = _contacts[p].Mean;
        int cell = overall ? 0 : p * 4;
        v[MetricCatalog.SoloMinutesLow] = PerCall(_levelSolo[cell + 1], _levelCalls[cell + 1]);
        v[MetricCatalog.SoloMinutesMedium] = PerCall(_levelSolo[cell + 2], _levelCalls[cell + 2]);
        v[MetricCatalog.SoloMinutesHigh] = PerCall(_levelSolo[cell + 3], _levelCalls[cell + 3]);
        double solo = _soloMinutes[p] + (overall ? _proactiveSoloMinutes : 0);
        v[MetricCatalog.SoloExposureIndex] = _arrived[p] == 0 ? double.NaN : solo * 1000.0 / _arrived[p];
        v[MetricCatalog.SoloCalls] = Ratio(_soloCalls[p], _risky[p]);
        v[MetricCatalog.CallsArrived] = _arrived[p];
        v[MetricCatalog.CallsServed] = _served[p];
        v[MetricCatalog.CallsUnfinished] = _unfinished[p];
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

    /// <summary>
    /// Sum and count for a mean: the per-replication metrics need only means (their spread comes from the
    /// replications), and a plain sum costs no division per call, unlike a Welford <see cref="Tally"/>.
    /// </summary>
    private struct MeanAccumulator
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
}
