using System.CommandLine;
using System.Globalization;

namespace PatrolSim.Cli.Commands;

/// <summary><c>patrolsim validate</c>: checks a scenario file and reports every problem at once.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext ctx)
    {
        var scenario = CommonOptions.ScenarioArgument();
        var set = CommonOptions.Set();
        var cmd = new Command("validate", "Check a scenario file and list every problem (exit code 2 when there are any)") { scenario, set };
        cmd.SetAction(p =>
        {
            var s = CommonOptions.LoadScenario(p.GetValue(scenario)!, null, p.GetValue(set) ?? []);
            int units = s.Staffing.Shifts.Sum(sh => sh.Officers);
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.GetValue(scenario)}: valid: \"{s.Name}\", {s.Horizon.Days:0.##} days, {s.City.Zones.Count} zones, {s.Demand.CallTypes.Count} call types, {s.Staffing.Shifts.Count} shifts ({units} officer-shifts a day)"));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
