using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PatrolSim.Output;

namespace PatrolSim.Output.Tests;

public partial class OutputConventionTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(-2.5e-300, "-2.5E-300")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.NaN, "")]
    public void RoundTrip_WritesInvariantShortestFormAndEmptyForNaN(double value, string expected) =>
        Assert.Equal(expected, Numbers.RoundTrip(value));

    [Fact]
    public void Line_QuotesOnlyWhereNeededAndEndsWithLf() =>
        Assert.Equal("a,\"b,c\",\"say \"\"hi\"\"\",,x\n", Csv.Line(["a", "b,c", "say \"hi\"", "", "x"]));

    [Fact]
    public void Json_WritesNullForNonFinite_CamelCaseNames_KeysAsGiven_AndLfLineEnds()
    {
        using var stream = new MemoryStream();
        var sample = new Sample(1.5, double.NaN, double.PositiveInfinity, new Dictionary<string, double> { ["responseTime.p90"] = 2 }, "é<");

        Json.Write(stream, sample, Context.Sample);

        Assert.Equal("{\n  \"first\": 1.5,\n  \"notApplicable\": null,\n  \"infinite\": null,\n  \"byName\": {\n    \"responseTime.p90\": 2\n  },\n  \"text\": \"\\u00E9\\u003C\"\n}",
            Encoding.UTF8.GetString(stream.ToArray()));
        var back = Json.Read(stream.ToArray(), Context.Sample)!;
        Assert.Equal((1.5, double.NaN, double.NaN, 2.0), (back.First, back.NotApplicable, back.Infinite, back.ByName["responseTime.p90"]));
    }

    [Fact]
    public void Json_RefusesToRead_AFileWithoutARequiredProperty()
    {
        Assert.Throws<JsonException>(() => Json.Read("{ \"first\": 1 }"u8, Context.Sample));
    }

    private static readonly SampleContext Context = new(Json.NewSerializerOptions());

    internal sealed record Sample(double First, double NotApplicable, double Infinite, IReadOnlyDictionary<string, double> ByName, string Text);

    [JsonSerializable(typeof(Sample))]
    internal sealed partial class SampleContext : JsonSerializerContext;

    [Fact]
    public void WriteText_WritesUtf8WithoutBomAndLfLineEnds()
    {
        string path = Path.Combine(Path.GetTempPath(), $"patrolsim-output-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.txt");
        try
        {
            AtomicFile.WriteText(path, w =>
            {
                w.WriteLine("é");
                w.WriteLine();
            });
            Assert.Equal([0xC3, 0xA9, (byte)'\n', (byte)'\n'], File.ReadAllBytes(path));
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_WhenTheWriterThrows_LeavesTheTargetAsItWasAndNoTemporaryFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"patrolsim-output-fail-{Environment.ProcessId}.txt");
        try
        {
            File.WriteAllText(path, "old");
            Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(path, w =>
            {
                w.Write("half");
                throw new InvalidOperationException("boom");
            }));
            Assert.Equal("old", File.ReadAllText(path));
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
