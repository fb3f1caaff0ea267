using System.Globalization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Output;

namespace PatrolSim.Experiments.Sweeps;

/// <summary>
/// summary.csv: one row per point with <c>point</c>, the parameters, <c>replications</c>, then for each
/// metric <c>NAME:mean</c>, <c>NAME:ci95Low</c>, <c>NAME:ci95High</c> (95% Student-t over replications; NAME as in
/// results.csv, e.g. <c>responseTime.mean@1</c>, so a column splits on its one colon).
/// Computed by streaming a complete results.csv (rows grouped by point), so a sweep, a resumed sweep and
/// merged shards all give the same bytes.
/// </summary>
public static class SweepSummary
{
    /// <summary>The statistics of each metric, in column order.</summary>
    public static readonly IReadOnlyList<string> Statistics = ["mean", "ci95Low", "ci95High"];

    /// <summary>A summary column: <c>NAME:STATISTIC</c>, e.g. <c>responseTime.mean@1:ci95Low</c>.</summary>
    public static string Column(string metric, string statistic) => metric + ":" + statistic;

    /// <summary>Reads the results of sweep folder <paramref name="dir"/> (either format) and writes <paramref name="summaryPath"/> atomically.</summary>
    /// <param name="dir">A sweep folder with complete results.</param>
    /// <param name="summaryPath">Where to write.</param>
    /// <param name="parameterCount">How many parameter columns follow job, point, replication, seed.</param>
    public static void Write(string dir, string summaryPath, int parameterCount)
    {
        AtomicFile.WriteText(summaryPath, w => Write(dir, w, parameterCount));
    }

    /// <summary>Streams the summary of the results in <paramref name="dir"/> to <paramref name="writer"/>.</summary>
    public static void Write(string dir, TextWriter writer, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var headers = SweepResults.Header(dir);
        int firstMetric = 4 + parameterCount;
        var metricNames = headers.Skip(firstMetric).ToArray();
        var columns = new List<string> { "point" };
        columns.AddRange(headers.Skip(4).Take(parameterCount));
        columns.Add("replications");
        foreach (string m in metricNames)
        {
            columns.AddRange(Statistics.Select(stat => Column(m, stat)));
        }

        writer.Write(Csv.Line(columns));
        var values = metricNames.Select(_ => new List<double>()).ToArray();
        int? point = null;
        IReadOnlyList<string> parameters = [];
        int reps = 0;

        void Flush()
        {
            if (point is null)
            {
                return;
            }

            var cells = new List<string> { point.Value.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(parameters);
            cells.Add(reps.ToString(CultureInfo.InvariantCulture));
            foreach (var list in values)
            {
                var ci = ConfidenceInterval.StudentT(list.ToArray());
                cells.Add(Numbers.RoundTrip(ci.Mean));
                cells.Add(Numbers.RoundTrip(ci.Low));
                cells.Add(Numbers.RoundTrip(ci.High));
                list.Clear();
            }

            writer.Write(Csv.Line(cells));
        }

        foreach (var row in SweepResults.Read(dir, parameterCount))
        {
            if (row.Point != point)
            {
                Flush();
                point = row.Point;
                parameters = row.Parameters;
                reps = 0;
            }

            reps++;
            for (int m = 0; m < metricNames.Length; m++)
            {
                values[m].Add(row.Metrics[m]);
            }
        }

        Flush();
    }
}
