using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using EngagementPortal.Core.Email;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Partners;

/// <summary>
/// Sample organisations and places drawn from the seed papers' structures (docs/adr/0120): Humber, Coast and Vale's
/// two partnerships (Humber; North Yorkshire and York) and its acute, mental health and community provider
/// collaboratives; Devon's five Local Care Partnerships; North Lincolnshire's Health and Wellbeing Board. Loaded
/// in Development and demonstration mode, marked <c>IsSample</c>, removable in one action.
/// </summary>
public sealed class PartnerSampleData(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    private static readonly (string Name, string Districts)[] SamplePlaces =
    [
        ("Hull and East Riding", "HU1 HU2 HU3 HU4 HU5 HU6 HU7 HU8 HU9 HU10 HU11 HU12 HU13 HU14 HU15 HU16 HU17 HU18 HU19 HU20 YO15 YO16 YO25 YO42 YO43"),
        ("North Lincolnshire", "DN15 DN16 DN17 DN18 DN19 DN20"),
        ("North East Lincolnshire", "DN31 DN32 DN33 DN34 DN35 DN36 DN37 DN41"),
        ("York", "YO1 YO10 YO19 YO23 YO24 YO26 YO30 YO31 YO32"),
        ("North Yorkshire", "YO7 YO8 YO11 YO12 YO13 YO14 YO17 YO18 YO21 YO22 YO51 YO60 YO61 YO62 HG1 HG2 HG3 HG4 HG5 DL6 DL7 DL8 DL9 DL10 DL11"),
        ("Eastern Devon", "EX1 EX2 EX3 EX4 EX5 EX6 EX7 EX8 EX9 EX10 EX11 EX12 EX13 EX14"),
        ("Northern Devon", "EX31 EX32 EX33 EX34 EX35 EX36 EX37 EX38 EX39"),
        ("Southern Devon", "TQ6 TQ7 TQ8 TQ9 TQ10 TQ11 TQ12 TQ13"),
        ("Western Devon", "PL1 PL2 PL3 PL4 PL5 PL6 PL7 PL8 PL9 PL19 PL20 PL21"),
        ("Torbay", "TQ1 TQ2 TQ3 TQ4 TQ5"),
    ];

    private static readonly (string Name, OrganisationType Type, string[] Places)[] SampleOrganisations =
    [
        ("Humber Partnership", OrganisationType.PlaceBasedPartnership, ["Hull and East Riding", "North Lincolnshire", "North East Lincolnshire"]),
        ("North Yorkshire and York Partnership", OrganisationType.PlaceBasedPartnership, ["York", "North Yorkshire"]),
        ("Humber, Coast and Vale Acute Provider Collaborative", OrganisationType.ProviderCollaborative, ["Hull and East Riding", "North Lincolnshire", "North East Lincolnshire", "York", "North Yorkshire"]),
        ("Humber, Coast and Vale Mental Health Provider Collaborative", OrganisationType.ProviderCollaborative, ["Hull and East Riding", "North Lincolnshire", "North East Lincolnshire", "York", "North Yorkshire"]),
        ("Humber, Coast and Vale Community Services Provider Collaborative", OrganisationType.ProviderCollaborative, ["Hull and East Riding", "North Lincolnshire", "North East Lincolnshire", "York", "North Yorkshire"]),
        ("Eastern Devon Local Care Partnership", OrganisationType.PlaceBasedPartnership, ["Eastern Devon"]),
        ("Northern Devon Local Care Partnership", OrganisationType.PlaceBasedPartnership, ["Northern Devon"]),
        ("Southern Devon Local Care Partnership", OrganisationType.PlaceBasedPartnership, ["Southern Devon"]),
        ("Western Devon Local Care Partnership", OrganisationType.PlaceBasedPartnership, ["Western Devon"]),
        ("Torbay Local Care Partnership", OrganisationType.PlaceBasedPartnership, ["Torbay"]),
        ("North Lincolnshire Health and Wellbeing Board", OrganisationType.HealthAndWellbeingBoard, ["North Lincolnshire"]),
    ];

    public static int OrganisationCount => SampleOrganisations.Length;

    public static int PlaceCount => SamplePlaces.Length;

    /// <summary>Adds whatever of the sample is missing (by name); safe to run at every start.</summary>
    public async Task<int> EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        var places = await db.Places.ToDictionaryAsync(p => p.Name, StringComparer.Ordinal, cancellationToken);
        foreach (var (name, districts) in SamplePlaces)
        {
            if (!places.ContainsKey(name))
            {
                var place = new Place { Id = Guid.NewGuid(), Name = name, PostcodeDistricts = [.. PartnerRegister.ParseDistricts(districts).Districts], IsSample = true };
                db.Places.Add(place);
                places[name] = place;
            }
        }

        var existing = await db.PartnerOrganisations.Select(o => o.Name).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var (name, type, placeNames) in SampleOrganisations.Where(o => !existing.Contains(o.Name)))
        {
            db.PartnerOrganisations.Add(new PartnerOrganisation
            {
                Id = Guid.NewGuid(),
                Name = name,
                Type = type,
                PlaceIds = [.. placeNames.Select(p => places[p].Id)],
                IsSample = true,
                CreatedUtc = time.GetUtcNow().UtcDateTime,
            });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>Removes every sample organisation (with its invitations, drafts and any response row its submission
    /// wrote), the contributor accounts bound to them with their unsent invitation emails, and every sample place, in
    /// one transaction (docs/adr/0123). Each removed account is audited by its address.</summary>
    public async Task<SampleRemoval> RemoveAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organisations = await db.PartnerOrganisations.Where(o => o.IsSample).ToListAsync(cancellationToken);
        var ids = organisations.Select(o => o.Id).ToList();
        var keys = ids.Select(i => i.ToString()).ToList();
        var names = organisations.ToDictionary(o => o.Id.ToString(), o => o.Name);

        var submissionIds = await db.PartnerSubmissions.Where(s => ids.Contains(s.OrganisationId)).Select(s => (Guid?)s.Id).ToListAsync(cancellationToken);
        await db.Responses.Where(r => submissionIds.Contains(r.PartnerSubmissionId)).ExecuteDeleteAsync(cancellationToken);

        // The people: a contributor account exists only for its one organisation (docs/adr/0121), so it goes with it.
        // An account that also holds a staff role (not made by an invitation, but possible by hand) keeps its staff
        // access and loses only the partner part.
        var bound = await db.UserClaims.Where(c => c.ClaimType == PartnerClaims.Organisation && keys.Contains(c.ClaimValue!)).ToListAsync(cancellationToken);
        var userIds = bound.Select(c => c.UserId).Distinct().ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToListAsync(cancellationToken);
        var partnerRole = await db.Roles.Where(r => r.Name == PortalRoles.Partner).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
        var staff = await db.UserRoles.Where(r => userIds.Contains(r.UserId) && r.RoleId != partnerRole).Select(r => r.UserId).Distinct().ToListAsync(cancellationToken);
        foreach (var user in users)
        {
            var organisation = names[bound.First(c => c.UserId == user.Id).ClaimValue!];
            if (staff.Contains(user.Id))
            {
                db.UserClaims.RemoveRange(bound.Where(c => c.UserId == user.Id));
                db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == user.Id && r.RoleId == partnerRole).ToListAsync(cancellationToken));
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                audit.Record(PartnerAudit.ContributorRemoved, actor.Id, actor.Email, subject: user.Email, detail: $"{organisation} (sample): partner access removed, staff account kept");
            }
            else
            {
                // Claims, roles, logins and tokens go with the row (ON DELETE CASCADE); the per-request security stamp
                // check then ends any session the person still has.
                db.Users.Remove(user);
                audit.Record(PartnerAudit.ContributorRemoved, actor.Id, actor.Email, subject: user.Email, detail: $"{organisation} (sample): account deleted");
            }
        }

        // Invitations not yet used would make new accounts for an organisation that no longer exists: delete them,
        // and any invitation email still waiting in the outbox, so no dead link is sent.
        var pending = await db.PartnerInvitations.CountAsync(i => ids.Contains(i.OrganisationId) && i.AcceptedUtc == null, cancellationToken);
        await db.PartnerInvitations.Where(i => ids.Contains(i.OrganisationId)).ExecuteDeleteAsync(cancellationToken);
        await db.OutboxMessages.Where(m => m.Kind == PartnerInvitations.InvitationKind && m.State == OutboxState.Pending && keys.Contains(m.CorrelationId!))
            .ExecuteDeleteAsync(cancellationToken);

        db.PartnerOrganisations.RemoveRange(organisations);
        db.Places.RemoveRange(await db.Places.Where(p => p.IsSample).ToListAsync(cancellationToken));
        var removal = new SampleRemoval(organisations.Count, users.Count, pending);
        audit.Record(PartnerAudit.SampleRemoved, actor.Id, actor.Email, detail: $"{removal.Organisations} organisation(s), {removal.Accounts} contributor account(s), {removal.PendingInvitations} unused invitation(s)");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removal;
    }
}

/// <summary>What removing the sample took away.</summary>
public sealed record SampleRemoval(int Organisations, int Accounts, int PendingInvitations);
