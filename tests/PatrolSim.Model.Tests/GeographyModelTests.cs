using NetTopologySuite.Geometries;
using PatrolSim.Geography;
using PatrolSim.Geography.Travel;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>Real zones and travel in the model: calls and patrols inside the shapes, trip times on the curve, by matrix, by hour, with turnout and delay by priority.</summary>
public class GeographyModelTests
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>Two roundings to the engine's millisecond tick, in minutes.</summary>
    private const double Tick = 1.0 / 60000;

    /// <summary>A square with a hole and an L-shaped zone beside it (metres), weights 2 and 1.</summary>
    private static ZoneSet TwoShapes()
    {
        var shell = Factory.CreateLinearRing([new(0, 0), new(4000, 0), new(4000, 4000), new(0, 4000), new(0, 0)]);
        var hole = Factory.CreateLinearRing([new(1000, 1000), new(3000, 1000), new(3000, 3000), new(1000, 3000), new(1000, 1000)]);
        var ring = Factory.CreatePolygon(shell, [hole]);
        var ell = Factory.CreatePolygon([new(4000, 0), new(7000, 0), new(7000, 1500), new(5500, 1500), new(5500, 4000), new(4000, 4000), new(4000, 0)]);
        return ZoneSet.Create([new ZoneShape("ring", ring, 2, "west"), new ZoneShape("ell", ell, 1, "east")]);
    }

    private static City CityOf(ZoneSet set)
    {
        var zones = Enumerable.Range(0, set.Count).Select(i =>
        {
            var b = set.Bounds(i);
            return new Zone(set.Ids[i], b.MinX, b.MinY, b.Width, b.Height, set.Weight(i)) { District = set.Districts[set.DistrictOf(i)] };
        }).ToList();
        return new City(set.WidthKm, set.HeightKm, zones) { Shapes = set };
    }

    /// <summary>Two call types (priority 1 and 2), 6 solo cars around the clock, no backup, moderate load.</summary>
    private static Scenario Base(City city, Travel travel) => TestScenarios.Exact(60, 25, 6, new Shift("all day", 0, 24, 6, null)) with
    {
        City = city,
        Demand = new Demand(60, 1, TestScenarios.Flat,
        [
            new CallType("urgent", 0.4, 1, new ExponentialDistribution(25), 1, RiskLevel.None, true),
            new CallType("routine", 0.6, 2, new ExponentialDistribution(25), 1, RiskLevel.None, true),
        ], null),
        Travel = travel,
    };

    [Fact]
    public void CallsAndPatrols_LieInsideTheirZonesShapes_NeverInTheHole()
    {
        var set = TwoShapes();
        var s = Base(CityOf(set), new Travel(TravelModel.Manhattan, 1.3, 1, new Dictionary<int, double> { [1] = 50 }, 0));
        var sink = new ListTraceSink();
        var calls = new ListCallSink();
        new PatrolSimulation(s).Run(3, 0, sink, calls);

        Assert.True(calls.Calls.Count > 200);
        Assert.All(calls.Calls, c => Assert.Equal(set.IndexOf(c.Zone), set.Locate(c.XKm, c.YKm)));
        Assert.DoesNotContain(calls.Calls, c => c.XKm > 1 && c.XKm < 3 && c.YKm > 1 && c.YKm < 3);
        Assert.InRange(calls.Calls.Count(c => c.Zone == "ring") / (double)calls.Calls.Count, 0.6, 0.73); // weight 2 of 3

        var home = sink.Of<UnitOnDuty>().ToDictionary(u => u.Unit, u => u.HomeZone);
        Assert.All(sink.Of<UnitOnDuty>(), u => Assert.Equal(u.HomeZone, set.Locate(u.X, u.Y)));
        Assert.All(sink.Of<UnitReturning>(), r => Assert.Equal(home[r.Unit], set.Locate(r.ToX, r.ToY)));
    }

    [Fact]
    public void ObservedCallPoints_PlaceTheirZonesCalls_AtThosePoints_OtherZonesUniformly()
    {
        var set = TwoShapes();
        CallPoint[] observed = [new(0.5, 0.5), new(3.5, 3.9), new(0.2, 3.1)];
        var city = CityOf(set) with { CallPoints = [observed, []] };
        var calls = new ListCallSink();
        new PatrolSimulation(Base(city, Travel.None)).Run(9, 0, null, calls);

        var ring = calls.Calls.Where(c => c.Zone == "ring").ToList();
        Assert.True(ring.Count > 200);
        Assert.All(ring, c => Assert.Contains(new CallPoint(c.XKm, c.YKm), observed));
        Assert.All(observed, p => Assert.InRange(ring.Count(c => c.XKm == p.XKm && c.YKm == p.YKm) / (double)ring.Count, 0.25, 0.42));
        Assert.True(calls.Calls.Where(c => c.Zone == "ell").Select(c => (c.XKm, c.YKm)).Distinct().Count() > 50, "the ell's calls are spread over its area");
    }

    [Fact]
    public void CurveTravel_IsTurnoutPlusTheCurveOverDetourTimesStraightLine_ByHour_PlusTheDelay()
    {
        // Independent of the model's code: t(d) = 2√(d/a) up to v²/a, v/a + d/v beyond (d in m, v in m/s, a in m/s²).
        const double A1 = 1.2, A2 = 0.8, Detour = 1.3;
        double[] hours = [.. Enumerable.Range(0, 24).Select(h => 0.8 + (0.02 * h))];
        var travel = new Travel(TravelModel.Curve, Detour, 0, new Dictionary<int, double> { [1] = 60, [2] = 40 }, 0)
        {
            TurnoutByPriority = new Dictionary<int, double> { [1] = 0.5, [2] = 1.5 },
            AccelerationMps2 = new Dictionary<int, double> { [1] = A1, [2] = A2 },
            HourFactors = hours,
            DelayByPriority = new Dictionary<int, Distribution> { [2] = new ConstantDistribution(2) },
        };
        var sink = new ListTraceSink();
        new PatrolSimulation(Base(CityOf(TwoShapes()), travel)).Run(5, 0, sink);

        var priority = sink.Of<CallArrived>().ToDictionary(a => a.Call, a => a.Priority);
        var dispatched = new Dictionary<long, UnitDispatched>();
        int checkedTrips = 0;
        foreach (var e in sink.Rows)
        {
            if (e is UnitDispatched d)
            {
                dispatched[d.Unit] = d;
            }
            else if (e is UnitOnScene o && dispatched.Remove(o.Unit, out var from))
            {
                int p = priority[o.Call];
                double metres = Detour * Math.Sqrt(Math.Pow(from.ToX - from.X, 2) + Math.Pow(from.ToY - from.Y, 2)) * 1000;
                double a = p == 1 ? A1 : A2, v = (p == 1 ? 60 : 40) / 3.6;
                double seconds = metres <= v * v / a ? 2 * Math.Sqrt(metres / a) : (v / a) + (metres / v);
                double expected = (p == 1 ? 0.5 : 1.5) + (seconds / 60 * hours[(int)(from.TimeMinutes / 60) % 24]) + (p == 2 ? 2 : 0);
                Assert.InRange(o.TimeMinutes - from.TimeMinutes - expected, -Tick, Tick); // turnout and trip are each rounded to a millisecond
                checkedTrips++;
            }
        }

        Assert.True(checkedTrips > 200, $"{checkedTrips} trips checked");
    }

    [Fact]
    public void AtSceneShare_UnitsAlreadyThereMakeNoTrip_AtTheirPrioritysShare()
    {
        // P1: none at the scene, every trip is turnout + the curve; P2: 30% of the units sent arrive at turnout's end.
        var travel = new Travel(TravelModel.Curve, 1.3, 0.5, new Dictionary<int, double> { [1] = 50 }, 0.2)
        {
            AccelerationMps2 = new Dictionary<int, double> { [1] = 1 },
            AtSceneShare = new Dictionary<int, double> { [2] = 0.3 },
        };
        var sink = new ListTraceSink();
        var scenario = Base(CityOf(TwoShapes()), travel) with { Horizon = new Horizon(60, 0) };
        new PatrolSimulation(scenario).Run(11, 0, sink);

        var priority = sink.Of<CallArrived>().ToDictionary(a => a.Call, a => a.Priority);
        var dispatched = new Dictionary<long, UnitDispatched>();
        var trips = new List<(int Priority, double Minutes)>();
        foreach (var e in sink.Rows)
        {
            if (e is UnitDispatched d)
            {
                dispatched[d.Unit] = d;
            }
            else if (e is UnitOnScene o && dispatched.Remove(o.Unit, out var from))
            {
                trips.Add((priority[o.Call], o.TimeMinutes - from.TimeMinutes - 0.5));
            }
        }

        // No real trip is that short: the curve's shortest, 2√(d/a), is 20 s for 100 m at a = 1 m/s².
        Assert.DoesNotContain(trips, t => t.Priority == 1 && t.Minutes < 0.001);
        var p2 = trips.Where(t => t.Priority == 2).ToList();
        double share = p2.Count(t => Math.Abs(t.Minutes) <= Tick) / (double)p2.Count;
        double sd = Math.Sqrt(0.3 * 0.7 / p2.Count);
        Assert.True(p2.Count > 1500, $"{p2.Count} P2 trips");
        Assert.InRange(share, 0.3 - (4 * sd), 0.3 + (4 * sd));
    }

    [Fact]
    public void MatrixTravel_BetweenZonesIsTheMatrix_InsideAZoneIsDistanceAtSpeed()
    {
        var set = TwoShapes();
        var matrix = TravelTimeMatrix.Parse(new StringReader("from,to,minutes\nring,ell,7\nell,ring,9\n"), "m.csv", set.Ids);
        var travel = new Travel(TravelModel.Matrix, 1.2, 1, new Dictionary<int, double> { [1] = 40 }, 0) { Matrix = matrix, Metric = DistanceMetric.Manhattan };
        var sink = new ListTraceSink();
        new PatrolSimulation(Base(CityOf(set), travel) with { Horizon = new Horizon(24, 0) }).Run(7, 0, sink);

        var dispatched = new Dictionary<long, UnitDispatched>();
        var returning = new HashSet<long>();
        var fromReturn = new HashSet<long>();
        int between = 0, inside = 0;
        foreach (var e in sink.Rows)
        {
            if (e is UnitReturning r)
            {
                returning.Add(r.Unit);
            }
            else if (e is UnitIdle i)
            {
                returning.Remove(i.Unit);
            }
            else if (e is UnitDispatched d)
            {
                dispatched[d.Unit] = d;
                if (returning.Remove(d.Unit))
                {
                    fromReturn.Add(d.Unit);
                }
            }
            else if (e is UnitOnScene o && dispatched.Remove(o.Unit, out var from))
            {
                // A unit sent while driving back to its beat counts from the zone it left: not checked here.
                int fromZone = set.Locate(from.X, from.Y), toZone = set.Locate(from.ToX, from.ToY);
                if (fromReturn.Remove(o.Unit) || fromZone < 0)
                {
                    continue;
                }

                double trip = fromZone == toZone
                    ? 1.2 * (Math.Abs(from.ToX - from.X) + Math.Abs(from.ToY - from.Y)) / 40 * 60
                    : fromZone == 0 ? 7 : 9;
                _ = fromZone == toZone ? inside++ : between++;
                Assert.InRange(o.TimeMinutes - from.TimeMinutes - (1 + trip), -Tick, Tick);
            }
        }

        Assert.True(between > 40 && inside > 400, $"{between} trips between zones, {inside} inside one");
    }
}
