using System.CommandLine;
using System.Globalization;
using PatrolSim.Output;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim validate</c>.</summary>
internal sealed record ValidateSettings(string ScenarioPath, IReadOnlyList<string> Sets);

/// <summary><c>patrolsim validate</c>: checks a scenario file and reports every problem at once.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext ctx)
    {
        var scenario = CommonOptions.ScenarioArgument();
        var set = CommonOptions.Set();
        var cmd = new Command("validate", "Check a scenario file and list every problem (exit code 2 when there are any)") { scenario, set };
        cmd.SetAction(p => Execute(ctx, new ValidateSettings(p.GetValue(scenario)!, p.GetValue(set) ?? [])));
        return cmd;
    }

    public static int Execute(CliContext ctx, ValidateSettings s)
    {
        var scenario = CommonOptions.LoadScenario(s.ScenarioPath, null, s.Sets);
        int units = scenario.Staffing.Shifts.Sum(sh => sh.Officers);
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.ScenarioPath}: valid: \"{scenario.Name}\", {scenario.Horizon.Days:0.##} days, {scenario.City.Zones.Count} zones, {scenario.Demand.CallTypes.Count} call types, {scenario.Staffing.Shifts.Count} shifts ({units} officer-shifts a day)"));
        return ExitCodes.Ok;
    }
}
