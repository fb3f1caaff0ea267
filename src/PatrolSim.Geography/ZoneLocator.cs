using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace PatrolSim.Geography;

/// <summary>
/// Which zone holds a point. A grid of square cells over the city is laid once: a cell that one zone covers whole
/// answers at once (no polygon test, no allocation); a cell on a boundary keeps the few zones that touch it, and a
/// point there is tested against those zones with NTS's indexed point-in-area locators (built once). A point on a
/// boundary shared by two zones goes to one of them, always the same; a point in no zone gives -1. For locating given points
/// (CAD coordinates), not for the event loop: a point in a boundary cell allocates a few small objects.
/// Immutable after construction, so safe to share between threads.
/// </summary>
internal sealed class ZoneLocator
{
    private const int Mixed = -2;
    private readonly double _cellKm;
    private readonly int _nx;
    private readonly int _ny;
    private readonly double _width;
    private readonly double _height;
    private readonly int[] _cover;
    private readonly int[] _candidateStart;
    private readonly int[] _candidates;
    private readonly IndexedPointInAreaLocator[] _locators;

    public ZoneLocator(IReadOnlyList<Geometry> zonesKm, double widthKm, double heightKm)
    {
        _width = widthKm;
        _height = heightKm;
        int cellsAcross = Math.Clamp(16 * (int)Math.Ceiling(Math.Sqrt(zonesKm.Count)), 32, 512);
        _cellKm = Math.Max(widthKm, heightKm) / cellsAcross;
        _nx = Math.Max(1, (int)Math.Ceiling(widthKm / _cellKm));
        _ny = Math.Max(1, (int)Math.Ceiling(heightKm / _cellKm));
        _locators = new IndexedPointInAreaLocator[zonesKm.Count];
        var prepared = new IPreparedGeometry[zonesKm.Count];
        var tree = new STRtree<int>();
        for (int z = 0; z < zonesKm.Count; z++)
        {
            _locators[z] = new IndexedPointInAreaLocator(zonesKm[z]);
            _locators[z].Locate(new Coordinate(0, 0)); // builds the lazy index now, so later reads only read
            prepared[z] = PreparedGeometryFactory.Prepare(zonesKm[z]);
            tree.Insert(zonesKm[z].EnvelopeInternal, z);
        }

        var factory = zonesKm.Count > 0 ? zonesKm[0].Factory : new GeometryFactory();
        _cover = new int[_nx * _ny];
        _candidateStart = new int[(_nx * _ny) + 1];
        var candidates = new List<int>();
        for (int j = 0; j < _ny; j++)
        {
            for (int i = 0; i < _nx; i++)
            {
                int cell = (j * _nx) + i;
                _candidateStart[cell] = candidates.Count;
                _cover[cell] = -1;
                var box = new Envelope(i * _cellKm, (i + 1) * _cellKm, j * _cellKm, (j + 1) * _cellKm);
                var square = factory.ToGeometry(box);
                foreach (int z in tree.Query(box).Order())
                {
                    if (prepared[z].Covers(square))
                    {
                        _cover[cell] = z;
                        candidates.RemoveRange(_candidateStart[cell], candidates.Count - _candidateStart[cell]);
                        break;
                    }

                    if (prepared[z].Intersects(square))
                    {
                        candidates.Add(z);
                        _cover[cell] = Mixed;
                    }
                }
            }
        }

        _candidateStart[_nx * _ny] = candidates.Count;
        _candidates = [.. candidates];
    }

    /// <summary>Share of cells answered without a polygon test: covered whole by one zone, or touching none.</summary>
    public double AnsweredShare => _cover.Count(c => c != Mixed) / (double)_cover.Length;

    /// <summary>The zone holding (x, y) in km, or -1.</summary>
    public int Locate(double x, double y)
    {
        if (!(x >= 0 && x <= _width && y >= 0 && y <= _height))
        {
            return -1; // outside the box, or NaN
        }

        int i = Math.Min((int)(x / _cellKm), _nx - 1);
        int j = Math.Min((int)(y / _cellKm), _ny - 1);
        int cell = (j * _nx) + i;
        int cover = _cover[cell];
        if (cover != Mixed)
        {
            return cover;
        }

        var p = new Coordinate(x, y);
        for (int k = _candidateStart[cell]; k < _candidateStart[cell + 1]; k++)
        {
            int z = _candidates[k];
            if (_locators[z].Locate(p) != Location.Exterior)
            {
                return z;
            }
        }

        return -1;
    }
}
