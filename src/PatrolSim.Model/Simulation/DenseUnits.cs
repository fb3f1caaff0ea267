namespace PatrolSim.Model.Simulation;

/// <summary>
/// A set of unit slots kept as one dense list (members side by side, for scans) with each member's position in it:
/// add, remove (the last member moves into the hole) and membership in constant time, allocating nothing once grown.
/// The grids of idle and returning units (<see cref="SpatialGrid"/>, <see cref="SegmentGrid"/>) keep their members here.
/// </summary>
internal sealed class DenseUnits
{
    private int[] _members;
    private int[] _position;

    public DenseUnits(int unitCapacity)
    {
        _members = new int[unitCapacity];
        _position = new int[unitCapacity];
        Array.Fill(_position, -1);
    }

    /// <summary>Members.</summary>
    public int Count { get; private set; }

    /// <summary>The <paramref name="i"/>-th member (0 ≤ i &lt; <see cref="Count"/>; the order changes as units come and go).</summary>
    public int this[int i] => _members[i];

    /// <summary>The member's position in the list, or -1 when the unit is not a member.</summary>
    public int PositionOf(int unit) => _position[unit];

    /// <summary>Adds a unit (not a member); returns its position, the last.</summary>
    public int Add(int unit)
    {
        int i = Count++;
        _members[i] = unit;
        _position[unit] = i;
        return i;
    }

    /// <summary>
    /// Removes a member: the last member moves into its position <paramref name="hole"/> from position
    /// <paramref name="last"/> (equal when the removed unit was last). False when the unit was not a member.
    /// </summary>
    public bool Remove(int unit, out int hole, out int last)
    {
        hole = _position[unit];
        last = Count - 1;
        if (hole < 0)
        {
            return false;
        }

        int moved = _members[last];
        _members[hole] = moved;
        _position[moved] = hole;
        _position[unit] = -1;
        Count = last;
        return true;
    }

    /// <summary>Grows to hold unit slots below <paramref name="units"/> (at least doubling).</summary>
    public void EnsureCapacity(int units)
    {
        if (units > _position.Length)
        {
            int old = _position.Length;
            int size = Math.Max(units, old * 2);
            Array.Resize(ref _members, size);
            Array.Resize(ref _position, size);
            Array.Fill(_position, -1, old, size - old);
        }
    }
}
