using System.Globalization;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;
using YamlDotNet.RepresentationModel;

namespace PatrolSim.Experiments;

/// <summary>
/// A comparison file (docs/sweeps.md): named variants, each a scenario file and/or overrides of the base,
/// with replications, seed and days. <c>patrolsim compare FILE</c> runs it; the first variant is the reference.
/// </summary>
/// <param name="Variants">The variants, validated.</param>
/// <param name="Replications">Replications, if given.</param>
/// <param name="Seed">Seed, if given.</param>
public sealed record ComparisonFile(IReadOnlyList<Variant> Variants, int? Replications, ulong? Seed)
{
    /// <summary>Whether a YAML file is a comparison file (a mapping with a <c>variants</c> key) rather than a scenario.</summary>
    public static bool IsComparisonFile(string path)
    {
        try
        {
            var root = ScenarioLoader.ParseTree(ScenarioLoader.ReadText(path), path);
            return root.Children.ContainsKey(new YamlScalarNode("variants"));
        }
        catch (Exception e) when (e is ScenarioException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Loads a comparison file and every variant's scenario; all problems come back in one <see cref="ScenarioException"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="extraOverrides">Overrides applied to every variant first (e.g. the horizon's days and other overrides).</param>
    public static ComparisonFile Load(string path, IReadOnlyList<string> extraOverrides)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(extraOverrides);
        var root = ScenarioLoader.ParseTree(ScenarioLoader.ReadText(path), path);
        var reader = new YamlReader(path);
        var map = new MapReader(reader, root, "");
        map.Text("name");
        map.Text("description");
        string? baseName = map.Text("base");
        int? reps = map.Integer("replications", 2, 100000);
        ulong? seed = null;
        if (map.Get("seed") is { } seedNode)
        {
            if (seedNode is YamlScalarNode s && ulong.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
            {
                seed = v;
            }
            else
            {
                reader.Error(seedNode, "seed", $"must be a whole number from 0 to {ulong.MaxValue}, not {YamlReader.Describe(seedNode)}");
            }
        }

        var specs = new List<(string Name, string File, List<string> Sets, YamlNode Node, string Path)>();
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (map.Get("variants", required: true, hint: "list the variants, e.g. - { name: paired, set: { policy.crew.twoOfficerShare: 1 } }") is { } vnode
            && reader.Sequence(vnode, "variants") is { } seq)
        {
            for (int i = 0; i < seq.Children.Count; i++)
            {
                string vpath = string.Create(CultureInfo.InvariantCulture, $"variants[{i}]");
                var vm = reader.Map(seq.Children[i], vpath);
                if (vm is null)
                {
                    continue;
                }

                string? name = vm.Text("name", required: true, hint: "give each variant a short name such as paired");
                string? file = vm.Text("file");
                var sets = new List<string>();
                if (vm.Map("set") is { } setMap)
                {
                    foreach (var (key, _, value) in setMap.Entries)
                    {
                        if (value is YamlScalarNode sv && sv.Value is not null)
                        {
                            sets.Add(key + "=" + sv.Value);
                        }
                        else
                        {
                            reader.Error(value, setMap.PathOf(key), $"must be a single value, not {YamlReader.Describe(value)}");
                        }
                    }
                }

                vm.ReportUnknown();
                if (file is null && baseName is null)
                {
                    reader.Error(seq.Children[i], vpath, "has no file and there is no base; give file: SCENARIO.yaml here or base: at the top");
                    continue;
                }

                if (name is not null && specs.Any(s => s.Name == name))
                {
                    reader.Error(seq.Children[i], vpath + ".name", $"'{name}' is used twice; give each variant its own name");
                    continue;
                }

                if (name is not null)
                {
                    specs.Add((name, file ?? baseName!, sets, seq.Children[i], vpath));
                }
            }

            if (seq.Children.Count < 2)
            {
                reader.Error(vnode, "variants", "needs at least two variants; the first is the reference");
            }
        }

        map.ReportUnknown();
        if (reader.Errors.Count > 0)
        {
            throw new ScenarioException(reader.Errors);
        }

        var variants = new List<Variant>();
        var errors = new List<ScenarioError>();
        foreach (var (name, file, sets, node, vpath) in specs)
        {
            string full = Path.Combine(dir, file);
            if (!File.Exists(full))
            {
                errors.Add(new ScenarioError(path, vpath, (int)node.Start.Line, (int)node.Start.Column, $"scenario file '{file}' not found (paths are relative to the comparison file)"));
                continue;
            }

            try
            {
                var scenario = ScenarioLoader.Load(full, [.. extraOverrides, .. sets]);
                variants.Add(new Variant(name, scenario, sets.Count == 0 ? file : file + " with " + string.Join(", ", sets)));
            }
            catch (ScenarioException e)
            {
                errors.AddRange(e.Errors.Select(err => new ScenarioError(path, $"{vpath} ({name})", 0, 0, err.ToString())));
            }
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        return new ComparisonFile(variants, reps, seed);
    }
}
