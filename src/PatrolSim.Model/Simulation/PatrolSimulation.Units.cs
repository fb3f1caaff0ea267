using PatrolSim.Engine;
using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <content>Units: shifts, dispatch, movement, self-initiated work.</content>
public sealed partial class PatrolSimulation
{
    private sealed partial class Replication
    {
        // ---------------------------------------------------------------- shifts

        private void StartShiftsAtTimeZero()
        {
            var shifts = _s.Staffing.Shifts;
            for (int sh = 0; sh < shifts.Count; sh++)
            {
                long start = SimTime.FromMinutes(shifts[sh].StartMinuteOfDay).Ticks;
                long length = SimTime.FromHours(shifts[sh].Hours).Ticks;
                bool continuous = shifts[sh].Hours >= 24;

                // Yesterday's instance still on duty at midnight (night shifts), or a continuous shift.
                if (continuous || start - SimTime.TicksPerDay + length > 0)
                {
                    FormInstance(sh, continuous ? long.MaxValue : start - SimTime.TicksPerDay + length);
                }

                Schedule(start, EventKind.ShiftStart, sh, 0);
            }
        }

        private void OnShiftStart(int sh)
        {
            var shift = _s.Staffing.Shifts[sh];
            Schedule(_now + SimTime.TicksPerDay, EventKind.ShiftStart, sh, 0);
            bool continuous = shift.Hours >= 24;
            int current = _currentInstance[sh];
            if (continuous && current >= 0 && _instances[current].Active)
            {
                // A 24-hour shift carries on unless its crew policy changed.
                if (_instances[current].TwoOfficerShare == (shift.TwoOfficerShare ?? _twoOfficerShare))
                {
                    return;
                }

                EndInstance(current);
            }

            FormInstance(sh, continuous ? long.MaxValue : _now + SimTime.FromHours(shift.Hours).Ticks);
            DispatchWaiting();
        }

        /// <summary>Forms the units of a shift instance per the crew policy in force and puts them on patrol.</summary>
        private void FormInstance(int sh, long endTicks)
        {
            var shift = _s.Staffing.Shifts[sh];
            int officers = (int)Math.Round(shift.Officers * _s.Staffing.Scale, MidpointRounding.AwayFromZero);
            double share = shift.TwoOfficerShare ?? _twoOfficerShare;
            int pairs = (int)Math.Round(officers * share / 2.0, MidpointRounding.AwayFromZero);
            pairs = Math.Min(pairs, officers / 2);
            int units = officers - pairs;

            int inst = NewInstance();
            ref ShiftInstance si = ref _instances[inst];
            si.Shift = sh;
            si.EndTicks = endTicks;
            si.FirstUnit = -1;
            si.Units = units;
            si.TwoOfficerShare = share;
            si.Active = true;
            si.Stamp++;
            _currentInstance[sh] = inst;
            if (endTicks != long.MaxValue)
            {
                Schedule(endTicks, EventKind.ShiftEnd, inst, si.Stamp);
            }

            if (_trace is not null)
            {
                Trace("shift-start", -1, -1, FormattableString.Invariant($"{shift.Name}: {officers} officers, {units} units ({pairs} two-officer)"));
            }
            if (units == 0)
            {
                return;
            }

            // Home zones in proportion to demand (largest remainder), unit numbers in zone order.
            Apportion(units, _zoneScratch);
            if (units + 1 > _unitByNumber.Length)
            {
                int old = _unitByNumber.Length;
                Array.Resize(ref _unitByNumber, Math.Max(units + 1, old * 2));
                Array.Fill(_unitByNumber, -1, old, _unitByNumber.Length - old);
            }

            int number = 0;
            for (int z = 0; z < _zoneScratch.Length; z++)
            {
                for (int k = 0; k < _zoneScratch[z]; k++)
                {
                    // Pairs spread evenly over the units (Bresenham), so every part of the city gets some.
                    bool paired = (((long)(number + 1) * pairs) / units) > (((long)number * pairs) / units);
                    number++;
                    int u = NewUnit();
                    ref UnitState unit = ref _units[u];
                    unit.Id = ++_nextUnitId;
                    unit.Number = number;
                    unit.Officers = paired ? 2 : 1;
                    unit.Instance = inst;
                    unit.HomeZone = z;
                    unit.Call = -1;
                    unit.NextOnCall = -1;
                    unit.EndOfShift = false;
                    unit.NextInInstance = _instances[inst].FirstUnit;
                    _instances[inst].FirstUnit = u;
                    _unitByNumber[number] = u;
                    LinkToZone(u, z);
                    var (px, py) = RandomPointIn(z);
                    _metrics.OnDutyChange(_now, unit.Officers);
                    BecomeIdle(u, px, py);
                }
            }
        }

        private void Apportion(int units, int[] counts)
        {
            var shares = _c.ZoneShares;
            int given = 0;
            for (int z = 0; z < shares.Length; z++)
            {
                counts[z] = (int)Math.Floor(units * shares[z]);
                given += counts[z];
            }

            while (given < units)
            {
                // Largest remainder; ties to the lower zone index.
                int best = 0;
                double bestRem = double.NegativeInfinity;
                for (int z = 0; z < shares.Length; z++)
                {
                    double rem = (units * shares[z]) - counts[z];
                    if (rem > bestRem)
                    {
                        bestRem = rem;
                        best = z;
                    }
                }

                counts[best]++;
                given++;
            }
        }

        private int NewInstance()
        {
            for (int i = 0; i < _instanceCount; i++)
            {
                if (!_instances[i].Active)
                {
                    return i;
                }
            }

            if (_instanceCount == _instances.Length)
            {
                Array.Resize(ref _instances, _instances.Length * 2);
            }

            return _instanceCount++;
        }

        /// <summary>Ends a shift instance: idle units go off duty now, busy ones when their call clears (overtime).</summary>
        private void EndInstance(int inst)
        {
            ref ShiftInstance si = ref _instances[inst];
            si.Active = false;
            si.EndTicks = Math.Min(si.EndTicks, _now);
            if (_currentInstance[si.Shift] == inst)
            {
                _currentInstance[si.Shift] = -1;
            }

            Trace("shift-end", -1, -1, _s.Staffing.Shifts[si.Shift].Name);
            int u = si.FirstUnit;
            si.FirstUnit = -1;
            while (u >= 0)
            {
                int next = _units[u].NextInInstance;
                ref UnitState unit = ref _units[u];
                switch (unit.Status)
                {
                    case UnitStatus.EnRoute:
                    case UnitStatus.OnScene:
                        unit.EndOfShift = true;
                        unit.ShiftEndTicks = _now;
                        break;
                    case UnitStatus.Proactive:
                        EndProactive(u);
                        GoOffDuty(u);
                        break;
                    default:
                        GoOffDuty(u);
                        break;
                }

                u = next;
            }
        }

        private void GoOffDuty(int u)
        {
            ref UnitState unit = ref _units[u];
            MakeUnavailable(u);
            if (unit.EndOfShift)
            {
                _metrics.Overtime(unit.ShiftEndTicks, _now, unit.Officers);
            }

            UnlinkFromZone(u);

            Trace("off-duty", -1, unit.Id, unit.EndOfShift ? "overtime" : "");
            _metrics.OnDutyChange(_now, -unit.Officers);
            if (unit.Number < _unitByNumber.Length && _unitByNumber[unit.Number] == u)
            {
                _unitByNumber[unit.Number] = -1;
            }

            unit.Status = UnitStatus.Free;
            unit.Stamp++;
            unit.NextInInstance = _freeUnit;
            _freeUnit = u;
        }

        private int NewUnit()
        {
            if (_freeUnit >= 0)
            {
                int u = _freeUnit;
                _freeUnit = _units[u].NextInInstance;
                return u;
            }

            if (_unitCount == _units.Length)
            {
                int size = _units.Length * 2;
                Array.Resize(ref _units, size);
                Array.Resize(ref _returning, size);
                _grid.EnsureCapacity(size);
            }

            return _unitCount++;
        }

        // ---------------------------------------------------------------- availability and movement

        private (double X, double Y) RandomPointIn(int zone)
        {
            var z = _c.Zones[zone];
            return (z.XKm + (z.WidthKm * _rngPatrol.NextDouble()), z.YKm + (z.HeightKm * _rngPatrol.NextDouble()));
        }

        private void BecomeIdle(int u, double x, double y)
        {
            ref UnitState unit = ref _units[u];
            unit.Status = UnitStatus.Idle;
            unit.FromX = unit.ToX = x;
            unit.FromY = unit.ToY = y;
            unit.Stamp++;
            _grid.Insert(u, x, y);
            var si = _s.Demand.SelfInitiated;
            if (si is not null && si.RatePerUnitHour > 0)
            {
                double hours = _rngProactive.Exponential(1.0 / si.RatePerUnitHour);
                Schedule(_now + SimTime.FromHours(hours).Ticks, EventKind.ProactiveStart, u, unit.Stamp);
            }
        }

        private void MakeUnavailable(int u)
        {
            ref UnitState unit = ref _units[u];
            if (unit.Status == UnitStatus.Idle)
            {
                _grid.Remove(u);
            }
            else if (unit.Status == UnitStatus.Returning)
            {
                int i = unit.ReturnIndex;
                int last = _returning[--_returningCount];
                _returning[i] = last;
                _units[last].ReturnIndex = i;
            }
        }

        private (double X, double Y) PositionNow(in UnitState unit)
        {
            if (unit.ArriveTicks <= unit.DepartTicks || _now >= unit.ArriveTicks)
            {
                return (unit.ToX, unit.ToY);
            }

            double f = (_now - unit.DepartTicks) / (double)(unit.ArriveTicks - unit.DepartTicks);
            if (f <= 0)
            {
                return (unit.FromX, unit.FromY);
            }

            return (unit.FromX + ((unit.ToX - unit.FromX) * f), unit.FromY + ((unit.ToY - unit.FromY) * f));
        }

        private long TravelTicks(double distanceKm, double speedKmh, bool turnout)
        {
            if (_c.ZeroTravel)
            {
                return 0;
            }

            double minutes = _s.Travel.Detour * distanceKm / speedKmh * 60.0;
            if (_c.NoiseParams is { } np)
            {
                minutes *= _rngNoise.LogNormalMuSigma(np.Mu, np.Sigma);
            }

            return SimTime.FromMinutes(minutes).Ticks + (turnout ? _c.TurnoutTicks : 0);
        }

        /// <summary>Sends unit <paramref name="u"/> (available) to the call in <paramref name="slot"/>.</summary>
        private void Assign(int u, int slot)
        {
            ref UnitState unit = ref _units[u];
            ref CallState call = ref _calls[slot];
            var (x, y) = PositionNow(unit);
            MakeUnavailable(u);
            bool wasFree = unit.Status is UnitStatus.Idle or UnitStatus.Returning or UnitStatus.Proactive;
            long travel = TravelTicks(Math.Abs(x - call.X) + Math.Abs(y - call.Y), _c.Speeds[call.Priority], turnout: true);
            unit.Status = UnitStatus.EnRoute;
            unit.Stamp++;
            unit.Call = slot;
            unit.FromX = x;
            unit.FromY = y;
            unit.ToX = call.X;
            unit.ToY = call.Y;
            unit.DepartTicks = _now;
            unit.ArriveTicks = _now + travel;
            unit.DispatchTicks = _now;
            unit.NextOnCall = call.FirstUnit;
            call.FirstUnit = u;
            call.Assigned += unit.Officers;
            if (call.FirstDispatch < 0)
            {
                call.FirstDispatch = _now;
            }

            if (wasFree)
            {
                SetCommitted(unit.Officers, unit.Number, busy: true);
            }

            if (_trace is not null)
            {
                Trace("dispatch", call.Id, unit.Id, unit.Officers == 1 ? "officers 1" : "officers 2");
            }

            if (travel == 0)
            {
                // Instantaneous travel: the unit is on scene now; no event needed.
                OnUnitArrive(u);
            }
            else
            {
                Schedule(unit.ArriveTicks, EventKind.UnitArrive, u, unit.Stamp);
            }
        }

        /// <summary>A unit leaves a cleared call at (x, y): off duty, the first waiting need, or back to its beat.</summary>
        private void FreeUnit(int u, double x, double y)
        {
            ref UnitState unit = ref _units[u];
            if (unit.Status == UnitStatus.EnRoute)
            {
                (x, y) = PositionNow(unit);
            }

            unit.Call = -1;
            unit.NextOnCall = -1;
            unit.Stamp++;
            unit.FromX = unit.ToX = x;
            unit.FromY = unit.ToY = y;
            unit.DepartTicks = unit.ArriveTicks = _now;
            if (unit.EndOfShift)
            {
                SetCommitted(-unit.Officers, unit.Number, busy: false);
                GoOffDuty(u);
                return;
            }

            if (_waitingCalls > 0)
            {
                int slot = _queue.Peek(_isWaiting);
                if (slot >= 0)
                {
                    // Straight on to the first waiting need: the unit stays committed.
                    Assign(u, slot);
                    if (NeedOutstanding(slot) <= 0)
                    {
                        LeaveQueue(slot);
                    }

                    return;
                }
            }

            // Back to a point of its beat; available on the way.
            SetCommitted(-unit.Officers, unit.Number, busy: false);
            var (hx, hy) = RandomPointIn(unit.HomeZone);
            long arrive = _now + TravelTicks(Math.Abs(hx - x) + Math.Abs(hy - y), _c.RoutineSpeed, turnout: false);
            if (arrive <= _now)
            {
                BecomeIdle(u, hx, hy);
                return;
            }

            unit.Status = UnitStatus.Returning;
            unit.ToX = hx;
            unit.ToY = hy;
            unit.ArriveTicks = arrive;
            unit.ReturnIndex = _returningCount;
            _returning[_returningCount++] = u;
            Schedule(arrive, EventKind.ReturnHome, u, unit.Stamp);
        }

        private void LinkToZone(int u, int zone)
        {
            ref UnitState unit = ref _units[u];
            unit.PrevInZone = -1;
            unit.NextInZone = _zoneHead[zone];
            if (unit.NextInZone >= 0)
            {
                _units[unit.NextInZone].PrevInZone = u;
            }

            _zoneHead[zone] = u;
        }

        private void UnlinkFromZone(int u)
        {
            ref UnitState unit = ref _units[u];
            if (unit.PrevInZone >= 0)
            {
                _units[unit.PrevInZone].NextInZone = unit.NextInZone;
            }
            else
            {
                _zoneHead[unit.HomeZone] = unit.NextInZone;
            }

            if (unit.NextInZone >= 0)
            {
                _units[unit.NextInZone].PrevInZone = unit.PrevInZone;
            }
        }

        private void OnReturnHome(int u)
        {
            ref UnitState unit = ref _units[u];
            MakeUnavailable(u);
            BecomeIdle(u, unit.ToX, unit.ToY);
        }

        // ---------------------------------------------------------------- unit choice

        private int FindUnit(int slot)
        {
            ref CallState call = ref _calls[slot];
            switch (_dispatchRule)
            {
                case DispatchRule.Preference:
                    foreach (int number in _c.Preferences[call.Zone])
                    {
                        if (number < _unitByNumber.Length)
                        {
                            int u = _unitByNumber[number];
                            if (u >= 0 && IsAvailable(u))
                            {
                                return u;
                            }
                        }
                    }

                    break;
                case DispatchRule.HomeBeatFirst:
                    {
                        int u = NearestAvailable(call.X, call.Y, call.Zone);
                        if (u >= 0)
                        {
                            return u;
                        }

                        break;
                    }
            }

            return NearestAvailable(call.X, call.Y, -1);
        }

        private bool IsAvailable(int u) => _units[u].Status is UnitStatus.Idle or UnitStatus.Returning;

        /// <summary>The available unit nearest in L1 distance (all, or only those of <paramref name="homeZone"/>), or -1.</summary>
        private int NearestAvailable(double x, double y, int homeZone)
        {
            double best = double.PositiveInfinity;
            int bestUnit = -1;
            if (homeZone < 0)
            {
                bestUnit = _grid.Nearest(x, y, ref best);
            }
            else
            {
                for (int i = _zoneHead[homeZone]; i >= 0; i = _units[i].NextInZone)
                {
                    ref UnitState unit = ref _units[i];
                    if (unit.Status == UnitStatus.Idle)
                    {
                        double d = Math.Abs(unit.ToX - x) + Math.Abs(unit.ToY - y);
                        if (d < best || (d == best && i < bestUnit))
                        {
                            best = d;
                            bestUnit = i;
                        }
                    }
                }
            }

            for (int i = 0; i < _returningCount; i++)
            {
                int u = _returning[i];
                if (homeZone >= 0 && _units[u].HomeZone != homeZone)
                {
                    continue;
                }

                var (ux, uy) = PositionNow(_units[u]);
                double d = Math.Abs(ux - x) + Math.Abs(uy - y);
                if (d < best || (d == best && u < bestUnit))
                {
                    best = d;
                    bestUnit = u;
                }
            }

            return bestUnit;
        }

        // ---------------------------------------------------------------- self-initiated work

        private void OnProactiveStart(int u)
        {
            ref UnitState unit = ref _units[u];
            var si = _s.Demand.SelfInitiated!;
            MakeUnavailable(u);
            unit.Status = UnitStatus.Proactive;
            unit.Stamp++;
            unit.ActivityStartTicks = _now;
            double minutes = si.Duration.Sample(_rngProactive);
            Trace("proactive-start", -1, unit.Id, "");
            Schedule(_now + SimTime.FromMinutes(minutes).Ticks, EventKind.ProactiveEnd, u, unit.Stamp);
        }

        private void OnProactiveEnd(int u)
        {
            EndProactive(u);
            ref UnitState unit = ref _units[u];
            Trace("proactive-end", -1, unit.Id, "");
            BecomeIdle(u, unit.ToX, unit.ToY);
            DispatchWaiting();
        }

        private void EndProactive(int u)
        {
            ref UnitState unit = ref _units[u];
            var si = _s.Demand.SelfInitiated!;
            if (unit.Officers == 1)
            {
                _metrics.ProactiveSolo(unit.ActivityStartTicks, _now, _s.RiskWeights.Of(si.Risk));
            }
        }
    }
}
