using System.Text.Json;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Content;

public sealed class ConsultationItemReaderTests
{
    [Fact]
    public void Package_IntegratingCare_HasTheConsultationsRealDatesAndFourQuestions()
    {
        var items = ContentPackage.ReadConsultations(Repository.ContentPackages);
        var care = Assert.Single(items, i => i.Slug == "integrating-care");

        Assert.StartsWith("Integrating care: next steps", care.Title, StringComparison.Ordinal);
        Assert.Equal("11:59pm on Friday 8 January 2021", Core.Time.UkTime.FormatDeadline(care.ClosesUtc));
        Assert.Equal("midnight on Tuesday 24 November 2020", Core.Time.UkTime.FormatDeadline(care.OpensUtc));
        Assert.Equal("5pm on Monday 4 January 2021", Core.Time.UkTime.FormatDeadline(care.PartnershipDeadlineUtc!.Value));
        Assert.True(care.PartnershipDeadlineIsIllustrative);
        Assert.Equal(4, care.Questions.Count);
        Assert.All(care.Questions, q =>
        {
            Assert.Equal(QuestionType.AgreeDisagree, q.Type);
            Assert.Equal(Question.AgreeDisagreeOptions, q.Options);
            Assert.Equal("Please explain your answer", q.FollowUpLabel);
        });
        Assert.StartsWith("Do you agree that giving ICSs a statutory footing from 2022", care.Questions[0].Text, StringComparison.Ordinal);
        Assert.Contains("## ", care.Body, StringComparison.Ordinal); // the body file was read in place of { "$file": ... }
        Assert.Equal(BodyFormat.Markdown, care.BodyFormat);
    }

    [Fact]
    public void Package_ReadTwice_GivesTheSameHash() =>
        Assert.Equal(
            ContentPackage.ReadConsultations(Repository.ContentPackages)[0].ComputeHash(),
            ContentPackage.ReadConsultations(Repository.ContentPackages)[0].ComputeHash());

    [Fact]
    public void UmbracoFixture_DatesWithoutOffset_AreUkWallClockTime()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Shared, "umbraco-delivery", "content-item-consultation.json")));
        var content = ConsultationItemReader.Read(doc.RootElement, "fixture", new Uri("https://cms.example.org"));

        Assert.Equal("integrating-care-next-steps-to-building-strong-and-effective-integrated-care-systems-across-england", content.Slug);
        Assert.Equal(new DateTime(2021, 1, 8, 23, 59, 0, DateTimeKind.Utc), content.ClosesUtc);
        Assert.Equal(BodyFormat.Html, content.BodyFormat);
        Assert.Contains("Have your say", content.Body, StringComparison.Ordinal); // the RTE block's text is kept
        Assert.Equal("https://cms.example.org/media/kq3fzl1d/integrating-care-next-steps-to-building-strong-and-effective-integrated-care-systems.pdf", content.Documents[0].Url);
        Assert.Equal("NHS England and NHS Improvement", content.Publisher);
        Assert.Equal("8d23a533-4dcc-40ff-93b0-33841b4e4dce", content.Questions[0].Key);
        Assert.Equal("7bc215fe-a10c-434a-8de0-8d163ba69776", content.Questions[0].ExplanationKey);
    }

    [Theory]
    [InlineData("2021-06-01T17:00:00", 16)] // no offset: BST wall clock
    [InlineData("2021-06-01T17:00:00Z", 17)]
    [InlineData("2021-06-01T17:00:00+01:00", 16)]
    [InlineData("2021-06-01T17:00:00.1234567", 16)]
    public void ParseDate_AcceptsEveryShapeUmbracoWrites(string value, int expectedUtcHour) =>
        Assert.Equal(expectedUtcHour, ConsultationItemReader.ParseDate(value).Hour);

    [Fact]
    public void Read_MissingSummary_SaysWhichFileAndProperty()
    {
        using var doc = JsonDocument.Parse("""{"contentType":"consultation","id":"x","route":{"path":"/c/a/"},"properties":{"title":"T","opensAt":"2021-01-01T00:00:00","closesAt":"2021-02-01T00:00:00"}}""");
        var problem = Assert.Throws<ContentProblemException>(() => ConsultationItemReader.Read(doc.RootElement, "items/a.json"));
        Assert.Equal("items/a.json: summary is missing or empty.", problem.Message);
    }

    [Fact]
    public void Read_JavascriptSourceUrl_IsRefused()
    {
        using var doc = JsonDocument.Parse("""{"contentType":"consultation","id":"x","route":{"path":"/c/a/"},"properties":{"title":"T","summary":"S","sourceUrl":"javascript:alert(1)","opensAt":"2021-01-01T00:00:00","closesAt":"2021-02-01T00:00:00"}}""");
        Assert.Throws<ContentProblemException>(() => ConsultationItemReader.Read(doc.RootElement, "items/a.json"));
    }

    [Fact]
    public void Read_UnknownPropertiesAndMissingQueryString_AreTolerated()
    {
        using var doc = JsonDocument.Parse("""{"contentType":"consultation","id":"x","route":{"path":"/c/A-Slug/"},"extra":1,"properties":{"title":"T","summary":"S","somethingNew":[1,2],"opensAt":"2021-01-01T00:00:00","closesAt":"2021-02-01T00:00:00"}}""");
        Assert.Equal("a-slug", ConsultationItemReader.Read(doc.RootElement, "x").Slug);
    }
}
