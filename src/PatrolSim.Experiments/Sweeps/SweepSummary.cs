using System.Globalization;
using CsvHelper;
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

    /// <summary>Reads <paramref name="resultsPath"/> and writes <paramref name="summaryPath"/> atomically.</summary>
    /// <param name="resultsPath">A complete results.csv.</param>
    /// <param name="summaryPath">Where to write.</param>
    /// <param name="parameterCount">How many parameter columns follow job, point, replication, seed.</param>
    public static void Write(string resultsPath, string summaryPath, int parameterCount)
    {
        AtomicFile.WriteText(summaryPath, w => Write(resultsPath, w, parameterCount));
    }

    /// <summary>Streams the summary of <paramref name="resultsPath"/> to <paramref name="writer"/>.</summary>
    public static void Write(string resultsPath, TextWriter writer, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var text = new StreamReader(resultsPath);
        using var csv = CsvReader.Create(text, new CsvReaderOptions(), leaveOpen: false);
        var headers = csv.Headers.ToArray();
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
        string? point = null;
        string[] parameters = [];
        int reps = 0;

        void Flush()
        {
            if (point is null)
            {
                return;
            }

            var cells = new List<string> { point };
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

        while (csv.Read())
        {
            string p = csv.GetString(1);
            if (p != point)
            {
                Flush();
                point = p;
                parameters = Enumerable.Range(4, parameterCount).Select(csv.GetString).ToArray();
                reps = 0;
            }

            reps++;
            for (int m = 0; m < metricNames.Length; m++)
            {
                string cell = csv.GetString(firstMetric + m);
                values[m].Add(cell.Length == 0 ? double.NaN : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }

        Flush();
    }
}
