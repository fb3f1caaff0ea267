using System.Globalization;
using CsvHelper;

namespace PatrolSim.Output;

/// <summary>The CSV dialect of every file PatrolSim writes: comma, LF line ends, invariant culture, no BOM, quotes only where needed.</summary>
public static class Csv
{
    /// <summary>Writer options shared by all CSV outputs.</summary>
    public static CsvWriterOptions Options { get; } = new()
    {
        NewLine = TextOutput.NewLine,
        FormatProvider = CultureInfo.InvariantCulture,
        WriteByteOrderMark = false,
    };

    /// <summary>A CSV writer in the dialect over <paramref name="writer"/>, which it leaves open.</summary>
    public static CsvWriter CreateWriter(TextWriter writer) => CsvWriter.Create(writer, Options, leaveOpen: true);

    /// <summary>One record as text, with its line end (for writers that append rows one at a time).</summary>
    public static string Line(IEnumerable<string> cells)
    {
        using var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = TextOutput.NewLine };
        using (var csv = CreateWriter(sw))
        {
            csv.WriteRecord([.. cells]);
            csv.Flush();
        }

        return sw.ToString();
    }
}
