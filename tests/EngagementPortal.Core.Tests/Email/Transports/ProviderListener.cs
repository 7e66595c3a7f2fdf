using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace EngagementPortal.Core.Tests.Email.Transports;

/// <summary>
/// A real HTTP server on loopback standing in for an email provider's API. Every request is checked against the
/// provider's documented shape by <c>check</c> (which returns what is wrong with it); a request with problems gets a
/// 400 and the problems are kept for the test to assert on. A well-formed request gets the next scripted answer.
/// </summary>
public sealed class ProviderListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpResponse, Task>> _answers = new();

    private ProviderListener(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<string> Problems { get; } = new();

    public ConcurrentQueue<string> RequestBodies { get; } = new();

    public static async Task<ProviderListener> StartAsync(string path, Func<HttpRequest, string, IReadOnlyList<string>> check)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var listener = new ProviderListener(app);
        app.MapPost(path, async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            listener.RequestBodies.Enqueue(body);
            var problems = check(context.Request, body);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    listener.Problems.Enqueue(problem);
                }

                context.Response.StatusCode = 400;
                await context.Response.WriteAsync(string.Join("; ", problems));
                return;
            }

            if (!listener._answers.TryDequeue(out var answer))
            {
                listener.Problems.Enqueue("More requests than scripted answers.");
                context.Response.StatusCode = 500;
                return;
            }

            await answer(context.Response);
        });
        await app.StartAsync();
        listener.BaseUrl = new Uri(app.Urls.Single());
        return listener;
    }

    public void Answer(int status, string? json = null, Action<HttpResponse>? headers = null) =>
        _answers.Enqueue(async response =>
        {
            response.StatusCode = status;
            headers?.Invoke(response);
            if (json is not null)
            {
                response.ContentType = "application/json";
                await response.WriteAsync(json);
            }
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
