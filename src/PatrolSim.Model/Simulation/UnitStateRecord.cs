namespace PatrolSim.Model.Simulation;

/// <summary>
/// For the hypercube comparison: the time each unit number is busy (committed: on a call, its report or a meal break)
/// and the time spent in each busy-set of unit numbers, plus the time with every unit busy and calls waiting. Only for
/// scenarios with at most 16 unit numbers.
/// </summary>
internal sealed class UnitStateRecord
{
    private readonly double[] _stateTicks;
    private readonly double[] _unitBusyTicks;
    private bool _measuring;
    private int _busyMask;
    private int _waiting;
    private long _last;

    public UnitStateRecord(int units, bool measuring)
    {
        if (units > 16)
        {
            throw new ArgumentException("Unit-state tracking supports at most 16 units.", nameof(units));
        }

        _stateTicks = new double[(1 << units) + 1];
        _unitBusyTicks = new double[units];
        _measuring = measuring;
    }

    public void StartMeasuring(long now)
    {
        _measuring = true;
        _last = now;
        Array.Clear(_stateTicks);
        Array.Clear(_unitBusyTicks);
    }

    public void QueueLength(long now, int waiting)
    {
        Accumulate(now);
        _waiting = waiting;
    }

    public void BusyChange(long now, int number, bool busy)
    {
        if (number <= 0 || number > _unitBusyTicks.Length)
        {
            return;
        }

        Accumulate(now);
        int bit = 1 << (number - 1);
        _busyMask = busy ? _busyMask | bit : _busyMask & ~bit;
    }

    /// <summary>Each unit's busy fraction and each state's fraction of the measured time.</summary>
    public (IReadOnlyList<double> Busy, IReadOnlyList<double> States) Finish(long end, long measureStart)
    {
        Accumulate(end);
        double span = end - measureStart;
        return ([.. _unitBusyTicks.Select(t => t / span)], [.. _stateTicks.Select(t => t / span)]);
    }

    private void Accumulate(long now)
    {
        if (_measuring && now > _last)
        {
            double dt = now - _last;
            int all = (1 << _unitBusyTicks.Length) - 1;
            int state = _busyMask == all && _waiting > 0 ? all + 1 : _busyMask;
            _stateTicks[state] += dt;
            for (int i = 0; i < _unitBusyTicks.Length; i++)
            {
                if ((_busyMask & (1 << i)) != 0)
                {
                    _unitBusyTicks[i] += dt;
                }
            }
        }

        _last = now;
    }
}
