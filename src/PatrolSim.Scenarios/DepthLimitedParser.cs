using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PatrolSim.Scenarios;

/// <summary>
/// A YAML parser that refuses nesting deeper than <see cref="MaxDepth"/> mappings and lists. YamlDotNet builds its
/// node tree recursively, so 40,000 nested '[' (80 KB) would overflow the stack and kill the process; no scenario,
/// sweep or comparison file needs more than a handful of levels.
/// </summary>
internal sealed class DepthLimitedParser(string yaml) : IParser
{
    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    private readonly Parser _inner = new(new StringReader(yaml));
    private int _depth;

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        if (!_inner.MoveNext())
        {
            return false;
        }

        switch (_inner.Current)
        {
            case MappingStart or SequenceStart when ++_depth > MaxDepth:
                throw new YamlException(_inner.Current.Start, _inner.Current.End, $"lists and mappings are nested more than {MaxDepth} levels deep; a scenario needs only a few");
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return true;
    }
}
