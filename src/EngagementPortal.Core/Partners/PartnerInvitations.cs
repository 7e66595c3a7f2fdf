using System.Security.Claims;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using EngagementPortal.Core.Responses;
using EngagementPortal.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Core.Partners;

public enum InviteOutcome
{
    /// <summary>An invitation link was emailed.</summary>
    Invited,

    /// <summary>The address already belongs to a contributor of the organisation: they were told, no link needed.</summary>
    AlreadyContributor,

    Invalid,
    NotFound,
}

public sealed record InviteResult(InviteOutcome Outcome, string? Problem = null, string? Token = null);

public enum AcceptOutcome
{
    Accepted,
    NotFound,
    Expired,
    AlreadyUsed,
    Invalid,
}

public sealed record AcceptResult(AcceptOutcome Outcome, IReadOnlyList<FieldProblem> Problems, PortalUser? User = null);

/// <summary>What a token opens: which organisation, for whom, and whether it can still be used.</summary>
public sealed record InvitationView(AcceptOutcome Status, string? OrganisationName = null, string? Email = null);

/// <summary>
/// Officers invite organisations to a consultation, and contributors invite colleagues. An invitation is a
/// single-use link (only its hash is stored) that expires after <see cref="PartnerOptions.InvitationDays"/>; it
/// creates an account in the Partner role bound to the organisation by <see cref="PartnerClaims.Organisation"/>.
/// </summary>
public sealed class PartnerInvitations(
    PortalDbContext db,
    UserManager<PortalUser> users,
    EmailOutbox outbox,
    AuditLog audit,
    TimeProvider time,
    IOptions<PartnerOptions> options,
    IOptions<EmailOptions> email)
{
    public const string InvitationKind = "partner-invitation";

    /// <summary>Told to officers only; a contributor inviting such an address sees an ordinary invitation.</summary>
    private const string ElsewhereProblem = "This email address already has an account that is not one of this organisation's contributors";

    /// <summary>Invites an organisation to respond to a consultation: its submission (not started) is created, and the
    /// address gets a link to create an account (or, for an existing contributor, a note that it is waiting).</summary>
    public async Task<InviteResult> InviteOrganisationAsync(Guid consultationId, Guid organisationId, string? address, Actor actor, string baseUrl, CancellationToken cancellationToken = default)
    {
        var organisation = await db.PartnerOrganisations.SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        var version = await db.ConsultationVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.ConsultationId == consultationId && v.State == VersionState.Published, cancellationToken);
        if (organisation is null || version is null)
        {
            return new(InviteOutcome.NotFound);
        }

        var to = string.IsNullOrWhiteSpace(address) ? organisation.ContactEmail : address.Trim();
        if (string.IsNullOrEmpty(to) || !LooksLikeEmail(to))
        {
            return new(InviteOutcome.Invalid, "Enter the email address of the person to invite, like name@example.nhs.uk");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!await db.PartnerSubmissions.AnyAsync(s => s.ConsultationId == consultationId && s.OrganisationId == organisationId, cancellationToken))
        {
            db.PartnerSubmissions.Add(new PartnerSubmission { Id = Guid.NewGuid(), ConsultationId = consultationId, OrganisationId = organisationId, InvitedUtc = now });
        }

        var result = await InviteAsync(organisation, consultationId, to, actor.Email, baseUrl, version, cancellationToken);
        if (result.Outcome is InviteOutcome.Invited or InviteOutcome.AlreadyContributor)
        {
            audit.Record(PartnerAudit.Invited, actor.Id, actor.Email, subject: organisation.Name, detail: $"{version.Title}: {to}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>A contributor invites a colleague to the same organisation.</summary>
    public async Task<InviteResult> InviteColleagueAsync(Guid organisationId, string? address, PortalUser inviter, string baseUrl, CancellationToken cancellationToken = default)
    {
        var organisation = await db.PartnerOrganisations.SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null)
        {
            return new(InviteOutcome.NotFound);
        }

        var to = address?.Trim();
        if (string.IsNullOrEmpty(to) || !LooksLikeEmail(to))
        {
            return new(InviteOutcome.Invalid, "Enter your colleague's email address, like name@example.nhs.uk");
        }

        var result = await InviteAsync(organisation, null, to, inviter.DisplayName + " (" + inviter.Email + ")", baseUrl, null, cancellationToken);
        if (result.Outcome == InviteOutcome.Invalid && result.Problem == ElsewhereProblem)
        {
            // The address has an account that is not this organisation's (another organisation's contributor, or
            // staff). A contributor must not be able to infer that, so they see what any invitation shows; nothing is
            // sent, and the audit log says why.
            audit.Record(PartnerAudit.Invited, inviter.Id, inviter.Email!, subject: organisation.Name, detail: $"colleague: {to} (has an account elsewhere: nothing sent)");
            await db.SaveChangesAsync(cancellationToken);
            return new(InviteOutcome.Invited);
        }

        if (result.Outcome is InviteOutcome.Invited or InviteOutcome.AlreadyContributor)
        {
            audit.Record(PartnerAudit.Invited, inviter.Id, inviter.Email!, subject: organisation.Name, detail: "colleague: " + to);
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    private async Task<InviteResult> InviteAsync(PartnerOrganisation organisation, Guid? consultationId, string to, string invitedBy, string baseUrl, ConsultationVersion? version, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (await users.FindByEmailAsync(to) is { } existing)
        {
            var claims = await users.GetClaimsAsync(existing);
            if (!claims.Any(c => c.Type == PartnerClaims.Organisation && c.Value == organisation.Id.ToString()))
            {
                // Never tell the inviter which organisation (or staff role) the address belongs to.
                return new(InviteOutcome.Invalid, ElsewhereProblem);
            }

            var note = EmailLayout.Render(new EmailContent(
                version is null ? $"{organisation.Name}: you have been added again" : $"{organisation.Name} is invited to respond: {version.Title}",
                "Your organisation is invited to respond",
                [
                    new EmailBlock.Paragraph($"{organisation.Name} has been invited to give its formal view on:"),
                    new EmailBlock.Inset(version?.Title ?? "the partnership's consultations"),
                    new EmailBlock.Link("Sign in to the partner area", baseUrl.TrimEnd('/') + "/partners"),
                ]), email.Value.FromName);
            outbox.Enqueue(InvitationKind, to, note, organisation.Id.ToString(), consultationId);
            return new(InviteOutcome.AlreadyContributor);
        }

        var token = Tokens.New();
        var expires = now.AddDays(options.Value.InvitationDays);
        db.PartnerInvitations.Add(new PartnerInvitation
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisation.Id,
            ConsultationId = consultationId,
            Email = to,
            TokenHash = Tokens.Hash(token),
            InvitedBy = invitedBy,
            CreatedUtc = now,
            ExpiresUtc = expires,
        });
        var link = baseUrl.TrimEnd('/') + "/partners/join?token=" + Uri.EscapeDataString(token);
        var blocks = new List<EmailBlock>
        {
            new EmailBlock.Paragraph(version is null
                ? $"{invitedBy} has invited you to help draft {organisation.Name}'s formal responses to the partnership's consultations."
                : $"{organisation.Name} is invited to give its formal view on:"),
        };
        if (version is not null)
        {
            blocks.Add(new EmailBlock.Inset(version.Title));
            if (version.PartnershipDeadlineUtc is { } deadline)
            {
                blocks.Add(new EmailBlock.Paragraph($"The partnership deadline is {UkTime.FormatDeadline(deadline)}."));
            }
        }

        blocks.Add(new EmailBlock.Link("Create your account", link));
        blocks.Add(new EmailBlock.Paragraph($"The link works once, until {UkTime.FormatDeadline(expires)}. If it has expired, ask whoever invited you for a new one. If you did not expect this email, you can ignore it."));
        var rendered = EmailLayout.Render(new EmailContent($"Invitation to respond for {organisation.Name}", "You are invited to respond for " + organisation.Name, blocks), email.Value.FromName);
        outbox.Enqueue(InvitationKind, to, rendered, organisation.Id.ToString(), consultationId);
        return new(InviteOutcome.Invited, Token: token);
    }

    /// <summary>What the link is for, and whether it still works.</summary>
    public async Task<InvitationView> ViewAsync(string? token, CancellationToken cancellationToken = default)
    {
        var invitation = await FindAsync(token, cancellationToken);
        if (invitation is null)
        {
            return new(AcceptOutcome.NotFound);
        }

        var name = await db.PartnerOrganisations.Where(o => o.Id == invitation.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        return new(StatusOf(invitation), name, invitation.Email);
    }

    /// <summary>Creates the contributor's account (Partner role, organisation claim) and uses the invitation up.</summary>
    public async Task<AcceptResult> AcceptAsync(string? token, string? displayName, string? password, string? confirmPassword, CancellationToken cancellationToken = default)
    {
        var invitation = await FindAsync(token, cancellationToken);
        if (invitation is null)
        {
            return new(AcceptOutcome.NotFound, []);
        }

        if (StatusOf(invitation) is not AcceptOutcome.Accepted and var status)
        {
            return new(status, []);
        }

        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(displayName))
        {
            problems.Add(new("DisplayName", "Enter your full name"));
        }
        else if (displayName.Trim().Length > 200)
        {
            problems.Add(new("DisplayName", "Your name must be 200 characters or fewer"));
        }

        if (string.IsNullOrEmpty(password))
        {
            problems.Add(new("Password", "Enter a password"));
        }
        else if (password != confirmPassword)
        {
            problems.Add(new("ConfirmPassword", "The passwords do not match"));
        }

        if (problems.Count > 0)
        {
            return new(AcceptOutcome.Invalid, problems);
        }

        if (await users.FindByEmailAsync(invitation.Email) is not null)
        {
            return new(AcceptOutcome.AlreadyUsed, []);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true,
            DisplayName = displayName!.Trim(),
            CreatedUtc = now,
            LockoutEnabled = true,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            return new(AcceptOutcome.Invalid, [.. created.Errors.Select(e => new FieldProblem(e.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "DisplayName", e.Description))]);
        }

        await users.AddToRoleAsync(user, PortalRoles.Partner);
        await users.AddClaimAsync(user, new Claim(PartnerClaims.Organisation, invitation.OrganisationId.ToString()));

        // The conditional update is what makes the link single use even when two people press the button at once.
        var used = await db.PartnerInvitations.Where(i => i.Id == invitation.Id && i.AcceptedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedUtc, now).SetProperty(i => i.AcceptedUserId, user.Id), cancellationToken);
        if (used == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new(AcceptOutcome.AlreadyUsed, []);
        }

        audit.Record(PartnerAudit.InvitationAccepted, user.Id, user.Email!, subject: invitation.OrganisationId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(AcceptOutcome.Accepted, [], user);
    }

    /// <summary>The organisation's contributors (Partner accounts carrying its claim).</summary>
    public async Task<List<PortalUser>> ContributorsAsync(Guid organisationId, CancellationToken cancellationToken = default)
    {
        var value = organisationId.ToString();
        var ids = await db.UserClaims.Where(c => c.ClaimType == PartnerClaims.Organisation && c.ClaimValue == value).Select(c => c.UserId).ToListAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DisabledUtc == null).OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
    }

    internal static bool LooksLikeEmail(string value) =>
        value.Length <= 320 && value.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < value.Length - 3 && value.IndexOf('.', at) > at + 1 && !value.Any(char.IsWhiteSpace);

    private AcceptOutcome StatusOf(PartnerInvitation invitation) =>
        invitation.AcceptedUtc is not null ? AcceptOutcome.AlreadyUsed
        : invitation.ExpiresUtc <= time.GetUtcNow().UtcDateTime ? AcceptOutcome.Expired
        : AcceptOutcome.Accepted;

    private async Task<PartnerInvitation?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Tokens.Hash(token);
        return await db.PartnerInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }
}
