using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Exports.Csv;
using EngagementPortal.Core.Exports.Docx;
using EngagementPortal.Core.Exports.Pdf;
using EngagementPortal.Core.PartnershipResponses;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.BackOffice.PartnershipResponse;

/// <summary>A version as Word, PDF or the CSV of its snapshot's data; every download is audited.</summary>
public sealed class ExportModel(PartnershipResponseDrafting drafting, UserManager<PortalUser> users, IOptions<PdfExportOptions> pdfOptions) : PageModel
{
    public string? Problem { get; private set; }

    public Guid ConsultationId { get; private set; }

    public int Number { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int number, string format, CancellationToken cancellationToken)
    {
        var view = await drafting.ViewAsync(id, number, cancellationToken);
        if (view is null || format is not ("docx" or "pdf" or "csv"))
        {
            return NotFound();
        }

        var name = $"{view.Document.ConsultationSlug}-partnership-response-v{number}";
        var output = new MemoryStream();
        string contentType;
        switch (format)
        {
            case "docx":
                PartnershipResponseDocx.Write(view.Document, output);
                contentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                break;
            case "pdf":
                var written = PartnershipResponsePdf.Write(view.Document, output, pdfOptions.Value);
                if (!written.Written)
                {
                    Problem = written.Problem;
                    ConsultationId = id;
                    Number = number;
                    Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return Page();
                }

                contentType = "application/pdf";
                break;
            default:
                await using (var writer = new StreamWriter(output, new System.Text.UTF8Encoding(true), leaveOpen: true))
                {
                    await SnapshotCsv.WriteAsync(view.Snapshot, writer, cancellationToken);
                }

                contentType = "text/csv";
                break;
        }

        await drafting.RecordExportAsync(id, number, format, this.ActorOf(users), cancellationToken);
        output.Position = 0;
        return File(output, contentType, $"{name}.{format}");
    }
}
