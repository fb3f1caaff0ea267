using PatrolSim.Engine;
using PatrolSim.Engine.Random;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Model.Simulation;

/// <summary>Options of a simulation beyond the scenario.</summary>
/// <param name="TrackUnitStates">
/// Record the time spent in each busy-set of unit numbers (for the hypercube comparison); only for
/// scenarios with at most 16 units on duty.
/// </param>
public sealed record SimulationOptions(bool TrackUnitStates = false);

/// <summary>
/// The patrol model of design §2 on the engine's event queue: calls arrive as a non-homogeneous Poisson
/// process, units are formed at shift starts per the crew policy, dispatch sends as many units as the
/// backup rule requires, calls wait by priority then arrival, and metrics are gathered per replication.
/// One instance per scenario; <see cref="Run"/> is thread-safe (each call has its own state).
/// </summary>
public sealed partial class PatrolSimulation
{
    private readonly CompiledScenario _compiled;
    private readonly SimulationOptions _options;

    /// <summary>Prepares a scenario for simulation.</summary>
    public PatrolSimulation(Scenario scenario, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _compiled = new CompiledScenario(scenario);
        _options = options ?? new SimulationOptions();
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario => _compiled.Scenario;

    /// <summary>Priorities that occur in the scenario, ascending.</summary>
    public IReadOnlyList<int> Priorities => _compiled.Priorities;

    /// <summary>Runs replication <paramref name="replication"/> of the master seed.</summary>
    /// <param name="masterSeed">The run's seed.</param>
    /// <param name="replication">Replication index; its streams derive from (seed, replication).</param>
    /// <param name="trace">Receives every event (slow; for one replication).</param>
    /// <param name="calls">Receives every call's history (for CAD export and fit checks).</param>
    public ReplicationResult Run(ulong masterSeed, int replication, ITraceSink? trace = null, ICallSink? calls = null)
    {
        var run = new Replication(_compiled, _options, RandomStreams.ReplicationSeed(masterSeed, replication), trace, calls);
        return run.Execute(replication);
    }

    /// <summary>One replication's state and event loop.</summary>
    private sealed partial class Replication
    {
        private const int StreamArrivals = 0;
        private const int StreamCallAttributes = 1;
        private const int StreamOnScene = 2;
        private const int StreamTravelNoise = 3;
        private const int StreamPatrol = 4;
        private const int StreamProactive = 5;

        private readonly CompiledScenario _c;
        private readonly Scenario _s;
        private readonly ulong _seed;
        private readonly ITraceSink? _trace;
        private readonly ICallSink? _callSink;
        private readonly EventQueue<SimEvent> _events;
        private readonly Xoshiro256 _rngArrivals;
        private readonly Xoshiro256 _rngAttributes;
        private readonly Xoshiro256 _rngOnScene;
        private readonly Xoshiro256 _rngNoise;
        private readonly Xoshiro256 _rngPatrol;
        private readonly Xoshiro256 _rngProactive;
        private readonly SpatialGrid _grid;
        private readonly CallQueue _queue;
        private readonly Func<int, long, bool> _isWaiting;
        private readonly MetricsCollector _metrics;

        private UnitState[] _units;
        private int _unitCount;
        private int _freeUnit = -1;
        private int[] _returning;
        private int _returningCount;
        private int[] _zoneScratch;
        private readonly int[] _zoneHead;
        private int[] _unitByNumber = [.. Enumerable.Repeat(-1, 64)];

        private CallState[] _calls;
        private int _callCount;
        private int _freeCall = -1;
        private int[] _nextFreeCall;

        private ShiftInstance[] _instances;
        private int _instanceCount;
        private int[] _currentInstance;

        private long _now;
        private long _nextCallId;
        private long _nextUnitId;
        private int _waitingCalls;
        private long _eventsProcessed;

        // The policy in force: the base policy with every open window's overrides applied in order.
        private double _twoOfficerShare;
        private BackupRule _backupRule;
        private RiskLevel _minRisk;
        private Engagement _engage;
        private DispatchRule _dispatchRule;
        private readonly bool[] _windowOpen;

        public Replication(CompiledScenario compiled, SimulationOptions options, ulong seed, ITraceSink? trace, ICallSink? calls)
        {
            _c = compiled;
            _s = compiled.Scenario;
            _seed = seed;
            _trace = trace;
            _callSink = calls;
            _rngArrivals = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamArrivals));
            _rngAttributes = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamCallAttributes));
            _rngOnScene = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamOnScene));
            _rngNoise = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamTravelNoise));
            _rngPatrol = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamPatrol));
            _rngProactive = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamProactive));

            int unitCapacity = Math.Max(16, _c.TotalOfficers + 8);
            _units = new UnitState[unitCapacity];
            _returning = new int[unitCapacity];
            _zoneScratch = new int[_s.City.Zones.Count];
            _zoneHead = [.. Enumerable.Repeat(-1, _s.City.Zones.Count)];
            _grid = new SpatialGrid(_s.City.WidthKm, _s.City.HeightKm, Math.Max(1, _c.MaxOfficersPerShift), unitCapacity);
            _calls = new CallState[256];
            _nextFreeCall = new int[256];
            _instances = new ShiftInstance[16];
            _currentInstance = new int[_s.Staffing.Shifts.Count];
            Array.Fill(_currentInstance, -1);
            _events = new EventQueue<SimEvent>(1024);
            _queue = new CallQueue(_c.MaxPriority);
            _isWaiting = IsWaiting;
            _windowOpen = new bool[_s.Policy.Changes.Count];
            _metrics = new MetricsCollector(compiled, options.TrackUnitStates);
            ApplyPolicy();
        }

        public ReplicationResult Execute(int replication)
        {
            long end = _c.HorizonTicks;
            Schedule(_c.WarmupTicks, EventKind.WarmupEnd, 0, 0);
            for (int i = 0; i < _s.Policy.Changes.Count; i++)
            {
                var ch = _s.Policy.Changes[i];
                long at = SimTime.FromMinutes(ch.AtMinutes).Ticks;
                Schedule(at, EventKind.PolicyStart, i, 0);
                Schedule(at + SimTime.FromHours(ch.DurationHours).Ticks, EventKind.PolicyEnd, i, 0);
            }

            StartShiftsAtTimeZero();
            ScheduleNextArrival();

            while (_events.TryDequeue(out var e))
            {
                if (e.Time.Ticks >= end)
                {
                    break;
                }

                _now = e.Time.Ticks;
                _eventsProcessed++;
                var p = e.Payload;
                switch (p.Kind)
                {
                    case EventKind.CallArrival:
                        OnCallArrival();
                        break;
                    case EventKind.UnitArrive:
                        if (_units[p.Target].Stamp == p.Stamp)
                        {
                            OnUnitArrive(p.Target);
                        }

                        break;
                    case EventKind.CallClear:
                        OnCallClear(p.Target);
                        break;
                    case EventKind.ReturnHome:
                        if (_units[p.Target].Stamp == p.Stamp)
                        {
                            OnReturnHome(p.Target);
                        }

                        break;
                    case EventKind.ProactiveStart:
                        if (_units[p.Target].Stamp == p.Stamp && _units[p.Target].Status == UnitStatus.Idle)
                        {
                            OnProactiveStart(p.Target);
                        }

                        break;
                    case EventKind.ProactiveEnd:
                        if (_units[p.Target].Stamp == p.Stamp)
                        {
                            OnProactiveEnd(p.Target);
                        }

                        break;
                    case EventKind.ShiftStart:
                        OnShiftStart(p.Target);
                        break;
                    case EventKind.ShiftEnd:
                        if (_instances[p.Target].Active && _instances[p.Target].Stamp == p.Stamp)
                        {
                            EndInstance(p.Target);
                        }

                        break;
                    case EventKind.PolicyStart:
                    case EventKind.PolicyEnd:
                        OnPolicyWindow(p.Target, p.Kind == EventKind.PolicyStart);
                        break;
                    case EventKind.WarmupEnd:
                        _metrics.StartMeasuring(_now);
                        Trace("warmup-end", -1, -1, "");
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown event kind {p.Kind}.");
                }
            }

            _now = end;
            for (int i = 0; i < _callCount; i++)
            {
                ref CallState call = ref _calls[i];
                if (call.Open && call.Measured)
                {
                    _metrics.CallUnfinished(call.Priority);
                }

                if (call.Open)
                {
                    EmitCall(i, cleared: false);
                }
            }

            return _metrics.Finish(end, replication, _seed, _eventsProcessed, _nextCallId);
        }

        private void Schedule(long ticks, EventKind kind, int target, int stamp) =>
            _events.Schedule(new SimTime(ticks), (int)kind, new SimEvent(kind, target, stamp));

        private void Trace(string kind, long call, long unit, string detail)
        {
            _trace?.Record(_now / (double)SimTime.TicksPerMinute, kind, call, unit, detail);
        }

        // ---------------------------------------------------------------- policy

        private void ApplyPolicy()
        {
            var pol = _s.Policy;
            _twoOfficerShare = pol.Crew.TwoOfficerShare;
            _backupRule = pol.Backup.Rule;
            _minRisk = pol.Backup.MinRisk;
            _engage = pol.Backup.Engage;
            _dispatchRule = pol.Dispatch.Rule;
            for (int i = 0; i < _windowOpen.Length; i++)
            {
                if (!_windowOpen[i])
                {
                    continue;
                }

                var set = pol.Changes[i].Set;
                _twoOfficerShare = set.TwoOfficerShare ?? _twoOfficerShare;
                _backupRule = set.BackupRule ?? _backupRule;
                _minRisk = set.MinRisk ?? _minRisk;
                _engage = set.Engage ?? _engage;
                _dispatchRule = set.DispatchRule ?? _dispatchRule;
            }
        }

        private void OnPolicyWindow(int index, bool open)
        {
            double before = _twoOfficerShare;
            _windowOpen[index] = open;
            ApplyPolicy();
            if (_trace is not null)
            {
                Trace(open ? "policy-start" : "policy-end", -1, -1, FormattableString.Invariant(
                    $"window {index + 1}: twoOfficerShare={_twoOfficerShare} backup={_backupRule} engage={_engage} dispatch={_dispatchRule}"));
            }
            if (_s.Policy.Changes[index].Immediate && before != _twoOfficerShare)
            {
                // Re-form every shift on duty now with the new crew policy; busy units finish first.
                for (int sh = 0; sh < _currentInstance.Length; sh++)
                {
                    int inst = _currentInstance[sh];
                    if (inst >= 0 && _instances[inst].Active && _s.Staffing.Shifts[sh].TwoOfficerShare is null)
                    {
                        long endTicks = _instances[inst].EndTicks;
                        EndInstance(inst);
                        FormInstance(sh, endTicks);
                    }
                }

                DispatchWaiting();
            }
        }

        private int NeededOfficers(in CallType type)
        {
            int k = type.Officers;
            bool two = _backupRule switch
            {
                BackupRule.AllCalls => true,
                BackupRule.Risk => type.Risk != RiskLevel.None && type.Risk >= _minRisk,
                _ => false,
            };
            return two ? Math.Max(k, 2) : k;
        }

        // ---------------------------------------------------------------- calls

        private void ScheduleNextArrival()
        {
            if (_c.Arrivals is null)
            {
                return;
            }

            long next = _c.Arrivals.NextArrival(new SimTime(_now), _rngArrivals).Ticks;
            if (next < _c.HorizonTicks)
            {
                Schedule(next, EventKind.CallArrival, 0, 0);
            }
        }

        private void OnCallArrival()
        {
            ScheduleNextArrival();
            long id = _nextCallId++;

            // Everything about the call is drawn now from policy-independent streams (common random numbers).
            int type = _c.TypeTable.Sample(_rngAttributes);
            int zone = _c.ZoneTable.Sample(_rngAttributes);
            var z = _c.Zones[zone];
            double x = z.XKm + (z.WidthKm * _rngAttributes.NextDouble());
            double y = z.YKm + (z.HeightKm * _rngAttributes.NextDouble());
            var ct = _c.CallTypes[type];
            double onSceneMinutes = ct.OnScene.Sample(_rngOnScene);
            bool measured = _now >= _c.WarmupTicks;

            if (!ct.NeedsUnit)
            {
                if (measured)
                {
                    _metrics.CallArrived(ct.Priority);
                    _metrics.CallHandledWithoutUnit(ct.Priority);
                }

                Trace("no-unit", id, -1, "");
                _callSink?.Call(new CallRecord(id, Minutes(_now), ct.Priority, ct.Name, z.Id, x, y, null, null, null, 0, 0, false, measured));
                return;
            }

            int slot = AllocateCall();
            ref CallState call = ref _calls[slot];
            call = default;
            call.Id = id;
            call.Open = true;
            call.ArrivalTicks = _now;
            call.Type = type;
            call.Priority = ct.Priority;
            call.X = x;
            call.Y = y;
            call.Zone = zone;
            call.Needed = NeededOfficers(ct);
            call.FirstUnit = -1;
            call.FirstDispatch = call.FirstOnScene = call.SecondOnScene = call.FullOnScene = call.ServiceStart = call.AloneSince = -1;
            call.OnSceneTicks = Math.Max(0, SimTime.FromMinutes(onSceneMinutes).Ticks);
            call.RiskWeight = _c.TypeRiskWeights[type];
            call.Measured = measured;
            if (measured)
            {
                _metrics.CallArrived(ct.Priority);
            }

            if (_trace is not null)
            {
                Trace("arrive", id, -1, FormattableString.Invariant($"P{ct.Priority} {ct.Name} needs {call.Needed}"));
            }
            DispatchTo(slot);
            if (NeedOutstanding(slot) > 0)
            {
                ref CallState c2 = ref _calls[slot];
                c2.Waiting = true;
                _waitingCalls++;
                _queue.Enqueue(c2.Priority, slot, c2.Id);
                _metrics.QueueLength(_now, _waitingCalls);
            }
        }

        private int NeedOutstanding(int slot) => _calls[slot].Needed - _calls[slot].Assigned;

        private bool IsWaiting(int slot, long id) => _calls[slot].Open && _calls[slot].Id == id && _calls[slot].Waiting;

        private int AllocateCall()
        {
            if (_freeCall >= 0)
            {
                int s = _freeCall;
                _freeCall = _nextFreeCall[s];
                return s;
            }

            if (_callCount == _calls.Length)
            {
                Array.Resize(ref _calls, _calls.Length * 2);
                Array.Resize(ref _nextFreeCall, _nextFreeCall.Length * 2);
            }

            return _callCount++;
        }

        private void ReleaseCall(int slot)
        {
            _calls[slot].Open = false;
            _nextFreeCall[slot] = _freeCall;
            _freeCall = slot;
        }

        /// <summary>Assigns available units to the call until its need is covered or none is left.</summary>
        private void DispatchTo(int slot)
        {
            while (NeedOutstanding(slot) > 0)
            {
                int u = FindUnit(slot);
                if (u < 0)
                {
                    return;
                }

                Assign(u, slot);
            }
        }

        /// <summary>Offers waiting calls, in queue order, to the units available now.</summary>
        private void DispatchWaiting()
        {
            while (_waitingCalls > 0)
            {
                int slot = _queue.Peek(_isWaiting);
                if (slot < 0)
                {
                    return;
                }

                DispatchTo(slot);
                if (NeedOutstanding(slot) > 0)
                {
                    return;
                }

                LeaveQueue(slot);
            }
        }

        private void LeaveQueue(int slot)
        {
            ref CallState call = ref _calls[slot];
            call.Waiting = false;
            _waitingCalls--;
            _queue.PopFirst(call.Priority);
            _metrics.QueueLength(_now, _waitingCalls);
        }

        private void OnUnitArrive(int u)
        {
            ref UnitState unit = ref _units[u];
            int slot = unit.Call;
            ref CallState call = ref _calls[slot];
            unit.Status = UnitStatus.OnScene;
            unit.FromX = unit.ToX = call.X;
            unit.FromY = unit.ToY = call.Y;
            Trace("on-scene", call.Id, unit.Id, "");

            int before = call.OnScene;
            call.OnScene += unit.Officers;
            call.Contacts += unit.Officers;
            if (before == 0)
            {
                call.FirstOnScene = _now;
                call.FirstTravel = _now - unit.DispatchTicks;
            }

            if (before < 2 && call.OnScene >= 2)
            {
                call.SecondOnScene = _now;
                if (call.AloneSince >= 0)
                {
                    call.SoloMinutes += (_now - call.AloneSince) / (double)SimTime.TicksPerMinute;
                    call.AloneSince = -1;
                }
            }

            if (call.FullOnScene < 0 && call.OnScene >= call.Needed)
            {
                call.FullOnScene = _now;
            }

            if (call.ServiceStart < 0 && (_engage == Engagement.Alone || call.OnScene >= call.Needed))
            {
                call.ServiceStart = _now;
                if (call.OnScene == 1 && call.RiskWeight > 0)
                {
                    call.AloneSince = _now;
                }

                Trace("service-start", call.Id, -1, "");
                Schedule(_now + call.OnSceneTicks, EventKind.CallClear, slot, 0);
            }
        }

        private void OnCallClear(int slot)
        {
            ref CallState call = ref _calls[slot];
            if (call.AloneSince >= 0)
            {
                call.SoloMinutes += (_now - call.AloneSince) / (double)SimTime.TicksPerMinute;
                call.AloneSince = -1;
            }

            Trace("clear", call.Id, -1, "");
            if (call.Waiting)
            {
                // Backup still queued when the call cleared: drop the need (the queue entry goes stale).
                call.Waiting = false;
                _waitingCalls--;
                _metrics.QueueLength(_now, _waitingCalls);
            }

            if (call.Measured)
            {
                _metrics.CallServed(in call, _c.Targets[call.Priority]);
            }

            if (_callSink is not null)
            {
                EmitCall(slot, cleared: true);
            }

            int u = call.FirstUnit;
            double x = call.X, y = call.Y;
            call.Open = false;
            while (u >= 0)
            {
                int next = _units[u].NextOnCall;
                FreeUnit(u, x, y);
                u = next;
            }

            ReleaseCall(slot);
        }

        private static double Minutes(long ticks) => ticks / (double)SimTime.TicksPerMinute;

        private void EmitCall(int slot, bool cleared)
        {
            if (_callSink is null)
            {
                return;
            }

            ref CallState call = ref _calls[slot];
            int units = 0;
            for (int u = call.FirstUnit; u >= 0; u = _units[u].NextOnCall)
            {
                units++;
            }

            var ct = _c.CallTypes[call.Type];
            _callSink.Call(new CallRecord(
                call.Id, Minutes(call.ArrivalTicks), call.Priority, ct.Name, _c.Zones[call.Zone].Id, call.X, call.Y,
                call.FirstDispatch >= 0 ? Minutes(call.FirstDispatch) : null,
                call.FirstOnScene >= 0 ? Minutes(call.FirstOnScene) : null,
                cleared ? Minutes(_now) : null,
                units, call.Contacts, true, call.Measured));
        }

        // ---------------------------------------------------------------- metrics glue

        private void SetCommitted(int officersDelta, int unitNumber, bool busy)
        {
            _metrics.CommittedChange(_now, officersDelta);
            if (unitNumber > 0)
            {
                _metrics.UnitBusyChange(_now, unitNumber, busy, _waitingCalls);
            }
        }
    }
}
