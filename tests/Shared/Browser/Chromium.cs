using Microsoft.Playwright;

namespace PatrolSim.Testing;

/// <summary>
/// A fact that runs only when headless Chromium is installed (Debian's chromium at /usr/bin/chromium, or CHROMIUM=path).
/// Playwright's own browser download cannot run everywhere; it drives the installed browser through its executable path.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = "chromium is not installed (apt-get install -y chromium; .ci/run installs it)";
        }
    }
}

/// <summary>A theory that runs only when headless Chromium is installed (as <see cref="ChromiumFactAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = "chromium is not installed (apt-get install -y chromium; .ci/run installs it)";
        }
    }
}

/// <summary>
/// Drives headless Chromium through Microsoft.Playwright: page load, console messages, screenshot and its pixels. Shared by the
/// browser tests of the reports and of the web page: a project that needs it links tests/Shared/Browser/*.cs and references
/// Microsoft.Playwright (the other test projects do not, so this folder is not in the tests' common link).
/// </summary>
internal static class Chromium
{
    /// <summary>The browser executable, or null when absent.</summary>
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        string? env = Environment.GetEnvironmentVariable("CHROMIUM");
        if (!string.IsNullOrEmpty(env) && File.Exists(env))
        {
            return env;
        }

        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// What one page load gave: the screenshot, the console messages and uncaught errors, the screenshot's pixels as the browser
    /// decodes them, and what scrolls sideways (see <see cref="Overflow"/>).
    /// </summary>
    public sealed record Result(byte[] Png, IReadOnlyList<string> Console, Pixels Pixels, IReadOnlyList<string> Overflow);

    /// <summary>
    /// What is wider than its box: "page W > V" when document.documentElement.scrollWidth exceeds its clientWidth (the page
    /// scrolls sideways), and "table 'first header cells…' W > V" for each table box (<c>div.table</c>) that scrolls.
    /// </summary>
    private const string OverflowScript =
        """
        () => {
          const out = [];
          const d = document.documentElement;
          if (d.scrollWidth > d.clientWidth) out.push(`page ${d.scrollWidth} > ${d.clientWidth}`);
          for (const t of document.querySelectorAll('div.table')) {
            if (t.scrollWidth > t.clientWidth) {
              const head = [...t.querySelectorAll('thead th')].slice(0, 4).map(h => h.textContent).join(' | ');
              out.push(`table '${head}' ${t.scrollWidth} > ${t.clientWidth}`);
            }
          }
          return out;
        }
        """;

    /// <summary>Facts about a screenshot, measured by drawing it on a canvas in the browser.</summary>
    /// <param name="Width">Width in pixels.</param>
    /// <param name="Height">Height in pixels.</param>
    /// <param name="InkShare">Share of pixels with a channel below 235 (not near white).</param>
    /// <param name="FirstPaletteColour">Whether some pixel is within 6 of #0072B2 on every channel.</param>
    /// <param name="TopCentre">The colour at (width / 2, 40) as 0xRRGGBB.</param>
    public sealed record Pixels(int Width, int Height, double InkShare, bool FirstPaletteColour, int TopCentre);

    /// <summary>Opens <paramref name="htmlFile"/> in a viewport of the given size and takes a screenshot of it.</summary>
    public static Result Screenshot(string htmlFile, int width, int height) => ScreenshotAsync(htmlFile, width, height).GetAwaiter().GetResult();

    private static async Task<Result> ScreenshotAsync(string htmlFile, int width, int height)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
        });

        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
        page.PageError += (_, e) => console.Add("uncaught: " + e);
        await page.GotoAsync(new Uri(System.IO.Path.GetFullPath(htmlFile)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png });
        string[] overflow = await page.EvaluateAsync<string[]>(OverflowScript);

        var pixels = await MeasureAsync(context, png);
        return new Result(png, console, pixels, overflow);
    }

    /// <summary>
    /// Launches the installed Chromium headless through its executable path (Playwright's own browser download cannot run
    /// everywhere), with the switches that keep it quiet and offline.
    /// </summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Measures a PNG screenshot by drawing it on a canvas in a new page of <paramref name="context"/>.</summary>
    public static async Task<Pixels> MeasureAsync(IBrowserContext context, byte[] png)
    {
        ArgumentNullException.ThrowIfNull(context);
        var canvas = await context.NewPageAsync();
        var measured = await canvas.EvaluateAsync<System.Text.Json.JsonElement>(
            """
            async (b64) => {
              const img = new Image();
              img.src = 'data:image/png;base64,' + b64;
              await img.decode();
              const c = document.createElement('canvas');
              c.width = img.naturalWidth;
              c.height = img.naturalHeight;
              const g = c.getContext('2d');
              g.drawImage(img, 0, 0);
              const d = g.getImageData(0, 0, c.width, c.height).data;
              let ink = 0, blue = false;
              for (let i = 0; i < d.length; i += 4) {
                if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) ink++;
                if (Math.abs(d[i] - 0x00) <= 6 && Math.abs(d[i + 1] - 0x72) <= 6 && Math.abs(d[i + 2] - 0xB2) <= 6) blue = true;
              }
              const t = ((40 * c.width) + Math.floor(c.width / 2)) * 4;
              return {
                width: c.width, height: c.height, inkShare: ink / (c.width * c.height), firstPaletteColour: blue,
                topCentre: (d[t] << 16) | (d[t + 1] << 8) | d[t + 2],
              };
            }
            """,
            Convert.ToBase64String(png));
        await canvas.CloseAsync();
        return new Pixels(
            measured.GetProperty("width").GetInt32(), measured.GetProperty("height").GetInt32(), measured.GetProperty("inkShare").GetDouble(),
            measured.GetProperty("firstPaletteColour").GetBoolean(), measured.GetProperty("topCentre").GetInt32());
    }
}
