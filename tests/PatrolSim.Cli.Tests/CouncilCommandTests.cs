using System.Text.Json;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// Issue 27's "done when", through the real command line: run's fteNeeded halves when the hours an officer is on duty
/// double; the bundled council scenario gives expected assaults and injuries, and compare on it shows their paired
/// difference with a 95% interval beside the response-time and cost differences; staff answers in officers on duty and
/// in FTEs, and takes a budget.
/// </summary>
public sealed class CouncilCommandTests
{
    private static readonly string Council = CliRunner.Scenario("council-illustrative.yaml");

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Fact]
    public void Run_FteNeeded_HalvesWhenAvailableHoursDouble()
    {
        string dir = CliRunner.TempDir();
        JsonElement Fte(string hours, string file)
        {
            var (exit, _, err) = CliRunner.Run("run", CliRunner.Scenario("classroom-small-town.yaml"), "--days", "3", "-r", "3", "--seed", "5",
                "--set", "staffing.availableHoursPerOfficer=" + hours, "--set", "staffing.contractHoursPerYear=4000", "--json", Path.Combine(dir, file));
            Assert.True(exit == 0, err);
            return Json(Path.Combine(dir, file)).GetProperty("metrics").GetProperty("fteNeeded");
        }

        var single = Fte("1698", "a.json");
        var doubled = Fte("3396", "b.json");
        Assert.Equal("FTE", single.GetProperty("unit").GetString());
        foreach (string p in new[] { "mean", "ci95Low", "ci95High" })
        {
            Assert.True(single.GetProperty(p).GetDouble() > 0);
            Assert.Equal(single.GetProperty(p).GetDouble() / 2, doubled.GetProperty(p).GetDouble());
        }
    }

    [Fact]
    public void Run_Json_HasTheCouncilBasis_AndNoSafetyFiguresWithoutASafetySection()
    {
        string json = Path.Combine(CliRunner.TempDir(), "s.json");
        var (exit, output, err) = CliRunner.Run("run", CliRunner.Scenario("classroom-small-town.yaml"), "--days", "2", "-r", "2", "--json", json);
        Assert.True(exit == 0, err);
        var root = Json(json);
        var council = root.GetProperty("council");
        Assert.Equal(2080, council.GetProperty("contractHoursPerYear").GetDouble());
        Assert.Equal(1698, council.GetProperty("availableHoursPerOfficer").GetDouble(), 9);
        Assert.Equal("default", council.GetProperty("availableHoursSource").GetString());
        Assert.Equal(2080 / 1698.0, council.GetProperty("reliefFactor").GetDouble(), 12);
        Assert.False(council.TryGetProperty("costs", out _));
        Assert.False(council.TryGetProperty("safety", out _));
        var metrics = root.GetProperty("metrics");
        Assert.True(metrics.TryGetProperty("fteNeeded", out _));
        Assert.False(metrics.TryGetProperty("annualCost", out _));
        Assert.False(metrics.TryGetProperty("expectedInjuries", out _));
        Assert.DoesNotContain("expectedInjuries", output, StringComparison.Ordinal);
        Assert.DoesNotContain("annualCost", output, StringComparison.Ordinal);
        Assert.Contains("relief factor 1.225 officers employed per officer scheduled", output.Replace("\n  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CouncilScenario_GivesExpectedAssaultsAndInjuriesAYear_AndSaysTheRatesAreInputs()
    {
        string json = Path.Combine(CliRunner.TempDir(), "c.json");
        var (exit, output, err) = CliRunner.RunWithWidth(200, "run", Council, "--days", "3", "-r", "3", "--json", json);
        Assert.True(exit == 0, err);
        var metrics = Json(json).GetProperty("metrics");
        Assert.True(metrics.GetProperty("expectedAssaults").GetProperty("mean").GetDouble() > 0);
        Assert.Equal("per yr", metrics.GetProperty("expectedInjuries").GetProperty("unit").GetString());
        Assert.Equal("USD/yr", metrics.GetProperty("annualCost").GetProperty("unit").GetString());
        Assert.Matches(@"│ expectedInjuries +│ per yr │ +\d+\.\d\d ± \d+\.\d\d │", output);
        Assert.Contains("Safety figures: assault rates and injury shares are inputs (safety: section), not findings; intervals cover simulation noise only.", output, StringComparison.Ordinal);
        var safety = Json(json).GetProperty("council").GetProperty("safety");
        Assert.Equal(0.454, safety.GetProperty("injuryWhenAssaulted").GetProperty("alone").GetDouble());
        Assert.Contains("Police Journal 63(3), 1990", safety.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_AllPaired_ShowsSafetyCostAndResponseDifferencesWithIntervals()
    {
        string json = Path.Combine(CliRunner.TempDir(), "cmp.json");
        var (exit, output, err) = CliRunner.RunWithWidth(200, "compare", Council, "--variant", "paired:policy.crew.twoOfficerShare=1",
            "--days", "4", "-r", "5", "--json", json);
        Assert.True(exit == 0, err);

        // Beside each other in the table: a Δ cell "+1.23 [+0.98, +1.48] *" for response, cost, assaults and injuries.
        foreach (string row in new[] { "responseTime.mean@1", "annualCost", "expectedAssaults", "expectedInjuries" })
        {
            Assert.Matches($@"│ {System.Text.RegularExpressions.Regex.Escape(row)} +│ [^│]+│ [^│]+│ [^│]+│ +[+−]?[\d.]+ \[[+−]?[\d.]+, [+−]?[\d.]+\]( \*)? │", output);
        }

        var metrics = Json(json).GetProperty("metrics");
        foreach (string m in new[] { "responseTime.mean@1", "annualCost", "expectedAssaults", "expectedInjuries", "fteNeeded" })
        {
            var d = metrics.GetProperty(m).GetProperty("pairedDifferences").GetProperty("paired");
            double low = d.GetProperty("ci95Low").GetDouble(), mean = d.GetProperty("mean").GetDouble(), high = d.GetProperty("ci95High").GetDouble();
            Assert.True(low <= mean && mean <= high, $"{m}: {low} {mean} {high}");
            Assert.Equal(5, d.GetProperty("n").GetInt32());
        }

        // Half the cars when every officer is paired: 48 → 24 cars at 12,000 a year each.
        var variants = Json(json).GetProperty("variants");
        Assert.Equal(48, variants[0].GetProperty("council").GetProperty("carsOnDuty").GetInt32());
        Assert.Equal(24, variants[1].GetProperty("council").GetProperty("carsOnDuty").GetInt32());
    }

    [Fact]
    public void Staff_AnswersInOfficersOnDutyAndInFtes()
    {
        var (exit, output, err) = CliRunner.RunWithWidth(200, "staff", CliRunner.Scenario("classroom-small-town.yaml"), "--target", "responseTime.mean@1 <= 30",
            "--min", "0.5", "--max", "1", "--step", "0.5", "-r", "3", "--days", "2");
        Assert.True(exit == 0, err);
        Assert.Matches(@"Smallest staffing\.scale meeting every target: [\d.]+( \(the smallest level searched; lower --min to look further\))?; \d+ officer-shifts a day on duty, \d+\.\d( ± \d+\.\d)? FTEs to employ", output);
        Assert.Contains("│ Officer-shifts a day │ FTEs to employ │", output, StringComparison.Ordinal);
    }

    /// <summary>With no answer the table still shows FTEs, so their basis is printed too: 2,080 / 1,698 hours = 1.225 (by hand).</summary>
    [Theory]
    [InlineData("--target", "responseTime.mean@1 <= 1", "No level up to staffing.scale = 1 meets every target")]
    [InlineData("--budget", "fteNeeded <= 10", "Even staffing.scale = 0.5 is over fteNeeded <= 10")]
    public void Staff_NoAnswer_StillSaysHowOfficersBecomeFtes(string option, string value, string expected)
    {
        var (exit, output, _) = CliRunner.RunWithWidth(200, "staff", Council, option, value, "--min", "0.5", "--max", "1", "--step", "0.5",
            "-r", "2", "--days", "3");
        Assert.Equal(1, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains("│ FTEs to employ │", output, StringComparison.Ordinal);
        Assert.Contains("relief factor 1.225 officers employed per officer scheduled (2080 / 1698 hours).", output.Replace("\n  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Costs a year in USD:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_Budget_GivesTheBestResponseForAtMostSoManyFtes()
    {
        var (exit, output, err) = CliRunner.RunWithWidth(200, "staff", Council, "--budget", "fteNeeded <= 140", "--min", "0.8", "--max", "1.2", "--step", "0.1",
            "-r", "3", "--days", "3");
        Assert.True(exit == 0, err);
        // 68 officer-shifts of 10 h a day at scale 1 are 248,200 h a year, 146.2 FTEs before overtime: scale 0.9 (61 officers,
        // about 131 FTEs) fits under 140, scale 1 does not.
        Assert.Matches(@"Best within fteNeeded <= 140: staffing\.scale = 0\.9; responseTime\.mean@1 [\d.]+ ± [\d.]+ min; 61 officer-shifts a day on duty, 13\d\.\d ± \d+\.\d FTEs to employ", output);
        Assert.Contains("(next up, over)", output, StringComparison.Ordinal);
        Assert.Contains("Confirmation of staffing.scale = 0.9 on 9 fresh replications (replications 3 to 11 of seed 1; the search used replications below 3):", output, StringComparison.Ordinal);
        Assert.Matches(@"│ fteNeeded <= 140 +│ +13\d\.\d ± \d+\.\d \(bound 13\d\.\d\) │ yes +│ +100% │", output);
    }

    [Fact]
    public void StaffPerShift_Budget_GivesTheRosterAndEachShiftOneMoreOverIt()
    {
        var (exit, output, err) = CliRunner.RunWithWidth(200, "staff", Council, "--per-shift", "--budget", "fteNeeded <= 140", "-r", "2",
            "--confirm-replications", "3", "--days", "3");
        Assert.True(exit == 0, err);
        Assert.Matches(@"Best within fteNeeded <= 140: responseTime\.mean@1 [\d.]+ ± [\d.]+ min; \d+ officer-shifts a day on duty, 1[23]\d\.\d ± \d+\.\d FTEs to employ", output);
        Assert.Contains("each over the budget", output, StringComparison.Ordinal);
        Assert.Contains("refined with 3, the answer confirmed on 3 fresh ones", output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal); // the header wraps
        Assert.Contains("Confirmation of the answer on 3 fresh replications (replications 3 to 5 of seed 1; the search used replications below 3):", output, StringComparison.Ordinal);
        foreach (string shift in new[] { "day", "evening", "night" })
        {
            Assert.Matches($@"│ +{shift} \+1 │ +\d+ │ +\d+\.\d ± \d+\.\d │ +[^│]+ no │ no +│", output);
        }
    }

    [Theory]
    [InlineData(new[] { "--budget", "fteNeeded >= 100" }, "patrolsim: --budget 'fteNeeded >= 100': a budget is an upper bound; write <=, e.g. --budget \"fteNeeded <= 300\"")]
    [InlineData(new[] { "--budget", "fte <= 100" }, "patrolsim: --budget 'fte <= 100': unknown metric 'fte' (did you mean 'fteNeeded'?); see 'patrolsim run' output or docs/sweeps.md for the names")]
    [InlineData(new string[0], "patrolsim: give --target (the smallest staffing meeting it, e.g. --target \"responseTime.p90@1 <= 10\") or --budget (the best staffing within it, e.g. --budget \"fteNeeded <= 300\")")]
    [InlineData(new[] { "--budget", "fteNeeded <= 100", "--target", "responseTime.mean <= 9" }, "patrolsim: --target and --budget cannot be combined: --target finds the smallest staffing meeting targets, --budget the best within a budget; both answers show officers and FTEs")]
    [InlineData(new[] { "--target", "responseTime.mean <= 9", "--best", "responseTime.mean" }, "patrolsim: --best goes with --budget: it names the metric the budget's answer is about")]
    public void Staff_BadBudgetOrMode_IsAUserError_AndNothingRuns(string[] options, string expected)
    {
        var (exit, output, err) = CliRunner.Run(["staff", Council, .. options]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal(expected, err.TrimEnd().Split('\n')[0]);
    }
}
