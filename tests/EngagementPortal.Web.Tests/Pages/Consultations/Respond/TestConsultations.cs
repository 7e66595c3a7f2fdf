using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.Consultations.Respond;

/// <summary>Consultations the tests need besides the imported Integrating care: one with every kind of question on
/// one grouped page, open from 1 November 2020 to 1 February 2021.</summary>
public static class TestConsultations
{
    public const string AllTypes = "all-types";
    public const string IntegratingCare = "integrating-care";

    public static readonly Question FreeText = new() { Key = "ft", Number = 1, Text = "What matters most to you?", Type = QuestionType.FreeText, Group = "Your views" };
    public static readonly Question Agree = new() { Key = "ad", Number = 2, Text = "Do you agree?", Type = QuestionType.AgreeDisagree, FollowUpLabel = "Please explain your answer", Group = "Your views" };
    public static readonly Question Single = new() { Key = "sc", Number = 3, Text = "Where do you go first?", Type = QuestionType.SingleChoice, Options = ["GP", "Pharmacy", "Other"], Group = "Your views" };
    public static readonly Question Multiple = new() { Key = "mc", Number = 4, Text = "Which services have you used?", Type = QuestionType.MultipleChoice, Options = ["GP", "A&E", "Other, please specify"], Group = "Your views" };
    public static readonly Question YesNo = new() { Key = "yn", Number = 5, Text = "Have you used a virtual ward?", Type = QuestionType.YesNo, FollowUpLabel = "Tell us more", Required = true, Group = "Your views" };
    public static readonly Question Last = new() { Key = "last", Number = 6, Text = "Anything else?", Type = QuestionType.FreeText };

    public static async Task EnsureAllTypesAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (await db.Consultations.AnyAsync(c => c.Slug == AllTypes))
        {
            return;
        }

        var consultation = new Consultation { Id = Guid.NewGuid(), Slug = AllTypes, Origin = ContentOrigin.BackOffice, OriginKey = AllTypes, CreatedUtc = DateTime.UtcNow };
        var version = new ConsultationVersion
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            Number = 1,
            State = VersionState.Published,
            Title = "Every kind of question",
            Summary = "A consultation for tests.",
            Body = "Body.",
            ContentHash = "test",
            Questions = [FreeText, Agree, Single, Multiple, YesNo, Last],
        };
        version.AuthoredOpensUtc = new DateTime(2020, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        version.AuthoredClosesUtc = new DateTime(2021, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        version.ApplyDemoShift(0);
        consultation.Versions.Add(version);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
    }
}
