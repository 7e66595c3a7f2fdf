using System.Net;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Infrastructure;

public enum Access
{
    /// <summary>Anyone, signed in or not.</summary>
    Public,

    /// <summary>Any signed-in account (managing your own sign-in).</summary>
    SignedIn,

    /// <summary>Administrators and officers, signed in with a second factor.</summary>
    Staff,

    /// <summary>Administrators only.</summary>
    Administrator,

    /// <summary>Partner organisations' contributors (the Partner role with an organisation claim); every query is
    /// scoped by that organisation (proved per endpoint by Pages/Partners/IsolationTests).</summary>
    Partner,
}

/// <summary>
/// Every endpoint the app maps, read from its own EndpointDataSource, must be classified here: a new page fails
/// <see cref="EveryEndpoint_IsClassified"/> until someone decides who may see it. Staff and administrator pages
/// are then requested as each kind of person, signed in for real.
/// </summary>
public sealed class EndpointAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Stands for the id of the Integrating care consultation, imported from its content package at start.</summary>
    public const string SampleConsultation = "{consultation}";

    /// <summary>The key of question 1's "Please explain your answer" in the Integrating care package: a place officers code.</summary>
    public const string SampleFollowUp = "a1d7e3c9-6f24-4e8b-b05a-3c9f1e7d2a84";

    /// <summary>Route pattern (lower case, leading slash) → who may see it, and a path to request it by when it has parameters.</summary>
    public static readonly IReadOnlyDictionary<string, (Access Access, string? Sample)> Classification = new Dictionary<string, (Access, string?)>
    {
        ["/"] = (Access.Public, null),
        ["/error/{code:int?}"] = (Access.Public, "/error/404"),
        ["/consultations/{slug}"] = (Access.Public, "/consultations/integrating-care"),
        ["/accessibility"] = (Access.Public, null),
        ["/cookies"] = (Access.Public, null),
        ["/other-formats"] = (Access.Public, null),
        ["/privacy"] = (Access.Public, null),
        ["/health/live"] = (Access.Public, null),
        ["/health/ready"] = (Access.Public, null),
        ["/account/sign-in"] = (Access.Public, null),
        ["/account/sign-in/code"] = (Access.Public, null),
        ["/account/sign-in/recovery-code"] = (Access.Public, null),
        ["/account/sign-out"] = (Access.Public, null),
        ["/account/setup"] = (Access.Public, null),
        ["/account/set-password"] = (Access.Public, null),
        ["/account/two-factor"] = (Access.SignedIn, null),
        ["/account/recovery-codes"] = (Access.SignedIn, null),
        ["/account/session"] = (Access.SignedIn, null),
        ["/account/change-password"] = (Access.SignedIn, null),
        ["/webhooks/umbraco"] = (Access.Public, null), // POST only, with Umbraco's shared secret
        ["/your-response"] = (Access.Public, null),
        ["/consultations/{slug}/respond"] = (Access.Public, "/consultations/integrating-care/respond"),
        ["/consultations/{slug}/respond/about-you"] = (Access.Public, "/consultations/integrating-care/respond/about-you"),
        ["/consultations/{slug}/respond/questions/{number:int}"] = (Access.Public, "/consultations/integrating-care/respond/questions/1"),
        ["/consultations/{slug}/respond/equality"] = (Access.Public, "/consultations/integrating-care/respond/equality"),
        ["/consultations/{slug}/respond/publishing"] = (Access.Public, "/consultations/integrating-care/respond/publishing"),
        ["/consultations/{slug}/respond/check-answers"] = (Access.Public, "/consultations/integrating-care/respond/check-answers"),
        ["/consultations/{slug}/respond/confirmation"] = (Access.Public, "/consultations/integrating-care/respond/confirmation"),
        ["/consultations/{slug}/respond/save"] = (Access.Public, "/consultations/integrating-care/respond/save"),
        ["/consultations/{slug}/respond/resume/{token}"] = (Access.Public, "/consultations/integrating-care/respond/resume/not-a-token"),
        ["/backoffice/umbraco/preview/{id:guid}"] = (Access.Staff, "/backoffice/umbraco/preview/00000000-0000-0000-0000-000000000001"),
        ["/backoffice/umbraco"] = (Access.Staff, null),
        ["/backoffice"] = (Access.Staff, null),
        ["/backoffice/jobs"] = (Access.Staff, null),
        ["/backoffice/mail"] = (Access.Staff, null),
        ["/backoffice/index"] = (Access.Staff, null),
        ["/backoffice/consultations/new"] = (Access.Staff, null),
        ["/backoffice/consultations/{id:guid}"] = (Access.Staff, "/backoffice/consultations/" + EndpointAccessTests.SampleConsultation),
        ["/backoffice/consultations/{id:guid}/edit"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/edit"),
        ["/backoffice/consultations/{id:guid}/questions"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/questions"),
        ["/backoffice/consultations/{id:guid}/documents"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/documents"),
        ["/backoffice/consultations/{id:guid}/collation"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/collation"),
        ["/backoffice/consultations/{id:guid}/dashboard"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/dashboard"),
        ["/backoffice/consultations/{id:guid}/coding"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/coding"),
        ["/backoffice/consultations/{id:guid}/coding/{key}"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/coding/{SampleFollowUp}"),
        ["/backoffice/consultations/{id:guid}/coding/{key}/answers"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/coding/{SampleFollowUp}/answers"),
        ["/documents/{name}"] = (Access.Public, "/documents/00000000000000000000000000000000.pdf"),
        ["/backoffice/consultations/{id:guid}/responses"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/responses"),
        ["/backoffice/consultations/{id:guid}/responses/new"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/responses/new"),
        ["/backoffice/consultations/{id:guid}/responses/export"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/responses/export"),
        ["/backoffice/consultations/{id:guid}/responses/{responseid:guid}"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/responses/00000000-0000-0000-0000-000000000001"),
        ["/backoffice/consultations/{id:guid}/responses/{responseid:guid}/answers/{answerid:long}/redact"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/responses/00000000-0000-0000-0000-000000000001/answers/1/redact"),
        ["/backoffice/data-requests"] = (Access.Staff, null),
        ["/backoffice/data-requests/{id:guid}"] = (Access.Staff, "/backoffice/data-requests/00000000-0000-0000-0000-000000000001"),
        ["/consultations/{slug}/results"] = (Access.Public, "/consultations/integrating-care/results"),
        ["/backoffice/consultations/{id:guid}/partnership-response"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/partnership-response"),
        ["/backoffice/consultations/{id:guid}/partnership-response/versions/{number:int}"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/partnership-response/versions/1"),
        ["/backoffice/consultations/{id:guid}/partnership-response/versions/{number:int}/{format}"] = (Access.Staff, $"/backoffice/consultations/{EndpointAccessTests.SampleConsultation}/partnership-response/versions/1/docx"),
        ["/backoffice/admin/accounts"] = (Access.Administrator, null),
        ["/backoffice/admin/audit"] = (Access.Administrator, null),
        ["/partners/join"] = (Access.Public, "/partners/join?token=not-a-token"),
        ["/partners"] = (Access.Partner, null),
        ["/partners/colleagues"] = (Access.Partner, null),
        ["/partners/submissions/{id:guid}"] = (Access.Partner, "/partners/submissions/00000000-0000-0000-0000-000000000001"),
        ["/partners/submissions/{id:guid}/letter"] = (Access.Partner, "/partners/submissions/00000000-0000-0000-0000-000000000001/letter"),
        ["/partners/submissions/{id:guid}/sign-off"] = (Access.Partner, "/partners/submissions/00000000-0000-0000-0000-000000000001/sign-off"),
        ["/backoffice/partners"] = (Access.Staff, null),
        ["/backoffice/partners/places"] = (Access.Staff, null),
        ["/backoffice/partners/organisations/{id:guid?}"] = (Access.Staff, "/backoffice/partners/organisations"),
        ["/backoffice/partners/consultations/{id:guid}"] = (Access.Staff, "/backoffice/partners/consultations/" + EndpointAccessTests.SampleConsultation),
        ["/backoffice/partners/submissions/{id:guid}"] = (Access.Staff, "/backoffice/partners/submissions/00000000-0000-0000-0000-000000000001"),
    };

    /// <summary>What a permitted person gets: 200, except where the page depends on a source the tests do not configure
    /// (the Umbraco preview answers 404 unless Content:Source is UmbracoDelivery).</summary>
    private static readonly Dictionary<string, HttpStatusCode> PermittedStatus = new()
    {
        ["/backoffice/umbraco/preview/{id:guid}"] = HttpStatusCode.NotFound,
        ["/backoffice/partners/submissions/{id:guid}"] = HttpStatusCode.NotFound,

        // Pages about one response or data request: the sample ids name none, so a permitted person gets 404.
        ["/backoffice/consultations/{id:guid}/responses/{responseid:guid}"] = HttpStatusCode.NotFound,
        ["/backoffice/consultations/{id:guid}/responses/{responseid:guid}/answers/{answerid:long}/redact"] = HttpStatusCode.NotFound,
        ["/backoffice/data-requests/{id:guid}"] = HttpStatusCode.NotFound,

        // No partnership response version exists in these tests' database, so a version and its exports are not found.
        ["/backoffice/consultations/{id:guid}/partnership-response/versions/{number:int}"] = HttpStatusCode.NotFound,
        ["/backoffice/consultations/{id:guid}/partnership-response/versions/{number:int}/{format}"] = HttpStatusCode.NotFound,
    };

    private static HttpStatusCode Permitted(string pattern) => PermittedStatus.GetValueOrDefault(pattern, HttpStatusCode.OK);

    public static TheoryData<string> PublicEndpoints() => [.. Classification.Where(c => c.Value.Access == Access.Public).Select(c => c.Key)];

    public static TheoryData<string> StaffEndpoints() => [.. Classification.Where(c => c.Value.Access == Access.Staff).Select(c => c.Key)];

    public static TheoryData<string> AdministratorEndpoints() => [.. Classification.Where(c => c.Value.Access == Access.Administrator).Select(c => c.Key)];

    public static TheoryData<string> PartnerEndpoints() => [.. Classification.Where(c => c.Value.Access == Access.Partner).Select(c => c.Key)];

    public static TheoryData<string> SignedInEndpoints() => [.. Classification.Where(c => c.Value.Access == Access.SignedIn).Select(c => c.Key)];

    [Fact]
    public void EveryEndpoint_IsClassified()
    {
        var patterns = AppPatterns().Keys.ToList();

        var unclassified = patterns.Where(p => !Classification.ContainsKey(p)).ToList();
        Assert.True(unclassified.Count == 0, "Classify these endpoints in EndpointAccessTests: " + string.Join(", ", unclassified));
        var stale = Classification.Keys.Where(k => !patterns.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "These classified endpoints no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public void EveryEndpoint_CarriesThePolicyOfItsClass()
    {
        foreach (var (pattern, endpoint) in AppPatterns())
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToHashSet();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var expected = Classification[pattern].Access;
            switch (expected)
            {
                case Access.Public:
                    Assert.True(policies.Count == 0 || anonymous, $"{pattern} is classified public but requires {string.Join(", ", policies)}");
                    break;
                case Access.SignedIn:
                    Assert.Contains(PortalAccess.SignedInPolicy, policies);
                    break;
                case Access.Staff:
                    Assert.Contains(PortalAccess.StaffPolicy, policies);
                    Assert.False(anonymous, pattern);
                    break;
                case Access.Administrator:
                    Assert.Contains(PortalAccess.AdministratorPolicy, policies);
                    Assert.False(anonymous, pattern);
                    break;
                case Access.Partner:
                    Assert.Contains(PortalAccess.PartnerPolicy, policies);
                    Assert.False(anonymous, pattern);
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(PublicEndpoints))]
    public async Task Anonymous_ReachesPublicEndpoints(string pattern)
    {
        var response = await factory.CreatePortalClient().GetAsync(PathFor(pattern));

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("ReturnUrl=", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StaffEndpoints))]
    [MemberData(nameof(AdministratorEndpoints))]
    [MemberData(nameof(SignedInEndpoints))]
    [MemberData(nameof(PartnerEndpoints))]
    public async Task Anonymous_IsSentToSignIn(string pattern)
    {
        var response = await factory.CreatePortalClient().GetAsync(PathFor(pattern));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StaffEndpoints))]
    [MemberData(nameof(AdministratorEndpoints))]
    public async Task Partner_IsForbidden(string pattern)
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Partner);

        var response = await client.GetAsync(PathFor(pattern));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You do not have permission to see this page", (await response.ReadHtmlAsync()).QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(StaffEndpoints))]
    [MemberData(nameof(SignedInEndpoints))]
    public async Task Officer_SeesStaffPages(string pattern)
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        Assert.Equal(Permitted(pattern), (await client.GetAsync(PathFor(pattern))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(PartnerEndpoints))]
    public async Task Officer_IsForbiddenPartnerPages(string pattern)
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(PathFor(pattern))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(PartnerEndpoints))]
    public async Task PartnerWithoutOrganisation_IsForbiddenPartnerPages(string pattern)
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Partner);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(PathFor(pattern))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdministratorEndpoints))]
    public async Task Officer_IsForbiddenAdministratorPages(string pattern)
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(PathFor(pattern))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(StaffEndpoints))]
    [MemberData(nameof(AdministratorEndpoints))]
    [MemberData(nameof(SignedInEndpoints))]
    public async Task Administrator_SeesEverything(string pattern)
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Administrator);

        Assert.Equal(Permitted(pattern), (await client.GetAsync(PathFor(pattern))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(StaffEndpoints))]
    [MemberData(nameof(AdministratorEndpoints))]
    public async Task StaffWithoutSecondFactor_IsSentToSetUpTheAuthenticator(string pattern)
    {
        var account = await factory.CreateAccountAsync(PortalRoles.Administrator, twoFactor: false);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(account);

        var response = await client.GetAsync(PathFor(pattern));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/two-factor", response.Headers.Location!.OriginalString);
    }

    private string PathFor(string pattern)
    {
        var path = Classification[pattern].Sample ?? pattern;
        if (path.Contains(SampleConsultation, StringComparison.Ordinal))
        {
            using var scope = factory.Services.CreateScope();
            var id = scope.ServiceProvider.GetRequiredService<Core.Data.PortalDbContext>().Consultations.Single(c => c.Slug == "integrating-care").Id;
            path = path.Replace(SampleConsultation, id.ToString(), StringComparison.Ordinal);
        }

        return path;
    }

    private Dictionary<string, RouteEndpoint> AppPatterns()
    {
        var sources = factory.Services.GetServices<EndpointDataSource>();
        var result = new Dictionary<string, RouteEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/').ToLowerInvariant();
            result.TryAdd(pattern, endpoint);
        }

        return result;
    }
}
