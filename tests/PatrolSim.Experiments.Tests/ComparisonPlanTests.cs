using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests;

public sealed class ComparisonPlanTests : IDisposable
{
    private readonly TestFiles _files = new();

    /// <summary>Every load, as (file, overrides), in order.</summary>
    private readonly List<(string File, string Overrides)> _loads = [];

    public void Dispose() => _files.Dispose();

    private Scenario Load(string file, IReadOnlyList<string> overrides)
    {
        _loads.Add((file, string.Join(" ", overrides)));
        return ScenarioLoader.Parse(TestFiles.SmallCity, file, overrides);
    }

    private static VariantSpec V(string text) => VariantSpec.TryParse(text, out var error) ?? throw new ArgumentException(error?.ToString());

    private ComparisonPlan Build(string[] inputs, string[] variants, bool noBase = false, int? replications = null, ulong? seed = null, string[]? overrides = null) =>
        ComparisonPlan.Build(inputs, [.. variants.Select(V)], noBase, replications, seed, overrides ?? [], Load);

    [Theory]
    [InlineData("paired:policy.crew.twoOfficerShare=1", "paired", new[] { "policy.crew.twoOfficerShare=1" })]
    [InlineData(" two : policy.backup.rule=all-calls , staffing.scale=1.5", "two", new[] { "policy.backup.rule=all-calls", "staffing.scale=1.5" })]
    [InlineData("zones:policy.paired.zones=[a, b],staffing.scale=2", "zones", new[] { "policy.paired.zones=[a, b]", "staffing.scale=2" })]
    public void VariantSpec_SplitsNameAndAssignments_KeepingCommasInsideValues(string text, string name, string[] assignments)
    {
        var v = V(text);
        Assert.Equal(text, v.Text);
        Assert.Equal(name, v.Name);
        Assert.Equal(assignments, v.Assignments);
    }

    [Theory]
    [InlineData("paired")]
    [InlineData("paired:")]
    [InlineData(":x=1")]
    [InlineData("a b:x=1")]
    [InlineData("a:x")]
    [InlineData("a:=1")]
    public void VariantSpec_Malformed_SaysWhatItMustLookLike(string text)
    {
        Assert.Null(VariantSpec.TryParse(text, out var error));
        Assert.Equal($"variant '{text}' must look like NAME:key=value[,key=value] with a name of letters, digits, '-' or '_', e.g. variant paired:policy.crew.twoOfficerShare=1", error?.ToString());
    }

    [Fact]
    public void BaseWithVariants_PutsTheBaseFirst_AndAppliesCommonOverridesBeforeEachVariantsOwn()
    {
        var plan = Build(["city.yaml"], ["paired:policy.crew.twoOfficerShare=1,staffing.scale=2"], overrides: ["horizon.days=3"]);

        Assert.Equal(["base", "paired"], plan.Variants.Select(v => v.Name));
        Assert.Equal("city.yaml with policy.crew.twoOfficerShare=1, staffing.scale=2", plan.Variants[1].Source);
        Assert.Equal([("city.yaml", "horizon.days=3"), ("city.yaml", "horizon.days=3 policy.crew.twoOfficerShare=1 staffing.scale=2")], _loads);
        Assert.Equal(2.0, plan.Variants[1].Scenario.Staffing.Scale);
        Assert.Equal((10, 1UL), (plan.Replications, plan.Seed)); // docs/sweeps.md: 10 replications, seed 1
    }

    [Fact]
    public void NoBase_MakesTheFirstVariantTheReference()
    {
        var plan = Build(["city.yaml"], ["solo:policy.crew.twoOfficerShare=0", "paired:policy.crew.twoOfficerShare=1"], noBase: true, replications: 4, seed: 9);

        Assert.Equal(["solo", "paired"], plan.Variants.Select(v => v.Name));
        Assert.Equal((4, 9UL), (plan.Replications, plan.Seed));
    }

    [Fact]
    public void WholeFiles_AreNamedByTheirFileNames()
    {
        var plan = Build(["a/one.yaml", "b/two.yml"], []);

        Assert.Equal(["one", "two"], plan.Variants.Select(v => v.Name));
        Assert.Equal(["a/one.yaml", "b/two.yml"], plan.Variants.Select(v => v.Source));
    }

    [Fact]
    public void ComparisonFile_TakesItsVariantsReplicationsAndSeed_UnlessGivenExplicitly()
    {
        string file = _files.Write("cmp.yaml", """
            base: city.yaml
            replications: 3
            seed: 5
            variants:
              - { name: solo }
              - { name: paired, set: { policy.crew.twoOfficerShare: 1 } }
            """);

        var fromFile = Build([file], []);
        var explicitly = Build([file], [], replications: 6, seed: 7);

        Assert.Equal(["solo", "paired"], fromFile.Variants.Select(v => v.Name));
        Assert.Equal((3, 5UL), (fromFile.Replications, fromFile.Seed));
        Assert.Equal((6, 7UL), (explicitly.Replications, explicitly.Seed));
        Assert.Empty(_loads);
    }

    [Theory]
    [InlineData(new[] { "city.yaml" }, new[] { "base:staffing.scale=2" }, false, null, "variant 'base:staffing.scale=2': the name 'base' is used twice; give each variant its own name")]
    [InlineData(new[] { "city.yaml" }, new[] { "a:staffing.scale=2", "a:staffing.scale=3" }, false, null, "variant 'a:staffing.scale=3': the name 'a' is used twice; give each variant its own name")]
    [InlineData(new[] { "city.yaml" }, new string[0], false, null, "a comparison needs at least two variants: add variant NAME:key=value (e.g. variant paired:policy.crew.twoOfficerShare=1) or give two or more scenario files")]
    [InlineData(new[] { "city.yaml" }, new[] { "a:staffing.scale=2" }, true, null, "a comparison needs at least two variants: add variant NAME:key=value (e.g. variant paired:policy.crew.twoOfficerShare=1) or give two or more scenario files")]
    [InlineData(new[] { "a.yaml", "b.yaml" }, new[] { "c:staffing.scale=2" }, false, null, "give either several scenario files or one base file with variant, not both")]
    [InlineData(new[] { "a.yaml", "b.yaml" }, new string[0], true, null, "give either several scenario files or one base file with variant, not both")]
    [InlineData(new[] { "x/a.yaml", "y/a.yaml" }, new string[0], false, null, "two scenario files are both named 'a'; rename one or use variant")]
    [InlineData(new[] { "a.yaml", "b.yaml" }, new string[0], false, 1, "replications must be a whole number from 2 to 100000 for paired confidence intervals")]
    [InlineData(new[] { "a.yaml", "b.yaml" }, new string[0], false, 100001, "replications must be a whole number from 2 to 100000 for paired confidence intervals")]
    public void Build_Problems_NameTheFix(string[] inputs, string[] variants, bool noBase, int? replications, string message)
    {
        var e = Assert.Throws<ExperimentException>(() => Build(inputs, variants, noBase, replications));
        Assert.Equal([message], e.Problems);
    }

    [Fact]
    public void ComparisonFile_RejectsVariantsAndNoBase()
    {
        string file = _files.Write("cmp.yaml", """
            base: city.yaml
            variants:
              - { name: solo }
              - { name: paired, set: { policy.crew.twoOfficerShare: 1 } }
            """);

        var e = Assert.Throws<ExperimentException>(() => Build([file], [], noBase: true));
        Assert.Equal($"{file} is a comparison file: it names its own variants, so variant and no-base do not apply", e.Message);
    }
}
