using PatrolSim.Output;

namespace PatrolSim.Calibration.Cad;

/// <summary>
/// A user error in the CAD column mapping or the file's shape: a required field without a column, a mapped column
/// that is not in the file, an empty file. Problems name the mapping settings in the library's terms
/// (<see cref="CadSettings"/>).
/// </summary>
public sealed class CadMappingException : PatrolSimException
{
    private readonly IReadOnlyList<Problem> _problems;

    /// <summary>Creates the exception with a complete message (naming no setting).</summary>
    public CadMappingException(string message)
        : base(message, ExitCodes.InvalidInput)
    {
        _problems = [Problem.Plain(message)];
    }

    /// <summary>Creates the exception with a message.</summary>
    public CadMappingException()
        : this("invalid CAD column mapping")
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public CadMappingException(string message, Exception innerException)
        : base(message, ExitCodes.InvalidInput, innerException)
    {
        _problems = [Problem.Plain(message)];
    }

    /// <summary>Creates the exception for a file whose header does not satisfy the mapping; the problems list every one, then the columns found.</summary>
    public CadMappingException(string sourceName, IReadOnlyList<CadField> missingFields, IReadOnlyList<string> columnsFound, IReadOnlyList<Problem> problems)
        : this(Lines(sourceName, columnsFound, problems))
    {
        SourceName = sourceName;
        MissingFields = missingFields;
        ColumnsFound = columnsFound;
    }

    private CadMappingException(IReadOnlyList<Problem> lines)
        : base(string.Join("\n", lines), ExitCodes.InvalidInput)
    {
        _problems = lines;
    }

    /// <summary>The file (or source name) that was being read.</summary>
    public string? SourceName { get; }

    /// <summary>The fields that could not be mapped.</summary>
    public IReadOnlyList<CadField> MissingFields { get; } = [];

    /// <summary>The columns the file does have.</summary>
    public IReadOnlyList<string> ColumnsFound { get; } = [];

    /// <inheritdoc/>
    public override IReadOnlyList<string> Problems => [.. _problems.Select(p => p.ToString())];

    /// <inheritdoc/>
    public override IReadOnlyList<string> ProblemsNaming(Func<string, string> name) => [.. _problems.Select(p => p.Naming(name))];

    private static List<Problem> Lines(string sourceName, IReadOnlyList<string> columnsFound, IReadOnlyList<Problem> problems) =>
    [
        .. problems.Select(p => new Problem(Problem.Of($"{sourceName}: ").Template + p.Template)),
        Problem.Of($"{sourceName}: columns found: {string.Join(", ", columnsFound)}."),
    ];
}

/// <summary>The CAD-reading settings that problems name (<see cref="Problem"/>), in the library's terms.</summary>
public static class CadSettings
{
    /// <summary>The column mapping: <c>field=column</c> items (<see cref="CadMapping.WithOverrides(string)"/>).</summary>
    public static readonly Setting Mapping = new("mapping");

    /// <summary>How self-initiated calls are recognised: <c>column=value,value</c> (<see cref="SelfInitiatedRule.Parse"/>).</summary>
    public static readonly Setting SelfInitiated = new("self-initiated");
}
