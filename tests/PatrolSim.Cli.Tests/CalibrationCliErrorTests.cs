namespace PatrolSim.Cli.Tests;

public class CalibrationCliErrorTests
{
    private static string WriteCsv(string dir, string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Calibrate_MissingFile_Exit2_NamesTheFile()
    {
        string dir = CliRunner.TempDir();
        string missing = Path.Combine(dir, "nope.csv");
        var (exit, output, err) = CliRunner.Run("calibrate", missing, "--out", Path.Combine(dir, "s.yaml"));
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"patrolsim: {missing}: CAD file not found; give the path of a CSV export with one row per call (see docs/calibration.md)\n", err);
        Assert.False(File.Exists(Path.Combine(dir, "s.yaml")));
    }

    [Fact]
    public void Calibrate_NoReceivedColumn_Exit2_ListsColumnsAndTheMapHint_ThenMapFixesIt()
    {
        string dir = CliRunner.TempDir();
        string csv = WriteCsv(dir, "calls.csv", "Id,When,Priority\n1,2025-01-06 08:00:00,2\n2,2025-01-07 09:30:00,1\n");
        string scenario = Path.Combine(dir, "s.yaml");

        var (exit, _, err) = CliRunner.Run("calibrate", csv, "--out", scenario);

        Assert.Equal(2, exit);
        Assert.Equal(
            "patrolsim: calls.csv: no column found for required field 'received' (looked for Incident_Start_Time, Call_Received, Received, Received_Time, Time_Received, Call_Received_Time, ...); name it with --map received=COLUMN.\n"
            + "patrolsim: calls.csv: columns found: Id, When, Priority.\n",
            err);

        var fixedRun = CliRunner.Run("calibrate", csv, "--out", scenario, "--map", "received=When");
        Assert.True(fixedRun.Exit == 0, fixedRun.Err);
        Assert.Contains("Read calls.csv: 2 rows read, 0 excluded, 0 rejected, 2 used", fixedRun.Out, StringComparison.Ordinal);
        Assert.Contains("Columns: received = When; priority = Priority;", fixedRun.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_MappedColumnMissing_Exit2_SaysWhichMapValueToFix()
    {
        string dir = CliRunner.TempDir();
        string csv = WriteCsv(dir, "calls.csv", "Received,Priority\n2025-01-06 08:00:00,2\n");
        var (exit, _, err) = CliRunner.Run("calibrate", csv, "--out", Path.Combine(dir, "s.yaml"), "--map", "arrived=OnScene");
        Assert.Equal(2, exit);
        Assert.Equal(
            "patrolsim: calls.csv: column 'OnScene' given for field 'arrived' is not in the file; fix the --map arrived=COLUMN value.\n"
            + "patrolsim: calls.csv: columns found: Received, Priority.\n",
            err);
    }

    [Theory]
    [InlineData("8,x", "x")]
    [InlineData("0", "0")]
    [InlineData("10", "10")]
    [InlineData("8,", "")]
    public void Calibrate_BadExcludePriority_Exit2_Verbatim(string value, string bad)
    {
        string dir = CliRunner.TempDir();
        string csv = WriteCsv(dir, "calls.csv", "Received,Priority\n2025-01-06 08:00:00,2\n");
        var (exit, _, err) = CliRunner.Run("calibrate", csv, "--out", Path.Combine(dir, "s.yaml"), "--exclude-priority", value);
        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: --exclude-priority: '{bad}' is not a priority; give whole numbers from 1 to 9 separated by commas, e.g. --exclude-priority 8", err.Split('\n')[0]);
    }

    [Theory]
    [InlineData("40,46")]
    [InlineData("40,46,x")]
    [InlineData("40,0,34")]
    public void Calibrate_BadOfficersPerShift_Exit2_Verbatim(string value)
    {
        string dir = CliRunner.TempDir();
        string csv = WriteCsv(dir, "calls.csv", "Received,Priority\n2025-01-06 08:00:00,2\n");
        var (exit, _, err) = CliRunner.Run("calibrate", csv, "--out", Path.Combine(dir, "s.yaml"), "--officers-per-shift", value);
        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: --officers-per-shift: '{value}' must be 3 whole numbers of at least 1 separated by commas, one per shift (day 07:00, evening 15:00, night 23:00), e.g. --officers-per-shift 40,46,34", err.Split('\n')[0]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("forty")]
    public void Calibrate_BadAreaKm2_Exit2_Verbatim(string value)
    {
        string dir = CliRunner.TempDir();
        string csv = WriteCsv(dir, "calls.csv", "Received,Priority\n2025-01-06 08:00:00,2\n");
        var (exit, _, err) = CliRunner.Run("calibrate", csv, "--out", Path.Combine(dir, "s.yaml"), "--area-km2", value);
        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: --area-km2: '{value}' is not an area; give the city's area in km², a number above 0 and at most 100000, e.g. --area-km2 39.6", err.Split('\n')[0]);
    }

    [Fact]
    public void Calibrate_ZonesFileMissingOrBroken_Exit2_NamesItAndTheFix_NothingWritten()
    {
        string dir = CliRunner.TempDir();
        string csv = WriteCsv(dir, "calls.csv", "Received,Priority,X,Y\n2025-01-06 08:00:00,2,100,200\n");
        string scenario = Path.Combine(dir, "s.yaml");
        string missing = Path.Combine(dir, "beats.geojson");

        var (exit, _, err) = CliRunner.Run("calibrate", csv, "--out", scenario, "--zones", missing);
        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: {missing}: zones file not found; give the department's beats as a GeoJSON file (--zones, docs/geography.md)\n", err);

        string broken = WriteCsv(dir, "point.geojson", """{ "type": "FeatureCollection", "features": [ { "type": "Feature", "properties": { "id": "P" }, "geometry": { "type": "Point", "coordinates": [1, 2] } } ] }""");
        (exit, _, err) = CliRunner.Run("calibrate", csv, "--out", scenario, "--zones", broken);
        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: {broken}: features[0] (id 'P'): geometry: is a Point, not a Polygon or MultiPolygon; a zone is an area: draw its boundary as a Polygon\n", err);
        Assert.False(File.Exists(scenario));
        Assert.False(File.Exists(Path.Combine(dir, "s.callpoints.csv")));
    }

    [Fact]
    public void Calibrate_EveryRowRejected_Exit2_PointsAtTheReadSummary()
    {
        string dir = CliRunner.TempDir();
        string csv = WriteCsv(dir, "calls.csv", "Received,Priority\n2025-01-06 08:00:00,2\n2025-01-07 08:00:00,3\n");
        var (exit, output, err) = CliRunner.Run("calibrate", csv, "--out", Path.Combine(dir, "s.yaml"), "--timestamp-format", "dd/MM/yyyy HH:mm");
        Assert.Equal(2, exit);
        Assert.Contains("  unparseable received time: 2 rows rejected (lines 2, 3)", output, StringComparison.Ordinal);
        Assert.Equal(
            $"patrolsim: {csv}: no calls to fit: every row was rejected or excluded. See the read summary above (a wrong --map, --timestamp-format or --exclude-priority?)\n",
            err);
    }

    [Fact]
    public void Calibrate_WithoutOut_IsAUsageError()
    {
        var (exit, _, err) = CliRunner.Run("calibrate", "x.csv");
        Assert.Equal(2, exit);
        Assert.Contains("--out", err, StringComparison.Ordinal);
    }

    [Fact]
    public void FitCheck_MissingCadFile_Exit2()
    {
        string dir = CliRunner.TempDir();
        string missing = Path.Combine(dir, "nope.csv");
        var (exit, _, err) = CliRunner.Run("fit-check", CliRunner.Scenario("mmc.yaml"), missing);
        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: {missing}: CAD file not found; give the path of a CSV export with one row per call (see docs/calibration.md)\n", err);
    }
}
