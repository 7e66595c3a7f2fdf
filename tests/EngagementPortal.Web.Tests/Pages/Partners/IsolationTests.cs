using System.Net;
using AngleSharp.Html.Dom;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Partners;

/// <summary>
/// A contributor of organisation A can never see, change or infer anything of organisation B. Every partner endpoint
/// is read from the app's EndpointDataSource, with every handler its page declares, and tried by A with B's ids in the
/// URL and in the form; then with B's antiforgery token against A's own submission. B's draft, letter and
/// invitations must come out exactly as they went in.
/// </summary>
public sealed class IsolationTests : IClassFixture<IsolationTests.World>
{
    private const string Secret = "ORGANISATION-B-CONFIDENTIAL-POSITION";

    private readonly World _world;

    public IsolationTests(World world) => _world = world;

    public sealed class World : IAsyncLifetime
    {
        public PortalFactory Factory { get; } = new();

        public Contributor A { get; private set; } = null!;

        public Contributor B { get; private set; } = null!;

        public Guid SubmissionA { get; private set; }

        public Guid SubmissionB { get; private set; }

        public async Task InitializeAsync()
        {
            A = await Factory.OrganisationWithContributorAsync("Organisation A Trust", "Alice Able");
            B = await Factory.OrganisationWithContributorAsync("Organisation B Council", "Bob Baker");
            SubmissionA = (await Factory.SubmissionAsync(A.OrganisationId)).Id;
            SubmissionB = (await Factory.SubmissionAsync(B.OrganisationId)).Id;
            var saved = await B.Client.PostDraftAsync(SubmissionB, await B.Client.DraftFormAsync(SubmissionB), new() { ["OverallPosition"] = Secret, ["Evidence"] = Secret });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            await using var scope = Factory.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<PartnerLetterStore>();
            await using var pdf = new MemoryStream("%PDF-1.4\n% B's letter\n%%EOF\n"u8.ToArray());
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Core.Accounts.PortalUser>>();
            var bob = await users.FindByEmailAsync(B.Email);
            Assert.Equal(LetterOutcome.Attached, await scope.ServiceProvider.GetRequiredService<PartnerSubmissions>().AttachLetterAsync(SubmissionB, B.OrganisationId, pdf, bob!));
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>Every partner endpoint (not the anonymous join page) and every handler of its page.</summary>
    private async Task<IReadOnlyList<(string Pattern, string Method, string? Handler)>> PartnerHandlersAsync()
    {
        var loader = _world.Factory.Services.GetRequiredService<PageLoader>();
        var result = new List<(string, string, string?)>();
        var endpoints = _world.Factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/partners", StringComparison.OrdinalIgnoreCase))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null);
        foreach (var endpoint in endpoints)
        {
            var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>()!;
            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/').ToLowerInvariant();
            foreach (var handler in compiled.HandlerMethods)
            {
                result.Add((pattern, handler.HttpMethod.ToUpperInvariant(), handler.Name));
            }
        }

        Assert.Contains(result, h => h.Item1 == "/partners/submissions/{id:guid}/sign-off" && h.Item2 == "POST");
        return result;
    }

    private static string Url(string pattern, Guid id, string? handler) =>
        pattern.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal) + (handler is null ? "" : "?handler=" + handler);

    private Dictionary<string, string> HostileFields(string token) => new()
    {
        ["__RequestVerificationToken"] = token,
        ["id"] = _world.SubmissionB.ToString(),
        ["submissionId"] = _world.SubmissionB.ToString(),
        ["OrganisationId"] = _world.B.OrganisationId.ToString(),
        ["Version"] = "1",
        ["OverallPosition"] = "Written by A",
        ["Evidence"] = "Written by A",
        ["Email"] = $"intruder-{Guid.NewGuid():N}@example.org",
        ["SignatoryName"] = "A's signatory",
        ["SignatoryRole"] = "A's role",
        ["Governance"] = nameof(GovernanceStatus.DelegatedAuthority),
        ["next"] = "stay",
    };

    [Fact]
    public async Task EveryPartnerGet_WithAnotherOrganisationsId_AnswersAsForAnIdThatDoesNotExist()
    {
        foreach (var (pattern, method, handler) in await PartnerHandlersAsync())
        {
            if (method != "GET")
            {
                continue;
            }

            var theirs = await _world.A.Client.GetAsync(Url(pattern, _world.SubmissionB, handler));
            var body = await theirs.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Organisation B Council", body, StringComparison.Ordinal);
            Assert.DoesNotContain(_world.B.Email, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("B's letter", body, StringComparison.Ordinal);
            if (pattern.Contains("{id:guid}", StringComparison.Ordinal))
            {
                var nobody = await _world.A.Client.GetAsync(Url(pattern, Guid.NewGuid(), handler));
                Assert.True(theirs.StatusCode == HttpStatusCode.NotFound, $"GET {pattern} {handler} with B's id answered {(int)theirs.StatusCode}");
                Assert.Equal(nobody.StatusCode, theirs.StatusCode);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
            }
        }
    }

    [Fact]
    public async Task EveryPartnerPost_WithAnotherOrganisationsIdsInTheUrlAndForm_ChangesNothingOfTheirs()
    {
        var before = await SnapshotOfBAsync();
        var token = await TokenAsync(_world.A.Client);

        foreach (var (pattern, method, handler) in await PartnerHandlersAsync())
        {
            if (method != "POST")
            {
                continue;
            }

            // B's id in the URL, where the route has one; in the form, always.
            var target = pattern.Contains("{id:guid}", StringComparison.Ordinal) ? _world.SubmissionB : _world.SubmissionA;
            var response = await _world.A.Client.PostAsync(Url(pattern, target, handler), new FormUrlEncodedContent(HostileFields(token)));
            if (target == _world.SubmissionB)
            {
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {pattern} {handler} with B's id answered {(int)response.StatusCode}");
            }

            Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotOfBAsync());
    }

    [Fact]
    public async Task EveryPartnerPost_WithAnotherUsersAntiforgeryToken_IsRefused()
    {
        var stolen = await TokenAsync(_world.B.Client);
        var before = await SnapshotOfAsync(_world.A.OrganisationId);

        foreach (var (pattern, method, handler) in await PartnerHandlersAsync())
        {
            if (method != "POST")
            {
                continue;
            }

            var fields = HostileFields(stolen);
            fields["id"] = _world.SubmissionA.ToString();
            fields["OrganisationId"] = _world.A.OrganisationId.ToString();
            var response = await _world.A.Client.PostAsync(Url(pattern, _world.SubmissionA, handler), new FormUrlEncodedContent(fields));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {pattern} {handler} with B's antiforgery token answered {(int)response.StatusCode}");
        }

        Assert.Equal(before, await SnapshotOfAsync(_world.A.OrganisationId));
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await (await client.GetAsync("/partners")).ReadHtmlAsync();
        return ((IHtmlInputElement)html.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
    }

    private Task<string> SnapshotOfBAsync() => SnapshotOfAsync(_world.B.OrganisationId);

    /// <summary>Everything of an organisation a hostile request could change, as one comparable string.</summary>
    private async Task<string> SnapshotOfAsync(Guid organisationId)
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var submission = await db.PartnerSubmissions.AsNoTracking().SingleAsync(s => s.OrganisationId == organisationId);
        var invitations = await db.PartnerInvitations.CountAsync(i => i.OrganisationId == organisationId);
        var value = organisationId.ToString();
        var contributors = await db.UserClaims.CountAsync(c => c.ClaimType == PartnerClaims.Organisation && c.ClaimValue == value);
        var responses = await db.Responses.CountAsync(r => r.PartnerSubmissionId == submission.Id);
        return string.Join("|", submission.Version, submission.OverallPosition, submission.Evidence, submission.LetterFile, submission.SubmittedUtc, submission.SignatoryName,
            submission.LastEditedBy, submission.LastEditedUtc, invitations, contributors, responses);
    }
}
