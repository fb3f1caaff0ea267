using PatrolSim.Experiments.Council;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests.Council;

/// <summary>
/// The estimate of officer-minutes on scene with another officer (the model does not measure it yet; docs/decisions.md)
/// against an independent oracle: the same replication's trace, integrating officers on scene call by call. The estimate
/// counts every officer for the whole on-scene time and takes off the minutes alone; so it is exact when a call's officers
/// arrive together, and too high by the minutes the first officer waited for a second who came.
/// </summary>
public class ExposureEstimateTests
{
    // Constant on-scene times (the estimate uses the distribution's mean), a high-risk P1 type needing two officers and a
    // low-risk P2 type needing one, light load so that almost every call is finished by the horizon.
    private const string City = """
        name: exposure oracle
        horizon: { days: 30, warmupDays: 1 }
        city: { widthKm: 6, heightKm: 4, beats: { rows: 2, cols: 3 } }
        demand:
          callsPerDay: 60
          callTypes:
            - { name: fight, share: 0.3, priority: 1, onScene: { dist: constant, value: 40 }, officers: 2, risk: high }
            - { name: noise, share: 0.5, priority: 2, onScene: { dist: constant, value: 20 }, risk: low }
            - { name: report, share: 0.2, priority: 3, onScene: { dist: constant, value: 30 } }
        travel: { model: manhattan, detour: 1.3, turnoutMinutes: 1, speedKmh: { 1: 50, 2: 40, 3: 40 } }
        staffing: { shifts: [ { name: all day, start: "00:00", hours: 24, officers: 12 } ] }
        safety:
          assaultsPerHour:
            alone: { low: 0, medium: 0, high: 0 }
            paired: { low: 0, medium: 0, high: 0 }
          injuryWhenAssaulted: { alone: 0, paired: 0 }
          source: none needed; the test reads exposure hours only

        """;

    [Fact]
    public void AllPaired_OfficersArriveTogether_EstimateMatchesTheTrace()
    {
        var (estimate, exact, _) = Compare("policy: { crew: { twoOfficerShare: 1 } }\n");
        Assert.True(exact > 1_000, $"exact {exact} a day");
        // Equal (every call of this replication cleared before the horizon; one still open would count in the estimate only).
        Assert.Equal(exact, estimate, 6);
    }

    [Fact]
    public void AllSolo_BackupComesLater_EstimateIsHighByTheMinutesAloneBeforeIt()
    {
        var (estimate, exact, lateBackup) = Compare("policy: { crew: { twoOfficerShare: 0 } }\n");
        Assert.True(lateBackup > 5, $"alone before a backup {lateBackup} a day");
        Assert.True(estimate >= exact, $"estimate {estimate} below the trace's {exact}");
        Assert.Equal(exact + lateBackup, estimate, 6);
    }

    /// <summary>The estimate (officer-minutes a day with another officer, all levels) and from the trace: the same, and the minutes alone before a second officer came.</summary>
    private static (double Estimate, double Exact, double LateBackup) Compare(string policy)
    {
        var s = ScenarioLoader.Parse(City + policy, "oracle.yaml");
        var sink = new Oracle(s);
        var result = new PatrolSimulation(s).Run(7, 0, sink);
        double days = s.Horizon.Days - s.Horizon.WarmupDays;
        double estimate = CouncilMeasures.Value(CouncilMeasures.HoursPaired, s, result) * 60 / CouncilBasis.DaysPerYear;
        return (estimate, sink.Company / days, sink.AloneBeforeBackup / days);
    }

    /// <summary>Integrates, for each risky call arriving after the warm-up and cleared, officers on scene over its service.</summary>
    private sealed class Oracle(Scenario s) : ITraceSink
    {
        private readonly Dictionary<long, Call> _calls = [];

        public double Company { get; private set; }

        public double AloneBeforeBackup { get; private set; }

        public void Record(TraceEvent e)
        {
            switch (e)
            {
                case CallArrived a:
                    var type = s.Demand.CallTypes.Single(t => t.Name == a.CallType);
                    if (type.Risk != RiskLevel.None && a.TimeMinutes >= s.Horizon.WarmupDays * 1440)
                    {
                        _calls[a.Call] = new Call();
                    }

                    break;
                case UnitDispatched d when _calls.TryGetValue(d.Call, out var c):
                    c.Officers[d.Unit] = d.Officers;
                    break;
                case UnitOnScene o when _calls.TryGetValue(o.Call, out var c):
                    c.Advance(o.TimeMinutes);
                    c.OnScene += c.Officers[o.Unit];
                    break;
                case ServiceStarted st when _calls.TryGetValue(st.Call, out var c):
                    c.Advance(st.TimeMinutes);
                    c.Started = true;
                    break;
                case CallCleared cl when _calls.Remove(cl.Call, out var c):
                    c.Advance(cl.TimeMinutes);
                    Company += c.Company;
                    AloneBeforeBackup += c.BackupCame ? c.Alone : 0;
                    break;
            }
        }

        private sealed class Call
        {
            public Dictionary<long, int> Officers { get; } = [];

            public int OnScene { get; set; }

            public bool Started { get; set; }

            public double Company { get; private set; }

            public double Alone { get; private set; }

            public bool BackupCame => Company > 0;

            private double _last = double.NaN;

            /// <summary>Adds the time since the last event at the officers on scene then (service started).</summary>
            public void Advance(double now)
            {
                if (Started && !double.IsNaN(_last))
                {
                    double dt = now - _last;
                    if (OnScene >= 2)
                    {
                        Company += OnScene * dt;
                    }
                    else if (OnScene == 1)
                    {
                        Alone += dt;
                    }
                }

                _last = now;
            }
        }
    }
}
