using System.Text.RegularExpressions;
using EngagementPortal.Core.Audit;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementPortal.Core.Partners;

public enum RegisterOutcome
{
    Saved,
    Invalid,
    NotFound,
}

public sealed record RegisterResult(RegisterOutcome Outcome, IReadOnlyList<FieldProblem> Problems, Guid? Id = null)
{
    public static RegisterResult Invalid(params FieldProblem[] problems) => new(RegisterOutcome.Invalid, problems);
}

public sealed record OrganisationInput(string? Name, OrganisationType? Type, IReadOnlyList<Guid> PlaceIds, string? ContactName, string? ContactEmail);

/// <summary>Officers' register of partner organisations and the partnership's places.</summary>
public sealed partial class PartnerRegister(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    public Task<List<PartnerOrganisation>> OrganisationsAsync(CancellationToken cancellationToken = default) =>
        db.PartnerOrganisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);

    public Task<PartnerOrganisation?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.PartnerOrganisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public Task<List<Place>> PlacesAsync(CancellationToken cancellationToken = default) =>
        db.Places.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);

    /// <summary>Adds an organisation (id null) or changes one.</summary>
    public async Task<RegisterResult> SaveOrganisationAsync(Guid? id, OrganisationInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldProblem>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            problems.Add(new("Name", "Enter the organisation's name"));
        }
        else if (name.Length > 200)
        {
            problems.Add(new("Name", "The name must be 200 characters or fewer"));
        }
        else if (await db.PartnerOrganisations.AnyAsync(o => o.Name == name && o.Id != id, cancellationToken))
        {
            problems.Add(new("Name", "An organisation with this name is already in the register"));
        }

        if (input.Type is null)
        {
            problems.Add(new("Type", "Select the type of organisation"));
        }

        var email = input.ContactEmail?.Trim();
        if (!string.IsNullOrEmpty(email) && !PartnerInvitations.LooksLikeEmail(email))
        {
            problems.Add(new("ContactEmail", "Enter the contact's email address in the correct format, like name@example.nhs.uk"));
        }

        var knownPlaces = await db.Places.Select(p => p.Id).ToListAsync(cancellationToken);
        if (problems.Count > 0)
        {
            return new(RegisterOutcome.Invalid, problems);
        }

        PartnerOrganisation organisation;
        if (id is { } existing)
        {
            organisation = await db.PartnerOrganisations.SingleOrDefaultAsync(o => o.Id == existing, cancellationToken) ?? null!;
            if (organisation is null)
            {
                return new(RegisterOutcome.NotFound, []);
            }
        }
        else
        {
            organisation = new PartnerOrganisation { Id = Guid.NewGuid(), Name = name!, CreatedUtc = time.GetUtcNow().UtcDateTime };
            db.PartnerOrganisations.Add(organisation);
        }

        organisation.Name = name!;
        organisation.Type = input.Type!.Value;
        organisation.PlaceIds = [.. input.PlaceIds.Where(knownPlaces.Contains).Distinct()];
        organisation.ContactName = string.IsNullOrWhiteSpace(input.ContactName) ? null : input.ContactName.Trim();
        organisation.ContactEmail = string.IsNullOrEmpty(email) ? null : email;
        audit.Record(id is null ? PartnerAudit.OrganisationAdded : PartnerAudit.OrganisationChanged, actor.Id, actor.Email, subject: organisation.Name);
        await db.SaveChangesAsync(cancellationToken);
        return new(RegisterOutcome.Saved, [], organisation.Id);
    }

    /// <summary>Adds a place from a list of postcode districts separated by commas, spaces or new lines.</summary>
    public async Task<RegisterResult> AddPlaceAsync(string? name, string? districts, Actor actor, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldProblem>();
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            problems.Add(new("PlaceName", "Enter the place's name"));
        }
        else if (trimmed.Length > 200)
        {
            problems.Add(new("PlaceName", "The name must be 200 characters or fewer"));
        }
        else if (await db.Places.AnyAsync(p => p.Name == trimmed, cancellationToken))
        {
            problems.Add(new("PlaceName", "A place with this name already exists"));
        }

        var parsed = ParseDistricts(districts);
        if (parsed.Districts.Count == 0 && parsed.Invalid.Count == 0)
        {
            problems.Add(new("Districts", "Enter the postcode districts of the place, like YO1, YO10, HU17"));
        }
        else if (parsed.Invalid.Count > 0)
        {
            problems.Add(new("Districts", "These are not postcode districts: " + string.Join(", ", parsed.Invalid) + ". Enter the first part of a postcode, like YO1 or HU17"));
        }

        if (problems.Count > 0)
        {
            return new(RegisterOutcome.Invalid, problems);
        }

        var place = new Place { Id = Guid.NewGuid(), Name = trimmed!, PostcodeDistricts = [.. parsed.Districts] };
        db.Places.Add(place);
        audit.Record(PartnerAudit.PlaceAdded, actor.Id, actor.Email, subject: place.Name, detail: string.Join(" ", place.PostcodeDistricts));
        await db.SaveChangesAsync(cancellationToken);
        return new(RegisterOutcome.Saved, [], place.Id);
    }

    public async Task<bool> RemovePlaceAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        var place = await db.Places.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (place is null)
        {
            return false;
        }

        db.Places.Remove(place);
        foreach (var organisation in await db.PartnerOrganisations.ToListAsync(cancellationToken))
        {
            if (organisation.PlaceIds.Remove(id))
            {
                organisation.PlaceIds = [.. organisation.PlaceIds];
            }
        }

        audit.Record(PartnerAudit.PlaceRemoved, actor.Id, actor.Email, subject: place.Name);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public sealed record DistrictParse(IReadOnlyList<string> Districts, IReadOnlyList<string> Invalid);

    /// <summary>Outward codes only, upper case, each once, in the order given.</summary>
    public static DistrictParse ParseDistricts(string? text)
    {
        var districts = new List<string>();
        var invalid = new List<string>();
        foreach (var part in (text ?? "").Split([',', ' ', '\n', '\r', '\t', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var upper = part.ToUpperInvariant();
            if (!OutwardCode().IsMatch(upper))
            {
                invalid.Add(part);
            }
            else if (!districts.Contains(upper))
            {
                districts.Add(upper);
            }
        }

        return new(districts, invalid);
    }

    /// <summary>A UK outward code: area letters, then a district number (and, in central London, a letter).</summary>
    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?$", RegexOptions.CultureInvariant)]
    private static partial Regex OutwardCode();
}

/// <summary>Audit actions of the partners' part.</summary>
public static class PartnerAudit
{
    public const string OrganisationAdded = "partner.organisation-added";
    public const string OrganisationChanged = "partner.organisation-changed";
    public const string PlaceAdded = "partner.place-added";
    public const string PlaceRemoved = "partner.place-removed";
    public const string SampleRemoved = "partner.sample-removed";
    public const string ContributorRemoved = "partner.contributor-removed";
    public const string Invited = "partner.invited";
    public const string InvitationAccepted = "partner.invitation-accepted";
    public const string Submitted = "partner.submitted";
    public const string Reopened = "partner.reopened";
    public const string Reminded = "partner.reminded";
}
