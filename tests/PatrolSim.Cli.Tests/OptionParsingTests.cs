namespace PatrolSim.Cli.Tests;

/// <summary>
/// Options with typed values are parsed by System.CommandLine: a bad value is a parse error (exit 2, nothing runs)
/// whose message names the option, the value and the fix, without the usage hint that a malformed command line gets.
/// </summary>
public sealed class OptionParsingTests
{
    private const string UsageHint = "Run 'patrolsim --help' or 'patrolsim COMMAND --help' for usage.\n";

    private static (int Exit, string Err) Run(params string[] args)
    {
        var (exit, output, err) = CliRunner.Run(args);
        Assert.Equal("", output);
        return (exit, err);
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("2")]
    [InlineData("1/2/3")]
    [InlineData("a/b")]
    [InlineData("-1/2")]
    [InlineData("1/100001")]
    public void Shard_BadValue_IsAParseError_NamingTheFix(string shard)
    {
        // The sweep file does not exist: a parse error is reported before anything is read.
        var (exit, err) = Run("sweep", "missing.yaml", "--out", "out", "--shard", shard);

        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: --shard '{shard}' must be K/N with 1 <= K <= N, e.g. --shard 2/8 for the second of eight shards, or auto\n", err);
    }

    [Fact]
    public void MissingValue_StillGetsTheUsageHint()
    {
        var (exit, err) = Run("sweep", "missing.yaml", "--out", "out", "--shard");

        Assert.Equal(2, exit);
        Assert.Equal("patrolsim: Required argument missing for option: '--shard'.\n" + UsageHint, err);
    }

    /// <summary>Command lines whose every problem is in option values, and the complete standard error (exit 2, no usage hint).</summary>
    public static TheoryData<string[], string[]> BadValues() => new()
    {
        {
            // Every bad --target is its own parse error; the scenario (missing) is never read.
            ["staff", "missing.yaml", "--target", "responseTime.p90@1 < 10", "-t", "queueDelay.mean <= 1", "-t", "responseTime.p90 <= ten"],
            [
                "--target 'responseTime.p90@1 < 10' must look like \"METRIC[@PRIORITY] <= VALUE\" or \">= VALUE\", e.g. --target \"responseTime.p90@1 <= 10\"",
                "--target 'responseTime.p90 <= ten': 'ten' is not a number",
            ]
        },
        {
            // The search range is checked (every problem at once) before the scenario is read.
            ["staff", "missing.yaml", "--target", "queueDelay.mean <= 1", "--min", "2", "--max", "1", "-r", "1"],
            [
                "--min 2 must be less than --max 1",
                "--replications must be at least 2: targets are judged at a confidence bound",
            ]
        },
        {
            ["compare", "missing.yaml", "--variant", "paired", "-v", "ok:staffing.scale=2", "-v", "a b:x=1"],
            [
                "--variant 'paired' must look like NAME:key=value[,key=value] with a name of letters, digits, '-' or '_', e.g. --variant paired:policy.crew.twoOfficerShare=1",
                "--variant 'a b:x=1' must look like NAME:key=value[,key=value] with a name of letters, digits, '-' or '_', e.g. --variant paired:policy.crew.twoOfficerShare=1",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadValues_AreEachReported_AndNothingIsRead(string[] args, string[] problems)
    {
        var (exit, err) = Run(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Concat(problems.Select(p => "patrolsim: " + p + "\n")), err);
    }
}
