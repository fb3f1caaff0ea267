using PatrolSim.Output;

namespace PatrolSim.Output.Tests;

/// <summary>Problems name settings as terms: in a library's own words, or each front end's (the CLI's flags).</summary>
public class ProblemTests
{
    private static readonly Setting Min = new("min");
    private static readonly Setting Max = new("max");

    private static string Flag(string term) => "--" + term;

    [Fact]
    public void Of_WordsSettingsAsTerms_InTheLibrarysWords_OrAFrontEnds()
    {
        var p = Problem.Of($"{Min} {2.5:0.0} must be less than {Max} {1}");

        Assert.Equal("{min} 2.5 must be less than {max} 1", p.Template);
        Assert.Equal("min 2.5 must be less than max 1", p.ToString());
        Assert.Equal("--min 2.5 must be less than --max 1", p.Naming(Flag));
    }

    [Fact]
    public void Of_KeepsBracesOfValuesAndOfTheText_Literal()
    {
        string value = "{min}";
        var p = Problem.Of($"{Min} '{value}' is not a number; write {{ min: 1 }}");

        Assert.Equal("min '{min}' is not a number; write { min: 1 }", p.ToString());
        Assert.Equal("--min '{min}' is not a number; write { min: 1 }", p.Naming(Flag));
    }

    [Fact]
    public void Plain_NamesNoSetting()
    {
        var p = Problem.Plain("give {min} as { a: 1 }");

        Assert.Equal("give {min} as { a: 1 }", p.Naming(Flag));
    }

    [Fact]
    public void Exceptions_CarryTheirExitCode()
    {
        Assert.Equal(2, new Sample("bad input", ExitCodes.InvalidInput).ExitCode);
        Assert.Equal(1, new Sample("disk full", ExitCodes.Failure).ExitCode);
        Assert.Equal(["bad input"], new Sample("bad input", ExitCodes.InvalidInput).Problems);
        Assert.False(new Sample("x", 2).ProblemsAreLocated);
    }

    private sealed class Sample(string message, int exitCode) : PatrolSimException(message, exitCode);
}
