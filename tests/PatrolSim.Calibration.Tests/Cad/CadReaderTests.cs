using System.Text;
using PatrolSim.Calibration.Cad;

namespace PatrolSim.Calibration.Tests.Cad;

public class CadReaderTests
{
    private const string Header = "Call_Id,Received,Dispatched,Arrived,Closed,Priority,Call_Type";

    private static CadReadResult Read(string csv, CadMapping? mapping = null, CadReadOptions? options = null) =>
        CadReader.Read(new StringReader(csv), "calls.csv", mapping, options);

    private static string Rows(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public void Read_CleanFile_ParsesEveryFieldAsOffsetsFromReceived()
    {
        var result = Read(Rows(Header,
            "1,2025-03-03 08:00:00,2025-03-03 08:02:30,2025-03-03 08:10:00,2025-03-03 08:40:00,2,ALARM",
            "2,2025-03-03 09:00:00.250,,,2025-03-03 09:05:00,4,NOISE"));

        Assert.Equal(2, result.RowsRead);
        Assert.Equal(2, result.RowsUsed);
        Assert.True(result.Report.IsEmpty);
        var first = result.Calls[0];
        Assert.Equal(2, first.Line);
        Assert.Equal(new DateTime(2025, 3, 3, 8, 0, 0), first.Received);
        Assert.Equal(2, first.Priority);
        Assert.Equal("ALARM", first.CallType);
        Assert.Equal(TimeSpan.FromSeconds(150), first.Dispatched);
        Assert.Equal(TimeSpan.FromMinutes(10), first.Arrived);
        Assert.Equal(TimeSpan.FromMinutes(40), first.Closed);
        Assert.Null(first.EnRoute);
        var second = result.Calls[1];
        Assert.Equal(new DateTime(2025, 3, 3, 9, 0, 0).AddMilliseconds(250), second.Received);
        Assert.Null(second.Dispatched);
        Assert.Null(second.Arrived);
        Assert.Equal(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(250), second.Closed);
        Assert.Equal("2 rows read, 0 excluded, 0 rejected, 2 used", result.Summary);
    }

    [Fact]
    public void Read_MissingReceivedColumn_ThrowsNamingFileFieldColumnsAndFix()
    {
        var ex = Assert.Throws<CadMappingException>(() => Read(Rows("Id,When,Priority", "1,2025-03-03 08:00,2")));

        Assert.Equal(
            "calls.csv: no column found for required field 'received' (looked for Incident_Start_Time, Call_Received, Received, Received_Time, Time_Received, Call_Received_Time, ...); name it with mapping received=COLUMN.\n"
            + "calls.csv: columns found: Id, When, Priority.",
            ex.Message);
        Assert.Equal([CadField.Received], ex.MissingFields);
        Assert.Equal(["Id", "When", "Priority"], ex.ColumnsFound);
        Assert.Equal("calls.csv", ex.SourceName);
    }

    [Fact]
    public void Read_MissingReceivedAndPriority_ReportsBothAtOnce()
    {
        var ex = Assert.Throws<CadMappingException>(() => Read(Rows("Id,When,Urgency", "1,2025-03-03 08:00,2")));

        Assert.Equal([CadField.Received, CadField.Priority], ex.MissingFields);
        Assert.Contains("calls.csv: no column found for required field 'priority' (looked for Priority_Number, Priority, Call_Priority, Priority_Code, Initial_Priority, Final_Priority, ...); name it with mapping priority=COLUMN.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MappedColumnAbsent_ThrowsNamingTheMapValue()
    {
        var mapping = CadMapping.Default.WithOverrides("received=Call_Time");

        var ex = Assert.Throws<CadMappingException>(() => Read(Rows(Header, "1,2025-03-03 08:00:00,,,,2,X"), mapping));

        Assert.Equal(
            "calls.csv: column 'Call_Time' given for field 'received' is not in the file; fix the mapping received=COLUMN value.\n"
            + "calls.csv: columns found: Call_Id, Received, Dispatched, Arrived, Closed, Priority, Call_Type.",
            ex.Message);
    }

    [Fact]
    public void Read_OverridesAndOffsetColumns_UseTheGivenColumns()
    {
        var mapping = CadMapping.Default.WithOverrides("received=When,priority=Urgency,arrived=+secs_to_scene,selfInitiated=Source=OFFICER,Radio");
        var result = Read(Rows("When,Urgency,secs_to_scene,Source",
            "2025-03-03 08:00:00,1,330,Phone",
            "2025-03-03 08:05:00,3,90.5,radio"), mapping);

        Assert.Equal(TimeSpan.FromSeconds(330), result.Calls[0].Arrived);
        Assert.Equal(TimeSpan.FromSeconds(90.5), result.Calls[1].Arrived);
        Assert.False(result.Calls[0].SelfInitiated);
        Assert.True(result.Calls[1].SelfInitiated);
        Assert.Equal(
            ["received = When", "arrived = secs_to_scene (seconds after received)", "priority = Urgency", "selfInitiated = Source in {OFFICER, Radio}"],
            result.Mapping.Describe());
    }

    [Fact]
    public void Read_BadDates_RejectsRowsWithBadReceivedAndIgnoresOtherBadTimes()
    {
        var result = Read(Rows(Header,
            "1,2025-03-03 08:00:00,2025-03-03 08:01:00,2025-03-03 08:09:00,2025-03-03 08:30:00,1,A",
            "2,not a date,2025-03-03 08:01:00,,,1,A",
            "3,2025-03-03 10:00:00,2025-03-03 10:01:00,yesterday,2025-03-03 10:30:00,2,A",
            "4,,2025-03-03 08:01:00,,,1,A",
            "5,2025-02-30 08:00:00,,,,1,A",
            "6,2025-03-03 11:00:00,,,,3,A"));

        Assert.Equal(6, result.RowsRead);
        Assert.Equal(3, result.RowsUsed);
        Assert.Equal([2, 4, 7], result.Calls.Select(c => c.Line));
        Assert.Null(result.Calls[1].Arrived);
        Assert.Equal(TimeSpan.FromMinutes(1), result.Calls[1].Dispatched);
        Assert.Equal(
            [
                "unparseable received time: 2 rows rejected (lines 3, 6)",
                "unparseable arrived time (value ignored): 1 row kept, values ignored (line 4)",
                "missing received time: 1 row rejected (line 5)",
            ],
            result.Report.Describe());
        Assert.Equal(3, result.Report.RowsRejected);
        Assert.Equal("6 rows read, 0 excluded, 3 rejected, 3 used", result.Summary);
    }

    [Fact]
    public void Read_MissingOrBadPriority_RejectsTheRow()
    {
        var result = Read(Rows(Header,
            "1,2025-03-03 08:00:00,,,,,A",
            "2,2025-03-03 08:00:00,,,,high,A",
            "3,2025-03-03 08:00:00,,,,12,A",
            "4,2025-03-03 08:00:00,,,,P2,A",
            "5,2025-03-03 08:00:00,,,,3 - ROUTINE,A",
            "6,2025-03-03 08:00:00,,,,NULL,A"));

        Assert.Equal([2, 3], result.Calls.Select(c => c.Priority));
        Assert.Equal(
            [
                "missing priority: 2 rows rejected (lines 2, 7)",
                "unparseable priority: 1 row rejected (line 3)",
                "priority outside 1..9: 1 row rejected (line 4)",
            ],
            result.Report.Describe());
    }

    [Fact]
    public void Read_OutOfOrderTimestamps_KeepsTheCallAndItsTimes_ButNotTheTimeBreakingTheOrder()
    {
        var rows = new List<string> { Header };
        for (var i = 0; i < 7; i++)
            rows.Add($"{i},2025-03-03 08:00:00,2025-03-03 08:05:00,2025-03-03 08:04:00,2025-03-03 08:30:00,2,A");
        rows.Add("9,2025-03-03 08:00:00,2025-03-03 07:59:00,,2025-03-03 08:20:00,2,A");
        rows.Add("10,2025-03-03 08:00:00,2025-03-03 08:01:00,2025-03-03 08:09:00,2025-03-03 08:08:00,2,A");

        var result = Read(Rows([.. rows]));

        Assert.Equal(9, result.RowsUsed);
        // Arrived before dispatched: the arrival goes; received -> dispatched and the close stay.
        Assert.All(result.Calls.Take(7), c =>
        {
            Assert.Equal(TimeSpan.FromMinutes(5), c.Dispatched);
            Assert.Null(c.Arrived);
            Assert.Equal(TimeSpan.FromMinutes(30), c.Closed);
        });
        // Dispatched before received: only the dispatch goes.
        Assert.Null(result.Calls[7].Dispatched);
        Assert.Equal(TimeSpan.FromMinutes(20), result.Calls[7].Closed);
        // Closed before arrived: received -> dispatched and received -> arrived stay.
        Assert.Equal(TimeSpan.FromMinutes(1), result.Calls[8].Dispatched);
        Assert.Equal(TimeSpan.FromMinutes(9), result.Calls[8].Arrived);
        Assert.Null(result.Calls[8].Closed);
        Assert.Equal(
            [
                "out-of-order timestamps: arrived before dispatched (arrived ignored): 7 rows kept, values ignored (lines 2, 3, 4, 5, 6, ...)",
                "out-of-order timestamps: dispatched before received (dispatched ignored): 1 row kept, values ignored (line 9)",
                "out-of-order timestamps: closed before arrived (closed ignored): 1 row kept, values ignored (line 10)",
            ],
            result.Report.Describe());
    }

    [Fact]
    public void Read_TwoBreaksInOneRow_EachIsReported_AndTheChainResumesFromTheLastKeptTime()
    {
        // dispatched 5, arrived 4 (< dispatched), closed 3 (< dispatched, the nearest kept earlier time).
        var result = Read(Rows(Header, "1,2025-03-03 08:00:00,2025-03-03 08:05:00,2025-03-03 08:04:00,2025-03-03 08:03:00,2,A"));

        var call = Assert.Single(result.Calls);
        Assert.Equal(TimeSpan.FromMinutes(5), call.Dispatched);
        Assert.Null(call.Arrived);
        Assert.Null(call.Closed);
        Assert.Equal(
            [
                "out-of-order timestamps: arrived before dispatched (arrived ignored): 1 row kept, values ignored (line 2)",
                "out-of-order timestamps: closed before dispatched (closed ignored): 1 row kept, values ignored (line 2)",
            ],
            result.Report.Describe());
    }

    [Fact]
    public void Read_QueuedColumn_IsReadByDefaultName_AndCheckedOnlyAgainstReceived()
    {
        var result = Read(Rows("Incident_Start_Time,Incident_Queue_Time,Incident_Dispatch_Time,Priority_Number",
            "2025-03-03 08:00:00,2025-03-03 08:01:30,2025-03-03 08:04:00,2",
            "2025-03-03 09:00:00,2025-03-03 09:02:00,2025-03-03 09:01:00,1",
            "2025-03-03 10:00:00,2025-03-03 09:59:00,2025-03-03 10:03:00,3"));

        Assert.Contains("queued = Incident_Queue_Time", result.Mapping.Describe());
        Assert.Equal(TimeSpan.FromSeconds(90), result.Calls[0].Queued);
        // Dispatched before queued (dispatch before entry was complete) is not an ordering error.
        Assert.Equal(TimeSpan.FromMinutes(2), result.Calls[1].Queued);
        Assert.Equal(TimeSpan.FromMinutes(1), result.Calls[1].Dispatched);
        Assert.Null(result.Calls[2].Queued);
        Assert.Equal(TimeSpan.FromMinutes(3), result.Calls[2].Dispatched);
        Assert.Equal(["out-of-order timestamps: queued before received (queued ignored): 1 row kept, values ignored (line 4)"],
            result.Report.Describe());
    }

    [Fact]
    public void Read_QueuedColumnUsedAsReceived_IsNotAlsoTheQueuedTime()
    {
        var result = Read(Rows("Queued,Priority,Dispatched", "2025-03-03 08:00:00,2,2025-03-03 08:04:00"));

        Assert.Equal(["received = Queued", "dispatched = Dispatched", "priority = Priority", "selfInitiated = none"], result.Mapping.Describe());
        Assert.Null(result.Calls[0].Queued);
    }

    [Fact]
    public void Read_QueuedMappedAsSecondsAfterReceived()
    {
        var result = Read(Rows("When,Pri,entry_secs", "2025-03-03 08:00:00,2,75"), CadMapping.Default.WithOverrides("received=When,priority=Pri,queued=+entry_secs"));

        Assert.Equal(TimeSpan.FromSeconds(75), result.Calls[0].Queued);
    }

    [Fact]
    public void Read_OutOfOrderWithRejectPolicy_RejectsTheRow()
    {
        var result = Read(Rows(Header,
            "1,2025-03-03 08:00:00,2025-03-03 08:05:00,2025-03-03 08:04:00,,2,A",
            "2,2025-03-03 08:00:00,2025-03-03 08:05:00,2025-03-03 08:06:00,,2,A"),
            options: CadReadOptions.Default with { BadTimings = BadTimingPolicy.RejectRow });

        Assert.Equal(1, result.RowsUsed);
        Assert.Equal(["out-of-order timestamps: arrived before dispatched: 1 row rejected (line 2)"], result.Report.Describe());
    }

    [Fact]
    public void Read_NegativeOffsetSeconds_IsANegativeInterval()
    {
        var result = Read(Rows("queued,priority,first_dispatch_delay,first_response_time",
            "2024-01-01 20:00:00,1,30,300",
            "2024-01-01 20:01:00,1,-5,300",
            "2024-01-01 20:02:00,1,60,45",
            "2024-01-01 20:03:00,2,60,NULL"), CadMapping.Default.WithOverrides("received=queued"));

        Assert.Equal(4, result.RowsUsed);
        Assert.Equal(TimeSpan.FromSeconds(30), result.Calls[0].Dispatched);
        Assert.Equal(TimeSpan.FromSeconds(300), result.Calls[0].Arrived);
        Assert.Null(result.Calls[1].Dispatched);
        Assert.Equal(TimeSpan.FromSeconds(300), result.Calls[1].Arrived);
        Assert.Null(result.Calls[2].Arrived);
        Assert.Equal(TimeSpan.FromSeconds(60), result.Calls[2].Dispatched);
        Assert.Null(result.Calls[3].Arrived);
        Assert.Equal(TimeSpan.FromSeconds(60), result.Calls[3].Dispatched);
        Assert.Equal(
            [
                "negative interval: dispatched seconds after received < 0 (dispatched ignored): 1 row kept, values ignored (line 3)",
                "negative interval: arrived before dispatched (arrived ignored): 1 row kept, values ignored (line 4)",
            ],
            result.Report.Describe());
    }

    [Fact]
    public void Read_ReorderedColumns_GiveTheSameCalls()
    {
        var canonical = Read(Rows(Header,
            "1,2025-03-03 08:00:00,2025-03-03 08:02:00,2025-03-03 08:10:00,2025-03-03 08:40:00,2,ALARM"));
        var reordered = Read(Rows("Call_Type,Closed,Priority,Arrived,Call_Id,Dispatched,Received",
            "ALARM,2025-03-03 08:40:00,2,2025-03-03 08:10:00,1,2025-03-03 08:02:00,2025-03-03 08:00:00"));

        Assert.Equal(canonical.Calls, reordered.Calls);
    }

    [Fact]
    public void Read_QuotedCommasAndLineBreaks_StayInsideTheField()
    {
        var result = Read(Rows(Header,
            "1,2025-03-03 08:00:00,,,,1,\"ASSAULT, AGGRAVATED\"",
            "2,2025-03-03 08:00:00,,,,2,\"NOTE \"\"A\"\"\nSECOND LINE\"",
            "3,2025-03-03 08:00:00,,,,3,PLAIN",
            "4,2025-03-03 08:00:00,,,,high,PLAIN"));

        Assert.Equal(["ASSAULT, AGGRAVATED", "NOTE \"A\"\nSECOND LINE", "PLAIN"], result.Calls.Select(c => c.CallType));
        Assert.Equal([2, 3, 5], result.Calls.Select(c => c.Line));
        Assert.Equal(["unparseable priority: 1 row rejected (line 6)"], result.Report.Describe());
        Assert.Equal("4 rows read, 0 excluded, 1 rejected, 3 used; 1 row spans several lines (a quoted field with line breaks: lines 3–4)", result.Summary);
    }

    /// <summary>Header, then 100 rows (lines 2-101) of which row k's call type is <paramref name="typeOf"/>(k), then a line inserted at <paramref name="at"/>.</summary>
    private static string Export(Func<int, string> typeOf, int at = 0, string? inserted = null)
    {
        var lines = new List<string> { Header };
        for (int k = 1; k <= 100; k++)
        {
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{k},2025-03-03 {k % 24:00}:00:00,,,,2,{typeOf(k)}"));
        }

        if (inserted is not null)
        {
            lines.Insert(at - 1, inserted);
        }

        return Rows([.. lines]);
    }

    [Fact]
    public void Read_QuoteOpenedAndClosedLinesLater_FailsNamingTheLineWhereItOpened()
    {
        // Issue 24: an unterminated quote at line 51 swallowed the lines up to the next quote, and those rows vanished
        // (1032 rows read of 3000). Here the next quote opens row 80's "ALARM, BURGLAR", now on line 82.
        string csv = Export(k => k == 80 ? "\"ALARM, BURGLAR\"" : "ALARM", 51, "\"unterminated quote,1,2,3");

        var e = Assert.Throws<CadMappingException>(() => Read(csv));

        Assert.Equal(
            "calls.csv: line 51: a quoted field opens here and runs to line 82: 32 lines read as one row, which is rejected (malformed quoting), so the rows on those lines would be lost. Close the quote (a quote inside a quoted field is written twice: \"\") or remove it, then read the file again.",
            e.Message);
    }

    [Fact]
    public void Read_QuoteNeverClosed_FailsNamingTheLineWhereItOpened()
    {
        string csv = Export(_ => "ALARM", 51, "\"unterminated quote,1,2,3");

        var e = Assert.Throws<CadMappingException>(() => Read(csv));

        Assert.Equal(
            "calls.csv: line 51: a quoted field opens here and runs to line 102: 52 lines read as one row, which is rejected (malformed quoting), so the rows on those lines would be lost. Close the quote (a quote inside a quoted field is written twice: \"\") or remove it, then read the file again.",
            e.Message);
    }

    [Fact]
    public void Read_EveryLineIsARowOrPartOfOne()
    {
        // 100 rows, one of them with a call type over three lines: the header and 102 lines of rows, 100 rows read,
        // lines 10-12 one row.
        string csv = Export(k => k == 9 ? "\"NOTE\nTWO\nTHREE\"" : "ALARM");
        var result = Read(csv);

        Assert.Equal(100, result.RowsRead);
        Assert.Equal(100, result.RowsUsed);
        Assert.Equal([(10, 3)], result.MultiLineRows);
        Assert.Equal(103, csv.Count(c => c == '\n'));
        Assert.Equal(103, 1 + result.RowsRead + result.MultiLineRows.Sum(r => r.Lines - 1));
    }

    [Fact]
    public void Read_FileWithBomAndCrLf_ReadsHeaderAndLines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"patrolsim-bom-{Environment.ProcessId}.csv");
        try
        {
            var text = "Received,Priority,Problem\r\n2025-03-03 08:00:00,2,ALARM\r\n2025-03-03 08:30:00,x,ALARM\r\n2025-03-03 09:00:00,1,FIGHT\r\n";
            File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

            var result = CadReader.Read(path);

            Assert.Equal(Path.GetFileName(path), result.SourceName);
            Assert.Equal("Received", result.Mapping.Fields[CadField.Received].Column);
            Assert.Equal(["ALARM", "FIGHT"], result.Calls.Select(c => c.CallType));
            Assert.Equal(new DateTime(2025, 3, 3, 9, 0, 0), result.Calls[1].Received);
            Assert.Equal(["unparseable priority: 1 row rejected (line 3)"], result.Report.Describe());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_WrongNumberOfFields_RejectsTheRow()
    {
        var result = Read(Rows("Received,Priority,Problem", "2025-03-03 08:00:00,2,A", "2025-03-03 08:00:00,2", "2025-03-03 08:00:00,2,A,extra"));

        Assert.Equal(1, result.RowsUsed);
        Assert.Equal(["wrong number of fields (expected 3): 2 rows rejected (lines 3, 4)"], result.Report.Describe());
    }

    [Fact]
    public void Read_ExcludedPriorities_AreCountedApartFromBadRows()
    {
        var result = Read(Rows("Received,Priority", "2025-03-03 08:00:00,8", "2025-03-03 08:00:00,2", "2025-03-03 08:00:00,8", "2025-03-03 08:00:00,7"),
            options: CadReadOptions.Default with { ExcludePriorities = new HashSet<int> { 7, 8 } });

        Assert.Equal(1, result.RowsUsed);
        Assert.Equal(3, result.RowsExcluded);
        Assert.Equal("4 rows read, 3 excluded (priority 7: 1, priority 8: 2), 0 rejected, 1 used", result.Summary);
    }

    [Fact]
    public void Read_SemicolonSeparatedUsDates_AreDetected()
    {
        var result = Read(Rows("Received;Priority", "3/4/2025 1:05:00 PM;2", "12/31/2025 11:59:59 PM;3"));

        Assert.Equal(new DateTime(2025, 3, 4, 13, 5, 0), result.Calls[0].Received);
        Assert.Equal(new DateTime(2025, 12, 31, 23, 59, 59), result.Calls[1].Received);
        Assert.Equal("M/d/yyyy h:mm:ss tt", result.TimestampFormatsUsed[CadField.Received]);
    }

    [Fact]
    public void Read_DayFirstDates_AreDetectedWhenADayExceedsTwelve()
    {
        var result = Read(Rows("Received,Priority", "03/04/2025 13:05,2", "25/04/2025 08:00,3"));

        Assert.Equal("d/M/yyyy H:mm", result.TimestampFormatsUsed[CadField.Received]);
        Assert.Equal(new DateTime(2025, 4, 3, 13, 5, 0), result.Calls[0].Received);
    }

    [Fact]
    public void Read_GivenFormat_OverridesDetection()
    {
        var result = Read(Rows("Received,Priority", "03/04/2025 13:05,2"),
            options: CadReadOptions.Default with { TimestampFormats = ["dd/MM/yyyy HH:mm"] });

        Assert.Equal(new DateTime(2025, 4, 3, 13, 5, 0), result.Calls[0].Received);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsAMappingError()
    {
        var ex = Assert.Throws<CadMappingException>(() => Read(""));
        Assert.Equal("calls.csv: the file is empty; expected a header row followed by one row per call.", ex.Message);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData(" P3 ", 3)]
    [InlineData("2 - URGENT", 2)]
    [InlineData("4.0", 4)]
    public void TryParsePriority_CommonForms_Parse(string text, int expected)
    {
        Assert.True(CadReader.TryParsePriority(text, out var p));
        Assert.Equal(expected, p);
    }

    [Theory]
    [InlineData("high")]
    [InlineData("2.5")]
    [InlineData("P")]
    [InlineData("123")]
    public void TryParsePriority_OtherText_Fails(string text) => Assert.False(CadReader.TryParsePriority(text, out _));

    [Fact]
    public void WithOverrides_UnknownField_ThrowsListingTheFields()
    {
        var ex = Assert.Throws<CadMappingException>(() => CadMapping.Default.WithOverrides("recieved=When"));
        Assert.Equal("mapping 'recieved=When': unknown field 'recieved'. Fields: received, queued, dispatched, enRoute, arrived, cleared, closed, priority, callType, units, beat, x, y, selfInitiated.", ex.Message);
    }

    [Fact]
    public void SelfInitiatedRule_Parse_SplitsColumnsAndValues()
    {
        var rules = SelfInitiatedRule.Parse("Call_Reception=OFFICER,Radio,OnView=Y");

        Assert.Equal(2, rules.Count);
        Assert.Equal("Call_Reception", rules[0].Column);
        Assert.Equal(["OFFICER", "Radio"], rules[0].Values);
        Assert.Equal("OnView", rules[1].Column);
        Assert.Equal(["Y"], rules[1].Values);
    }
}
