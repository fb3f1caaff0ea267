using System.Globalization;
using System.Text;

namespace PatrolSim.Calibration.Tests.Fitting;

/// <summary>Known parameters of one priority for <see cref="SyntheticCad"/>.</summary>
internal sealed record SyntheticPriority(int Priority, double Share, double OnSceneMean, double OnSceneCv, double TwoUnitShare, double NoUnitShare);

/// <summary>
/// Writes a CAD export (CSV text) drawn from known parameters with a seeded RNG: citizen calls as a Poisson process with
/// a weekly profile, a priority mix, lognormal on-scene times, 1 or 2 units, a share never getting a unit; plus
/// self-initiated calls (Source = OFFICER) at a flat rate.
/// </summary>
internal sealed class SyntheticCad(int seed)
{
    private readonly Random _rng = new(seed);

    public static readonly DateTime Start = new(2025, 1, 6); // a Monday

    public static double[] TrueProfile()
    {
        double[] daily = [1.0, 1.0, 1.0, 1.05, 1.2, 1.3, 0.85];
        var p = new double[168];
        for (var w = 0; w < 168; w++)
            p[w] = daily[w / 24] * (1 + (0.6 * Math.Sin(2 * Math.PI * ((w % 24) - 9) / 24)));
        var mean = p.Average();
        return p.Select(v => v / mean).ToArray();
    }

    public string Generate(int days, double callsPerDay, IReadOnlyList<SyntheticPriority> priorities, double selfInitiatedPerDay, double selfOnSceneMean, double selfOnSceneCv)
    {
        var profile = TrueProfile();
        var sb = new StringBuilder("Incident,Received,Dispatched,Arrived,Closed,Priority,Problem,Units,Source\n");
        var id = 0;
        for (var h = 0; h < days * 24; h++)
        {
            var hourStart = Start.AddHours(h);
            var citizen = Poisson(callsPerDay / 24 * profile[h % 168]);
            for (var i = 0; i < citizen; i++)
            {
                var p = Pick(priorities);
                var received = hourStart.AddSeconds(_rng.NextDouble() * 3600);
                var noUnit = _rng.NextDouble() < p.NoUnitShare;
                var units = _rng.NextDouble() < p.TwoUnitShare ? 2 : 1;
                var dispatched = received.AddMinutes(0.5 + (_rng.NextDouble() * 5));
                var arrived = dispatched.AddMinutes(2 + (_rng.NextDouble() * 8));
                var closed = arrived.AddMinutes(LogNormal(p.OnSceneMean, p.OnSceneCv));
                sb.Append(CultureInfo.InvariantCulture,
                    $"{++id},{T(received)},{(noUnit ? "" : T(dispatched))},{(noUnit ? "" : T(arrived))},{(noUnit ? T(received.AddMinutes(3)) : T(closed))},{p.Priority},\"TYPE {p.Priority}, GENERIC\",{(noUnit ? 0 : units)},Phone\n");
            }
            var self = Poisson(selfInitiatedPerDay / 24);
            for (var i = 0; i < self; i++)
            {
                var received = hourStart.AddSeconds(_rng.NextDouble() * 3600);
                var closed = received.AddMinutes(LogNormal(selfOnSceneMean, selfOnSceneCv));
                sb.Append(CultureInfo.InvariantCulture, $"{++id},{T(received)},{T(received)},{T(received)},{T(closed)},2,TRAFFIC STOP,1,OFFICER\n");
            }
        }
        return sb.ToString();
    }

    private static string T(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private SyntheticPriority Pick(IReadOnlyList<SyntheticPriority> priorities)
    {
        var u = _rng.NextDouble();
        foreach (var p in priorities)
        {
            if (u < p.Share) return p;
            u -= p.Share;
        }
        return priorities[^1];
    }

    private int Poisson(double mean)
    {
        // Knuth's method: fine for the small hourly means used here.
        var limit = Math.Exp(-mean);
        var k = 0;
        var product = _rng.NextDouble();
        while (product > limit)
        {
            k++;
            product *= _rng.NextDouble();
        }
        return k;
    }

    private double LogNormal(double mean, double cv)
    {
        var sigma2 = Math.Log(1 + (cv * cv));
        var mu = Math.Log(mean) - (sigma2 / 2);
        // Box–Muller.
        var z = Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());
        return Math.Exp(mu + (Math.Sqrt(sigma2) * z));
    }
}
