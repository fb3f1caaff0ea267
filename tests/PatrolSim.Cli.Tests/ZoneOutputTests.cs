using System.Globalization;
using System.Text.Json;

namespace PatrolSim.Cli.Tests;

/// <summary>Results by zone and district through the CLI: JSON byZone/byDistrict, the zone CSV and the console table agree.</summary>
public class ZoneOutputTests
{
    private static readonly string[] RiversideBeats = ["11", "12", "13", "14", "15", "16", "17", "18", "21", "22", "23", "24", "25", "31", "32", "33"];

    [Fact]
    public void Riverside_ByZoneJson_ZoneCsv_AndTable_AgreeZoneByZone_AndDistrictsPoolTheirBeats()
    {
        string dir = CliRunner.TempDir();
        string json = Path.Combine(dir, "run.json"), csv = Path.Combine(dir, "zones.csv");
        var (exit, output, err) = CliRunner.RunWithWidth(220, "run", CliRunner.Scenario("riverside.yaml"), "-r", "3", "--days", "4", "--seed", "3",
            "--json", json, "--zone-csv", csv, "--by-zone");
        Assert.True(exit == 0, err);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var byZone = doc.RootElement.GetProperty("byZone");
        Assert.Equal(RiversideBeats, byZone.EnumerateObject().Select(p => p.Name));
        Assert.Equal("North", byZone.GetProperty("15").GetProperty("district").GetString());
        var byDistrict = doc.RootElement.GetProperty("byDistrict");
        Assert.Equal(["North", "Southwest", "Southeast"], byDistrict.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["21", "22", "23", "24", "25"], byDistrict.GetProperty("Southwest").GetProperty("zones").EnumerateArray().Select(z => z.GetString()));

        double Mean(JsonElement area, string metric) => area.GetProperty("metrics").GetProperty(metric).GetProperty("mean").GetDouble();
        var p90 = byZone.GetProperty("15").GetProperty("metrics").GetProperty("responseTime.p90");
        Assert.Equal("mean over replications of each replication's 90th percentile of the area's calls", p90.GetProperty("statistic").GetString());
        Assert.Equal(3, p90.GetProperty("n").GetInt32());
        Assert.Contains("responseTime.p90: mean over replications of each replication's 90th percentile of the area's calls.", output, StringComparison.Ordinal);

        // Counts add up: the zones' calls are the city's, and each district's are its beats'.
        double cityCalls = doc.RootElement.GetProperty("metrics").GetProperty("callsArrived").GetProperty("mean").GetDouble();
        Assert.Equal(cityCalls, byZone.EnumerateObject().Sum(z => Mean(z.Value, "callsArrived")), 6);
        foreach (var d in byDistrict.EnumerateObject())
        {
            double beats = d.Value.GetProperty("zones").EnumerateArray().Sum(z => Mean(byZone.GetProperty(z.GetString()!), "callsArrived"));
            Assert.Equal(beats, Mean(d.Value, "callsArrived"), 6);
        }

        // The CSV holds the same numbers, zones then districts.
        var rows = File.ReadAllLines(csv).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["level", "id", "district", "responseTime.mean", "responseTime.mean.ci95Low", "responseTime.mean.ci95High"], rows[0].Take(6));
        Assert.Equal(["responseTime.mean.n", "responseTime.p90.n"], rows[0].Skip(3 + (3 * 8)).Take(2)); // after the 8 metrics' mean and interval
        Assert.All(rows.Skip(1), row => Assert.Equal("3", row[3 + (3 * 8)])); // every beat had calls in each of the 3 replications
        Assert.Equal(1 + 16 + 3, rows.Length);
        foreach (var row in rows.Skip(1))
        {
            var area = row[0] == "zone" ? byZone.GetProperty(row[1]) : byDistrict.GetProperty(row[1]);
            Assert.Equal(Mean(area, "responseTime.mean"), double.Parse(row[3], CultureInfo.InvariantCulture));
        }

        // The table lists the slowest beat first.
        string slowest = byZone.EnumerateObject().MaxBy(z => Mean(z.Value, "responseTime.mean")).Name;
        string firstRow = output[output.IndexOf("By zone (slowest mean response first)", StringComparison.Ordinal)..].Split('\n')
            .First(l => RiversideBeats.Any(b => l.StartsWith("│ " + b + " ", StringComparison.Ordinal)));
        Assert.StartsWith("│ " + slowest + " ", firstRow, StringComparison.Ordinal);
    }

    [Fact]
    public void ZoneCsv_ToAMissingFolder_Exit2_BeforeAnySimulation()
    {
        var (exit, output, err) = CliRunner.Run("run", CliRunner.Scenario("riverside.yaml"), "-r", "200", "--zone-csv", "/nonexistent-folder/zones.csv");
        Assert.Equal(2, exit);
        Assert.Contains("--zone-csv", err, StringComparison.Ordinal);
        Assert.DoesNotContain("responseTime.mean", output, StringComparison.Ordinal);
    }
}
