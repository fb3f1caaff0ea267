using System.CommandLine;
using System.Globalization;
using PatrolSim.Experiments.Sweeps;
using PatrolSim.Output;

namespace PatrolSim.Cli.Commands;

/// <summary>The settings of one <c>patrolsim merge</c>.</summary>
internal sealed record MergeSettings(IReadOnlyList<string> ShardDirs, string OutDir);

/// <summary><c>patrolsim merge</c>: combines the shard folders of one sweep into the files of a single run.</summary>
internal static class MergeCommand
{
    public static Command Create(CliContext ctx)
    {
        var dirs = new Argument<string[]>("shards") { Description = "The output folders of shards 1/N … N/N (any order)", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for the merged results.csv, summary.csv and sweep.json", Required = true, HelpName = "DIR" };
        var cmd = new Command("merge", "Merge the shard folders of a sweep into files identical to an unsharded run") { dirs, outDir };
        cmd.SetAction(p => Execute(ctx, new MergeSettings(p.GetValue(dirs) ?? [], p.GetValue(outDir)!)));
        return cmd;
    }

    public static int Execute(CliContext ctx, MergeSettings s)
    {
        OutputFiles.Check([], [("--out", s.OutDir)]);
        long jobs;
        try
        {
            jobs = SweepMerger.Merge(s.ShardDirs, s.OutDir);
        }
        catch (IOException e)
        {
            throw new OutputException($"merge: {e.Message}", e);
        }

        var manifest = SweepManifest.Read(s.OutDir);
        string files = SweepResults.FileName(manifest.Format) + (manifest.Design.Kind == Experiments.Sweeps.Designs.DesignKind.Grid ? ", summary.csv" : "") + ", sweep.json";
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"merged {s.ShardDirs.Count} shards, {jobs} jobs -> {s.OutDir}: {files}"));
        return ExitCodes.Ok;
    }
}
