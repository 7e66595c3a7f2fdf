using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementPortal.TestCommon.Umbraco;

/// <summary>A request the fixture server received, with the headers the Delivery API reads.</summary>
public sealed record RecordedRequest(string PathAndQuery, string? ApiKey, string? StartItem, string? Preview);

/// <summary>
/// A stand-in for a real Umbraco's Content Delivery API v2 on 127.0.0.1 (Kestrel, a free port), answering with the
/// status codes, headers and bodies of ../shared/umbraco-delivery/README.md and its fixture files: Api-Key checks
/// (401 ProblemDetails), the plain-text Start-Item 404, ProblemDetails 404 for unknown ids, 400 for unknown filters,
/// by-path 301 with Location-Start-Item-Path, paging with skip/take, and Preview drafts. Tests change what is
/// published (<see cref="Publish"/>, <see cref="Unpublish"/>, <see cref="SetDraft"/>, <see cref="AddRedirect"/>).
/// </summary>
public sealed class DeliveryApiFixtureServer : IAsyncDisposable
{
    public const string ApiKey = "fixture-api-key-0123456789";
    public const string StartItemPath = "engagement-portal";
    public const string StartItemId = "b7e9999e-18e9-4be1-9a75-56c9eda827ab";
    public const string ConsultationId = "642e5290-1f63-4add-8d4e-1deb6c04dc42";
    public const string ConsultationSlug = "integrating-care-next-steps-to-building-strong-and-effective-integrated-care-systems-across-england";
    private const string ApiRoot = "/umbraco/delivery/api/v2";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<Guid, string> _published = new();
    private readonly ConcurrentDictionary<Guid, string> _drafts = new();
    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Guid> _order = [];
    private readonly Lock _gate = new();

    private DeliveryApiFixtureServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The Umbraco site's root, as Content:Umbraco:BaseUrl would be set.</summary>
    public Uri BaseUrl { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>When true, the query endpoint answers with the fixture files themselves (page 1, then the empty page 2).</summary>
    public bool ServeQueryFixtureFiles { get; set; }

    public static string FixtureFolder => Path.Combine(Repository.Shared, "umbraco-delivery");

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(FixtureFolder, name));

    /// <summary>Starts the server with the fixture consultation published.</summary>
    public static async Task<DeliveryApiFixtureServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        DeliveryApiFixtureServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new DeliveryApiFixtureServer(app, new Uri(address.TrimEnd('/') + "/"));
        server.Publish(Fixture("content-item-consultation.json"));
        return server;
    }

    /// <summary>An address on which nothing listens: a port the system gave out and that was closed again.</summary>
    public static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The fixture consultation with another id, slug and title (and any other change), as a new item.</summary>
    public static string ConsultationVariant(Guid id, string slug, Action<JsonObject>? change = null)
    {
        var item = JsonNode.Parse(Fixture("content-item-consultation.json"))!.AsObject();
        item["id"] = id.ToString("D");
        item["route"]!["path"] = $"/consultations/{slug}/";
        item["name"] = $"Consultation {slug}";
        item["properties"]!["title"] = $"Consultation {slug}";
        change?.Invoke(item);
        return item.ToJsonString();
    }

    /// <summary>Publishes (or republishes) an item given as Delivery API JSON.</summary>
    public void Publish(string itemJson)
    {
        var id = IdOf(itemJson);
        lock (_gate)
        {
            _published[id] = itemJson;
            if (!_order.Contains(id))
            {
                _order.Add(id);
            }
        }
    }

    public void Unpublish(Guid id)
    {
        lock (_gate)
        {
            _published.TryRemove(id, out _);
            _order.Remove(id);
        }
    }

    /// <summary>A draft that only a preview request (Preview: true with the Api-Key) sees.</summary>
    public void SetDraft(string itemJson) => _drafts[IdOf(itemJson)] = itemJson;

    /// <summary>Umbraco's redirect tracking: a request for <paramref name="oldPath"/> answers 301 to <paramref name="newPath"/>.</summary>
    public void AddRedirect(string oldPath, string newPath) => _redirects[Normalise(oldPath)] = newPath;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Guid IdOf(string itemJson)
    {
        using var document = JsonDocument.Parse(itemJson);
        return Guid.Parse(document.RootElement.GetProperty("id").GetString()!);
    }

    private static string Normalise(string path) => "/" + path.Trim('/') + "/";

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers;
        Requests.Enqueue(new RecordedRequest(request.Path + request.QueryString, headers["Api-Key"].FirstOrDefault(), headers["Start-Item"].FirstOrDefault(), headers["Preview"].FirstOrDefault()));
        context.Response.Headers.Vary = "Accept-Language, Preview, Start-Item";
        var path = request.Path.Value ?? "";
        if (!path.StartsWith(ApiRoot + "/", StringComparison.Ordinal) || request.Method != "GET")
        {
            context.Response.StatusCode = 404;
            return;
        }

        // DeliveryApiAccessAttribute: this instance has PublicAccess false, so every request needs the key.
        if (headers["Api-Key"].FirstOrDefault() != ApiKey)
        {
            await ProblemAsync(context, 401, "error-401-unauthorized.json");
            return;
        }

        // ValidateStartItemAttribute: an unknown Start-Item is a plain string 404, not ProblemDetails.
        var startItem = headers["Start-Item"].FirstOrDefault();
        if (startItem is not null && startItem is not (StartItemPath or StartItemId))
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("The Start-Item could not be found");
            return;
        }

        var preview = string.Equals(headers["Preview"].FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
        var rest = path[(ApiRoot.Length + 1)..];
        if (rest == "content")
        {
            await QueryAsync(context);
        }
        else if (rest.StartsWith("content/item/", StringComparison.Ordinal))
        {
            await ItemAsync(context, Uri.UnescapeDataString(rest["content/item/".Length..]), preview);
        }
        else
        {
            await ProblemAsync(context, 404, "error-404-not-found.json");
        }
    }

    private async Task ItemAsync(HttpContext context, string idOrPath, bool preview)
    {
        string? json = null;
        if (Guid.TryParse(idOrPath, out var id))
        {
            if (preview && _drafts.TryGetValue(id, out var draft))
            {
                json = draft;
            }
            else
            {
                _published.TryGetValue(id, out json);
            }
        }
        else
        {
            var wanted = Normalise(idOrPath);
            if (_redirects.TryGetValue(wanted, out var moved))
            {
                context.Response.StatusCode = 301;
                context.Response.Headers.Location = moved;
                context.Response.Headers["Location-Start-Item-Path"] = StartItemPath;
                context.Response.Headers["Location-Start-Item-Id"] = StartItemId;
                return;
            }

            json = _published.Values.FirstOrDefault(item => string.Equals(RoutePath(item), wanted, StringComparison.OrdinalIgnoreCase));
        }

        if (json is null)
        {
            await ProblemAsync(context, 404, "error-404-not-found.json");
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json);
    }

    private async Task QueryAsync(HttpContext context)
    {
        var query = context.Request.Query;
        foreach (var filter in query["filter"])
        {
            var name = (filter ?? "").Split(':')[0].TrimStart('!');
            if (name is not ("contentType" or "name") && !name.StartsWith("createDate", StringComparison.Ordinal) && !name.StartsWith("updateDate", StringComparison.Ordinal))
            {
                await ProblemAsync(context, 400, "error-400-filter-option-not-found.json");
                return;
            }
        }

        var skip = int.TryParse(query["skip"], out var s) ? s : 0;
        var take = int.TryParse(query["take"], out var t) ? t : 10;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (ServeQueryFixtureFiles)
        {
            await context.Response.WriteAsync(Fixture(skip == 0 ? "content-query-consultations.json" : "content-query-consultations-page-2.json"));
            return;
        }

        var type = query["filter"].Select(f => f ?? "").FirstOrDefault(f => f.StartsWith("contentType:", StringComparison.Ordinal))?["contentType:".Length..];
        List<string> items;
        lock (_gate)
        {
            items = [.. _order.Select(id => _published[id]).Where(item => type is null || ContentTypeOf(item) == type)];
        }

        var page = new JsonObject
        {
            ["total"] = items.Count,
            ["items"] = new JsonArray([.. items.Skip(skip).Take(take).Select(item => JsonNode.Parse(item))]),
        };
        await context.Response.WriteAsync(page.ToJsonString());
    }

    private static string? RoutePath(string itemJson)
    {
        using var document = JsonDocument.Parse(itemJson);
        return document.RootElement.TryGetProperty("route", out var route) ? Normalise(route.GetProperty("path").GetString() ?? "") : null;
    }

    private static string? ContentTypeOf(string itemJson)
    {
        using var document = JsonDocument.Parse(itemJson);
        return document.RootElement.GetProperty("contentType").GetString();
    }

    private static async Task ProblemAsync(HttpContext context, int status, string fixture)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json; charset=utf-8";
        await context.Response.WriteAsync(Fixture(fixture));
    }
}
