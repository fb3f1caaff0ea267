using System.Globalization;
using PatrolSim.Model.Definition;
using YamlDotNet.RepresentationModel;

namespace PatrolSim.Scenarios;

/// <summary>
/// Typed, located access to a YAML tree that records every problem instead of stopping at the first:
/// wrong types, out-of-range values, missing and unknown keys (with a "did you mean"). Scenario files,
/// sweep files and comparison files are all read through it, so their messages read alike.
/// </summary>
public sealed class YamlReader
{
    private readonly string _source;
    private readonly IReadOnlyDictionary<YamlNode, string> _overrideOrigins;

    /// <summary>Creates a reader for one file.</summary>
    /// <param name="source">The file name that starts every message.</param>
    /// <param name="overrideOrigins">Nodes that came from a <c>--set</c> override, and which one; their messages say so instead of giving a line.</param>
    public YamlReader(string source, IReadOnlyDictionary<YamlNode, string>? overrideOrigins = null)
    {
        _source = source;
        _overrideOrigins = overrideOrigins ?? new Dictionary<YamlNode, string>(ReferenceEqualityComparer.Instance);
    }

    /// <summary>Every problem recorded so far, in the order found.</summary>
    public List<ScenarioError> Errors { get; } = [];

    /// <summary>The file name that starts every message.</summary>
    public string Source => _source;

    /// <summary>Records a problem at <paramref name="node"/> (its line and column, or its override).</summary>
    public void Error(YamlNode? node, string path, string message)
    {
        if (node is not null && _overrideOrigins.TryGetValue(node, out string? origin))
        {
            Errors.Add(new ScenarioError(_source, path, 0, 0, $"{message} (from {origin})"));
            return;
        }

        int line = node is null ? 0 : (int)node.Start.Line;
        int col = node is null ? 0 : (int)node.Start.Column;
        Errors.Add(new ScenarioError(_source, path, line, col, message));
    }

    /// <summary>The node as a mapping, or null after recording that it is missing (when required) or not a mapping.</summary>
    public MapReader? Map(YamlNode? node, string path, bool required = true) => Map(node, path, required, []);

    /// <summary>As <see cref="Map(YamlNode?, string, bool)"/>, for an item of a list of <paramref name="item"/> mappings.</summary>
    internal MapReader? Map(YamlNode node, string path, Section item) => Map(node, path, true, item.KeyNames);

    /// <summary>As <see cref="Map(YamlNode?, string, bool)"/>, with <paramref name="keys"/> known in advance (in the order "allowed here" lists them).</summary>
    internal MapReader? Map(YamlNode? node, string path, bool required, IEnumerable<string> keys)
    {
        if (node is null)
        {
            if (required)
            {
                Error(null, path, "is missing; add this section");
            }

            return null;
        }

        if (node is YamlMappingNode m)
        {
            return new MapReader(this, m, path, keys);
        }

        Error(node, path, $"must be a mapping of keys to values, not {Describe(node)}");
        return null;
    }

    /// <summary>How a value is quoted in messages: 'text', a list, a mapping.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "this value",
    };

    /// <summary>The dotted path of <paramref name="key"/> under <paramref name="path"/>.</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="word"/> within a small edit distance, or null.</summary>
    public static string? DidYouMean(string word, IEnumerable<string> candidates) => ScenarioRules.DidYouMean(word, candidates);

    /// <summary>Whether the node is a finite number in invariant notation.</summary>
    public static bool TryNumber(YamlNode node, out double value)
    {
        value = 0;
        return node is YamlScalarNode s && s.Value is not null
            && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>A number in [min, max] (bounds inclusive unless stated), or null after recording an error.</summary>
    public double? Number(YamlNode node, string path, double min, double max, bool minExclusive = false, string? hint = null)
    {
        if (!TryNumber(node, out double v))
        {
            Error(node, path, $"must be a number, not {Describe(node)}");
            return null;
        }

        bool low = minExclusive ? v <= min : v < min;
        if (low || v > max)
        {
            string range = minExclusive
                ? (double.IsPositiveInfinity(max) ? $"greater than {Fmt(min)}" : $"greater than {Fmt(min)} and at most {Fmt(max)}")
                : (double.IsPositiveInfinity(max) ? $"at least {Fmt(min)}" : $"between {Fmt(min)} and {Fmt(max)}");
            Error(node, path, $"is {Fmt(v)}; it must be {range}{(hint is null ? "" : "; " + hint)}");
            return null;
        }

        return v;
    }

    /// <summary>As a number in <paramref name="path"/>, with the bounds of <paramref name="key"/>.</summary>
    internal double? Number(YamlNode node, string path, NumberKey key) => Number(node, path, key.Min, key.Max, key.MinExclusive, key.Hint);

    /// <summary>A whole number in [min, max], or null after recording an error.</summary>
    public int? Integer(YamlNode node, string path, int min, int max)
    {
        double? v = Number(node, path, min, max);
        if (v is null)
        {
            return null;
        }

        if (v.Value != Math.Floor(v.Value))
        {
            Error(node, path, $"is {Fmt(v.Value)}; it must be a whole number");
            return null;
        }

        return (int)v.Value;
    }

    /// <summary>A single value as text, or null after recording an error.</summary>
    public string? Text(YamlNode node, string path)
    {
        if (node is YamlScalarNode s && s.Value is not null)
        {
            return s.Value;
        }

        Error(node, path, $"must be text, not {Describe(node)}");
        return null;
    }

    /// <summary>true or false (any case), or null after recording an error.</summary>
    public bool? Bool(YamlNode node, string path)
    {
        if (node is YamlScalarNode s)
        {
            if (string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(s.Value, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        Error(node, path, $"must be true or false, not {Describe(node)}");
        return null;
    }

    /// <summary>One of the allowed words (exact, lower-case as documented), or null after recording an error.</summary>
    public T? Choice<T>(YamlNode node, string path, IReadOnlyDictionary<string, T> allowed)
        where T : struct
    {
        string? text = node is YamlScalarNode s ? s.Value : null;
        if (text is not null && allowed.TryGetValue(text, out T value))
        {
            return value;
        }

        string list = string.Join(", ", allowed.Keys);
        string? guess = text is null ? null : DidYouMean(text, allowed.Keys);
        Error(node, path, $"{(text is null ? Describe(node) : $"'{text}'")} is not allowed; use one of {list}{(guess is null ? "" : $" (did you mean '{guess}'?)")}");
        return null;
    }

    /// <summary>The node as a list, or null after recording an error.</summary>
    public YamlSequenceNode? Sequence(YamlNode node, string path)
    {
        if (node is YamlSequenceNode seq)
        {
            return seq;
        }

        Error(node, path, $"must be a list, not {Describe(node)}");
        return null;
    }

    /// <summary>A number as messages show it (<see cref="ScenarioRules.Number"/>): invariant, up to six decimals, no trailing zeros; 1e+308 when very large.</summary>
    public static string Fmt(double v) => ScenarioRules.Number(v);
}

/// <summary>A mapping being read: remembers which keys were used so that the rest can be reported as unknown.</summary>
public sealed class MapReader
{
    private readonly YamlReader _r;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="node"/>, found at <paramref name="path"/>; errors go to <paramref name="reader"/>.</summary>
    public MapReader(YamlReader reader, YamlMappingNode node, string path)
        : this(reader, node, path, [])
    {
    }

    internal MapReader(YamlReader reader, YamlMappingNode node, string path, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(node);
        _known.UnionWith(keys);
        _r = reader;
        Node = node;
        Path = path;
        foreach (var (k, v) in node.Children)
        {
            string key = k is YamlScalarNode s && s.Value is not null ? s.Value : k.ToString();
            _entries[key] = (k, v);
        }
    }

    /// <summary>The mapping.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>Its dotted path ("" at the root).</summary>
    public string Path { get; }

    /// <summary>The reader errors go to.</summary>
    public YamlReader Reader => _r;

    /// <summary>The dotted path of one of its keys.</summary>
    public string PathOf(string key) => YamlReader.Join(Path, key);

    /// <summary>Whether the key is present; marks it as known.</summary>
    public bool Has(string key)
    {
        _known.Add(key);
        return _entries.ContainsKey(key);
    }

    /// <summary>The key's value, or null when absent (recording "is missing" when required); marks it as known.</summary>
    public YamlNode? Get(string key, bool required = false, string? hint = null)
    {
        _known.Add(key);
        if (_entries.TryGetValue(key, out var e))
        {
            return e.Value;
        }

        if (required)
        {
            _r.Error(Node, PathOf(key), $"is missing{(hint is null ? "" : "; " + hint)}");
        }

        return null;
    }

    /// <summary>Every entry, for mappings keyed by data (priorities, zone ids, dotted keys).</summary>
    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries =>
        _entries.Select(e => (e.Key, e.Value.Key, e.Value.Value));

    /// <summary>A number key; see <see cref="YamlReader.Number(YamlNode, string, double, double, bool, string?)"/>.</summary>
    public double? Number(string key, double min, double max, double? fallback = null, bool required = false, bool minExclusive = false, string? hint = null)
    {
        var node = Get(key, required && fallback is null, hint);
        return node is null ? fallback : _r.Number(node, PathOf(key), min, max, minExclusive, hint);
    }

    /// <summary>A whole-number key.</summary>
    public int? Integer(string key, int min, int max, int? fallback = null, bool required = false, string? hint = null)
    {
        var node = Get(key, required && fallback is null, hint);
        return node is null ? fallback : _r.Integer(node, PathOf(key), min, max);
    }

    /// <summary>A text key.</summary>
    public string? Text(string key, string? fallback = null, bool required = false, string? hint = null)
    {
        var node = Get(key, required && fallback is null, hint);
        return node is null ? fallback : _r.Text(node, PathOf(key));
    }

    /// <summary>A true/false key.</summary>
    public bool? Bool(string key, bool fallback)
    {
        var node = Get(key);
        return node is null ? fallback : _r.Bool(node, PathOf(key));
    }

    /// <summary>A key that takes one of the allowed words.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> allowed, T? fallback = null, bool required = false)
        where T : struct
    {
        var node = Get(key, required && fallback is null, $"use one of {string.Join(", ", allowed.Keys)}");
        return node is null ? fallback : _r.Choice(node, PathOf(key), allowed);
    }

    /// <summary>A nested mapping.</summary>
    public MapReader? Map(string key, bool required = false) => _r.Map(Get(key), PathOf(key), required);

    /// <summary>Whether a schema key is present; marks it as known.</summary>
    internal bool Has(SchemaKey key) => Has(key.Name);

    /// <summary>Marks keys as known without reading them (the parameters of the distribution kind just read).</summary>
    internal void Allow(IEnumerable<SchemaKey> keys) => _known.UnionWith(keys.Select(k => k.Name));

    internal YamlNode? Get(ValueKey key) => Get(key.Name, key.Required, key.Hint);

    internal YamlNode? Get(ListKey key) => Get(key.Name, key.Required, key.Hint);

    internal YamlNode? Get(NumberListKey key) => Get(key.Name, key.Required, key.Hint);

    internal double? Read(NumberKey key) => Number(key.Name, key.Min, key.Max, key.Default, key.Required, key.MinExclusive, key.Hint);

    internal int? Read(IntegerKey key) => Integer(key.Name, key.Min, key.Max, key.Default, key.Required, key.Hint);

    internal string? Read(TextKey key) => Text(key.Name, key.Default, key.Required, key.Hint);

    internal bool? Read(BoolKey key) => Bool(key.Name, key.Default);

    internal T? Read<T>(ChoiceKey<T> key)
        where T : struct => Choice(key.Name, key.Words, key.Default, key.Required);

    /// <summary>A nested section, its keys known in advance; any other key is a mapping keyed by data.</summary>
    internal MapReader? Map(SchemaKey key) => key is Section s
        ? _r.Map(Get(s.Name), PathOf(s.Name), s.Required, s.KeyNames)
        : _r.Map(Get(key.Name), PathOf(key.Name), false, []);

    /// <summary>Reports every key present that was never asked for, with a suggestion among the known keys.</summary>
    public void ReportUnknown()
    {
        foreach (var (key, (k, _)) in _entries)
        {
            if (_known.Contains(key))
            {
                continue;
            }

            string? guess = YamlReader.DidYouMean(key, _known);
            _r.Error(k, PathOf(key), $"unknown key{(guess is null ? "" : $" (did you mean '{guess}'?)")}; allowed here: {string.Join(", ", _known)}");
        }
    }
}
