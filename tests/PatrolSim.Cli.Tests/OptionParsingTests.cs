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
        Assert.Equal($"patrolsim: --shard '{shard}' must be K/N with 1 <= K <= N, e.g. --shard 2/8 for the second of eight shards\n", err);
    }

    [Fact]
    public void MissingValue_StillGetsTheUsageHint()
    {
        var (exit, err) = Run("sweep", "missing.yaml", "--out", "out", "--shard");

        Assert.Equal(2, exit);
        Assert.Equal("patrolsim: Required argument missing for option: '--shard'.\n" + UsageHint, err);
    }

    [Fact]
    public void Target_EveryBadValue_IsItsOwnParseError_AndNothingIsRead()
    {
        var (exit, err) = Run("staff", "missing.yaml", "--target", "responseTime.p90@1 < 10", "-t", "queueDelay.mean <= 1", "-t", "responseTime.p90 <= ten");

        Assert.Equal(2, exit);
        Assert.Equal(
            "patrolsim: --target 'responseTime.p90@1 < 10' must look like \"METRIC[@PRIORITY] <= VALUE\" or \">= VALUE\", e.g. --target \"responseTime.p90@1 <= 10\"\n" +
            "patrolsim: --target 'responseTime.p90 <= ten': 'ten' is not a number\n",
            err);
    }

    [Fact]
    public void Staff_BadRange_IsReportedWithEveryProblem_BeforeTheScenarioIsRead()
    {
        var (exit, err) = Run("staff", "missing.yaml", "--target", "queueDelay.mean <= 1", "--min", "2", "--max", "1", "-r", "1");

        Assert.Equal(2, exit);
        Assert.Equal(
            "patrolsim: --min 2 must be less than --max 1\n" +
            "patrolsim: --replications must be at least 2: targets are judged at a confidence bound\n",
            err);
    }

    [Fact]
    public void Variant_EveryMalformedValue_IsItsOwnParseError_AndNothingIsRead()
    {
        var (exit, err) = Run("compare", "missing.yaml", "--variant", "paired", "-v", "ok:staffing.scale=2", "-v", "a b:x=1");

        Assert.Equal(2, exit);
        Assert.Equal(
            "patrolsim: --variant 'paired' must look like NAME:key=value[,key=value] with a name of letters, digits, '-' or '_', e.g. --variant paired:policy.crew.twoOfficerShare=1\n" +
            "patrolsim: --variant 'a b:x=1' must look like NAME:key=value[,key=value] with a name of letters, digits, '-' or '_', e.g. --variant paired:policy.crew.twoOfficerShare=1\n",
            err);
    }
}
