using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Content.Umbraco;

/// <summary>How a request to the Delivery API ended. Everything but <see cref="Ok"/> is an expected failure.</summary>
public enum DeliveryStatus
{
    Ok,

    /// <summary>404 with ProblemDetails: no published (or, in preview, draft) item there.</summary>
    NotFound,

    /// <summary>404 whose body is the plain text "The Start-Item could not be found": Content:Umbraco:StartItem is wrong.</summary>
    StartItemNotFound,

    /// <summary>401: no or wrong Api-Key, preview without the key, or the Delivery API is switched off.</summary>
    Unauthorized,

    /// <summary>403: protected content.</summary>
    Forbidden,

    /// <summary>400: a fetch, filter or sort option Umbraco does not know (its index may need rebuilding).</summary>
    BadRequest,

    /// <summary>No answer: refused connection, DNS failure, time-out.</summary>
    Unreachable,

    /// <summary>5xx from Umbraco or a proxy in front of it.</summary>
    ServerError,

    /// <summary>An answer the contract does not describe (another status, a body that is not the expected JSON, a redirect loop).</summary>
    UnexpectedResponse,
}

/// <summary>The outcome of one Delivery API request: a value when <see cref="Status"/> is Ok, otherwise what went wrong.</summary>
public sealed record DeliveryResult<T>(DeliveryStatus Status, T? Value, string? Problem)
{
    public bool IsOk => Status == DeliveryStatus.Ok;

    public static DeliveryResult<T> Ok(T value) => new(DeliveryStatus.Ok, value, null);

    public static DeliveryResult<T> Failed(DeliveryStatus status, string problem) => new(status, default, problem);

    public DeliveryResult<TOther> As<TOther>() => new(Status, default, Problem);
}

/// <summary>One page of the query endpoint: <c>{ "total": n, "items": [ ... ] }</c>.</summary>
public sealed record DeliveryPage(long Total, IReadOnlyList<JsonElement> Items);

/// <summary>
/// A typed client for Umbraco's Content Delivery API v2 (contract: ../shared/umbraco-delivery/README.md). Redirects
/// are not followed by the handler: a by-path 301 carries a content path, not an API URL, and must be re-requested
/// with the Start-Item Umbraco names in <c>Location-Start-Item-Path</c>.
/// </summary>
public sealed class UmbracoDeliveryClient(HttpClient http, IOptions<UmbracoDeliveryOptions> options)
{
    public const string ConsultationFilter = "contentType:" + ConsultationItemReader.ContentType;

    private const int MaxRedirects = 5;
    private const string StartItemNotFoundText = "The Start-Item could not be found";

    /// <summary>The handler the client must be built on: automatic redirects off.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary><c>GET content/item/{id}</c>: one item by its key.</summary>
    public async Task<DeliveryResult<JsonElement>> GetItemAsync(Guid id, bool preview = false, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync($"content/item/{id:D}", preview, options.Value.StartItem, cancellationToken);
        return await ReadItemAsync(result, cancellationToken);
    }

    /// <summary><c>GET content/item/{path}</c>: one item by its path below the start item; a 301 is followed by path.</summary>
    public async Task<DeliveryResult<JsonElement>> GetItemByPathAsync(string path, bool preview = false, CancellationToken cancellationToken = default)
    {
        var startItem = options.Value.StartItem;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            var response = await SendAsync("content/item/" + EscapePath(path), preview, startItem, cancellationToken);
            if (response.Value is { StatusCode: HttpStatusCode.MovedPermanently } moved)
            {
                using (moved)
                {
                    var location = moved.Headers.Location?.OriginalString;
                    if (string.IsNullOrWhiteSpace(location))
                    {
                        return DeliveryResult<JsonElement>.Failed(DeliveryStatus.UnexpectedResponse, "Umbraco answered 301 without a Location.");
                    }

                    path = location;
                    if (moved.Headers.TryGetValues("Location-Start-Item-Path", out var startPaths) && startPaths.FirstOrDefault() is { Length: > 0 } startPath)
                    {
                        startItem = startPath;
                    }
                }

                continue;
            }

            return await ReadItemAsync(response, cancellationToken);
        }

        return DeliveryResult<JsonElement>.Failed(DeliveryStatus.UnexpectedResponse, $"More than {MaxRedirects} redirects for '{path}'.");
    }

    /// <summary><c>GET content?filter=contentType:consultation&amp;skip=&amp;take=</c>: one page of published consultations.</summary>
    public Task<DeliveryResult<DeliveryPage>> QueryConsultationsAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        QueryAsync(ConsultationFilter, skip, take, cancellationToken);

    /// <summary><c>GET content?filter=&amp;skip=&amp;take=</c> with one filter option.</summary>
    public async Task<DeliveryResult<DeliveryPage>> QueryAsync(string filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        var query = $"content?filter={Uri.EscapeDataString(filter)}&skip={skip}&take={take}";
        var result = await SendAsync(query, preview: false, options.Value.StartItem, cancellationToken);
        if (!result.IsOk)
        {
            return result.As<DeliveryPage>();
        }

        using var response = result.Value!;
        var failure = await FailureAsync(response, cancellationToken);
        if (failure is not null)
        {
            return failure.As<DeliveryPage>();
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("total", out var total) || total.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return DeliveryResult<DeliveryPage>.Failed(DeliveryStatus.UnexpectedResponse, "The query answer has no total and items.");
            }

            return DeliveryResult<DeliveryPage>.Ok(new DeliveryPage(total.GetInt64(), [.. items.EnumerateArray().Select(i => i.Clone())]));
        }
        catch (JsonException ex)
        {
            return DeliveryResult<DeliveryPage>.Failed(DeliveryStatus.UnexpectedResponse, $"The query answer is not JSON ({ex.Message}).");
        }
    }

    private async Task<DeliveryResult<HttpResponseMessage>> SendAsync(string relative, bool preview, string? startItem, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.ApiBase, relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            request.Headers.Add("Api-Key", settings.ApiKey);
        }

        if (!string.IsNullOrWhiteSpace(startItem))
        {
            request.Headers.Add("Start-Item", startItem);
        }

        if (preview)
        {
            request.Headers.Add("Preview", "true");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            return DeliveryResult<HttpResponseMessage>.Ok(response);
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult<HttpResponseMessage>.Failed(DeliveryStatus.Unreachable, $"Umbraco at {settings.BaseUrl} could not be reached ({ex.Message}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult<HttpResponseMessage>.Failed(DeliveryStatus.Unreachable, $"Umbraco at {settings.BaseUrl} did not answer within {settings.RequestTimeout}.");
        }
    }

    private static async Task<DeliveryResult<JsonElement>> ReadItemAsync(DeliveryResult<HttpResponseMessage> result, CancellationToken cancellationToken)
    {
        if (!result.IsOk)
        {
            return result.As<JsonElement>();
        }

        using var response = result.Value!;
        var failure = await FailureAsync(response, cancellationToken);
        if (failure is not null)
        {
            return failure.As<JsonElement>();
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? DeliveryResult<JsonElement>.Ok(document.RootElement.Clone())
                : DeliveryResult<JsonElement>.Failed(DeliveryStatus.UnexpectedResponse, "The item answer is not a JSON object.");
        }
        catch (JsonException ex)
        {
            return DeliveryResult<JsonElement>.Failed(DeliveryStatus.UnexpectedResponse, $"The item answer is not JSON ({ex.Message}).");
        }
    }

    /// <summary>Null for a 200; otherwise the failure the status code and body describe.</summary>
    private static async Task<DeliveryResult<object>?> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status == 200)
        {
            return null;
        }

        var body = await ReadTextAsync(response, cancellationToken);
        var problem = ProblemText(body);
        return status switch
        {
            401 => DeliveryResult<object>.Failed(DeliveryStatus.Unauthorized, "Umbraco refused the request (401): check Content:Umbraco:ApiKey and that the Delivery API is enabled."),
            403 => DeliveryResult<object>.Failed(DeliveryStatus.Forbidden, "Umbraco refused access to protected content (403)."),
            400 => DeliveryResult<object>.Failed(DeliveryStatus.BadRequest, $"Umbraco refused the query (400): {problem ?? body}"),
            404 when problem is not null => DeliveryResult<object>.Failed(DeliveryStatus.NotFound, "Umbraco has no such item (404)."),
            404 when body.Contains(StartItemNotFoundText, StringComparison.OrdinalIgnoreCase) =>
                DeliveryResult<object>.Failed(DeliveryStatus.StartItemNotFound, "Umbraco does not know the start item (404): check Content:Umbraco:StartItem."),
            >= 500 => DeliveryResult<object>.Failed(DeliveryStatus.ServerError, $"Umbraco answered {status}."),
            _ => DeliveryResult<object>.Failed(DeliveryStatus.UnexpectedResponse, $"Umbraco answered {status}, which the Delivery API does not: is Content:Umbraco:BaseUrl right and the Delivery API enabled?"),
        };
    }

    private static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 2000 ? text[..2000] : text;
    }

    /// <summary>"title: detail" of a ProblemDetails body, or null when the body is not one.</summary>
    private static string? ProblemText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out _))
            {
                return null;
            }

            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrWhiteSpace(s)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string EscapePath(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString)).TrimStart('/');
}
