using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// <c>policy.backupUnits.preferWithinMinutes</c>: backup-only units are preferred for backup only when the nearest one
/// is at most that many minutes farther (distance × detour at the call's speed) than the nearest patrol unit.
/// </summary>
public class BackupPreferenceCapTests
{
    private const double Detour = 1.3;
    private const double SpeedKmh = 45;

    /// <summary>
    /// A 6 × 4 km city of six beats, three solo patrol cars and one solo backup-only car around the clock; a third of the
    /// calls are high-risk and need two officers (engaging alone). No breaks, self-initiated work or travel noise, so
    /// every unit is idle at a known point or driving in a straight line at the routine speed.
    /// </summary>
    private static Scenario City(double? cap) => TestScenarios.SmallCity(0, BackupRule.Risk, Engagement.Alone, days: 10) with
    {
        Demand = new Demand(60, 1, TestScenarios.Flat,
        [
            new CallType("domestic", 0.35, 1, new ExponentialDistribution(40), 1, RiskLevel.High, true),
            new CallType("report", 0.65, 2, new ExponentialDistribution(30), 1, RiskLevel.None, true),
        ], null),
        Travel = new Travel(TravelModel.Manhattan, Detour, 0, new Dictionary<int, double> { [1] = SpeedKmh, [2] = SpeedKmh }, 0),
        Staffing = new Staffing(1, [new Shift("all day", 0, 24, 3, null, BackupOnlyOfficers: 1)]),
        Policy = TestScenarios.SmallCity(0, BackupRule.Risk).Policy with { BackupUnits = new BackupUnitsPolicy(null, true, cap) },
    };

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void BackupOnlyUnit_IsSentAsBackup_OnlyWhenWithinTheCap_OfTheNearestPatrolUnit(double cap)
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(City(cap)).Run(21, 0, sink);

        // Replays where every available unit is (idle at a point, or returning in a straight line at the routine speed)
        // and checks each backup the dispatch rule chose among them (not a unit coming straight from another call).
        var backupOnly = new HashSet<long>();
        var idleAt = new Dictionary<long, (double X, double Y)>();
        var returning = new Dictionary<long, (double T, double X, double Y, double ToX, double ToY)>();
        var firstSent = new HashSet<long>();
        int preferred = 0, notPreferred = 0;
        foreach (var e in sink.Rows)
        {
            switch (e)
            {
                case UnitOnDuty u:
                    idleAt[u.Unit] = (u.X, u.Y);
                    if (u.BackupOnly)
                    {
                        backupOnly.Add(u.Unit);
                    }

                    break;
                case UnitReturning r:
                    returning[r.Unit] = (r.TimeMinutes, r.X, r.Y, r.ToX, r.ToY);
                    break;
                case UnitIdle i:
                    returning.Remove(i.Unit);
                    idleAt[i.Unit] = (i.X, i.Y);
                    break;
                case UnitDispatched d:
                    bool available = idleAt.ContainsKey(d.Unit) || returning.ContainsKey(d.Unit);
                    if (!firstSent.Add(d.Call) && available)
                    {
                        var positions = Positions(idleAt, returning, d.TimeMinutes);
                        double Distance(long u) => Math.Abs(positions[u].X - d.ToX) + Math.Abs(positions[u].Y - d.ToY);
                        var b = positions.Keys.Where(backupOnly.Contains).OrderBy(Distance).ThenBy(u => u).ToList();
                        var p = positions.Keys.Where(u => !backupOnly.Contains(u)).OrderBy(Distance).ThenBy(u => u).ToList();
                        if (b.Count > 0 && p.Count > 0)
                        {
                            double extraMinutes = (Distance(b[0]) - Distance(p[0])) * Detour / SpeedKmh * 60;
                            if (Math.Abs(extraMinutes - cap) > 1e-6)
                            {
                                bool prefer = extraMinutes <= cap;
                                Assert.Equal(prefer ? b[0] : p[0], d.Unit);
                                _ = prefer ? preferred++ : notPreferred++;
                            }
                        }
                    }

                    idleAt.Remove(d.Unit);
                    returning.Remove(d.Unit);
                    break;
            }
        }

        Assert.True(preferred > 10 && notPreferred > 10, $"{preferred} backups preferred, {notPreferred} not");
    }

    [Fact]
    public void NoCap_AlwaysPrefersTheBackupOnlyUnit_AndAHugeCapChangesNothing()
    {
        var none = new PatrolSimulation(City(null)).Run(21, 0);
        var huge = new PatrolSimulation(City(1e6)).Run(21, 0);
        Assert.Equal(none.Overall, huge.Overall);

        // A cap of 0 sends the nearer patrol car more often: backup arrives sooner on average.
        var zero = new PatrolSimulation(City(0)).Run(21, 0);
        Assert.True(zero.Overall[MetricCatalog.BackupDelayMean] < none.Overall[MetricCatalog.BackupDelayMean]);
    }

    private static Dictionary<long, (double X, double Y)> Positions(
        Dictionary<long, (double X, double Y)> idleAt, Dictionary<long, (double T, double X, double Y, double ToX, double ToY)> returning, double now)
    {
        var at = new Dictionary<long, (double X, double Y)>(idleAt);
        foreach (var (u, r) in returning)
        {
            // Routine trips at the largest priority's speed: minutes = L1 × detour / speed × 60.
            double trip = (Math.Abs(r.ToX - r.X) + Math.Abs(r.ToY - r.Y)) * Detour / SpeedKmh * 60;
            double f = trip <= 0 ? 1 : Math.Clamp((now - r.T) / trip, 0, 1);
            at[u] = (r.X + ((r.ToX - r.X) * f), r.Y + ((r.ToY - r.Y) * f));
        }

        return at;
    }
}
