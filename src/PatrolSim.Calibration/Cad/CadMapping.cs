using System.Collections.ObjectModel;
using System.Globalization;
using PatrolSim.Output;

namespace PatrolSim.Calibration.Cad;

/// <summary>Where a field comes from: a column holding a timestamp/value, or (time fields only) seconds after the received time.</summary>
/// <param name="Column">The column's header text as written in the file.</param>
/// <param name="IsOffsetSeconds">True when the column holds seconds after the received time rather than a timestamp.</param>
public sealed record ColumnRef(string Column, bool IsOffsetSeconds = false)
{
    /// <inheritdoc/>
    public override string ToString() => IsOffsetSeconds ? "+" + Column : Column;
}

/// <summary>A self-initiated rule: a call is self-initiated when <paramref name="Column"/> holds one of <paramref name="Values"/> (case-insensitive, trimmed).</summary>
public sealed record SelfInitiatedRule(string Column, IReadOnlyList<string> Values)
{
    /// <summary>
    /// Parses <c>column=value,value,...</c>; a further <c>column=value</c> token starts another rule (rules are OR-ed),
    /// e.g. <c>Call_Reception=OFFICER,Radio</c>.
    /// </summary>
    public static IReadOnlyList<SelfInitiatedRule> Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var rules = new List<SelfInitiatedRule>();
        string? column = null;
        var values = new List<string>();
        foreach (var raw in spec.Split(','))
        {
            var token = raw.Trim();
            if (token.Length == 0) continue;
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                if (column is not null) rules.Add(new SelfInitiatedRule(column, values.ToArray()));
                column = token[..eq].Trim();
                values = [token[(eq + 1)..].Trim()];
                if (column.Length == 0)
                    throw new CadMappingException($"self-initiated rule '{spec}': the column name before '=' is empty; write column=value,value.");
            }
            else if (column is null)
            {
                throw new CadMappingException($"self-initiated rule '{spec}': expected column=value,value (e.g. Call_Reception=OFFICER,Radio).");
            }
            else
            {
                values.Add(token);
            }
        }
        if (column is not null) rules.Add(new SelfInitiatedRule(column, values.ToArray()));
        return rules;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Column} in {{{string.Join(", ", Values)}}}";
}

/// <summary>
/// How CAD columns map to call fields. Fields not given explicitly are found by common column names
/// (<see cref="DefaultColumns"/>, matched ignoring case, spaces, '_' and '-'), then as seconds-after-received columns
/// (<see cref="DefaultOffsetColumns"/>). A column found by a default name feeds one field only: a column already taken (by
/// an explicit mapping or an earlier field) is skipped, so <c>Queued</c> read as the received time is not also the queued time.
/// </summary>
public sealed record CadMapping
{
    /// <summary>Explicit columns by field; they override the defaults.</summary>
    public IReadOnlyDictionary<CadField, ColumnRef> Columns { get; init; } = ReadOnlyDictionary<CadField, ColumnRef>.Empty;

    /// <summary>How self-initiated calls are recognised; null = the first default rule whose column is present; empty = none are.</summary>
    public IReadOnlyList<SelfInitiatedRule>? SelfInitiated { get; init; }

    /// <summary>Whether to look for default column names for fields not given explicitly (default true).</summary>
    public bool UseDefaults { get; init; } = true;

    /// <summary>The default mapping: every field found by common names.</summary>
    public static CadMapping Default { get; } = new();

    /// <summary>Common column names, tried in order, for each field.</summary>
    public static IReadOnlyDictionary<CadField, IReadOnlyList<string>> DefaultColumns { get; } = new Dictionary<CadField, IReadOnlyList<string>>
    {
        [CadField.Received] = ["Incident_Start_Time", "Call_Received", "Received", "Received_Time", "Time_Received", "Call_Received_Time",
            "Call_Time", "Call_DateTime", "Create_Time", "Created", "Call_Created_Time", "CAD_Event_Original_Time_Queued",
            "Original_Time_Queued", "Time_Queued", "Queued", "Incident_Queue_Time", "Response_Date", "DateTime"],
        [CadField.Queued] = ["Incident_Queue_Time", "Queue_Time", "Queued_Time", "Time_Queued", "Queued", "Call_Entered_Time", "Entry_Time"],
        [CadField.Dispatched] = ["Incident_Dispatch_Time", "Dispatched", "Dispatch_Time", "Time_Dispatched", "First_Dispatch_Time",
            "First_Dispatched", "Dispatch_DateTime", "Assigned_Time"],
        [CadField.EnRoute] = ["Incident_Enroute_Time", "En_Route", "Enroute_Time", "En_Route_Time", "Time_Enroute", "First_Enroute_Time"],
        [CadField.Arrived] = ["Incident_Arrival_Time", "Arrived", "Arrival_Time", "Time_Arrived", "On_Scene", "On_Scene_Time",
            "First_Arrival_Time", "At_Scene_Time"],
        [CadField.Cleared] = ["TimeFirstCallCleared", "Cleared", "Clear_Time", "Cleared_Time", "Time_Cleared", "First_Cleared_Time"],
        [CadField.Closed] = ["Incident_First_Close_Time", "Closed", "Close_Time", "Closed_Time", "Time_Closed", "Final_Closed_Time",
            "Completed_Time"],
        [CadField.Priority] = ["Priority_Number", "Priority", "Call_Priority", "Priority_Code", "Initial_Priority", "Final_Priority", "Pri"],
        [CadField.CallType] = ["Problem", "Call_Type", "Type", "Nature", "Nature_Code", "Incident_Type", "Event_Type",
            "Initial_Call_Type", "Final_Call_Type", "Call_Type_Description"],
        [CadField.Units] = ["Units", "Responding_Units", "Unit_Count", "Number_Of_Units", "Num_Units", "Units_Assigned", "Units_Responded"],
        [CadField.Beat] = ["Beat", "Zone", "Sector", "Reporting_Area", "Dispatch_Beat", "District", "Precinct", "Dispatch_Precinct"],
        [CadField.X] = ["Longitude", "Lon", "Lng", "X", "X_Coord", "Dispatch_Longitude", "Point_X"],
        [CadField.Y] = ["Latitude", "Lat", "Y", "Y_Coord", "Dispatch_Latitude", "Point_Y"],
    }.AsReadOnly();

    /// <summary>Common names of columns holding seconds after the received time, for time fields without a timestamp column.</summary>
    public static IReadOnlyDictionary<CadField, IReadOnlyList<string>> DefaultOffsetColumns { get; } = new Dictionary<CadField, IReadOnlyList<string>>
    {
        [CadField.Dispatched] = ["First_Dispatch_Delay", "Dispatch_Delay_Seconds", "Dispatch_Delay_Sec"],
        [CadField.Arrived] = ["First_Response_Time", "Response_Time_Seconds", "Response_Seconds"],
        [CadField.Closed] = ["Call_Duration_Seconds"],
    }.AsReadOnly();

    /// <summary>Default self-initiated rules; the first whose column is present applies.</summary>
    public static IReadOnlyList<SelfInitiatedRule> DefaultSelfInitiatedRules { get; } =
    [
        new("Call_Reception", ["OFFICER", "RADIO", "SELF INITIATED", "SELF-INITIATED", "ON VIEW", "ONVIEW", "ON-VIEW"]),
        new("Call_Source", ["OFFICER", "OFFICER INITIATED", "SELF INITIATED", "SELF-INITIATED", "ON VIEW", "ONVIEW", "ON-VIEW", "FIELD INITIATED", "RADIO"]),
        new("Source", ["OFFICER", "OFFICER INITIATED", "SELF INITIATED", "SELF-INITIATED", "ON VIEW", "ONVIEW", "ON-VIEW", "FIELD INITIATED", "RADIO"]),
        new("Self_Initiated", ["TRUE", "Y", "YES", "1"]),
        new("Officer_Initiated", ["TRUE", "Y", "YES", "1"]),
        new("On_View", ["TRUE", "Y", "YES", "1"]),
    ];

    /// <summary>
    /// Returns a copy with overrides applied: <c>field=column</c>, <c>field=+column</c> (seconds after received, time fields only),
    /// <c>selfInitiated=column=value,value</c>, <c>selfInitiated=none</c>. Separate several with commas or give them one per item.
    /// </summary>
    public CadMapping WithOverrides(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var columns = new Dictionary<CadField, ColumnRef>(Columns);
        var selfInitiated = SelfInitiated;
        foreach (var item in assignments)
        {
            var text = item.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new CadMappingException($"mapping '{text}': expected field=column, e.g. received=Call_Time.");
            var key = text[..eq].Trim();
            var value = text[(eq + 1)..].Trim();
            if (string.Equals(key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), "selfinitiated", StringComparison.OrdinalIgnoreCase))
            {
                selfInitiated = string.Equals(value, "none", StringComparison.OrdinalIgnoreCase) ? [] : SelfInitiatedRule.Parse(value);
                continue;
            }
            if (!CadFields.TryParse(key, out var field))
                throw new CadMappingException(
                    $"mapping '{text}': unknown field '{key}'. Fields: {string.Join(", ", Enum.GetValues<CadField>().Select(f => f.Name()))}, selfInitiated.");
            var offset = value.StartsWith('+');
            if (offset) value = value[1..].Trim();
            if (value.Length == 0)
                throw new CadMappingException($"mapping '{text}': the column name after '=' is empty.");
            if (offset && (!CadFields.TimeFields.Contains(field) || field == CadField.Received))
                throw new CadMappingException($"mapping '{text}': '+column' (seconds after received) applies only to queued, dispatched, enRoute, arrived, cleared and closed.");
            columns[field] = new ColumnRef(value, offset);
        }
        return this with { Columns = columns.AsReadOnly(), SelfInitiated = selfInitiated };
    }

    /// <summary>Parses a mapping given in one line: comma-separated <c>field=column</c> items (a selfInitiated item takes the rest of the line).</summary>
    public CadMapping WithOverrides(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return WithOverrides(SplitSpec(spec));
    }

    /// <summary>Reads a mapping file: one <c>field=column</c> per line, '#' starts a comment line.</summary>
    public static CadMapping FromLines(IEnumerable<string> lines) => Default.WithOverrides(lines);

    private static List<string> SplitSpec(string spec)
    {
        var items = new List<string>();
        var parts = spec.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.StartsWith("selfInitiated", StringComparison.OrdinalIgnoreCase)
                || part.StartsWith("self_initiated", StringComparison.OrdinalIgnoreCase)
                || part.StartsWith("self-initiated", StringComparison.OrdinalIgnoreCase))
            {
                items.Add(string.Join(",", parts[i..]));
                break;
            }
            items.Add(part);
        }
        return items;
    }

    internal static string Normalise(string name)
    {
        Span<char> buffer = stackalloc char[name.Length];
        var n = 0;
        foreach (var c in name)
            if (char.IsLetterOrDigit(c)) buffer[n++] = char.ToUpperInvariant(c);
        return new string(buffer[..n]);
    }

    /// <summary>Resolves the mapping against a header; throws <see cref="CadMappingException"/> naming every problem at once.</summary>
    public ResolvedCadMapping Resolve(IReadOnlyList<string> header, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(header);
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        var loose = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            exact.TryAdd(header[i].Trim(), i);
            loose.TryAdd(Normalise(header[i]), i);
        }
        int Find(string column) =>
            exact.TryGetValue(column.Trim(), out var i) ? i : loose.TryGetValue(Normalise(column), out i) ? i : -1;

        var errors = new List<Problem>();
        var missingFields = new List<CadField>();
        var found = new Dictionary<CadField, ResolvedColumn>();
        var taken = Columns.Values.Select(c => Find(c.Column)).Where(i => i >= 0).ToHashSet();
        int FindFree(IEnumerable<string> names) => names.Select(Find).FirstOrDefault(i => i >= 0 && !taken.Contains(i), -1);
        foreach (var field in Enum.GetValues<CadField>())
        {
            if (Columns.TryGetValue(field, out var explicitRef))
            {
                var i = Find(explicitRef.Column);
                if (i < 0)
                {
                    errors.Add(Problem.Of($"column '{explicitRef.Column}' given for field '{field.Name()}' is not in the file; fix the {CadSettings.Mapping} {field.Name()}=COLUMN value."));
                    missingFields.Add(field);
                }
                else
                {
                    found[field] = new ResolvedColumn(i, header[i], explicitRef.IsOffsetSeconds);
                }
                continue;
            }
            if (!UseDefaults) continue;
            var hit = FindFree(DefaultColumns[field]);
            if (hit >= 0)
            {
                found[field] = new ResolvedColumn(hit, header[hit], false);
                taken.Add(hit);
                continue;
            }
            if (DefaultOffsetColumns.TryGetValue(field, out var offsets))
            {
                hit = FindFree(offsets);
                if (hit >= 0)
                {
                    found[field] = new ResolvedColumn(hit, header[hit], true);
                    taken.Add(hit);
                }
            }
        }
        foreach (var field in CadFields.Required)
        {
            if (found.ContainsKey(field) || missingFields.Contains(field)) continue;
            missingFields.Add(field);
            var tried = UseDefaults ? $" (looked for {string.Join(", ", DefaultColumns[field].Take(6))}, ...)" : "";
            errors.Add(Problem.Of($"no column found for required field '{field.Name()}'{tried}; name it with {CadSettings.Mapping} {field.Name()}=COLUMN."));
        }

        var rules = new List<ResolvedSelfInitiatedRule>();
        if (SelfInitiated is { } given)
        {
            foreach (var rule in given)
            {
                var i = Find(rule.Column);
                if (i < 0)
                    errors.Add(Problem.Of($"column '{rule.Column}' given for the self-initiated rule is not in the file; fix the {CadSettings.SelfInitiated} column=value value."));
                else
                    rules.Add(new ResolvedSelfInitiatedRule(i, header[i], rule.Values, IsDefault: false));
            }
        }
        else if (UseDefaults)
        {
            foreach (var rule in DefaultSelfInitiatedRules)
            {
                var i = Find(rule.Column);
                if (i < 0) continue;
                rules.Add(new ResolvedSelfInitiatedRule(i, header[i], rule.Values, IsDefault: true));
                break;
            }
        }

        if (errors.Count > 0)
            throw new CadMappingException(sourceName, missingFields, header, errors);
        return new ResolvedCadMapping(found.AsReadOnly(), rules, header.ToArray());
    }
}

/// <summary>A field's column after resolution against a header.</summary>
/// <param name="Index">Zero-based column index.</param>
/// <param name="Column">Header text.</param>
/// <param name="IsOffsetSeconds">True when the column holds seconds after the received time.</param>
public sealed record ResolvedColumn(int Index, string Column, bool IsOffsetSeconds)
{
    /// <inheritdoc/>
    public override string ToString() => IsOffsetSeconds ? $"{Column} (seconds after received)" : Column;
}

/// <summary>A self-initiated rule after resolution against a header.</summary>
public sealed record ResolvedSelfInitiatedRule(int Index, string Column, IReadOnlyList<string> Values, bool IsDefault)
{
    /// <summary>Whether a cell value matches the rule (trimmed, case-insensitive).</summary>
    public bool Matches(string? cell) =>
        cell is not null && Values.Any(v => string.Equals(v.Trim(), cell.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public override string ToString() => $"{Column} in {{{string.Join(", ", Values)}}}" + (IsDefault ? " (default rule)" : "");
}

/// <summary>The mapping as applied to one file: which column feeds each field.</summary>
public sealed record ResolvedCadMapping(
    IReadOnlyDictionary<CadField, ResolvedColumn> Fields,
    IReadOnlyList<ResolvedSelfInitiatedRule> SelfInitiatedRules,
    IReadOnlyList<string> Header)
{
    /// <summary>One line per mapped field, e.g. <c>received = Incident_Start_Time</c>.</summary>
    public IEnumerable<string> Describe()
    {
        foreach (var field in Enum.GetValues<CadField>())
            if (Fields.TryGetValue(field, out var column))
                yield return string.Create(CultureInfo.InvariantCulture, $"{field.Name()} = {column}");
        yield return SelfInitiatedRules.Count == 0
            ? "selfInitiated = none"
            : "selfInitiated = " + string.Join(" or ", SelfInitiatedRules);
    }
}
