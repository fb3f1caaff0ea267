using PatrolSim.Experiments.Sensitivity;
using PatrolSim.Experiments.Sweeps;

namespace PatrolSim.Experiments.Tests;

public sealed class ParquetSweepTests : IDisposable
{
    private const string Saltelli = """
        base: city.yaml
        design: { kind: saltelli, samples: 4 }
        ranges:
          staffing.scale: [0.7, 1.3]
          policy.backup.rule: { levels: [none, risk, all-calls] }
          targets.responseMinutes.3: [20, 40]
        replications: 3
        seed: 9
        metrics: [responseTime.mean, responseTime.p90@1, utilization]
        """;

    private readonly TestFiles _files = new();

    public ParquetSweepTests() => _files.Write("saltelli.yaml", Saltelli);

    public void Dispose() => _files.Dispose();

    private SweepRunResult Run(string outName, string file = "sweep.yaml", int parallel = 2, Shard? shard = null, bool resume = false,
        CancellationToken ct = default, IProgress<long>? progress = null) =>
        SweepRunner.Run(SweepPlan.Load(_files.PathOf(file)), new SweepRunOptions(_files.PathOf(outName), parallel, resume, shard ?? Shard.All, "patrolsim test", Format: ResultsFormat.Parquet), progress, ct);

    private Dictionary<string, byte[]> Outputs(string name) =>
        new[] { "results.parquet", "summary.csv", "sweep.json" }
            .Where(f => File.Exists(_files.PathOf(name + "/" + f)))
            .ToDictionary(f => f, f => File.ReadAllBytes(_files.PathOf(name + "/" + f)));

    [Fact]
    public void ParquetResults_HoldTheSameRowsAsResultsCsv_WithTypedColumns()
    {
        SweepRunner.Run(SweepPlan.Load(_files.PathOf("sweep.yaml")), new SweepRunOptions(_files.PathOf("csv"), 2, false, Shard.All, "patrolsim test"));
        Run("pq");

        var csvRows = SweepResults.ReadCsv(_files.PathOf("csv/results.csv"), 4).ToArray();
        var pqRows = ParquetResults.Read(_files.PathOf("pq/results.parquet")).ToArray();
        Assert.Equal(32, pqRows.Length);
        for (int i = 0; i < csvRows.Length; i++)
        {
            Assert.Equal((csvRows[i].Job, csvRows[i].Point, csvRows[i].Replication, csvRows[i].Seed), (pqRows[i].Job, pqRows[i].Point, pqRows[i].Replication, pqRows[i].Seed));
            Assert.Equal(csvRows[i].Parameters, pqRows[i].Parameters);
            Assert.Equal(csvRows[i].Metrics, pqRows[i].Metrics);
        }

        var columns = ParquetResults.Columns(_files.PathOf("pq/results.parquet"));
        Assert.Equal([true, false, true, true], columns.NumericParameters); // policy.backup.rule's levels are words
        Assert.Equal(File.ReadAllBytes(_files.PathOf("csv/summary.csv")), File.ReadAllBytes(_files.PathOf("pq/summary.csv")));
        Assert.False(Directory.Exists(_files.PathOf("pq/" + ParquetResults.PartsFolder)));
        Assert.Contains("\"format\": \"parquet\"", File.ReadAllText(_files.PathOf("pq/sweep.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsParquet_OpensInDuckDb_WithTypedColumns_AndTheDocsQueryGivesSummaryCsvsMeans()
    {
        Run("pq");
        string file = _files.PathOf("pq/results.parquet").Replace("'", "''", StringComparison.Ordinal);
        using var db = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();

        cmd.CommandText = $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{file}')";
        var types = new Dictionary<string, string>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                types[r.GetString(0)] = r.GetString(1);
            }
        }

        Assert.Equal(("BIGINT", "INTEGER", "INTEGER", "UBIGINT"), (types["job"], types["point"], types["replication"], types["seed"]));
        Assert.Equal(("DOUBLE", "VARCHAR", "DOUBLE"), (types["policy.crew.twoOfficerShare"], types["policy.backup.rule"], types["responseTime.p90@1"]));

        // docs/output-formats.md's DuckDB query: the mean per point, against summary.csv (computed by PatrolSim from the same rows).
        cmd.CommandText = $"SELECT point, avg(\"responseTime.mean\") FROM '{file}' GROUP BY point ORDER BY point";
        var summary = File.ReadAllLines(_files.PathOf("pq/summary.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        int rows = 0;
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                Assert.Equal(rows, r.GetInt32(0));
                Assert.Equal(double.Parse(summary[rows][6], System.Globalization.CultureInfo.InvariantCulture), r.GetDouble(1), 12);
                rows++;
            }
        }

        Assert.Equal(8, rows);
    }

    [Fact]
    public void Parquet_IsByteIdentical_ForParallel1And4_AndSharded3Merged()
    {
        Run("p1", parallel: 1);
        Run("p4", parallel: 4);
        Run("s1", shard: new Shard(1, 3));
        Run("s2", shard: new Shard(2, 3), parallel: 1);
        Run("s3", shard: new Shard(3, 3));
        SweepMerger.Merge([_files.PathOf("s2"), _files.PathOf("s3"), _files.PathOf("s1")], _files.PathOf("merged"));

        var one = Outputs("p1");
        Assert.Equal(3, one.Count);
        foreach (var (name, bytes) in one)
        {
            Assert.Equal(bytes, File.ReadAllBytes(_files.PathOf("p4/" + name)));
            Assert.Equal(bytes, File.ReadAllBytes(_files.PathOf("merged/" + name)));
        }
    }

    [Fact]
    public void Cancel_KeepsFinishedJobsInParts_AndResumeAfterDamage_GivesTheUninterruptedFiles()
    {
        Run("full");
        using var cts = new CancellationTokenSource();
        var first = Run("cut", parallel: 2, ct: cts.Token, progress: new CancelAt(cts, 9));

        Assert.False(first.Complete);
        string parts = _files.PathOf("cut/" + ParquetResults.PartsFolder);
        var files = Directory.GetFiles(parts);
        Assert.Equal(first.Ran, files.Sum(ParquetResults.RowCount));
        Assert.False(File.Exists(_files.PathOf("cut/results.parquet")));

        // What kill -9 can leave: a half-written temporary part, and a part that does not continue the others.
        File.WriteAllBytes(Path.Combine(parts, "000000000099.parquet.tmp"), [1, 2, 3]);
        File.Copy(files[0], Path.Combine(parts, "000000000500.parquet"));

        var second = Run("cut", parallel: 3, resume: true);

        Assert.True(second.Complete);
        Assert.Equal(first.Ran, second.Skipped);
        Assert.True(second.RepairedBytes > 3);
        foreach (var (name, bytes) in Outputs("full"))
        {
            Assert.Equal(bytes, File.ReadAllBytes(_files.PathOf("cut/" + name)));
        }

        // Resuming a complete folder simulates nothing and keeps the bytes.
        var third = Run("cut", resume: true);
        Assert.Equal((0L, 32L), (third.Ran, third.Skipped));
        Assert.Equal(Outputs("full")["results.parquet"], File.ReadAllBytes(_files.PathOf("cut/results.parquet")));
    }

    [Fact]
    public void Resume_WithTheOtherFormat_IsRefusedNamingTheFormat()
    {
        Run("pq");
        var e = Assert.Throws<SweepException>(() => SweepRunner.Run(SweepPlan.Load(_files.PathOf("sweep.yaml")),
            new SweepRunOptions(_files.PathOf("pq"), 1, true, Shard.All, "patrolsim test")));
        Assert.Equal($"{_files.PathOf("pq")}: holds results.parquet; resume with format parquet", e.Message);
    }

    [Fact]
    public void SaltelliSweep_InertParameter_HasTotalIndexZero_AndSensitivityReadsParquetAndCsvAlike()
    {
        // targets.responseMinutes.3 changes no call: under common random numbers its AB_i points simulate exactly what the A
        // points do, so its total index is 0 with an interval of [0, 0] for response times (the target only moves within-target shares).
        Run("pq", "saltelli.yaml");
        SweepRunner.Run(SweepPlan.Load(_files.PathOf("saltelli.yaml")), new SweepRunOptions(_files.PathOf("csv"), 2, false, Shard.All, "patrolsim test"));
        Assert.False(File.Exists(_files.PathOf("pq/summary.csv")));
        Assert.Equal(4 * 5 * 3, ParquetResults.RowCount(_files.PathOf("pq/results.parquet")));

        var pq = SensitivityAnalysis.Analyse(_files.PathOf("pq"), resamples: 200);
        var csv = SensitivityAnalysis.Analyse(_files.PathOf("csv"), resamples: 200);
        Assert.Equal(csv.Metrics.SelectMany(m => m.Parameters), pq.Metrics.SelectMany(m => m.Parameters));
        var response = pq.Metrics.Single(m => m.Metric == "responseTime.mean");
        var inert = response.Parameters.Single(p => p.Parameter == "targets.responseMinutes.3").Sobol!;
        Assert.Equal(new Estimate(0, 0, 0), inert.Total);
        Assert.True(inert.Total.Contains(0));
        Assert.Equal(4, response.Rows);
    }

    [Fact]
    public void MorrisSweep_GivesTheInertKeyMuStarZero_AndStaffingAnEffect()
    {
        _files.Write("morris.yaml", """
            base: city.yaml
            design: { kind: morris, samples: 6, levels: 4, seed: 3 }
            ranges:
              staffing.scale: [0.6, 1.4]
              targets.responseMinutes.3: [20, 40]
            replications: 2
            metrics: [responseTime.mean]
            """);
        Run("morris", "morris.yaml");

        var result = SensitivityAnalysis.Analyse(_files.PathOf("morris"), resamples: 200);

        var response = Assert.Single(result.Metrics);
        Assert.Equal(6, response.Rows);
        var staffing = response.Parameters[0].Morris!;
        var inert = response.Parameters[1].Morris!;
        Assert.Equal((6, 6), (staffing.Effects, inert.Effects));

        // The response target changes no call, so every elementary effect of it is exactly 0 (common random numbers).
        Assert.Equal((0.0, 0.0, 0.0), (inert.Mu, inert.MuStar.Value, inert.Sigma));

        // More officers, shorter responses: every step of staffing.scale changes the mean response.
        Assert.True(staffing.MuStar.Low > 0, staffing.ToString());
    }

    [Fact]
    public void Sensitivity_OfAGridSweep_SaysWhichDesignsItNeeds()
    {
        Run("grid");
        var e = Assert.Throws<SweepException>(() => SensitivityAnalysis.Analyse(_files.PathOf("grid")));
        Assert.StartsWith($"{_files.PathOf("grid")}: is a grid sweep; sensitivity needs design kind saltelli (Sobol' first- and total-order indices", e.Message);
    }

    private sealed class CancelAt(CancellationTokenSource cts, long jobs) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= jobs)
            {
                cts.Cancel();
            }
        }
    }
}
