using System.Text.Json;
using PatrolSim.Scenarios;
using PatrolSim.Web;

namespace PatrolSim.Web.Tests;

/// <summary>The levers offered are the CLI's overrides: every value in a lever's range makes a valid scenario, and the file's values change nothing.</summary>
public sealed class LeverTests
{
    private static readonly ScenarioCatalog Catalog = new(null);

    public static TheoryData<string> Ids => [.. Catalog.Entries.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryLeverAtEachEndOfItsRange_OrAtEachOption_GivesAValidScenario(string id)
    {
        var entry = Catalog.Find(id)!;
        foreach (var lever in Levers.For(entry.Scenario))
        {
            object[] values = lever.Kind == "choice" ? [.. lever.Options!] : [lever.Min!.Value, lever.Max!.Value];
            foreach (object value in values)
            {
                var overrides = Levers.Overrides([lever], new Dictionary<string, JsonElement> { [lever.Key] = JsonSerializer.SerializeToElement(value) });
                var ex = Record.Exception(() => ScenarioLoader.Parse(entry.Text.Yaml, entry.Text.Source, overrides, entry.Text.Files));
                Assert.True(ex is null, $"{id}: {lever.Key}={value}: {ex?.Message}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryLeverAtTheFilesValue_GivesTheFilesScenario(string id)
    {
        var entry = Catalog.Find(id)!;
        var levers = Levers.For(entry.Scenario);
        var overrides = Levers.Overrides(levers, levers.ToDictionary(l => l.Key, l => JsonSerializer.SerializeToElement(l.Value)));

        Assert.Equal(levers.Count, overrides.Count);
        var same = ScenarioLoader.Parse(entry.Text.Yaml, entry.Text.Source, overrides, entry.Text.Files);
        Assert.Equal(Json(entry.Scenario), Json(same));
    }

    private static string Json(object scenario) => JsonSerializer.Serialize(scenario);
}
