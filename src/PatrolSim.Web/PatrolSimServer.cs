using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.FileProviders;

namespace PatrolSim.Web;

/// <summary>
/// Builds the web server of <c>patrolsim serve</c> (docs/web.md): the JSON API, the embedded page, security headers on
/// every response, and errors as <see cref="ErrorResponse"/>.
/// </summary>
public static class PatrolSimServer
{
    /// <summary>The Content-Security-Policy of every response: everything from this server, nothing inline, no frames.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>JSON of the API: camelCase (web defaults).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The server for <paramref name="options"/>, not yet started (<c>app.Start()</c>, then read <c>app.Urls</c> for the bound address).</summary>
    /// <param name="options">Address, port, the command line's scenario and the limits.</param>
    /// <param name="args">Host arguments (configuration); none for <c>patrolsim serve</c>.</param>
    public static WebApplication Build(ServeOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Limits ?? new WebLimits();
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // A port in use is reported by patrolsim serve with its fix; the host's own log of it would repeat it with a stack.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = limits.MaxRequestBytes;
            bool localhost = string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase);
            if (localhost && options.Port == 0)
            {
                // Kestrel cannot pick one free port for both loopbacks of "localhost"; IPv4's is the one every browser tries.
                k.Listen(IPAddress.Loopback, 0);
            }
            else if (localhost)
            {
                k.ListenLocalhost(options.Port);
            }
            else
            {
                k.Listen(IPAddress.Parse(options.Host), options.Port);
            }
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new ScenarioCatalog(sp.GetRequiredService<ServeOptions>().Scenario));
        builder.Services.AddSingleton(sp => new SimulationGate((sp.GetRequiredService<ServeOptions>().Limits ?? new WebLimits()).MaxConcurrentSimulations, Environment.ProcessorCount));
        builder.Services.AddSingleton<Simulations>();

        var app = builder.Build();
        app.Use(HeadersAndErrors);
        var files = new ManifestEmbeddedFileProvider(typeof(PatrolSimServer).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        MapApi(app);

        // Parse the bundled scenarios now rather than at the first request.
        _ = app.Services.GetRequiredService<ScenarioCatalog>();
        return app;
    }

    private static void MapApi(WebApplication app)
    {
        app.MapGet("/api/scenarios", (Simulations s) => Json(s.List()));
        app.MapPost("/api/scenario", async (HttpContext ctx, Simulations s) => Json(s.Upload(await ReadAsync<UploadRequest>(ctx, s.Limits))));
        app.MapPost("/api/run", async (HttpContext ctx, Simulations s) =>
            Json(await s.RunAsync(await ReadAsync<RunRequest>(ctx, s.Limits), ctx.RequestAborted)));
        app.MapPost("/api/compare", async (HttpContext ctx, Simulations s) =>
            Json(await s.CompareAsync(await ReadAsync<CompareRequest>(ctx, s.Limits), ctx.RequestAborted)));
        app.MapPost("/api/animate", async (HttpContext ctx, Simulations s) =>
            Json(await s.AnimateAsync(await ReadAsync<RunRequest>(ctx, s.Limits), ctx.RequestAborted)));
        app.MapPost("/api/chart", async (HttpContext ctx, Simulations s) =>
            Results.Text(s.Chart(await ReadAsync<ChartRequest>(ctx, s.Limits)), "image/svg+xml; charset=utf-8"));
        app.Map("/api/{**rest}", (HttpContext ctx) => Error(StatusCodes.Status404NotFound,
            $"no endpoint {ctx.Request.Method} {ctx.Request.Path}; the API is listed in docs/web.md (GET /api/scenarios, POST /api/run, /api/compare, /api/chart, /api/animate, /api/scenario)"));
    }

    private static IResult Json<T>(T value) => Results.Json(value, JsonOptions);

    private static IResult Error(int status, string message, IReadOnlyList<string>? details = null) =>
        Results.Json(new ErrorResponse(message, details ?? []), JsonOptions, statusCode: status);

    /// <summary>Security headers on every response; refusals and failures as JSON errors.</summary>
    private static async Task HeadersAndErrors(HttpContext ctx, RequestDelegate next)
    {
        var headers = ctx.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        try
        {
            await next(ctx).ConfigureAwait(false);
        }
        catch (Exception e) when (!ctx.Response.HasStarted && !ctx.RequestAborted.IsCancellationRequested)
        {
            var (status, message, details) = e switch
            {
                ApiException a => (a.Status, a.Message, a.Details),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, TooLarge(ctx), (IReadOnlyList<string>)[]),
                BadHttpRequestException b => (b.StatusCode, "bad request: " + b.Message, []),
                _ => (StatusCodes.Status500InternalServerError, "internal error: " + e.Message + " (please report it)", []),
            };
            await Error(status, message, details).ExecuteAsync(ctx).ConfigureAwait(false);
        }
    }

    private static string TooLarge(HttpContext ctx)
    {
        var limits = ctx.RequestServices.GetRequiredService<Simulations>().Limits;
        return FormattableString.Invariant($"the request body is larger than the server's limit of {limits.MaxRequestBytes / 1024} KiB (an uploaded scenario may be at most {limits.MaxUploadBytes / 1024} KiB)");
    }

    /// <summary>Reads a JSON request body of at most <see cref="WebLimits.MaxRequestBytes"/> (413 above; 415 unless JSON; 400 when malformed).</summary>
    private static async Task<T> ReadAsync<T>(HttpContext ctx, WebLimits limits)
        where T : class
    {
        var request = ctx.Request;
        if (request.ContentLength > limits.MaxRequestBytes)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, TooLarge(ctx));
        }

        // A JSON content type keeps other sites' forms out: a cross-origin JSON post needs a preflight this server never grants.
        if (!request.HasJsonContentType())
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, $"send the request body as JSON with Content-Type: application/json (got '{request.ContentType}')");
        }

        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxRequestBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ctx.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > limits.MaxRequestBytes)
            {
                throw new ApiException(StatusCodes.Status413PayloadTooLarge, TooLarge(ctx));
            }

            buffer.Write(chunk, 0, n);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), JsonOptions)
                ?? throw ApiException.BadRequest("the request body is null; send a JSON object (docs/web.md lists the fields)");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the request body is not valid JSON for {request.Path}: {e.Message}");
        }
    }
}
