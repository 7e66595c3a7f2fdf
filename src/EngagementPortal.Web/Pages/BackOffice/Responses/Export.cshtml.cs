using System.Text;
using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Exports.Csv;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Responses;

/// <summary>The CSV of every response, written straight to the response body as it is read (no whole-table load).</summary>
public sealed class ExportModel(ResponseList responses, ResponsesCsv csv, UserManager<PortalUser> users, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await responses.VersionAsync(id, cancellationToken) is not { } version)
        {
            return NotFound();
        }

        var day = Core.Time.UkTime.TodayUk(time).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"responses-{version.Consultation.Slug}-{day}.csv\"";

        // A byte order mark, so spreadsheet programs read the file as UTF-8.
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await csv.ExportAsync(version, writer, this.ActorOf(users), cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }
}
