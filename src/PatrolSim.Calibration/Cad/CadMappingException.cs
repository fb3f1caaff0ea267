namespace PatrolSim.Calibration.Cad;

/// <summary>A user error in the CAD column mapping: a required field without a column, or a mapped column that is not in the file.</summary>
public sealed class CadMappingException : Exception
{
    /// <summary>Creates the exception with a complete message.</summary>
    public CadMappingException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CadMappingException() : base("invalid CAD column mapping")
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public CadMappingException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a file whose header does not satisfy the mapping; the message lists every problem.</summary>
    public CadMappingException(string sourceName, IReadOnlyList<CadField> missingFields, IReadOnlyList<string> columnsFound, IReadOnlyList<string> problems)
        : base(BuildMessage(sourceName, columnsFound, problems))
    {
        SourceName = sourceName;
        MissingFields = missingFields;
        ColumnsFound = columnsFound;
    }

    /// <summary>The file (or source name) that was being read.</summary>
    public string? SourceName { get; }

    /// <summary>The fields that could not be mapped.</summary>
    public IReadOnlyList<CadField> MissingFields { get; } = [];

    /// <summary>The columns the file does have.</summary>
    public IReadOnlyList<string> ColumnsFound { get; } = [];

    private static string BuildMessage(string sourceName, IReadOnlyList<string> columnsFound, IReadOnlyList<string> problems) =>
        string.Join("\n", problems.Select(p => $"{sourceName}: {p}"))
        + $"\n{sourceName}: columns found: {string.Join(", ", columnsFound)}.";
}
