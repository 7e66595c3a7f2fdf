using EngagementPortal.Core.Content;
using EngagementPortal.Core.Content.Umbraco;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Tests.Content.Umbraco;

public sealed class UmbracoDeliveryOptionsTests
{
    private static ValidateOptionsResult Validate(string source, UmbracoDeliveryOptions options) =>
        new UmbracoDeliveryOptionsValidation(Options.Create(new ContentOptions { Source = source })).Validate(null, options);

    [Fact]
    public void Validate_BuiltInSource_NeedsNothing() =>
        Assert.True(Validate(ContentOptions.BuiltInSource, new UmbracoDeliveryOptions()).Succeeded);

    [Fact]
    public void Validate_UmbracoWithoutBaseUrlOrSecret_FailsNamingBothSettings()
    {
        var result = Validate(ContentOptions.UmbracoDeliverySource, new UmbracoDeliveryOptions());

        Assert.True(result.Failed);
        Assert.Contains("Content:Umbraco:BaseUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Content:Umbraco:WebhookSecret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://cms.example.org/")]
    [InlineData("cms.example.org")]
    public void Validate_BaseUrlNotHttp_Fails(string baseUrl) =>
        Assert.True(Validate(ContentOptions.UmbracoDeliverySource, new UmbracoDeliveryOptions { BaseUrl = baseUrl, WebhookSecret = new string('s', 32) }).Failed);

    [Fact]
    public void Validate_SyncEveryTooOften_Fails() =>
        Assert.True(Validate(ContentOptions.UmbracoDeliverySource, new UmbracoDeliveryOptions { BaseUrl = "https://cms.example.org", WebhookSecret = new string('s', 32), SyncEvery = TimeSpan.FromSeconds(5) }).Failed);

    [Fact]
    public void Validate_Complete_Succeeds() =>
        Assert.True(Validate(ContentOptions.UmbracoDeliverySource, new UmbracoDeliveryOptions { BaseUrl = "https://cms.example.org", WebhookSecret = new string('s', 32) }).Succeeded);

    [Fact]
    public void ApiBase_WithOrWithoutTrailingSlash_IsTheV2Root()
    {
        Assert.Equal("https://cms.example.org/umbraco/delivery/api/v2/", new UmbracoDeliveryOptions { BaseUrl = "https://cms.example.org" }.ApiBase.ToString());
        Assert.Equal("https://cms.example.org/sub/umbraco/delivery/api/v2/", new UmbracoDeliveryOptions { BaseUrl = "https://cms.example.org/sub/" }.ApiBase.ToString());
    }
}
