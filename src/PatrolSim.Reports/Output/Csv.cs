using System.Globalization;
using CsvHelper;

namespace PatrolSim.Reports.Output;

/// <summary>The CSV dialect of every file PatrolSim writes: comma, LF line ends, invariant culture, no BOM.</summary>
public static class Csv
{
    /// <summary>Writer options shared by all CSV outputs.</summary>
    public static CsvWriterOptions Options { get; } = new()
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        WriteByteOrderMark = false,
    };
}
