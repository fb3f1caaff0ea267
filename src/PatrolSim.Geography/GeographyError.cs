using System.Globalization;

namespace PatrolSim.Geography;

/// <summary>
/// One problem in a geography input (a zones GeoJSON file or a travel-time matrix CSV): where it is and what to do
/// about it. Readers report every problem they find at once, as the scenario binder does.
/// </summary>
/// <param name="Source">The file name (as the caller gave it).</param>
/// <param name="Line">1-based line of a CSV file, or 0 when not known (GeoJSON features are named by index instead).</param>
/// <param name="FeatureIndex">0-based index of the GeoJSON feature in <c>features</c>, or -1 when the problem is not one feature's.</param>
/// <param name="ZoneId">The zone's id where known, else null.</param>
/// <param name="Key">What is wrong in the feature or row: <c>geometry</c>, <c>properties.weight</c>, a CSV column; empty for the file as a whole.</param>
/// <param name="Message">What is wrong and the fix.</param>
public sealed record GeographyError(string Source, int Line, int FeatureIndex, string? ZoneId, string Key, string Message)
{
    /// <summary>A problem of one GeoJSON feature.</summary>
    internal static GeographyError Feature(string source, int index, string? id, string key, string message) =>
        new(source, 0, index, id, key, message);

    /// <summary>A problem of the file as a whole.</summary>
    internal static GeographyError File(string source, string message) => new(source, 0, -1, null, "", message);

    /// <summary>
    /// "file: features[3] (id 'B7'): properties.weight: message", or "file:12: minutes: message" for a CSV line:
    /// the form editors and CI logs link to, and the scenario binder's form.
    /// </summary>
    public override string ToString()
    {
        var parts = new List<string>(4) { Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}") : Source };
        if (FeatureIndex >= 0)
        {
            parts.Add(ZoneId is null
                ? string.Create(CultureInfo.InvariantCulture, $"features[{FeatureIndex}]")
                : string.Create(CultureInfo.InvariantCulture, $"features[{FeatureIndex}] (id '{ZoneId}')"));
        }

        if (Key.Length > 0)
        {
            parts.Add(Key);
        }

        parts.Add(Message);
        return string.Join(": ", parts);
    }
}

/// <summary>A geography input with problems; <see cref="Errors"/> lists every one found.</summary>
public sealed class GeographyException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public GeographyException(IReadOnlyList<GeographyError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Required by the exception pattern; prefer the error-list constructor.</summary>
    public GeographyException()
        : this([])
    {
    }

    /// <summary>Required by the exception pattern; prefer the error-list constructor.</summary>
    public GeographyException(string message)
        : this([GeographyError.File("", message)])
    {
    }

    /// <summary>Required by the exception pattern; prefer the error-list constructor.</summary>
    public GeographyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [GeographyError.File("", message)];
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<GeographyError> Errors { get; }

    private static string Format(IReadOnlyList<GeographyError> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : string.Create(CultureInfo.InvariantCulture, $"{errors.Count} problems:{Environment.NewLine}") + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
