using AngleSharp.Html.Parser;
using EngagementPortal.Core.Email;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Core.Tests.Email;

public sealed class EmailLayoutTests
{
    [Fact]
    public void Render_EveryXssVectorInEveryField_HtmlStaysInertAndTextKeepsTheWords()
    {
        foreach (var vector in Repository.XssVectors)
        {
            var email = EmailLayout.Render(
                new EmailContent(vector, vector, [
                    new EmailBlock.Paragraph(vector),
                    new EmailBlock.Inset(vector),
                    new EmailBlock.Facts([new(vector, vector)]),
                    new EmailBlock.Bullets([vector]),
                    new EmailBlock.Link(vector, vector),
                ]),
                vector);

            Assert.Empty(InertHtml.Problems(email.HtmlBody));
            Assert.Contains(vector, email.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_Receipt_HeadingParagraphsAndAnswersInBothForms()
    {
        var email = EmailLayout.Render(
            new EmailContent("Your response: ICS-7Q4K", "We have your response", [
                new EmailBlock.Inset("Your reference is ICS-7Q4K"),
                new EmailBlock.Facts([new("Do you agree that giving ICSs a statutory footing from 2022 provides the right foundation?", "Agree\nWith reservations")]),
                new EmailBlock.Link("Read the proposal", "https://portal.example.nhs.uk/consultations/integrating-care"),
                new EmailBlock.Link("Not a web link", "javascript:alert(1)"),
            ]),
            "Humber, Coast and Vale Health and Care Partnership");

        var html = new HtmlParser().ParseDocument(email.HtmlBody);
        Assert.Equal("We have your response", html.QuerySelector("h1")!.TextContent);
        Assert.Equal("Your response: ICS-7Q4K", html.Title);
        var question = html.QuerySelectorAll("th[scope=row]").Single();
        Assert.StartsWith("Do you agree that giving ICSs", question.TextContent, StringComparison.Ordinal);
        Assert.Equal("Agree<br>With reservations", question.NextElementSibling!.InnerHtml);
        Assert.Equal(["https://portal.example.nhs.uk/consultations/integrating-care"], html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.StartsWith("We have your response\n=====", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Read the proposal: https://portal.example.nhs.uk/consultations/integrating-care", email.TextBody, StringComparison.Ordinal);
        Assert.EndsWith("--\nHumber, Coast and Vale Health and Care Partnership\n", email.TextBody, StringComparison.Ordinal);
    }
}
