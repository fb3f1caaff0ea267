using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Tests;

/// <summary>
/// Travel times read from the calls' dispatch and on-scene times. One car is based at a station, a point at the city's
/// south-west corner holding 60% of the demand (so the car's home is there); 40% of calls fall in a district 2–6 km east.
/// Calls are rare, so before a call whose last predecessor cleared three hours earlier the car is idle at the station,
/// and its travel is turnout + 1.3 × (x + y) / 48 km/h × noise.
/// </summary>
public class TravelTests
{
    private const double Turnout = 2, Detour = 1.3, Speed = 48;

    private static Scenario StationAndDistrict(double noiseCv) =>
        TestScenarios.Exact(callsPerDay: 4, onSceneMinutes: 20, days: 600, TestScenarios.AllDay(1)) with
        {
            City = new City(6, 4, [new Zone("station", 0, 0, 0, 0, 0.6), new Zone("district", 2, 0, 4, 4, 0.4)]),
            Travel = new Travel(TravelModel.Manhattan, Detour, Turnout, new Dictionary<int, double> { [1] = Speed }, noiseCv),
        };

    /// <summary>Calls answered by the car from the station: (call, travel minutes, noise-free driving minutes).</summary>
    private static List<(PatrolSim.Model.Simulation.CallRecord Call, double Travel, double Driving)> FromStation(double noiseCv, ulong seed)
    {
        var calls = CallList.Run(StationAndDistrict(noiseCv), seed).Calls.Calls.Where(c => c.ClearMinutes is not null).OrderBy(c => c.Id).ToList();
        var result = new List<(PatrolSim.Model.Simulation.CallRecord, double, double)>();
        for (int i = 1; i < calls.Count; i++)
        {
            var c = calls[i];
            if (c.ArrivalMinutes - calls[i - 1].ClearMinutes!.Value >= 180)
            {
                result.Add((c, c.FirstOnSceneMinutes!.Value - c.FirstDispatchMinutes!.Value, Detour * (c.XKm + c.YKm) / Speed * 60));
            }
        }

        return result;
    }

    [Fact]
    public void WithoutNoise_TravelIsTurnoutPlusDetourTimesDistanceOverSpeed_Exactly()
    {
        var trips = FromStation(0, 4);
        Assert.True(trips.Count > 1000);
        Assert.Contains(trips, t => t.Call.Zone == "station");
        foreach (var (call, travel, driving) in trips)
        {
            // Times are kept to the millisecond.
            Assert.Equal(Turnout + driving, travel, 1.0 / 60_000);
            if (call.Zone == "station")
            {
                Assert.Equal(Turnout, travel, 1e-9); // no distance: the turnout alone
            }
        }
    }

    [Fact]
    public void Noise_IsLognormalWithMeanOne_AndTheGivenCv()
    {
        // cv 0.8: sigma² = ln(1 + 0.64) = 0.4947. A noise without the mean correction would average exp(sigma²/2) = 1.28.
        const double Cv = 0.8;
        var factors = FromStation(Cv, 4).Where(t => t.Call.Zone == "district").Select(t => (t.Travel - Turnout) / t.Driving).ToArray();
        Assert.True(factors.Length > 400);
        double n = factors.Length;
        double mean = factors.Average();
        // 4 standard errors of the mean: 4 × 0.8 / sqrt(n).
        Assert.InRange(mean, 1 - (4 * Cv / Math.Sqrt(n)), 1 + (4 * Cv / Math.Sqrt(n)));

        // ln(factor) is normal with variance sigma²; the sample variance has standard error sigma² × sqrt(2 / (n − 1)).
        double sigma2 = Math.Log(1 + (Cv * Cv));
        var logs = factors.Select(f => Math.Log(f)).ToArray();
        double logMean = logs.Average();
        double variance = logs.Sum(l => (l - logMean) * (l - logMean)) / (n - 1);
        Assert.InRange(variance, sigma2 * (1 - (4 * Math.Sqrt(2 / (n - 1)))), sigma2 * (1 + (4 * Math.Sqrt(2 / (n - 1)))));
        Assert.InRange(logMean, -sigma2 / 2 - (4 * Math.Sqrt(sigma2 / n)), -sigma2 / 2 + (4 * Math.Sqrt(sigma2 / n)));
    }
}
