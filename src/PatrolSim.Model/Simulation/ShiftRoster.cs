using PatrolSim.Engine;
using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// The shifts in time: a shift instance starts with its crews formed per the crew policy in force (by
/// <see cref="CrewFormation"/>), ends with idle units going off duty at once and busy ones when their call clears
/// (overtime). When an immediate policy window changes the crew policy, the officers on duty are re-formed into new
/// crews (idle units at once, busy units as they come free; pairs formed as officers come free): no officer is added
/// or booked as overtime. Unit numbers are stable across instances: shift k's units are numbered after every earlier
/// shift's largest possible unit count. The methods that change who is on duty return whether waiting calls should be
/// offered the units now; the event loop does that.
/// </summary>
internal sealed class ShiftRoster
{
    private readonly ReplicationContext _x;
    private readonly PolicyState _policy;
    private readonly UnitTable _units;
    private readonly ShiftInstances _instances;
    private readonly CrewFormation _formation;
    private readonly StaffingWindows _windows;

    public ShiftRoster(ReplicationContext context, PolicyState policy, UnitTable units, ShiftInstances instances, CrewFormation formation, StaffingWindows windows)
    {
        _x = context;
        _policy = policy;
        _units = units;
        _instances = instances;
        _formation = formation;
        _windows = windows;
    }

    /// <summary>Puts on duty the instances on duty at time zero and schedules each shift's first start.</summary>
    public void Start()
    {
        var shifts = _x.S.Staffing.Shifts;
        for (int sh = 0; sh < shifts.Count; sh++)
        {
            long start = SimTime.FromMinutes(shifts[sh].StartMinuteOfDay).Ticks;
            long length = SimTime.FromHours(shifts[sh].Hours).Ticks;
            bool continuous = shifts[sh].Hours >= 24;

            // Yesterday's instance still on duty at midnight (night shifts), or a continuous shift.
            long started = continuous ? 0 : start - SimTime.TicksPerDay;
            if ((continuous || start - SimTime.TicksPerDay + length > 0) && shifts[sh].RunsOn(Weekday(started)))
            {
                StartInstance(sh, continuous ? long.MaxValue : start - SimTime.TicksPerDay + length, Weekday(started));
            }

            _x.Schedule(start, EventKind.ShiftStart, sh, 0);
        }
    }

    /// <summary>A shift's daily start: its instance is formed (or a 24-hour shift carries on); true when units changed.</summary>
    public bool OnShiftStart(int sh)
    {
        var shift = _x.S.Staffing.Shifts[sh];
        _x.Schedule(_x.Now + SimTime.TicksPerDay, EventKind.ShiftStart, sh, 0);
        bool continuous = shift.Hours >= 24;
        int current = _instances.CurrentOf(sh);
        bool running = continuous && current >= 0 && _instances[current].Active;
        int weekday = Weekday(_x.Now);
        if (!shift.RunsOn(weekday))
        {
            // Not on today's roster: a continuous shift stands down until its next day.
            if (running)
            {
                EndInstance(current);
                return true;
            }

            return false;
        }

        if (running && shift.OfficersByWeekday is null)
        {
            // A 24-hour shift carries on unless its crew policy changed.
            if (_instances[current].TwoOfficerShare == Staffing.TwoOfficerShareOf(shift, _policy.TwoOfficerShare))
            {
                return false;
            }

            EndInstance(current);
        }
        else if (running)
        {
            // Officers by weekday: a continuous shift is re-formed every day with that day's officers.
            EndInstance(current);
        }

        StartInstance(sh, continuous ? long.MaxValue : _x.Now + SimTime.FromHours(shift.Hours).Ticks, weekday);
        if (_x.C.HasPullWindows)
        {
            _windows.ApplyPullTarget();
        }

        return true;
    }

    /// <summary>The event of a shift instance's end, if it is still the instance that was scheduled; true when it ended.</summary>
    public bool OnShiftEnd(int inst, int stamp)
    {
        if (!_instances[inst].Active || _instances[inst].Stamp != stamp)
        {
            return false;
        }

        EndInstance(inst);
        if (_x.C.HasPullWindows)
        {
            _windows.ApplyPullTarget();
        }

        // Fewer units on duty lowers the reserve's cap: held calls may go now.
        return true;
    }

    /// <summary>
    /// The crew policy changed in an immediate window: the officers of every shift on duty (without a crew policy of
    /// its own) are re-formed now into crews of the new policy, those in busy units as their calls clear.
    /// </summary>
    public void OnCrewPolicyChanged()
    {
        for (int sh = 0; sh < _x.S.Staffing.Shifts.Count; sh++)
        {
            int inst = _instances.CurrentOf(sh);
            if (inst < 0 || !_instances[inst].Active || _x.S.Staffing.Shifts[sh].TwoOfficerShare is not null)
            {
                continue;
            }

            _instances[inst].TwoOfficerShare = _policy.TwoOfficerShare;
            int u = _instances.Detach(inst);
            while (u >= 0)
            {
                int next = _instances.Next(u);
                ref readonly UnitState unit = ref _units[u];
                if (unit.Status is UnitStatus.Pulled or UnitStatus.OnBreak || unit.BackupOnly)
                {
                    // Off patrol at a post, on a break, or a backup-only unit: keeps its crew.
                    _instances.Add(inst, u);
                }
                else if (unit.Status is UnitStatus.EnRoute or UnitStatus.OnScene or UnitStatus.Reporting)
                {
                    // Busy: keeps its crew until its call clears, then joins the pool.
                    _units.MarkReform(u);
                    _instances[inst].Pending += unit.Officers;
                    _instances.Add(inst, u);
                }
                else
                {
                    Dissolve(u);
                }

                u = next;
            }

            _formation.FormFromPool(inst, ShiftStartOf(inst));
        }
    }

    /// <summary>A busy unit of a re-forming shift came free: its officers join the pool and new crews form.</summary>
    public void OnReformingUnitFreed(int u)
    {
        int inst = _units[u].Instance;
        _instances.Remove(inst, u);
        _instances[inst].Pending -= _units[u].Officers;
        Dissolve(u);
        _formation.FormFromPool(inst, ShiftStartOf(inst));
    }

    /// <summary>Takes a unit off duty (idle now, or busy past its shift's end: overtime).</summary>
    public void GoOffDuty(int u)
    {
        _windows.Forget(u);
        _units.GoOffDuty(u);
    }

    /// <summary>Releases a unit whose officers stay on duty in its instance's pool (with whether they have had their break).</summary>
    private void Dissolve(int u)
    {
        ref readonly UnitState unit = ref _units[u];
        ref ShiftInstance si = ref _instances[unit.Instance];
        si.Pool += unit.Officers;
        if (_x.S.Staffing.Break is not null && unit.BreakDue < 0)
        {
            si.PoolBreakTaken += unit.Officers;
        }

        _units.Dissolve(u);
    }

    /// <summary>Starts an instance of shift <paramref name="sh"/> ending at <paramref name="endTicks"/> and forms its crews.</summary>
    private void StartInstance(int sh, long endTicks, int weekday)
    {
        var staffing = _x.S.Staffing;
        var shift = staffing.Shifts[sh];
        int officers = staffing.OfficersOf(shift, weekday);
        double share = Staffing.TwoOfficerShareOf(shift, _policy.TwoOfficerShare);
        int pairs = Staffing.PairsOf(officers, share);
        int units = officers - pairs;

        int inst = _instances.New();
        ref ShiftInstance si = ref _instances[inst];
        si.Shift = sh;
        si.EndTicks = endTicks;
        si.FirstUnit = -1;
        si.TwoOfficerShare = share;
        si.Pool = 0;
        si.PoolBreakTaken = 0;
        si.Pending = 0;
        si.Active = true;
        si.Stamp++;
        _instances.SetCurrent(sh, inst);
        if (endTicks != long.MaxValue)
        {
            _x.Schedule(endTicks, EventKind.ShiftEnd, inst, si.Stamp);
        }

        _x.Trace?.Record(new ShiftStarted(_x.NowMinutes, shift.Name, officers, units, pairs));
        if (units == 0)
        {
            return;
        }

        int offset = _x.C.ShiftNumberOffsets[sh];
        long shiftStart = ShiftStartOf(inst);
        _formation.Form(inst, officers, share, offset, backupOnly: false, shiftStart);
        int backupOnly = staffing.BackupOnlyOf(shift);
        if (backupOnly > 0)
        {
            _formation.Form(inst, backupOnly, share, offset + staffing.OfficersOf(shift), backupOnly: true, shiftStart);
        }
    }

    /// <summary>When an instance started (a continuous shift: now).</summary>
    private long ShiftStartOf(int inst)
    {
        ref ShiftInstance si = ref _instances[inst];
        return si.EndTicks == long.MaxValue ? _x.Now : si.EndTicks - SimTime.FromHours(_x.S.Staffing.Shifts[si.Shift].Hours).Ticks;
    }

    /// <summary>Ends a shift instance: idle units go off duty now, busy ones when their call clears (overtime).</summary>
    private void EndInstance(int inst)
    {
        ref ShiftInstance si = ref _instances[inst];
        si.Active = false;
        si.EndTicks = Math.Min(si.EndTicks, _x.Now);
        _instances.ClearCurrent(si.Shift, inst);
        _x.Trace?.Record(new ShiftEnded(_x.NowMinutes, _x.S.Staffing.Shifts[si.Shift].Name));
        int u = _instances.Detach(inst);
        while (u >= 0)
        {
            int next = _instances.Next(u);
            switch (_units[u].Status)
            {
                case UnitStatus.EnRoute:
                case UnitStatus.OnScene:
                case UnitStatus.Reporting:
                    _units.MarkEndOfShift(u);
                    break;
                case UnitStatus.Pulled:
                    // Off patrol already (not counted on patrol): off duty with the rest.
                    _windows.OffDutyWhilePulled(u);
                    GoOffDuty(u);
                    break;
                default:
                    // Idle, returning, on self-initiated work or a break (which ends with the shift).
                    GoOffDuty(u);
                    break;
            }

            u = next;
        }
    }

    /// <summary>Weekday of a time (0 = Monday; day 0 is a Monday, and times before it fall on Sunday).</summary>
    private static int Weekday(long ticks) => (int)(((Math.DivRem(ticks, SimTime.TicksPerDay, out long rem) - (rem < 0 ? 1 : 0)) % 7 + 7) % 7);
}
