using System.Text;
using System.Text.Json;
using PatrolSim.Output;

namespace PatrolSim.Output.Tests;

public class OutputConventionTests
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
    public void Json_WritesNullForNonFiniteAndLfLineEnds()
    {
        using var stream = new MemoryStream();
        using (var w = Json.CreateWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumberOrNull("a", 1.5);
            w.WriteNumberOrNull("b", double.NaN);
            w.WriteNumberOrNull("c", double.PositiveInfinity);
            w.WriteEndObject();
        }

        Assert.Equal("{\n  \"a\": 1.5,\n  \"b\": null,\n  \"c\": null\n}", Encoding.UTF8.GetString(stream.ToArray()));
    }

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
