using PatrolSim.Output;

namespace PatrolSim.Web;

/// <summary>A request the server refuses: the status code, the message and its details, sent as an <see cref="ErrorResponse"/>.</summary>
public sealed class ApiException : PatrolSimException
{
    /// <summary>Creates the exception.</summary>
    public ApiException(int status, string message, IReadOnlyList<string>? details = null)
        : base(message, status >= 500 ? ExitCodes.Failure : ExitCodes.InvalidInput)
    {
        Status = status;
        Details = details ?? [];
    }

    /// <summary>Required by the exception pattern: a 400.</summary>
    public ApiException()
        : this(StatusCodes.Status400BadRequest, "Bad request.")
    {
    }

    /// <summary>Required by the exception pattern: a 400.</summary>
    public ApiException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    /// <summary>Required by the exception pattern: a 400 with its cause.</summary>
    public ApiException(string message, Exception innerException)
        : base(message, ExitCodes.InvalidInput, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Details = [];
    }

    /// <summary>HTTP status code.</summary>
    public int Status { get; }

    /// <summary>Further lines (e.g. each problem of a scenario file).</summary>
    public IReadOnlyList<string> Details { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Problems => Details.Count > 0 ? Details : [Message];

    /// <summary>A 400 Bad Request.</summary>
    public static ApiException BadRequest(string message, IReadOnlyList<string>? details = null) => new(StatusCodes.Status400BadRequest, message, details);

    /// <summary>The body as sent.</summary>
    public ErrorResponse ToResponse() => new(Message, Details);
}
