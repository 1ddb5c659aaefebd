using System.Text.Json;
using Tightrope.Bargaining;
using Tightrope.Data;
using Tightrope.Numerics;
using Tightrope.Scenarios;
using Tightrope.Store;

namespace Tightrope.Web;

/// <summary>Writes RFC 9457 problem+json answers.</summary>
public static class Problems
{
    /// <summary>Writes a problem with <paramref name="status"/>, a short title and the detail message.</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { type = "about:blank", title, status, detail }, WebApp.Json));
    }

    /// <summary>A problem result for an endpoint.</summary>
    public static IResult Result(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);
}

/// <summary>
/// Turns the errors users can cause into problem+json with the CLI's message (400, or 503/504 from the solve queue, or
/// 413); anything else is a 500 whose body says only that the server failed, never a stack trace.
/// </summary>
public sealed class ErrorHandling(RequestDelegate next, ILogger<ErrorHandling> log)
{
    /// <summary>Runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var (status, title) = e switch
            {
                RequestTooLargeException => (413, "Request body too large"),
                SolveRefusedException r => (r.Status, r.Title),
                ScenarioException => (400, "Invalid scenario"),
                DataFormatException or BargainingInputException => (400, "Invalid input data"),
                SolverDidNotConvergeException => (422, "The model did not converge"),
                JsonException or BadHttpRequestException => (400, "Malformed request"),
                ArgumentException or KeyNotFoundException or FormatException => (400, "Invalid request"),
                StoreException => (503, "Run store unavailable"),
                _ => (500, "Internal error"),
            };
            if (status == 500)
            {
                log.LogError(e, "Unhandled error on {Path}", context.Request.Path);
            }

            var detail = status == 500 ? "the server failed to answer this request; the error is in the server log." : Detail(e);
            await Problems.WriteAsync(context, status, title, detail);
        }
    }

    private static string Detail(Exception e) => e switch
    {
        BadHttpRequestException { InnerException: JsonException j } => j.Message,
        _ => e.Message,
    };
}

/// <summary>Security headers on every answer: a strict Content-Security-Policy (no third-party origins), no sniffing, no framing.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The policy: everything from this origin only; inline styles allowed because the chart library sets them.</summary>
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Adds the headers and runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var h = context.Response.Headers;
        h.ContentSecurityPolicy = Policy;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        return next(context);
    }
}

/// <summary>The request body exceeds the limit for its route.</summary>
public sealed class RequestTooLargeException(long limit) : Exception($"the request body exceeds the limit of {limit:N0} bytes.");

/// <summary>
/// Caps request bodies: JSON bodies at <c>MaxBodyBytes</c>, uploads to <c>/api/estimate</c> at <c>MaxUploadBytes</c>. A declared
/// length over the cap is refused before reading; an undeclared one is cut off while reading.
/// </summary>
public sealed class RequestLimits(RequestDelegate next, WebServerOptions options)
{
    /// <summary>Checks the body size and runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.Request.Path.StartsWithSegments("/api/estimate") ? options.MaxUploadBytes : options.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new RequestTooLargeException(limit);
        }

        context.Request.Body = new LimitedStream(context.Request.Body, limit);
        return next(context);
    }

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            _read += n;
            return _read > limit ? throw new RequestTooLargeException(limit) : n;
        }
    }
}
