using System.Globalization;
using System.Text.RegularExpressions;
using PatrolSim.Model.Definition;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PatrolSim.Scenarios;

/// <summary>
/// Loads scenario files (YAML, the format of docs/scenario-format.md): parses with YamlDotNet, applies
/// <c>--set key.path=value</c> overrides, and validates everything at once. Problems come back as one
/// <see cref="ScenarioException"/> listing each with file, key path, line and the fix.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Loads and validates a scenario file.</summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="overrides">Overrides as <c>key.path=value</c>, applied in order.</param>
    /// <exception cref="ScenarioException">The file is missing, malformed or invalid.</exception>
    public static Scenario Load(string path, IEnumerable<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(new ScenarioError(path, "", 0, 0, $"cannot be read: {e.Message}"));
        }

        return Parse(text, path, overrides, DirectoryScenarioFiles.Beside(path));
    }

    /// <summary>
    /// Parses and validates scenario text; <paramref name="source"/> names it in messages, and the files it names (a
    /// zones file, a travel-time matrix) come from <paramref name="files"/> (default: beside <paramref name="source"/>).
    /// </summary>
    public static Scenario Parse(string yaml, string source, IEnumerable<string>? overrides = null, IScenarioFiles? files = null)
    {
        var root = ParseTree(yaml, source);
        var origins = new Dictionary<YamlNode, string>(ReferenceEqualityComparer.Instance);
        var errors = new List<ScenarioError>();
        foreach (string o in overrides ?? [])
        {
            var error = Overrides.Apply(root, o, origins);
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        var reader = new YamlReader(source, origins);
        var scenario = new ScenarioBinder(reader, files ?? DirectoryScenarioFiles.Beside(source)).Bind(root);
        errors.AddRange(reader.Errors);
        if (errors.Count > 0 || scenario is null)
        {
            throw new ScenarioException(errors);
        }

        return scenario;
    }

    /// <summary>Parses YAML text into its root mapping, turning syntax errors into located messages.</summary>
    public static YamlMappingNode ParseTree(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(yaml));
        }
        catch (YamlException e)
        {
            string message = e.InnerException?.Message ?? e.Message;
            var cleaned = LocationPrefix().Replace(message, "");
            throw new ScenarioException(new ScenarioError(source, "", (int)e.Start.Line, (int)e.Start.Column, $"is not valid YAML: {cleaned}"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet gives up without a position on some unterminated flow collections.
            throw new ScenarioException(new ScenarioError(source, "", 0, 0, "is not valid YAML: an unterminated { } or [ ] collection; check the brackets"));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScenarioException(new ScenarioError(source, "", 1, 1, "must be a YAML mapping with keys such as name, horizon, city, demand, staffing, policy"));
        }

        return root;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex LocationPrefix();

    /// <summary>Parses "day D HH:MM", "D HH:MM" or a number of hours into minutes since time zero.</summary>
    internal static double? ParseAt(string text)
    {
        var m = AtPattern().Match(text.Trim());
        if (m.Success)
        {
            int day = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            int? minutes = ParseClock(m.Groups[2].Value);
            return minutes is null ? null : (day * 1440.0) + minutes.Value;
        }

        return null;
    }

    /// <summary>Parses "HH:MM" (00:00–23:59) into minutes after midnight.</summary>
    internal static int? ParseClock(string text)
    {
        var m = ClockPattern().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        int h = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        int min = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return h < 24 && min < 60 ? (h * 60) + min : null;
    }

    [GeneratedRegex(@"^(?:day\s+)?(\d{1,5})\s+(\d{1,2}:\d{2})$")]
    private static partial Regex AtPattern();

    [GeneratedRegex(@"^(\d{1,2}):(\d{2})$")]
    private static partial Regex ClockPattern();
}
