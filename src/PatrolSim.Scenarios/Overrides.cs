using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PatrolSim.Scenarios;

/// <summary>
/// Dotted-key overrides on a YAML tree (<c>--set</c>, compare variants, sweep grids):
/// <c>policy.crew.twoOfficerShare=1</c>, <c>staffing.shifts.night.officers=30</c> (list items by
/// <c>name</c>/<c>id</c> or by 0-based index), values in YAML syntax (<c>[1, 2]</c>, <c>{a: 1}</c>).
/// Missing mappings on the way are created; the binder then rejects keys it does not know.
/// </summary>
public static class Overrides
{
    /// <summary>Splits "key.path=value" into its parts, or returns null when there is no '=' or no key.</summary>
    public static (string Key, string Value)? Split(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return null;
        }

        return (assignment[..eq].Trim(), assignment[(eq + 1)..].Trim());
    }

    /// <summary>Applies one override to the tree; returns an error instead of throwing.</summary>
    public static ScenarioError? Apply(YamlMappingNode root, string assignment, IDictionary<YamlNode, string>? origins = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parts = Split(assignment);
        if (parts is null)
        {
            return new ScenarioError("--set", "", 0, 0, $"'{assignment}' is not of the form key.path=value (e.g. policy.crew.twoOfficerShare=1)");
        }

        var (key, valueText) = parts.Value;
        YamlNode value;
        try
        {
            value = ParseValue(valueText);
        }
        catch (YamlException e)
        {
            return new ScenarioError("--set", key, 0, 0, $"value '{valueText}' is not valid YAML: {e.Message}");
        }

        string[] segments = key.Split('.');
        if (segments.Any(string.IsNullOrWhiteSpace))
        {
            return new ScenarioError("--set", key, 0, 0, "has an empty segment; write keys like policy.backup.rule");
        }

        YamlNode current = root;
        for (int i = 0; i < segments.Length; i++)
        {
            string seg = segments[i];
            bool last = i == segments.Length - 1;
            string pathSoFar = string.Join('.', segments.Take(i + 1));
            switch (current)
            {
                case YamlMappingNode map:
                    {
                        var k = new YamlScalarNode(seg);
                        if (!map.Children.ContainsKey(k))
                        {
                            // A key the file does not have: errors about it point at the override.
                            Mark(k, assignment, origins);
                        }

                        if (last)
                        {
                            map.Children[k] = value;
                            Mark(value, assignment, origins);
                            return null;
                        }

                        if (!map.Children.TryGetValue(k, out var next))
                        {
                            next = new YamlMappingNode();
                            Mark(next, assignment, origins);
                            map.Children[k] = next;
                        }

                        current = next;
                        break;
                    }

                case YamlSequenceNode seq:
                    {
                        int index = FindItem(seq, seg);
                        if (index < 0)
                        {
                            var names = seq.Children.Select(ItemName).Where(n => n is not null);
                            return new ScenarioError("--set", pathSoFar, 0, 0,
                                $"no list item '{seg}'; use a 0-based index (0..{seq.Children.Count - 1}) or a name: {string.Join(", ", names)}");
                        }

                        if (last)
                        {
                            seq.Children[index] = value;
                            Mark(value, assignment, origins);
                            return null;
                        }

                        current = seq.Children[index];
                        break;
                    }

                default:
                    return new ScenarioError("--set", pathSoFar, 0, 0, $"'{string.Join('.', segments.Take(i))}' is a single value, so it has no key '{seg}'");
            }
        }

        return null;
    }

    /// <summary>Parses an override value as YAML (scalar, [list] or {mapping}).</summary>
    public static YamlNode ParseValue(string text)
    {
        if (text.Length == 0)
        {
            return new YamlScalarNode("");
        }

        var stream = new YamlStream();
        stream.Load(new DepthLimitedParser(text));
        return stream.Documents.Count == 0 ? new YamlScalarNode(text) : stream.Documents[0].RootNode;
    }

    private static void Mark(YamlNode node, string origin, IDictionary<YamlNode, string>? origins)
    {
        if (origins is null)
        {
            return;
        }

        foreach (var n in node.AllNodes)
        {
            origins[n] = "--set " + origin;
        }
    }

    private static int FindItem(YamlSequenceNode seq, string seg)
    {
        for (int i = 0; i < seq.Children.Count; i++)
        {
            if (string.Equals(ItemName(seq.Children[i]), seg, StringComparison.Ordinal))
            {
                return i;
            }
        }

        if (int.TryParse(seg, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < seq.Children.Count)
        {
            return index;
        }

        return -1;
    }

    private static string? ItemName(YamlNode item)
    {
        if (item is not YamlMappingNode m)
        {
            return null;
        }

        foreach (string key in new[] { "name", "id" })
        {
            if (m.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s)
            {
                return s.Value;
            }
        }

        return null;
    }
}
