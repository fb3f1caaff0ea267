using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PatrolSim.Scenarios;

/// <summary>
/// YAML text parsed once (<see cref="ScenarioLoader.Record"/>): its parsing events, from which each
/// <see cref="ScenarioLoader.ParseRecorded"/> builds a fresh node tree
/// (overrides change the tree, never the events). The events are YamlDotNet's own immutable objects, with the
/// text's line and column marks, so messages are the same as from parsing the text again.
/// </summary>
public sealed class RecordedYaml
{
    internal RecordedYaml(IReadOnlyList<ParsingEvent> events, string source)
    {
        Events = events;
        Source = source;
    }

    /// <summary>What names the text in messages (a file path).</summary>
    public string Source { get; }

    internal IReadOnlyList<ParsingEvent> Events { get; }
}

/// <summary>Passes another parser's events through and keeps them.</summary>
internal sealed class RecordingParser(IParser inner) : IParser
{
    private readonly List<ParsingEvent> _events = [];

    public IReadOnlyList<ParsingEvent> Events => _events;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        _events.Add(inner.Current!);
        return true;
    }
}

/// <summary>Gives recorded events again, in order.</summary>
internal sealed class ReplayParser(IReadOnlyList<ParsingEvent> events) : IParser
{
    private int _next;

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        if (_next >= events.Count)
        {
            Current = null;
            return false;
        }

        Current = events[_next++];
        return true;
    }
}
