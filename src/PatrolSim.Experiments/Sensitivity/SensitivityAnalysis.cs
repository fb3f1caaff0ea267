using System.Globalization;
using PatrolSim.Experiments.Sweeps;
using PatrolSim.Experiments.Sweeps.Designs;
using PatrolSim.Output;
using Terms = PatrolSim.Experiments.ExperimentSettings;

namespace PatrolSim.Experiments.Sensitivity;

/// <summary>One parameter's sensitivity for one metric: Sobol' indices (saltelli designs) or Morris effects (morris designs).</summary>
public sealed record ParameterSensitivity(string Parameter, SobolIndex? Sobol, MorrisEffect? Morris);

/// <summary>
/// One metric's sensitivity: the rows (saltelli: base rows N; morris: trajectories) with a value for every point they
/// need, the output variance V across design points (of the replication means), the noise share (the mean variance of a
/// point's replication mean, s²/R, over V: the part of V that replication noise alone would give), and each parameter's result.
/// </summary>
public sealed record MetricSensitivity(string Metric, int Rows, double Variance, double NoiseShare, IReadOnlyList<ParameterSensitivity> Parameters);

/// <summary>The sensitivity analysis of a finished sweep.</summary>
public sealed record SensitivityResult(SweepManifest Manifest, int Resamples, ulong BootstrapSeed, IReadOnlyList<MetricSensitivity> Metrics);

/// <summary>
/// <c>patrolsim sensitivity</c>: reads a finished saltelli or morris sweep (either results format, streaming, one value per
/// point and metric held), averages each point's replications, and estimates Sobol' indices (<see cref="SobolIndices"/>)
/// or Morris effects (<see cref="MorrisEffects"/>) for every metric. See docs/sweeps.md, "Sensitivity".
/// </summary>
public static class SensitivityAnalysis
{
    /// <summary>Analyses the sweep in <paramref name="dir"/>.</summary>
    /// <exception cref="SweepException">Not a finished sweep, or not a saltelli or morris design.</exception>
    public static SensitivityResult Analyse(string dir, int resamples = SobolIndices.DefaultResamples, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (!Directory.Exists(dir))
        {
            throw new SweepException(Problem.Of($"{dir}: no such folder; give the {Terms.Out} folder of a finished '{Terms.Sweep}' with a saltelli or morris design"));
        }

        var manifest = SweepManifest.Read(dir);
        if (manifest.Design.Kind is not (DesignKind.Saltelli or DesignKind.Morris))
        {
            throw new SweepException($"{dir}: is a {manifest.Design.Name} sweep; sensitivity needs design kind saltelli (Sobol' first- and total-order indices: N × (parameters + 2) points) or morris (elementary effects μ*, σ: r × (parameters + 1) points) over ranges:, e.g. design: {{ kind: saltelli, samples: 64 }} (docs/sweeps.md, \"Sensitivity\")");
        }

        if (!manifest.IsComplete || !manifest.Shard.IsAll)
        {
            throw new SweepException(Problem.Of($"{Path.Combine(dir, SweepManifest.FileName)}: status is '{manifest.Status}'{(manifest.Shard.IsAll ? "" : $" and it holds shard {manifest.Shard}")}; finish the sweep first ('{Terms.Sweep} FILE {Terms.Out} {dir} {Terms.Resume}', or '{Terms.Merge}' for shards)"));
        }

        var (means, noise) = PointMeans(dir, manifest);
        int d = manifest.Parameters.Count;
        var metrics = new List<MetricSensitivity>();
        for (int m = 0; m < manifest.Metrics.Count; m++)
        {
            metrics.Add(manifest.Design.Kind == DesignKind.Saltelli
                ? Saltelli(manifest, means[m], noise[m], d, resamples, seed, manifest.Metrics[m])
                : Morris(manifest, means[m], noise[m], d, resamples, seed, manifest.Metrics[m]));
        }

        return new SensitivityResult(manifest, resamples, seed, metrics);
    }

    /// <summary>Each point's mean over its replications (NaN when none applies), per metric, and each metric's mean variance of a point mean.</summary>
    private static (double[][] Means, double[] Noise) PointMeans(string dir, SweepManifest manifest)
    {
        int points = manifest.Points;
        int mc = manifest.Metrics.Count;
        var means = Enumerable.Range(0, mc).Select(_ => Enumerable.Repeat(double.NaN, points).ToArray()).ToArray();
        var sum = new double[mc];
        var sumSq = new double[mc];
        var count = new int[mc];
        var noiseSum = new double[mc];
        var noiseCount = new int[mc];
        int current = -1;
        long rows = 0;

        void Close()
        {
            if (current < 0)
            {
                return;
            }

            for (int m = 0; m < mc; m++)
            {
                if (count[m] > 0)
                {
                    double mean = sum[m] / count[m];
                    means[m][current] = mean;
                    if (count[m] > 1)
                    {
                        double var = Math.Max(0, (sumSq[m] - (count[m] * mean * mean)) / (count[m] - 1));
                        noiseSum[m] += var / count[m];
                        noiseCount[m]++;
                    }
                }

                sum[m] = sumSq[m] = 0;
                count[m] = 0;
            }
        }

        foreach (var row in SweepResults.Read(dir, manifest.Parameters.Count))
        {
            if (row.Point != current)
            {
                if (row.Point < current || row.Point >= points)
                {
                    throw new SweepException(string.Create(CultureInfo.InvariantCulture, $"{dir}: results are not in point order at job {row.Job} (point {row.Point} after {current}); the results file was edited"));
                }

                Close();
                current = row.Point;
            }

            rows++;
            for (int m = 0; m < mc; m++)
            {
                double v = row.Metrics[m];
                if (!double.IsNaN(v))
                {
                    sum[m] += v;
                    sumSq[m] += v * v;
                    count[m]++;
                }
            }
        }

        Close();
        if (rows != manifest.Jobs)
        {
            throw new SweepException(string.Create(CultureInfo.InvariantCulture, $"{dir}: results hold {rows} rows but sweep.json says {manifest.Jobs} jobs; the folder is incomplete or was edited"));
        }

        return (means, noiseSum.Select((s, m) => noiseCount[m] > 0 ? s / noiseCount[m] : double.NaN).ToArray());
    }

    private static MetricSensitivity Saltelli(SweepManifest manifest, double[] f, double noise, int d, int resamples, ulong seed, string metric)
    {
        long n = manifest.Design.Samples;
        var rows = new List<long>();
        for (long j = 0; j < n; j++)
        {
            bool ok = true;
            for (int k = 0; k < d + 2 && ok; k++)
            {
                ok = !double.IsNaN(f[(j * (d + 2)) + k]);
            }

            if (ok)
            {
                rows.Add(j);
            }
        }

        var fA = rows.Select(j => f[j * (d + 2)]).ToArray();
        var fB = rows.Select(j => f[(j * (d + 2)) + d + 1]).ToArray();
        var fAB = Enumerable.Range(0, d).Select(i => (IReadOnlyList<double>)rows.Select(j => f[(j * (d + 2)) + 1 + i]).ToArray()).ToArray();
        double variance = Variance([.. fA, .. fB]);
        if (rows.Count < 2)
        {
            var none = new Estimate(double.NaN, double.NaN, double.NaN);
            return new MetricSensitivity(metric, rows.Count, variance, double.NaN,
                manifest.Parameters.Select(p => new ParameterSensitivity(p, new SobolIndex(none, none), null)).ToArray());
        }

        var indices = SobolIndices.Estimate(fA, fB, fAB, resamples, seed);
        return new MetricSensitivity(metric, rows.Count, variance, variance > 0 ? noise / variance : double.NaN,
            manifest.Parameters.Select((p, i) => new ParameterSensitivity(p, indices[i], null)).ToArray());
    }

    private static MetricSensitivity Morris(SweepManifest manifest, double[] f, double noise, int d, int resamples, ulong seed, string metric)
    {
        var design = (MorrisDesign)manifest.Design.Create(d);
        var effects = Enumerable.Range(0, d).Select(_ => new List<double>()).ToArray();
        int used = 0;
        for (long t = 0; t < design.Trajectories; t++)
        {
            long start = t * (d + 1);
            bool any = false;
            for (int k = 1; k <= d; k++)
            {
                var (i, sign) = design.Move(t, k);
                double ee = (f[start + k] - f[start + k - 1]) / (sign * design.Delta);
                if (double.IsFinite(ee))
                {
                    effects[i].Add(ee);
                    any = true;
                }
            }

            used += any ? 1 : 0;
        }

        var summary = MorrisEffects.Summarise(effects, resamples, seed);
        double variance = Variance(f.Where(double.IsFinite).ToArray());
        return new MetricSensitivity(metric, used, variance, variance > 0 ? noise / variance : double.NaN,
            manifest.Parameters.Select((p, i) => new ParameterSensitivity(p, null, summary[i])).ToArray());
    }

    private static double Variance(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Length;
    }
}
