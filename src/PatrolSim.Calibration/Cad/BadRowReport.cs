using System.Globalization;

namespace PatrolSim.Calibration.Cad;

/// <summary>One reason rows were rejected or partly ignored.</summary>
/// <param name="Reason">What was wrong, e.g. <c>unparseable received time</c>.</param>
/// <param name="RowRejected">True when such rows are not used at all; false when only the bad values were ignored.</param>
/// <param name="Count">How many rows.</param>
/// <param name="ExampleLines">Up to the first few line numbers (header = line 1).</param>
public sealed record BadRowEntry(string Reason, bool RowRejected, int Count, IReadOnlyList<int> ExampleLines)
{
    /// <summary>e.g. <c>unparseable received time: 2 rows rejected (lines 3, 7)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Reason}: {Count} {(Count == 1 ? "row" : "rows")} {(RowRejected ? "rejected" : "kept, values ignored")} (line{(ExampleLines.Count == 1 ? "" : "s")} {string.Join(", ", ExampleLines)}{(Count > ExampleLines.Count ? ", ..." : "")})");
}

/// <summary>Bad rows by reason, in order of first occurrence.</summary>
public sealed class BadRowReport
{
    private readonly List<Accumulator> _entries = [];
    private readonly Dictionary<(string, bool), Accumulator> _byReason = [];

    /// <summary>Creates an empty report keeping up to <paramref name="maxExamples"/> example lines per reason.</summary>
    public BadRowReport(int maxExamples = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxExamples);
        MaxExamples = maxExamples;
    }

    /// <summary>Example lines kept per reason.</summary>
    public int MaxExamples { get; }

    /// <summary>The reasons, in order of first occurrence.</summary>
    public IReadOnlyList<BadRowEntry> Entries => _entries.Select(a => new BadRowEntry(a.Reason, a.Rejected, a.Count, a.Lines.ToArray())).ToArray();

    /// <summary>Rows not used at all.</summary>
    public int RowsRejected => _entries.Where(a => a.Rejected).Sum(a => a.Count);

    /// <summary>Rows used with some values ignored.</summary>
    public int RowsWithIgnoredValues => _entries.Where(a => !a.Rejected).Sum(a => a.Count);

    /// <summary>Whether nothing was wrong.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Counts one row under a reason.</summary>
    public void Add(string reason, bool rowRejected, int line)
    {
        if (!_byReason.TryGetValue((reason, rowRejected), out var acc))
        {
            acc = new Accumulator(reason, rowRejected);
            _byReason.Add((reason, rowRejected), acc);
            _entries.Add(acc);
        }
        acc.Count++;
        if (acc.Lines.Count < MaxExamples) acc.Lines.Add(line);
    }

    /// <summary>Count for a reason (0 when absent).</summary>
    public int CountOf(string reason) => _entries.Where(a => a.Reason == reason).Sum(a => a.Count);

    /// <summary>One line per reason.</summary>
    public IEnumerable<string> Describe() => Entries.Select(e => e.ToString());

    private sealed class Accumulator(string reason, bool rejected)
    {
        public string Reason { get; } = reason;
        public bool Rejected { get; } = rejected;
        public int Count { get; set; }
        public List<int> Lines { get; } = [];
    }
}
