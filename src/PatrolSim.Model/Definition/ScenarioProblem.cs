using System.Globalization;

namespace PatrolSim.Model.Definition;

/// <summary>One broken rule of a scenario: where (the dotted key path of the file format) and what to do about it.</summary>
/// <param name="Path">Dotted key path, e.g. <c>policy.dispatch.reserve.keepFreeUnits</c> or <c>city.zones[1].id</c>.</param>
/// <param name="Message">What is wrong and the fix, as the file's messages say it.</param>
/// <param name="AtKey">True when the problem is the key itself (a zone id or priority used as a key), not its value.</param>
public sealed record ScenarioProblem(string Path, string Message, bool AtKey = false)
{
    /// <summary>"path: message".</summary>
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A scenario built in code breaks the rules a scenario file is checked against: every problem, by key path.</summary>
public sealed class InvalidScenarioException : ArgumentException
{
    /// <summary>Creates the exception from every problem found.</summary>
    public InvalidScenarioException(IReadOnlyList<ScenarioProblem> problems)
        : base(Describe(problems ?? throw new ArgumentNullException(nameof(problems))))
    {
        Problems = problems;
    }

    /// <summary>Required by the exception pattern.</summary>
    public InvalidScenarioException()
        : this([])
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public InvalidScenarioException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Required by the exception pattern.</summary>
    public InvalidScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Every problem, in the order of the file format's sections.</summary>
    public IReadOnlyList<ScenarioProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ScenarioProblem> problems) =>
        problems.Count == 1
            ? $"The scenario is not valid: {problems[0]}"
            : $"The scenario is not valid ({problems.Count.ToString(CultureInfo.InvariantCulture)} problems):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems);
}
