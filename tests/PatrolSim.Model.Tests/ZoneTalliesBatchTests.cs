using CsCheck;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// A city of many beats files its served calls into the beats' tallies in batches, beat by beat (issue 28 item 4): the
/// zone and district results are the same to the bit as filing each call when served, whatever the batch size and
/// wherever the warm-up ends among the calls and the officer-time changes, since each beat takes its calls in the order
/// served.
/// </summary>
public class ZoneTalliesBatchTests
{
    /// <summary>A served call as the zone tallies see it.</summary>
    private readonly record struct Served(int Zone, double Response, long TargetTicks, int RiskLevel, double Solo, bool Arrived, int Change, int Delta);

    [Fact]
    public void Batches_GiveTheResultsOfFilingEachCallWhenServed()
    {
        // The small city's six beats in two districts: every zone and both districts are compared.
        var s = TestScenarios.SmallCity(days: 10);
        s = s with { City = s.City with { Zones = [.. s.City.Zones.Select((z, i) => z with { District = i < 3 ? "north" : "south" })] } };
        var compiled = new CompiledScenario(s);
        int zones = compiled.Zones.Length;
        Assert.Equal(6, zones);

        var call = Gen.Select(Gen.Int[0, zones - 1], Gen.Double[0, 90], Gen.Int[0, 9], Gen.Int[0, 3], Gen.Double[0, 40], Gen.Bool, Gen.Int[0, 2], Gen.Int[-2, 2])
            .Select((z, response, shape, level, solo, arrived, change, delta) => new Served(
                z,
                shape == 0 ? 0 : shape == 1 ? Math.Round(response) : response, // exact zeros and ties now and then
                shape < 5 ? (long)(response * 0.9 * Engine.SimTime.TicksPerMinute) : -1,
                level,
                solo,
                arrived,
                change, // 0 none, 1 officers committed or freed, 2 on or off duty
                delta));
        Gen.Select(call.Array[0, 400], Gen.Int[1, 60], Gen.Int[0, 400])
            .Sample((calls, batch, warmupEnd) =>
            {
                var oneByOne = Run(compiled, calls, batch: 0, warmupEnd);
                var batched = Run(compiled, calls, batch, warmupEnd);
                Assert.Equal(Flat(oneByOne.Zones), Flat(batched.Zones));
                Assert.Equal(Flat(oneByOne.Districts), Flat(batched.Districts));
            });
    }

    private static (IReadOnlyList<IReadOnlyList<double>> Zones, IReadOnlyList<IReadOnlyList<double>> Districts) Run(CompiledScenario compiled, Served[] calls, int batch, int warmupEnd)
    {
        var priority = new QuantileSketch(QuantileSketch.DefaultRelativeAccuracy, 1e-3, 1e6);
        var tallies = new ZoneTallies(compiled, priority, batch);
        long step = Engine.SimTime.TicksPerMinute * 7 / 3; // officer-time changes a few minutes apart, some at the same time
        for (int i = 0; i < calls.Length; i++)
        {
            var c = calls[i];
            long now = i / 2 * step;
            if (i == warmupEnd)
            {
                tallies.StartMeasuring(now);
            }

            if (c.Change == 1)
            {
                tallies.Committed(now, c.Zone, c.Delta);
            }
            else if (c.Change == 2)
            {
                tallies.OnDuty(now, c.Zone, c.Delta);
            }

            if (c.Arrived)
            {
                tallies.Arrived(c.Zone);
            }

            var state = default(CallState);
            state.Zone = c.Zone;
            state.ArrivalTicks = 1_000;
            state.FirstOnScene = 1_000 + (long)(c.Response * Engine.SimTime.TicksPerMinute);
            state.RiskLevel = c.RiskLevel;
            state.SoloMinutes = c.Solo;
            tallies.Served(in state, c.Response, priority.AddReturningBucket(c.Response), c.TargetTicks);
        }

        return tallies.Finish(calls.Length * step, 10);
    }

    /// <summary>Every value as its bits, so NaN equals NaN and 0.1 + 0.2 differs from 0.3.</summary>
    private static long[] Flat(IReadOnlyList<IReadOnlyList<double>> rows) => [.. rows.SelectMany(r => r).Select(BitConverter.DoubleToInt64Bits)];

    [Fact]
    public void AZoneSketchOfOtherSettings_IsRefused()
    {
        var compiled = new CompiledScenario(TestScenarios.SmallCity(days: 10));
        Assert.Throws<ArgumentException>(() => new ZoneTallies(compiled, new QuantileSketch(0.01, 1e-3, 1e6)));
    }
}
