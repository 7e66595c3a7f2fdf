using System.Net;

namespace EngagementPortal.Core.Email.Transports;

/// <summary>How the HTTP transports read a provider's answer: 429 and 5xx may work later, other 4xx never will.</summary>
internal static class HttpSendResults
{
    public static async Task<SendResult> FailureAsync(string provider, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var error = $"{provider} answered {(int)response.StatusCode} {response.StatusCode}: {Truncate(body, 500)}";
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
        {
            return new SendResult.TransientFailure(error, RetryAfter(response));
        }

        return new SendResult.PermanentFailure(error);
    }

    public static SendResult Unreachable(string provider, Exception e) =>
        new SendResult.TransientFailure($"{provider} could not be reached: {e.Message}");

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow > TimeSpan.Zero ? date - DateTimeOffset.UtcNow : null,
            _ => null,
        };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "...";
}
