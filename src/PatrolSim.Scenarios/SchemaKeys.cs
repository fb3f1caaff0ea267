namespace PatrolSim.Scenarios;

/// <summary>
/// One key of a scenario mapping as <see cref="ScenarioSchema"/> declares it. Each kind of key knows how
/// it is read (see the <see cref="MapReader"/> overloads that take one), so the range, the default and
/// the hint quoted in error messages are written once, in the schema.
/// </summary>
/// <param name="Name">The key as written in the file (camelCase, case-sensitive).</param>
internal abstract record SchemaKey(string Name);

/// <summary>A number in [Min, Max] (Min exclusive when stated); absent gives <paramref name="Default"/>.</summary>
internal sealed record NumberKey(string Name, double Min, double Max, double? Default = null, bool Required = false, bool MinExclusive = false, string? Hint = null)
    : SchemaKey(Name);

/// <summary>A whole number in [Min, Max]; absent gives <paramref name="Default"/>.</summary>
internal sealed record IntegerKey(string Name, int Min, int Max, int? Default = null, bool Required = false, string? Hint = null) : SchemaKey(Name);

/// <summary>A text value; absent gives <paramref name="Default"/>.</summary>
internal sealed record TextKey(string Name, string? Default = null, bool Required = false, string? Hint = null) : SchemaKey(Name);

/// <summary>true or false; absent gives <paramref name="Default"/>.</summary>
internal sealed record BoolKey(string Name, bool Default) : SchemaKey(Name);

/// <summary>One of the listed words, in the order the error message lists them.</summary>
internal sealed record ChoiceKey<T>(string Name, IReadOnlyDictionary<string, T> Words, T? Default = null, bool Required = false) : SchemaKey(Name)
    where T : struct;

/// <summary>A value the binder reads itself (a list, a time, a map keyed by data); <paramref name="Hint"/> completes "is missing".</summary>
internal sealed record ValueKey(string Name, bool Required = false, string? Hint = null) : SchemaKey(Name);

/// <summary>A list whose items are mappings with the keys of <paramref name="Item"/>.</summary>
internal sealed record ListKey(string Name, Section Item, bool Required = false, string? Hint = null) : SchemaKey(Name);

/// <summary>
/// A nested mapping and its keys, in the order "allowed here:" lists them. A required section that is
/// absent is reported as "is missing; add this section".
/// </summary>
internal sealed record Section(string Name, IReadOnlyList<SchemaKey> Keys, bool Required = false) : SchemaKey(Name)
{
    /// <summary>The key names, in order.</summary>
    public IEnumerable<string> KeyNames => Keys.Select(k => k.Name);
}

/// <summary>
/// A list of numbers in [Min, Max]: exactly <paramref name="Count"/> of them, or at least one when Count
/// is -1. <paramref name="What"/> says what they are, in the count and empty messages.
/// </summary>
internal sealed record NumberListKey(string Name, int Count, double Min, double Max, string What, bool Required = false, string? Hint = null) : SchemaKey(Name);

/// <summary>A mapping from priority (1–9) to a number read as <paramref name="Each"/> (its name is unused).</summary>
internal sealed record PriorityMapKey(string Name, NumberKey Each) : SchemaKey(Name);

/// <summary>
/// A mapping from a call type's priority to a distribution (the distribution sub-schema), plus the
/// priorities not listed under <paramref name="DefaultKey"/> when one is given.
/// </summary>
internal sealed record PriorityDistributionsKey(string Name, string? DefaultKey = null) : SchemaKey(Name);
