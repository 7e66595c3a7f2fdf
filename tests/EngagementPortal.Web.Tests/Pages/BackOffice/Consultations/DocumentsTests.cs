using System.Net;
using System.Net.Http.Headers;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementPortal.Web.Tests.Pages.BackOffice.Consultations;

public sealed class DocumentsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(HttpClient Client, Guid Id)> OfficerAndConsultationAsync()
    {
        var (client, _) = await factory.SignInAsAsync(PortalRoles.Officer);
        await using var scope = factory.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Consultations.Where(c => c.Slug == "integrating-care").Select(c => c.Id).SingleAsync();
        return (client, id);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, string title, byte[] content, string fileName, string contentType)
    {
        var url = $"/backoffice/consultations/{id}/documents";
        var token = (await (await client.GetAsync(url)).ReadHtmlAsync()).QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "DocumentTitle" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "Upload", fileName);
        return await client.PostAsync(url, form);
    }

    [Fact]
    public async Task UploadPdf_AddsItToTheDraft_AndServesItSandboxed()
    {
        var (client, id) = await OfficerAndConsultationAsync();

        var response = await UploadAsync(client, id, "Full proposal", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray(), "proposal.pdf", "application/pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var link = (await (await client.GetAsync($"/backoffice/consultations/{id}/documents")).ReadHtmlAsync()).QuerySelectorAll("main ul a").Single(a => a.TextContent == "Full proposal").GetAttribute("href")!;
        Assert.StartsWith("/documents/", link, StringComparison.Ordinal);
        var file = await factory.CreatePortalClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("sandbox", file.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task UploadHtmlNamedPdf_IsRefused()
    {
        var (client, id) = await OfficerAndConsultationAsync();

        var response = await UploadAsync(client, id, "Not a PDF", "<html><script>alert(1)</script>"u8.ToArray(), "proposal.pdf", "application/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The selected file must be a PDF or a Word document (.docx)", (await response.ReadHtmlAsync()).QuerySelector(".nhsuk-error-summary a")!.TextContent);
    }

    [Fact]
    public async Task UploadNothing_ShowsBothErrors()
    {
        var (client, id) = await OfficerAndConsultationAsync();

        var response = await client.PostFormAsync($"/backoffice/consultations/{id}/documents", new() { ["DocumentTitle"] = "" });

        Assert.Equal(["Enter the document's title", "Select a PDF or Word document"], (await response.ReadHtmlAsync()).QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.TextContent));
    }
}
