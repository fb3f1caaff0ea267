using System.CommandLine;
using System.Globalization;
using PatrolSim.Experiments.Sweeps;

namespace PatrolSim.Cli.Commands;

/// <summary><c>patrolsim merge</c>: combines the shard folders of one sweep into the files of a single run.</summary>
internal static class MergeCommand
{
    public static Command Create(CliContext ctx)
    {
        var dirs = new Argument<string[]>("shards") { Description = "The output folders of shards 1/N … N/N (any order)", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for the merged results.csv, summary.csv and sweep.json", Required = true, HelpName = "DIR" };
        var cmd = new Command("merge", "Merge the shard folders of a sweep into files identical to an unsharded run") { dirs, outDir };
        cmd.SetAction(p =>
        {
            string output = p.GetValue(outDir)!;
            long jobs;
            try
            {
                jobs = SweepMerger.Merge(p.GetValue(dirs) ?? [], output);
            }
            catch (SweepException e)
            {
                throw new UserException(e.Message, e);
            }
            catch (IOException e)
            {
                throw new UserException($"merge: {e.Message}", e);
            }

            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"merged {p.GetValue(dirs)!.Length} shards, {jobs} jobs -> {output}: results.csv, summary.csv, sweep.json"));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
