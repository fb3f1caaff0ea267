using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PatrolSim.Web;

namespace PatrolSim.Web.Tests;

/// <summary>The server in memory (TestServer), as <c>patrolsim serve</c> builds it; <see cref="With"/> gives one with other options.</summary>
public sealed class WebFactory : WebApplicationFactory<Program>
{
    /// <summary>A factory whose server uses <paramref name="options"/> (the scenario given on the command line, limits).</summary>
    public WebApplicationFactory<Program> With(ServeOptions options) =>
        WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(options)));
}

/// <summary>Helpers for the API tests.</summary>
internal static class Api
{
    public const string Classroom = "classroom-small-town";

    public static JsonSerializerOptions Json => PatrolSimServer.JsonOptions;

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static async Task<ErrorResponse> ErrorAsync(HttpResponseMessage response, int status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<ErrorResponse>(body, Json)!;
    }

    public static Task<HttpResponseMessage> PostAsync<T>(HttpClient client, string path, T body) =>
        client.PostAsJsonAsync(path, body, Json);

    public static Dictionary<string, JsonElement> Levers(params (string Key, object Value)[] levers) =>
        levers.ToDictionary(l => l.Key, l => JsonSerializer.SerializeToElement(l.Value, Json));
}
