using System.Diagnostics;
using System.Globalization;

namespace PatrolSim.Reports.Tests.Browser;

/// <summary>A fact that runs only when headless Chromium is installed (Debian's chromium at /usr/bin/chromium, or CHROMIUM=path).</summary>
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

/// <summary>Drives headless Chromium from the command line: screenshot of a local file, console messages from its log.</summary>
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

    /// <summary>The result of one page load: the screenshot bytes and the console lines Chromium logged.</summary>
    public sealed record Result(byte[] Png, IReadOnlyList<string> Console, string Log);

    /// <summary>Opens <paramref name="htmlFile"/> at the given window size and saves a screenshot.</summary>
    public static Result Screenshot(string htmlFile, int width, int height)
    {
        string work = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "patrolsim-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string png = System.IO.Path.Combine(work, "shot.png");
            var psi = new ProcessStartInfo(Path!)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (string a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + System.IO.Path.Combine(work, "profile"),
                "--screenshot=" + png, string.Create(CultureInfo.InvariantCulture, $"--window-size={width},{height}"),
                new Uri(System.IO.Path.GetFullPath(htmlFile)).AbsoluteUri,
            })
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish in 120 s");
            }

            string log = stderr.Result + stdout.Result;
            var console = log.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToArray();
            Assert.True(File.Exists(png), "chromium wrote no screenshot; exit code " + p.ExitCode.ToString(CultureInfo.InvariantCulture) + "\n" + log);
            return new Result(File.ReadAllBytes(png), console, log);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
