using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PatrolSim.Scenarios;

/// <summary>
/// Typed, located access to a YAML tree that records every problem instead of stopping at the first:
/// wrong types, out-of-range values, missing and unknown keys (with a "did you mean").
/// </summary>
internal sealed class YamlReader
{
    private readonly string _source;
    private readonly IReadOnlyDictionary<YamlNode, string> _overrideOrigins;

    public YamlReader(string source, IReadOnlyDictionary<YamlNode, string>? overrideOrigins = null)
    {
        _source = source;
        _overrideOrigins = overrideOrigins ?? new Dictionary<YamlNode, string>(ReferenceEqualityComparer.Instance);
    }

    public List<ScenarioError> Errors { get; } = [];

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

    public MapReader? Map(YamlNode? node, string path, bool required = true)
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
            return new MapReader(this, m, path);
        }

        Error(node, path, $"must be a mapping of keys to values, not {Describe(node)}");
        return null;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "this value",
    };

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="word"/> within a small edit distance, or null.</summary>
    public static string? DidYouMean(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            if (word.Length >= 3 && c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                // A truncated key ("warmup" for "warmupDays") is the likeliest slip.
                return c;
            }

            int d = Levenshtein(word.ToUpperInvariant(), c.ToUpperInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        int limit = Math.Max(2, word.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

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

    public string? Text(YamlNode node, string path)
    {
        if (node is YamlScalarNode s && s.Value is not null)
        {
            return s.Value;
        }

        Error(node, path, $"must be text, not {Describe(node)}");
        return null;
    }

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

    /// <summary>One of the allowed words (exact, lower-case as documented).</summary>
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

    public YamlSequenceNode? Sequence(YamlNode node, string path)
    {
        if (node is YamlSequenceNode seq)
        {
            return seq;
        }

        Error(node, path, $"must be a list, not {Describe(node)}");
        return null;
    }

    public static string Fmt(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>A mapping being read: remembers which keys were used so that the rest can be reported as unknown.</summary>
internal sealed class MapReader
{
    private readonly YamlReader _r;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public MapReader(YamlReader reader, YamlMappingNode node, string path)
    {
        _r = reader;
        Node = node;
        Path = path;
        foreach (var (k, v) in node.Children)
        {
            string key = k is YamlScalarNode s && s.Value is not null ? s.Value : k.ToString();
            _entries[key] = (k, v);
        }
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public YamlReader Reader => _r;

    public string PathOf(string key) => YamlReader.Join(Path, key);

    public bool Has(string key)
    {
        _known.Add(key);
        return _entries.ContainsKey(key);
    }

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

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries =>
        _entries.Select(e => (e.Key, e.Value.Key, e.Value.Value));

    public double? Number(string key, double min, double max, double? fallback = null, bool required = false, bool minExclusive = false, string? hint = null)
    {
        var node = Get(key, required && fallback is null, hint);
        return node is null ? fallback : _r.Number(node, PathOf(key), min, max, minExclusive, hint);
    }

    public int? Integer(string key, int min, int max, int? fallback = null, bool required = false)
    {
        var node = Get(key, required && fallback is null);
        return node is null ? fallback : _r.Integer(node, PathOf(key), min, max);
    }

    public string? Text(string key, string? fallback = null, bool required = false, string? hint = null)
    {
        var node = Get(key, required && fallback is null, hint);
        return node is null ? fallback : _r.Text(node, PathOf(key));
    }

    public bool? Bool(string key, bool fallback)
    {
        var node = Get(key);
        return node is null ? fallback : _r.Bool(node, PathOf(key));
    }

    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> allowed, T? fallback = null, bool required = false)
        where T : struct
    {
        var node = Get(key, required && fallback is null, $"use one of {string.Join(", ", allowed.Keys)}");
        return node is null ? fallback : _r.Choice(node, PathOf(key), allowed);
    }

    public MapReader? Map(string key, bool required = false) => _r.Map(Get(key), PathOf(key), required);

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
