using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PatrolSim.Calibration.Tests.Fitting;

/// <summary>Checks emitted YAML against the scenario schema draft (/work/notes/scenario-schema.md): keys, types, ranges.</summary>
internal static class ScenarioYamlShape
{
    private static readonly Dictionary<string, string[]> Keys = new()
    {
        [""] = ["name", "description", "horizon", "city", "demand", "travel", "staffing", "policy", "riskWeights", "targets"],
        ["horizon"] = ["days", "warmupDays"],
        ["city"] = ["widthKm", "heightKm", "beats", "zones"],
        ["city.beats"] = ["rows", "cols", "weights"],
        ["demand"] = ["callsPerDay", "multiplier", "profile", "callTypes", "selfInitiated"],
        ["demand.profile"] = ["hourly", "daily", "weekly"],
        ["demand.callTypes[]"] = ["name", "share", "priority", "onScene", "officers", "risk", "needsUnit"],
        ["demand.selfInitiated"] = ["ratePerUnitHour", "onScene", "risk"],
        ["travel"] = ["model", "detour", "turnoutMinutes", "speedKmh", "noiseCv"],
        ["staffing"] = ["scale", "shifts"],
        ["staffing.shifts[]"] = ["name", "start", "hours", "officers", "twoOfficerShare"],
        ["policy"] = ["crew", "backup", "dispatch", "changes"],
        ["policy.crew"] = ["twoOfficerShare"],
        ["policy.backup"] = ["rule", "minRisk", "engage"],
        ["policy.dispatch"] = ["rule", "preferences"],
    };

    public static YamlMappingNode AssertValid(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        CheckKeys(root, "");
        Assert.False(string.IsNullOrWhiteSpace(Str(root, "name")));

        var demand = Map(root, "demand");
        Assert.True(Num(demand, "callsPerDay") > 0);
        var weekly = ((YamlSequenceNode)Map(demand, "profile").Children[new YamlScalarNode("weekly")]).Children.Select(Num).ToArray();
        Assert.Equal(168, weekly.Length);
        Assert.All(weekly, v => Assert.True(v >= 0));
        Assert.Equal(1.0, weekly.Average(), 3);

        var types = ((YamlSequenceNode)demand.Children[new YamlScalarNode("callTypes")]).Children.Cast<YamlMappingNode>().ToArray();
        Assert.NotEmpty(types);
        Assert.Equal(types.Length, types.Select(t => Str(t, "name")).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1.0, types.Sum(t => Num(t, "share")), 3);
        foreach (var t in types)
        {
            Assert.InRange(Num(t, "priority"), 1, 9);
            if (t.Children.ContainsKey(new YamlScalarNode("officers"))) Assert.InRange(Num(t, "officers"), 2, 20);
            CheckDistribution(Map(t, "onScene"));
        }
        if (demand.Children.ContainsKey(new YamlScalarNode("selfInitiated")))
        {
            var si = Map(demand, "selfInitiated");
            Assert.True(Num(si, "ratePerUnitHour") > 0);
            CheckDistribution(Map(si, "onScene"));
        }
        foreach (var shift in ((YamlSequenceNode)Map(root, "staffing").Children[new YamlScalarNode("shifts")]).Children.Cast<YamlMappingNode>())
        {
            Assert.Matches("^[0-2][0-9]:[0-5][0-9]$", Str(shift, "start"));
            Assert.True(Num(shift, "officers") >= 1);
        }
        return root;
    }

    private static void CheckDistribution(YamlMappingNode d)
    {
        var dist = Str(d, "dist");
        var keys = d.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).Order(StringComparer.Ordinal).ToArray();
        switch (dist)
        {
            case "lognormal":
                Assert.Equal(["cv", "dist", "mean"], keys);
                Assert.True(Num(d, "mean") > 0 && Num(d, "cv") > 0);
                break;
            case "exponential":
                Assert.Equal(["dist", "mean"], keys);
                break;
            case "empirical":
                Assert.Equal(["dist", "values"], keys);
                var values = ((YamlSequenceNode)d.Children[new YamlScalarNode("values")]).Children.Select(Num).ToArray();
                Assert.NotEmpty(values);
                Assert.Equal(values.Order().ToArray(), values);
                break;
            default:
                Assert.Fail($"unexpected dist {dist}");
                break;
        }
    }

    private static void CheckKeys(YamlNode node, string path)
    {
        if (node is YamlMappingNode map)
        {
            if (Keys.TryGetValue(path, out var allowed))
            {
                foreach (var key in map.Children.Keys.Cast<YamlScalarNode>())
                    Assert.True(allowed.Contains(key.Value), $"unknown key '{key.Value}' under '{path}'");
            }
            foreach (var (key, value) in map.Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                if (path is "demand.callTypes[]" or "demand.selfInitiated" && name == "onScene") continue;
                CheckKeys(value, path.Length == 0 ? name : $"{path}.{name}");
            }
        }
        else if (node is YamlSequenceNode seq)
        {
            foreach (var child in seq.Children) CheckKeys(child, path + "[]");
        }
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Str(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static double Num(YamlMappingNode node, string key) => Num(node.Children[new YamlScalarNode(key)]);

    private static double Num(YamlNode node) => double.Parse(((YamlScalarNode)node).Value!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
