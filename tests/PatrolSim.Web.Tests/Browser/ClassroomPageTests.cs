using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PatrolSim.Experiments;
using PatrolSim.Scenarios;
using Xunit.Abstractions;

namespace PatrolSim.Web.Tests.Browser;

/// <summary>
/// The classroom page in headless Chromium (skipped when it is not installed) against the real server on 127.0.0.1, port 0:
/// run the classroom town as it is, then with every officer paired; the trade-off chart gains a point and P1 response rises;
/// compare with previous shows the paired difference; the map's unit markers move when the day plays; the page has no
/// console errors or CSP violations, does not scroll sideways at 1280 px, and its screenshot has ink. Set
/// PATROLSIM_SCREENSHOT_DIR to keep the screenshot (docs/images/web-page.png is one).
/// </summary>
public sealed class ClassroomPageTests(ITestOutputHelper output)
{
    private const int Width = 1280; // a projector
    private const int Height = 720;
    private const string Classroom = "classroom-small-town";
    private const string Council = "council-illustrative";
    private const string Share = "policy.crew.twoOfficerShare";

    /// <summary>Every unit marker as "id x,y" (hidden ones left out): what the map shows at this moment.</summary>
    private const string MarkersScript =
        """
        () => [...document.querySelectorAll('#units g.unit-marker')]
          .filter(g => g.getAttribute('visibility') === 'visible')
          .map(g => { const c = g.querySelector('circle'); return `${c.id} ${c.getAttribute('cx')},${c.getAttribute('cy')}`; })
        """;

    /// <summary>
    /// Reports CSP violations as console errors (an init script runs before the page's own and is not subject to its CSP),
    /// so "no console errors" also means "no CSP violations" even where the browser itself does not log them.
    /// </summary>
    private const string CspProbe =
        """
        document.addEventListener('securitypolicyviolation', e =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
        """;

    [ChromiumFact]
    public async Task ClassroomTown_PairingEveryone_AddsAPointRaisesP1Response_AndTheMapMoves()
    {
        await using var session = await PageSession.OpenAsync();
        var page = session.Page;
        await page.SelectOptionAsync("#scenario", Classroom);
        await page.WaitForSelectorAsync($"input[data-key='{Share}']");

        Assert.True(await page.Locator("#chart").IsHiddenAsync(), "an empty chart image shows before the first run");
        Assert.True(await page.Locator("#chart-empty").IsVisibleAsync());

        // Run 1: the levers as in the file (all solo). Its day on the map has officers alone at risky calls, and calls.
        double soloP1 = await RunAsync(page, 1);
        var solo = await LoadAndScanDayAsync(page);
        output.WriteLine($"solo day: at most {solo.Alone} officers alone at risky calls at once, {solo.Calls} calls on the map");
        Assert.True(solo.Alone > 0, "no officer is ever shown alone at a risky call with every car solo");
        Assert.True(solo.Calls > 0, "no call is ever shown on the map");

        // Run 2: every officer in a two-officer car: half as many cars, so priority-1 calls wait longer.
        await page.FillAsync($"input[data-key='{Share}']", "1");
        Assert.Equal("100%", await page.TextContentAsync($"#{await page.GetAttributeAsync($"input[data-key='{Share}']", "id")}-value"));
        double pairedP1 = await RunAsync(page, 2);
        Assert.True(pairedP1 > soloP1, $"P1 response with everyone paired ({pairedP1} min) should exceed all solo ({soloP1} min)");

        // Rows are named in words, with the metric's key (as in the CLI, CSV and docs) beneath.
        Assert.Equal("Call received to first officer on scene, mean", await page.TextContentAsync("#metrics tr[data-key='responseTime.mean'] th .metric-label"));
        Assert.Equal("responseTime.mean", await page.TextContentAsync("#metrics tr[data-key='responseTime.mean'] th .metric-key"));

        // The table read first holds the CLI's key metrics in their order (one list, KeyMetrics); every other metric is folded below.
        var shown = await page.Locator("#metrics tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)");
        var folded = await page.Locator("#metrics-all tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)");
        Assert.Equal(KeyMetrics.Names.Where(n => !n.Contains('@', StringComparison.Ordinal) && shown.Concat(folded).Contains(n)), shown);
        Assert.DoesNotContain(folded, k => KeyMetrics.RankOf(k) is not null);
        Assert.Equal(2, await page.Locator("#history li").CountAsync());
        Assert.Contains("two-officer cars 100%", await page.TextContentAsync("#history li[data-run='2']"), StringComparison.Ordinal);

        // Compare with previous: the same calls under both runs; pairing raises P1 response significantly.
        await page.ClickAsync("#compare");
        var diff = page.Locator("#compare-table tr[data-key='responseTime.mean@1'] td.diff");
        await diff.WaitForAsync();
        Assert.True(Value(await diff.GetAttributeAsync("data-value")) > 0);
        Assert.Equal("true", await diff.GetAttributeAsync("data-significant"));
        Assert.Equal("Call received to first officer on scene, mean (priority 1)",
            await page.TextContentAsync("#compare-table tr[data-key='responseTime.mean@1'] th .metric-label"));

        // The map of the paired day: nobody is ever alone at a risky call; played fast from midnight, the unit markers move.
        var paired = await LoadAndScanDayAsync(page);
        output.WriteLine($"paired day: at most {paired.Alone} officers alone at risky calls at once, {paired.Calls} calls on the map");
        Assert.Equal(0, paired.Alone);
        Assert.True(paired.Calls > 0, "no call is ever shown on the map");
        await page.FillAsync("#scrub", "0");
        await page.SelectOptionAsync("#speed", "120");
        string[] before = await page.EvaluateAsync<string[]>(MarkersScript);
        Assert.NotEmpty(before);
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => Number(document.getElementById('clock').dataset.minutes) >= 180");
        string[] after = await page.EvaluateAsync<string[]>(MarkersScript);
        Assert.NotEmpty(after);
        Assert.NotEqual(before, after);
        await page.ClickAsync("#play"); // pause
        Assert.Equal("false", await page.GetAttributeAsync("#play", "aria-pressed"));
        await page.FillAsync("#scrub", "720"); // the time slider: noon, a busier moment for the screenshot
        Assert.Equal("12:00", await page.TextContentAsync("#clock"));

        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png, FullPage = true });
        Keep(png);
        var pixels = await Chromium.MeasureAsync(session.Context, png);
        Assert.Equal(Width, pixels.Width);
        Assert.InRange(pixels.InkShare, 0.05, 0.9); // neither blank nor a solid block
        Assert.True(pixels.FirstPaletteColour, "the page's blue (#0072B2) is nowhere on the screenshot");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the page scrolls sideways at 1280 px");
        Assert.Empty(session.Console);
    }

    [ChromiumFact]
    public async Task Upload_ListsTheSummaryThenEachCliMessage_RefusesToRunUntilAScenarioIsPicked_ThenAValidFileRuns_WithItsTextShownAsText()
    {
        await using var session = await PageSession.OpenAsync();
        var page = session.Page;
        await page.SelectOptionAsync("#scenario", Classroom);

        // An invalid file: the page lists the summary, then each problem on its own line with exactly the CLI's messages
        // (ScenarioLoader's, as validate prints them); the summary used to share its line with the first problem.
        string bad = TinyScenarios.SmallCity.Replace("rule: risk", "rule: sometimes", StringComparison.Ordinal)
            .Replace("callsPerDay: 90", "callsPerDay: -1", StringComparison.Ordinal);
        var expected = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(bad, "town.yaml")).Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(2, expected.Count);
        await UploadAsync(page, "town.yaml", bad);
        await page.WaitForSelectorAsync("#errors:not([hidden])");
        Assert.Equal(["town.yaml: the scenario is not valid (2 problems; nothing was simulated.)", .. expected], await page.Locator("#errors li").AllTextContentsAsync());
        Assert.Equal(0, await page.Locator("#scenario option[value^='upload']").CountAsync()); // nothing was added

        // The file picker shows no file and the select no scenario: Run (and Load the day) refuse, rather than running the
        // scenario chosen before the upload, until a scenario is picked.
        Assert.Equal("", await page.InputValueAsync("#upload"));
        Assert.Equal(-1, await page.EvalOnSelectorAsync<int>("#scenario", "s => s.selectedIndex"));
        Assert.True(await page.Locator("#run").IsDisabledAsync());
        Assert.True(await page.Locator("#animate").IsDisabledAsync());
        Assert.Equal(0, await page.Locator("#levers .lever").CountAsync());
        Assert.Equal("town.yaml was not accepted: fix it and upload it again, or pick a scenario from the list.", await page.TextContentAsync("#status"));
        await page.SelectOptionAsync("#scenario", Classroom);
        Assert.True(await page.Locator("#run").IsEnabledAsync());
        Assert.True(await page.Locator($"input[data-key='{Share}']").IsVisibleAsync());

        // A valid file whose name is markup: it becomes a scenario, shown as text (no element is made from it), and runs.
        const string Name = "<img id=injected src=x> town";
        string good = TinyScenarios.SmallCity.Replace("name: tiny city", "name: \"" + Name + "\"", StringComparison.Ordinal);
        await UploadAsync(page, "my town.yaml", good);
        await page.WaitForSelectorAsync("#scenario option[value^='upload']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        Assert.True(await page.Locator("#errors").IsHiddenAsync());
        Assert.Equal(Name + " (uploaded: my town.yaml)", await page.EvalOnSelectorAsync<string>("#scenario", "s => s.selectedOptions[0].textContent"));
        Assert.Equal(0, await page.Locator("#injected").CountAsync());
        Assert.Equal("3", await page.InputValueAsync("#days")); // the file's horizon
        await RunAsync(page, 1);
        Assert.Contains(Name, await page.TextContentAsync("#history li[data-run='1']"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#injected").CountAsync());

        // Chromium logs the failed upload's 400 itself; nothing else may reach the console.
        Assert.Equal(["error: Failed to load resource: the server responded with a status of 400 (Bad Request)"], session.Console);
    }

    /// <summary>
    /// docs/web.md "How fast": twelve runs on one server warmed up as <c>patrolsim serve</c> warms it, six of the classroom
    /// town and six of the mid-size city; each adds its point to the chart and a P1 response to the table. Prints the time
    /// from pressing Run to the updated chart as the page measures it (performance.now(), kept in
    /// #chart[data-last-run-ms]); asserts nothing about time (wall-clock time depends on the machine).
    /// </summary>
    [ChromiumFact]
    public async Task TwelveRunsOnAWarmServer_EachAddsItsPoint_AndReportsRunToChartTime()
    {
        await using var session = await PageSession.OpenAsync(warmUp: true);
        var page = session.Page;
        int n = 0;
        foreach (string scenario in new[] { Classroom, "midsize-baseline" })
        {
            await page.SelectOptionAsync("#scenario", scenario);
            for (int i = 0; i < 6; i++)
            {
                Assert.True(await RunAsync(page, ++n) > 0, $"run {n} of {scenario}: P1 response is not positive");
                output.WriteLine($"  {scenario}: {await page.TextContentAsync("#status")}");
            }
        }

        Assert.Empty(session.Console);
    }

    /// <summary>
    /// Loads the day of the levers as set and steps the time slider through it minute by minute: the most officers shown
    /// alone at a risky call (red markers) at once, and the most calls on the map at once.
    /// </summary>
    private static async Task<(int Alone, int Calls)> LoadAndScanDayAsync(IPage page)
    {
        // The click disables the page's buttons (busy) before the request; they come back once the new day is drawn.
        // Waiting on #play alone raced: after a first day Play stays enabled, so the scan could read the old day.
        await page.ClickAsync("#animate");
        await page.WaitForSelectorAsync("#animate:not([disabled])");
        await page.WaitForSelectorAsync("#play:not([disabled])");
        int[] most = await page.EvaluateAsync<int[]>(
            """
            () => {
              const s = document.getElementById('scrub');
              let alone = 0, calls = 0;
              for (let m = 0; m <= Number(s.max); m++) {
                s.value = String(m);
                s.dispatchEvent(new Event('input'));
                const red = document.querySelectorAll('#units circle.alone').length;
                if (red !== Number(document.getElementById('alone').textContent)) throw new Error(`readout differs at minute ${m}`);
                alone = Math.max(alone, red);
                calls = Math.max(calls, document.querySelectorAll('#calls rect').length);
              }
              return [alone, calls];
            }
            """);
        return (most[0], most[1]);
    }

    [ChromiumFact]
    public async Task Chart_KeepsTheLatestRuns_WhenTheServerDrawsFewerPoints()
    {
        await using var session = await PageSession.OpenAsync(new ServeOptions(Port: 0, Limits: new WebLimits(MaxChartPoints: 1)));
        var page = session.Page;
        await page.SelectOptionAsync("#scenario", Classroom);
        await RunAsync(page, 1);
        await page.ClickAsync("#run");
        await page.WaitForSelectorAsync("#status:text-matches('^Run 2 done')");
        Assert.Equal("1", await page.GetAttributeAsync("#chart", "data-points")); // the chart request stayed within the limit
        Assert.StartsWith("Response against solo exposure, 1 run: Run 2,", await page.GetAttributeAsync("#chart", "alt"), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#history li").CountAsync()); // the list still names every run
        Assert.True(await page.Locator("#errors").IsHiddenAsync());
        Assert.Empty(session.Console);
    }

    /// <summary>
    /// Under "backup for every call" with "first officer on scene: wait", the first officer on scene waits for backup
    /// before starting, so the model never counts anyone alone (ExposureTests: zero solo minutes); the map shows the
    /// model's count, not every lone officer at a risky call (which it used to draw red while they waited).
    /// </summary>
    [ChromiumFact]
    public async Task AnOfficerWaitingOnSceneForBackup_IsNotShownAlone()
    {
        await using var session = await PageSession.OpenAsync();
        var page = session.Page;
        await page.SelectOptionAsync("#scenario", Classroom);
        await page.SelectOptionAsync("select[data-key='policy.backup.rule']", "all-calls");
        await page.SelectOptionAsync("select[data-key='policy.backup.engage']", "wait");

        var day = await LoadAndScanDayAsync(page);

        output.WriteLine($"wait for backup: at most {day.Alone} officers alone at risky calls at once, {day.Calls} calls on the map");
        Assert.Equal(0, day.Alone);
        Assert.True(day.Calls > 0, "no call is ever shown on the map");
        Assert.Empty(session.Console);
    }

    /// <summary>
    /// A frame's time stamp is when the frame began, which Chromium can put before the moment Play was pressed; at 120
    /// simulated minutes a second the first frame then stepped the clock back to -1:-6. Frames are driven by hand here: the
    /// first is stamped 50 ms before Play, the second a second later (a step is capped at a quarter of a second).
    /// </summary>
    [ChromiumFact]
    public async Task Play_AFirstFrameStampedBeforePlay_KeepsTheClockAtTheStart()
    {
        await using var session = await PageSession.OpenAsync();
        var page = session.Page;
        await page.SelectOptionAsync("#scenario", Classroom);
        await page.ClickAsync("#animate");
        await page.WaitForSelectorAsync("#animate:not([disabled])");
        await page.WaitForSelectorAsync("#play:not([disabled])");
        await page.SelectOptionAsync("#speed", "120");
        await page.EvaluateAsync(
            """
            () => {
              window.framesHeld = [];
              window.requestAnimationFrame = (cb) => window.framesHeld.push(cb);
              window.cancelAnimationFrame = () => {};
            }
            """);
        await page.ClickAsync("#play");
        string[] clocks = await page.EvaluateAsync<string[]>(
            """
            () => {
              const clock = () => document.getElementById('clock');
              const first = performance.now() - 50;
              window.framesHeld.shift()(first);
              const afterFirst = `${clock().textContent} ${clock().dataset.minutes}`;
              window.framesHeld.shift()(first + 1000);
              return [afterFirst, `${clock().textContent} ${clock().dataset.minutes}`];
            }
            """);

        Assert.Equal(["00:00 0", "00:30 30"], clocks);
        Assert.Empty(session.Console);
    }

    /// <summary>At 1280 px the scenario select shows every bundled scenario's title whole (it cut them at about 40 characters).</summary>
    [ChromiumFact]
    public async Task ScenarioSelect_ShowsEveryBundledTitleWhole_At1280()
    {
        await using var session = await PageSession.OpenAsync();
        var cut = await session.Page.EvaluateAsync<string[]>(
            """
            () => {
              const s = document.getElementById('scenario');
              const cs = getComputedStyle(s);
              const g = document.createElement('canvas').getContext('2d');
              g.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
              // The text's room: the box less its padding and the arrow (Chromium's takes about 20 px).
              const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 24;
              return [...s.options].map(o => [o.textContent, g.measureText(o.textContent).width])
                .filter(([, w]) => w > room).map(([t, w]) => `${t}: ${Math.round(w)} px in ${Math.round(room)} px`);
            }
            """);
        Assert.Empty(cut);
        Assert.Empty(session.Console);
    }

    /// <summary>
    /// An instructor moves a lever in sight and presses Run: the updated chart is in sight too, without scrolling, at a
    /// projector's 1280 px and at 800 px (where it used to sit below about 1,100 px of settings).
    /// </summary>
    [ChromiumTheory]
    [InlineData(1280)]
    [InlineData(800)]
    public async Task AfterRun_TheChartIsInSight_WithoutScrolling(int width)
    {
        await using var session = await PageSession.OpenAsync(width: width);
        var page = session.Page;
        await page.SelectOptionAsync("#scenario", Classroom);
        await page.FillAsync($"input[data-key='{Share}']", "0.5");
        double[] run = await page.EvalOnSelectorAsync<double[]>("#run", "b => { const r = b.getBoundingClientRect(); return [r.top, r.bottom, innerHeight, scrollY]; }");
        Assert.True(run[0] >= 0 && run[1] <= run[2], $"the Run button is at {run[0]:0}-{run[1]:0} px, not within the {run[2]:0} px window (page scrolled {run[3]:0} px)");
        await RunAsync(page, 1);

        double[] box = await page.EvalOnSelectorAsync<double[]>("#chart", "c => { const r = c.getBoundingClientRect(); return [r.top, r.bottom, innerHeight, scrollY]; }");
        output.WriteLine($"{width} px: chart from {box[0]:0} to {box[1]:0} px of a {box[2]:0} px window, page scrolled {box[3]:0} px");
        Assert.True(box[0] >= 0 && box[1] <= box[2], $"the chart is at {box[0]:0}-{box[1]:0} px, not within the {box[2]:0} px window");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            $"the page scrolls sideways at {width} px");
        Assert.Empty(session.Console);
    }

    /// <summary>
    /// Issue 27: the chart can put annual cost or expected injuries on x, offered only when every run on it has the figure
    /// (its scenario's costs: or safety: section). The council scenario offers both; the request carries the axis and the
    /// server's SVG is drawn against it; a later run of the classroom town (neither section) takes the choice away and the
    /// chart back to solo exposure, saying why; a scenario with costs: but no safety: offers annual cost alone.
    /// </summary>
    [ChromiumFact]
    public async Task ChartAxis_AnnualCostOrExpectedInjuries_OfferedOnlyWhenEveryRunsScenarioHasTheSection()
    {
        await using var session = await PageSession.OpenAsync();
        var page = session.Page;
        await page.SelectOptionAsync("#scenario", Council);
        await SmallRunAsync(page, 1);

        Assert.True(await page.Locator("#chart-axis").IsVisibleAsync(), "no axis choice after a run of the council scenario");
        Assert.Equal(["soloExposureIndex", "annualCost", "expectedInjuries"], await page.EvalOnSelectorAsync<string[]>("#chart-x", "s => [...s.options].map(o => o.value)"));
        Assert.Equal(["Solo exposure (per 1,000 calls)", "Annual cost (USD/yr)", "Expected injuries a year"], await page.Locator("#chart-x option").AllTextContentsAsync());
        Assert.Equal("soloExposureIndex", await page.InputValueAsync("#chart-x"));
        Assert.Contains("annual cost ", await page.TextContentAsync("#history li[data-run='1']"), StringComparison.Ordinal);

        // Annual cost: the chart is asked for again with x = annualCost and drawn against it; nothing is simulated.
        string svg = await ChooseAxisAsync(page, "annualCost");
        Assert.Contains("Trade-off: response against annual cost", svg, StringComparison.Ordinal);
        Assert.Contains("Annual cost (USD/yr)", svg, StringComparison.Ordinal);
        Assert.StartsWith("Response against annual cost, 1 run: Run 1, P1 response", await page.GetAttributeAsync("#chart", "alt"), StringComparison.Ordinal);
        Assert.Contains("USD/yr: officers to employ, overtime and cars", await page.TextContentAsync("#chart-caption"), StringComparison.Ordinal);
        Assert.Equal("The chart shows P1 response against annual cost.", await page.TextContentAsync("#status"));

        // Expected injuries: the chart and the caption say the rates are inputs.
        svg = await ChooseAxisAsync(page, "expectedInjuries");
        Assert.Contains("Trade-off: response against expected injuries", svg, StringComparison.Ordinal);
        Assert.Contains("not findings", svg, StringComparison.Ordinal);
        Assert.Contains("Those rates are inputs, not findings", await page.TextContentAsync("#chart-caption"), StringComparison.Ordinal);

        // A run of the classroom town has neither figure: the choice goes and the chart is back to solo exposure, saying why.
        await page.SelectOptionAsync("#scenario", Classroom);
        await SmallRunAsync(page, 2);
        Assert.True(await page.Locator("#chart-axis").IsHiddenAsync(), "an axis is offered that run 2 has no figure for");
        Assert.Equal("soloExposureIndex", await page.GetAttributeAsync("#chart", "data-x"));
        Assert.StartsWith("Response against solo exposure, 2 runs:", await page.GetAttributeAsync("#chart", "alt"), StringComparison.Ordinal);
        Assert.StartsWith("Run 2 has no expected injuries (its scenario has no safety: section), so the chart is back to solo exposure. Each run adds a point",
            await page.TextContentAsync("#chart-caption"), StringComparison.Ordinal);

        // A fresh lesson with the council scenario less its safety: section: annual cost is offered, expected injuries not.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync($"#scenario option[value='{Classroom}']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        string yaml = File.ReadAllText(RepoPaths.Scenario(Council + ".yaml"));
        await UploadAsync(page, "costs-only.yaml", yaml[..yaml.IndexOf("\nsafety:", StringComparison.Ordinal)]);
        await page.WaitForSelectorAsync("#scenario option[value^='upload']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await SmallRunAsync(page, 1);
        Assert.Equal(["soloExposureIndex", "annualCost"], await page.EvalOnSelectorAsync<string[]>("#chart-x", "s => [...s.options].map(o => o.value)"));
        Assert.DoesNotContain("expected injuries", await page.TextContentAsync("#history li[data-run='1']"), StringComparison.Ordinal);
        Assert.Empty(session.Console);
    }

    /// <summary>A quick run (2 replications of 4 days, seed 1) that waits for the chart to show run <paramref name="n"/>.</summary>
    private async Task SmallRunAsync(IPage page, int n)
    {
        await page.FillAsync("#replications", "2");
        await page.FillAsync("#days", "4");
        await RunAsync(page, n);
    }

    /// <summary>
    /// Picks an x axis; returns the SVG the server drew for it, once the page shows it (the request must name the axis).
    /// The body is read through a route, which passes the server's response on to the page unchanged: Chromium keeps no
    /// copy for DevTools of a body the page reads as a blob, so the response event's body is empty.
    /// </summary>
    private static async Task<string> ChooseAxisAsync(IPage page, string x)
    {
        string? asked = null, svg = null;
        int status = 0;
        async Task Capture(IRoute route)
        {
            asked = route.Request.PostDataJSON()?.GetProperty("x").GetString();
            var response = await route.FetchAsync();
            status = response.Status;
            svg = await response.TextAsync();
            await route.FulfillAsync(new RouteFulfillOptions { Response = response });
        }

        await page.RouteAsync("**/api/chart", Capture);
        await page.SelectOptionAsync("#chart-x", x);
        await page.WaitForSelectorAsync($"#chart[data-x='{x}']");
        await page.UnrouteAsync("**/api/chart", Capture);
        Assert.Equal(200, status);
        Assert.Equal(x, asked);
        return svg ?? throw new InvalidOperationException("the chart was drawn without a request to /api/chart");
    }

    private static Task UploadAsync(IPage page, string name, string yaml) =>
        page.SetInputFilesAsync("#upload", new FilePayload { Name = name, MimeType = "text/yaml", Buffer = Encoding.UTF8.GetBytes(yaml) });

    /// <summary>Presses Run, waits for the chart to show run <paramref name="n"/>, and returns the P1 mean response time.</summary>
    private async Task<double> RunAsync(IPage page, int n)
    {
        await page.ClickAsync("#run");
        await page.WaitForSelectorAsync($"#chart[data-points='{n}']");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('chart').naturalWidth > 0"), "the chart image did not load");
        output.WriteLine($"run {n}: Run pressed to chart shown {await page.GetAttributeAsync("#chart", "data-last-run-ms")} ms");
        return Value(await page.GetAttributeAsync("#metrics tr[data-key='responseTime.mean'] td[data-col='p1']", "data-value"));
    }

    private static double Value(string? text) =>
        double.Parse(text ?? throw new InvalidOperationException("no value on the page"), CultureInfo.InvariantCulture);

    private static void Keep(byte[] png)
    {
        string? keep = Environment.GetEnvironmentVariable("PATROLSIM_SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            File.WriteAllBytes(Path.Combine(keep, "web-page.png"), png);
        }
    }

    /// <summary>
    /// The real server on 127.0.0.1 port 0 (as <c>patrolsim serve</c> builds it) and the page open in headless Chromium at
    /// 1280 × 720 (or another width), its console messages, uncaught errors and CSP violations collected.
    /// </summary>
    private sealed class PageSession : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;

        private PageSession(WebApplication app, IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
        {
            _app = app;
            _playwright = playwright;
            _browser = browser;
            Context = context;
            Page = page;
            page.Console += (_, m) => Console.Add($"{m.Type}: {m.Text}");
            page.PageError += (_, e) => Console.Add("uncaught: " + e);
        }

        public IBrowserContext Context { get; }

        public IPage Page { get; }

        public List<string> Console { get; } = [];

        public static async Task<PageSession> OpenAsync(ServeOptions? options = null, bool warmUp = false, int width = Width)
        {
            var app = PatrolSimServer.Build(options ?? new ServeOptions(Port: 0));
            await app.StartAsync();
            if (warmUp)
            {
                await app.Services.GetRequiredService<Simulations>().WarmUpAsync();
            }

            var playwright = await Playwright.CreateAsync();
            var browser = await Chromium.LaunchAsync(playwright);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = Height },
                DeviceScaleFactor = 1,
            });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(120_000); // a loaded CI machine: generous, never asserted on
            var session = new PageSession(app, playwright, browser, context, page);
            await page.AddInitScriptAsync(CspProbe);
            var response = await page.GotoAsync(app.Urls.Single());
            Assert.NotNull(response);
            Assert.Equal(PatrolSimServer.ContentSecurityPolicy, await response.HeaderValueAsync("content-security-policy"));
            await page.WaitForSelectorAsync($"#scenario option[value='{Classroom}']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            return session;
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
