using PatrolSim.Geography.Travel;

namespace PatrolSim.Geography.Tests.Travel;

public class TravelTimeMatrixTests
{
    private static readonly string[] Ids = ["A", "B", "C"];

    private static TravelTimeMatrix Parse(string csv) => TravelTimeMatrix.Parse(new StringReader(csv), "times.csv", Ids);

    private static IReadOnlyList<string> Errors(string csv) =>
        Assert.Throws<GeographyException>(() => Parse(csv)).Errors.Select(e => e.ToString()).ToList();

    private const string Full = """
        from,to,minutes
        A,B,4.5
        A,C,7
        B,A,5
        B,C,3.25
        C,A,8
        C,B,3
        A,A,0
        """;

    [Fact]
    public void Parse_OneBand_EveryPairAtEveryHour_DiagonalIgnored()
    {
        var m = Parse(Full);
        Assert.Equal([0], m.BandStartHours);
        Assert.Equal(3, m.ZoneCount);
        foreach (int hour in new[] { 0, 13, 23 })
        {
            Assert.Equal(4.5, m.Minutes(0, 1, hour));
            Assert.Equal(7, m.Minutes(0, 2, hour));
            Assert.Equal(5, m.Minutes(1, 0, hour));   // not symmetric: as the file says
            Assert.Equal(3.25, m.Minutes(1, 2, hour));
            Assert.Equal(8, m.Minutes(2, 0, hour));
            Assert.Equal(3, m.Minutes(2, 1, hour));
        }

        Assert.True(double.IsNaN(m.Minutes(0, 0, 12))); // within a zone: from its geometry, not the matrix
    }

    [Fact]
    public void Parse_TimeBands_EachHourUsesTheBandInForce_LastWrapsPastMidnight()
    {
        // Bands from 07:00 (rush) and 19:00 (night); hours 0–6 belong to the night band, which wraps past midnight.
        string csv = "From,TO,Minutes,startHour\n" + string.Join("\n",
            from band in new[] { (Start: 7, Scale: 2.0), (Start: 19, Scale: 1.0) }
            from pair in new[] { ("A", "B", 4.0), ("A", "C", 7.0), ("B", "A", 5.0), ("B", "C", 3.0), ("C", "A", 8.0), ("C", "B", 3.0) }
            select $"{pair.Item1},{pair.Item2},{pair.Item3 * band.Scale},{band.Start}");
        var m = Parse(csv);
        Assert.Equal([7, 19], m.BandStartHours);
        Assert.Equal(4.0, m.Minutes(0, 1, 0));
        Assert.Equal(4.0, m.Minutes(0, 1, 6));
        Assert.Equal(8.0, m.Minutes(0, 1, 7));
        Assert.Equal(8.0, m.Minutes(0, 1, 18));
        Assert.Equal(4.0, m.Minutes(0, 1, 19));
        Assert.Equal(4.0, m.Minutes(0, 1, 23));
    }

    [Fact]
    public void Parse_BadRows_EveryProblemWithLineAndColumn_Verbatim() =>
        Assert.Equal(
        [
            "times.csv:3: to: 'Z' is not a zone of the city (A, B, C); use the zones file's ids",
            "times.csv:4: minutes: is '-2'; a travel time is a number of minutes ≥ 0",
            "times.csv:5: minutes: is 'fast'; a travel time is a number of minutes ≥ 0",
            "times.csv:6: from: is empty; give a zone id of the city (A, B, C)",
            "times.csv:8: minutes: is 'NaN'; a travel time is a number of minutes ≥ 0",
        ],
        Errors("""
            from,to,minutes
            A,B,4.5
            A,Z,7
            B,A,-2
            B,C,fast
            ,A,8
            C,B,3
            C,A,NaN
            """));

    [Fact]
    public void Parse_RepeatedPair_NamesBothLines() =>
        Assert.Equal(["times.csv:9: repeats the pair A → B of line 2; give each pair once"], Errors(Full + "\nA,B,6"));

    [Fact]
    public void Parse_MissingPairs_CountedAndListed_PerBand() =>
        Assert.Equal(
        [
            "times.csv: misses 2 of the 6 ordered pairs of distinct zones (band from 00:00): B → C, C → A; give a time for every pair (from ≠ to) in every band",
            "times.csv: misses 6 of the 6 ordered pairs of distinct zones (band from 12:00): A → B, A → C, B → A, B → C, C → A, …; give a time for every pair (from ≠ to) in every band",
        ],
        Errors("""
            from,to,minutes,startHour
            A,B,4.5,0
            A,C,7,0
            B,A,5,0
            C,B,3,0
            A,A,0,12
            """));

    [Theory]
    [InlineData("24")]
    [InlineData("-1")]
    [InlineData("7.5")]
    [InlineData("")]
    public void Parse_BadStartHour_Verbatim(string hour) =>
        Assert.Equal([$"times.csv:2: startHour: is '{hour}'; a band's startHour is a whole hour from 0 to 23"], Errors($"from,to,minutes,startHour\nA,B,4,{hour}\n"));

    [Fact]
    public void Parse_MissingColumns_ListsTheHeaderFound() =>
        Assert.Equal(
        [
            "times.csv:1: has no column 'from'; the header is from,to,minutes (and startHour for time bands); this one has: origin, destination, minutes",
            "times.csv:1: has no column 'to'; the header is from,to,minutes (and startHour for time bands); this one has: origin, destination, minutes",
        ],
        Errors("origin,destination,minutes\nA,B,4\n"));

    [Fact]
    public void Parse_Empty_SaysWhatToGive() =>
        Assert.Equal(["times.csv: is empty; the header is from,to,minutes (and startHour for time bands), then one row per ordered pair of zones"], Errors(""));

    [Fact]
    public void Read_MissingFile_NamesIt()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "no-such-times.csv");
        var e = Assert.Single(Assert.Throws<GeographyException>(() => TravelTimeMatrix.Read(path, Ids)).Errors);
        Assert.Equal($"{path}: cannot be read (Could not find file '{path}'.); give the path of a travel-time matrix CSV", e.ToString());
    }

    [Fact]
    public void Parse_ManyZones_UnknownIdListsTheFirstFive()
    {
        string[] ids = ["Z1", "Z2", "Z3", "Z4", "Z5", "Z6", "Z7"];
        var e = Assert.Throws<GeographyException>(() => TravelTimeMatrix.Parse(new StringReader("from,to,minutes\nZ1,Q,3\n"), "t.csv", ids));
        Assert.Equal("t.csv:2: to: 'Q' is not a zone of the city (Z1, Z2, Z3, Z4, Z5, … 7 in all); use the zones file's ids", Assert.Single(e.Errors).ToString());
    }
}
