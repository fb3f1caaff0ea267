using System.Globalization;
using System.Text;
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
        return Parse(ReadText(path), path, overrides, DirectoryScenarioFiles.Beside(path));
    }

    /// <summary>
    /// The text of a scenario (or sweep, or comparison) file: UTF-8, with or without a byte-order mark (a UTF-16 or
    /// UTF-32 file with its byte-order mark is read too). Bytes that are not UTF-8 (a file saved as Latin-1 or
    /// Windows-1252, "Petite ville été") are refused at their line and column rather than read as replacement characters.
    /// </summary>
    /// <exception cref="ScenarioException">The file cannot be read or is not UTF-8.</exception>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(new ScenarioError(path, "", 0, 0, $"cannot be read: {e.Message}"));
        }

        ReadOnlySpan<byte> utf8 = bytes;
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || utf8.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || utf8.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        utf8 = utf8.StartsWith(Encoding.UTF8.Preamble) ? utf8[Encoding.UTF8.Preamble.Length..] : utf8;
        var text = new char[utf8.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(utf8, text, out int read, out int written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            var before = utf8[..read];
            int line = before.Count((byte)'\n') + 1;
            int column = Encoding.UTF8.GetCharCount(before[(before.LastIndexOf((byte)'\n') + 1)..]) + 1;
            throw new ScenarioException(new ScenarioError(path, "", line, column, string.Create(CultureInfo.InvariantCulture,
                $"byte 0x{utf8[read]:X2} is not UTF-8: scenario files are UTF-8; re-save the file as UTF-8 (in most editors: Save As, encoding UTF-8), or write the character another way")));
        }

        return new string(text, 0, written);
    }

    /// <summary>
    /// Parses and validates scenario text; <paramref name="source"/> names it in messages, and the files it names (a
    /// zones file, a travel-time matrix) come from <paramref name="files"/> (default: beside <paramref name="source"/>).
    /// </summary>
    public static Scenario Parse(string yaml, string source, IEnumerable<string>? overrides = null, IScenarioFiles? files = null) =>
        Bind(ParseTree(yaml, source), source, overrides, files);

    /// <summary>
    /// As <see cref="Parse(string, string, IEnumerable{string}?, IScenarioFiles?)"/> from text parsed once with
    /// <see cref="Record"/>: a sweep builds each of its points from the same base text with different overrides, and
    /// replaying the recorded YAML events skips the scanner (most of the cost of a parse) for every point after the first.
    /// </summary>
    public static Scenario ParseRecorded(RecordedYaml text, IEnumerable<string>? overrides = null, IScenarioFiles? files = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Bind(ParseTree(new ReplayParser(text.Events), text.Source), text.Source, overrides, files);
    }

    /// <summary>Parses YAML text once, keeping its events for <see cref="ParseRecorded"/>.</summary>
    /// <exception cref="ScenarioException">The text is not valid YAML or not a mapping (the messages of <see cref="ParseTree(string, string)"/>).</exception>
    public static RecordedYaml Record(string yaml, string source)
    {
        var recorder = new RecordingParser(new DepthLimitedParser(yaml));
        ParseTree(recorder, source);
        return new RecordedYaml(recorder.Events, source);
    }

    private static Scenario Bind(YamlMappingNode root, string source, IEnumerable<string>? overrides, IScenarioFiles? files)
    {
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
    public static YamlMappingNode ParseTree(string yaml, string source) => ParseTree(new DepthLimitedParser(yaml), source);

    private static YamlMappingNode ParseTree(IParser parser, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
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
