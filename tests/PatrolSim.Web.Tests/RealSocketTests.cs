using System.Net;
using System.Text;
using PatrolSim.Web;

namespace PatrolSim.Web.Tests;

/// <summary>The server on a real socket (Kestrel), as the browser test starts it: 127.0.0.1, port 0, the bound address read back.</summary>
public sealed class RealSocketTests
{
    [Fact]
    public async Task BuiltServer_ListensOnLoopback_AndKestrelBoundsTheBody()
    {
        await using var app = PatrolSimServer.Build(new ServeOptions(Port: 0));
        await app.StartAsync();
        string url = app.Urls.Single();
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", url);

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var list = await Api.ReadAsync<ScenarioListResponse>(await http.GetAsync("/api/scenarios"));
        Assert.Equal(Api.Classroom, list.DefaultId);

        // A body without a length, streamed past the limit, is cut off by the server (413), not read to its end.
        var big = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"yaml\": \"" + new string('x', 400 * 1024) + "\"}")));
        big.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/scenario") { Content = big };
        request.Headers.TransferEncodingChunked = true;
        var response = await http.SendAsync(request);
        var error = await Api.ErrorAsync(response, (int)HttpStatusCode.RequestEntityTooLarge);
        Assert.StartsWith("the request body is larger than the server's limit of 256 KiB", error.Error, StringComparison.Ordinal);
        await app.StopAsync();
    }
}
