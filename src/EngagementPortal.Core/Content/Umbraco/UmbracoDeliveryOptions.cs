using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Content.Umbraco;

/// <summary>
/// Where a separately hosted Umbraco's Content Delivery API v2 is, and how the portal talks to it
/// (<c>Content:Umbraco:*</c>). Only read when <c>Content:Source</c> is <c>UmbracoDelivery</c>; then the base URL and
/// the webhook secret are required.
/// </summary>
public sealed class UmbracoDeliveryOptions
{
    public const string Section = "Content:Umbraco";

    /// <summary>The Umbraco site's root, such as https://cms.example.nhs.uk/ (the API is under /umbraco/delivery/api/v2/).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Umbraco's <c>Umbraco:CMS:DeliveryApi:ApiKey</c>: needed when the API is not public, and always for preview.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The root node (URL segment or key) that holds the consultations, sent as <c>Start-Item</c>; none when empty.</summary>
    public string? StartItem { get; set; }

    /// <summary>The value Umbraco's webhook sends in the <c>X-Portal-Webhook-Secret</c> header (at least 16 characters).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How often the whole set of consultations is read again, besides the webhook (default 15 minutes).</summary>
    public TimeSpan SyncEvery { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long one request to Umbraco may take before it counts as unreachable.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Umbraco's back office, such as https://cms.example.nhs.uk/umbraco (optional): where "Edit it in Umbraco"
    /// links, to the consultation's own document when its key is known.</summary>
    public string? BackOfficeUrl { get; set; }

    /// <summary>The page in Umbraco's back office (v14 and later) where a document is edited; null without <see cref="BackOfficeUrl"/>.</summary>
    public string? EditUrl(string? documentKey) =>
        string.IsNullOrWhiteSpace(BackOfficeUrl) ? null
        : Guid.TryParse(documentKey, out var key) ? $"{BackOfficeUrl.TrimEnd('/')}/section/content/workspace/document/edit/{key:D}"
        : BackOfficeUrl;

    /// <summary>Items per page when paging through every consultation.</summary>
    public int PageSize { get; set; } = 50;

    public Uri ApiBase => new(new Uri(BaseUrl!.EndsWith('/') ? BaseUrl : BaseUrl + "/"), "umbraco/delivery/api/v2/");

    /// <summary>Media URLs in the API are relative to the Umbraco host.</summary>
    public Uri MediaBase => new(BaseUrl!.EndsWith('/') ? BaseUrl : BaseUrl + "/");
}

/// <summary>Checks <see cref="UmbracoDeliveryOptions"/> at start-up, but only when Umbraco is the configured source.</summary>
public sealed class UmbracoDeliveryOptionsValidation(IOptions<ContentOptions> content) : IValidateOptions<UmbracoDeliveryOptions>
{
    public const int MinimumSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, UmbracoDeliveryOptions options)
    {
        if (!content.Value.IsUmbraco)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            failures.Add("Content:Umbraco:BaseUrl must be the absolute http(s) address of the Umbraco site when Content:Source is UmbracoDelivery.");
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret) || options.WebhookSecret.Length < MinimumSecretLength)
        {
            failures.Add($"Content:Umbraco:WebhookSecret must be at least {MinimumSecretLength} characters when Content:Source is UmbracoDelivery.");
        }

        if (options.SyncEvery < TimeSpan.FromMinutes(1) || options.SyncEvery > TimeSpan.FromDays(1))
        {
            failures.Add("Content:Umbraco:SyncEvery must be between 00:01:00 and 1.00:00:00.");
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Content:Umbraco:RequestTimeout must be between 00:00:01 and 00:05:00.");
        }

        if (options.BackOfficeUrl is { Length: > 0 } backOffice && (!Uri.TryCreate(backOffice, UriKind.Absolute, out var office) || office.Scheme is not ("http" or "https")))
        {
            failures.Add("Content:Umbraco:BackOfficeUrl, when set, must be the absolute http(s) address of Umbraco's back office.");
        }

        if (options.PageSize is < 1 or > 500)
        {
            failures.Add("Content:Umbraco:PageSize must be between 1 and 500.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
