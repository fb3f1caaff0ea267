using System.Globalization;

namespace PatrolSim.Model.Definition;

/// <summary>The wording the rules share: numbers, lists, suggestions for a misspelt name.</summary>
public static partial class ScenarioRules
{
    /// <summary>The message for a key of a by-priority mapping that no call type has (null priorities: unknown, any 1–9).</summary>
    /// <param name="key">The key as written.</param>
    /// <param name="priorities">The call types' priorities, or null when unknown.</param>
    /// <param name="defaultKey">The mapping's key for every other priority, or null when it has none.</param>
    public static string NotACallTypePriority(string key, IReadOnlyList<int>? priorities, string? defaultKey)
    {
        string allowed = priorities is null ? "priorities 1–9" : $"the call types' priorities ({List(priorities)})";
        return $"'{key}' is not a priority of any call type; keys are {allowed}{(defaultKey is null ? "" : $" or '{defaultKey}'")}";
    }

    /// <summary>A number as messages show it: invariant, up to six decimals, no trailing zeros; very large or small numbers as 1e+308.</summary>
    public static string Number(double v)
    {
        double a = Math.Abs(v);
        return a != 0 && (a >= 1e15 || a < 1e-6) && double.IsFinite(v)
            ? v.ToString("0.######e+0", CultureInfo.InvariantCulture)
            : v.ToString("0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="word"/> within a small edit distance, or null.</summary>
    public static string? DidYouMean(string word, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(candidates);
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

    private static string UsedTwice(string name, string what, string these = "names") => $"'{name}' is used by another {what}; {these} must be unique";

    /// <summary>A count of calls: a whole number, or 1e+20 when very large.</summary>
    private static string Count(double calls) => calls >= 1e15 ? Number(calls) : calls.ToString("0", CultureInfo.InvariantCulture);

    private static string List(IReadOnlyList<int> priorities) => string.Join(", ", priorities.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    private static string Index(string path, int i) => Invariant($"{path}[{i}]");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
