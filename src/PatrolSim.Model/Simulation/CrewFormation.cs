using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// Forms crews: a shift instance's units at its start (two-officer cars spread evenly over the units, home zones in
/// proportion to demand, numbers in zone order after the shift's offset), backup-only units the same way, and crews
/// re-formed from a shift's pool of officers after an immediate crew change (pairs while the instance has fewer than
/// its policy's pairs, each to the zone furthest below its share, with the lowest free number of the shift's range).
/// Every unit formed starts its patrol idle at a random point of its home zone.
/// </summary>
internal sealed class CrewFormation
{
    private readonly ReplicationContext _x;
    private readonly UnitTable _units;
    private readonly ShiftInstances _instances;
    private readonly Patrol _patrol;
    private readonly MealBreaks _breaks;
    private readonly int[] _zoneCounts;
    private readonly int[] _order;
    private readonly double[] _gaps;
    private readonly Comparison<int> _byGap;

    public CrewFormation(ReplicationContext context, UnitTable units, ShiftInstances instances, Patrol patrol, MealBreaks breaks)
    {
        _x = context;
        _units = units;
        _instances = instances;
        _patrol = patrol;
        _breaks = breaks;
        _zoneCounts = new int[context.C.Zones.Length];
        _order = new int[_zoneCounts.Length];
        _gaps = new double[_zoneCounts.Length];
        _byGap = (a, b) => _gaps[a] != _gaps[b] ? _gaps[b].CompareTo(_gaps[a]) : a.CompareTo(b);
    }

    /// <summary>Forms <paramref name="officers"/> officers of the instance into crews at a two-officer share (patrol or backup-only units), numbered after <paramref name="numberOffset"/>.</summary>
    public void Form(int inst, int officers, double share, int numberOffset, bool backupOnly, long shiftStart)
    {
        int pairs = Staffing.PairsOf(officers, share);
        int units = officers - pairs;
        Apportion(units, _zoneCounts);
        int number = 0;
        for (int z = 0; z < _zoneCounts.Length; z++)
        {
            for (int k = 0; k < _zoneCounts[z]; k++)
            {
                // Pairs spread evenly over the units (Bresenham), so every part of the city gets some.
                bool paired = (((long)(number + 1) * pairs) / units) > (((long)number * pairs) / units);
                number++;
                int u = Begin(inst, numberOffset + number, paired ? 2 : 1, z, backupOnly);
                _breaks.Schedule(u, shiftStart);
            }
        }
    }

    /// <summary>
    /// Forms units of the instance's crew policy from its pool: pairs while the instance has fewer than its
    /// policy's pairs (a lone officer waits for a partner while busy officers are still to come free),
    /// solo cars otherwise. Officers who have not had their meal break join crews first; a crew with one of them gets
    /// a break in the shift's window.
    /// </summary>
    public void FormFromPool(int inst, long shiftStart)
    {
        ref ShiftInstance si = ref _instances[inst];
        int officers = si.Pool + si.Pending;
        int pairsNow = 0;
        for (int v = si.FirstUnit; v >= 0; v = _instances.Next(v))
        {
            if (_units[v].Reform || _units[v].BackupOnly)
            {
                continue;
            }

            officers += _units[v].Officers;
            pairsNow += _units[v].Officers == 2 ? 1 : 0;
        }

        int targetPairs = Staffing.PairsOf(officers, si.TwoOfficerShare);
        while (si.Pool > 0)
        {
            int crew;
            if (pairsNow < targetPairs && si.Pool >= 2)
            {
                crew = 2;
                pairsNow++;
            }
            else if (pairsNow < targetPairs && si.Pending > 0)
            {
                break;
            }
            else
            {
                crew = 1;
            }

            int untaken = si.Pool - si.PoolBreakTaken;
            si.PoolBreakTaken -= crew - Math.Min(crew, untaken);
            si.Pool -= crew;
            int zone = LeastCoveredZone(inst);
            int u = Begin(inst, FreeNumber(si.Shift), crew, zone, backupOnly: false);
            si = ref _instances[inst];
            if (untaken > 0)
            {
                _breaks.Schedule(u, shiftStart);
            }
        }
    }

    private int Begin(int inst, int number, int officers, int zone, bool backupOnly)
    {
        int u = _units.Form(_instances[inst].Shift, inst, number, officers, zone, backupOnly);
        _instances.Add(inst, u);
        _patrol.Begin(u);
        return u;
    }

    private int LeastCoveredZone(int inst)
    {
        Array.Clear(_zoneCounts);
        int units = 1;
        for (int v = _instances[inst].FirstUnit; v >= 0; v = _instances.Next(v))
        {
            _zoneCounts[_units[v].HomeZone]++;
            units++;
        }

        return MostUnderCovered(units, _zoneCounts);
    }

    /// <summary>The zone furthest below its demand share of <paramref name="units"/> (largest units × share − count; ties to the lower index).</summary>
    private int MostUnderCovered(int units, int[] counts)
    {
        var shares = _x.C.ZoneShares;
        int best = 0;
        double bestGap = double.NegativeInfinity;
        for (int z = 0; z < shares.Length; z++)
        {
            double gap = (units * shares[z]) - counts[z];
            if (gap > bestGap)
            {
                bestGap = gap;
                best = z;
            }
        }

        return best;
    }

    /// <summary>Home zones in proportion to demand: floors, then the largest remainders.</summary>
    private void Apportion(int units, int[] counts)
    {
        var shares = _x.C.ZoneShares;
        int given = 0;
        for (int z = 0; z < shares.Length; z++)
        {
            counts[z] = (int)Math.Floor(units * shares[z]);
            given += counts[z];
        }

        int left = units - given;
        if (left > shares.Length)
        {
            // Shares summing short of 1 by rounding could leave more than one unit a zone: one at a time then.
            while (given < units)
            {
                counts[MostUnderCovered(units, counts)]++;
                given++;
            }

            return;
        }

        // One unit each to the zones of the largest remainders (units × share − floor; ties to the lower index): the
        // units MostUnderCovered would give one at a time, since a zone given one falls below every zone not given one.
        // Sorting once keeps a shift start of a city with thousands of beats from costing zones² (issue 28 item 4).
        if (left > 0)
        {
            for (int z = 0; z < shares.Length; z++)
            {
                _order[z] = z;
                _gaps[z] = (units * shares[z]) - counts[z];
            }

            _order.AsSpan().Sort(_byGap); // a span and a kept delegate: no allocation per shift start
            for (int k = 0; k < left; k++)
            {
                counts[_order[k]]++;
            }
        }
    }

    /// <summary>The lowest unit number of the shift's range not held by a unit on duty.</summary>
    private int FreeNumber(int sh)
    {
        int number = _x.C.ShiftNumberOffsets[sh] + 1;
        while (_units.Available.UnitByNumber(number) >= 0)
        {
            number++;
        }

        return number;
    }
}
