namespace PatrolSim.Model.Simulation;

/// <summary>
/// The shift instances (one day's instance of a shift, or a continuing 24-hour shift) and the list of each one's units,
/// newest first. Slots of ended instances are reused.
/// </summary>
internal sealed class ShiftInstances
{
    private readonly int[] _current;
    private ShiftInstance[] _instances = new ShiftInstance[16];
    private int _count;
    private int[] _next = new int[64];

    public ShiftInstances(int shifts)
    {
        _current = new int[shifts];
        Array.Fill(_current, -1);
    }

    /// <summary>An instance.</summary>
    public ref ShiftInstance this[int inst] => ref _instances[inst];

    /// <summary>The instance of a shift on duty now, or -1.</summary>
    public int CurrentOf(int shift) => _current[shift];

    /// <summary>Makes <paramref name="inst"/> the shift's current instance.</summary>
    public void SetCurrent(int shift, int inst) => _current[shift] = inst;

    /// <summary>The shift has no instance on duty (its current one ended).</summary>
    public void ClearCurrent(int shift, int inst)
    {
        if (_current[shift] == inst)
        {
            _current[shift] = -1;
        }
    }

    /// <summary>The unit after <paramref name="u"/> in its instance's list, or -1.</summary>
    public int Next(int u) => _next[u];

    /// <summary>A slot for a new instance (the first inactive one, else a new one).</summary>
    public int New()
    {
        for (int i = 0; i < _count; i++)
        {
            if (!_instances[i].Active)
            {
                return i;
            }
        }

        if (_count == _instances.Length)
        {
            Array.Resize(ref _instances, _instances.Length * 2);
        }

        return _count++;
    }

    /// <summary>Puts unit <paramref name="u"/> at the head of the instance's list.</summary>
    public void Add(int inst, int u)
    {
        if (u >= _next.Length)
        {
            Array.Resize(ref _next, Math.Max(u + 1, _next.Length * 2));
        }

        _next[u] = _instances[inst].FirstUnit;
        _instances[inst].FirstUnit = u;
    }

    /// <summary>Takes unit <paramref name="u"/> out of the instance's list.</summary>
    public void Remove(int inst, int u)
    {
        ref ShiftInstance si = ref _instances[inst];
        if (si.FirstUnit == u)
        {
            si.FirstUnit = _next[u];
            return;
        }

        for (int v = si.FirstUnit; v >= 0; v = _next[v])
        {
            if (_next[v] == u)
            {
                _next[v] = _next[u];
                return;
            }
        }
    }

    /// <summary>Empties the instance's list and returns its first unit (walk on with <see cref="Next"/> before re-adding a unit).</summary>
    public int Detach(int inst)
    {
        int first = _instances[inst].FirstUnit;
        _instances[inst].FirstUnit = -1;
        return first;
    }
}
