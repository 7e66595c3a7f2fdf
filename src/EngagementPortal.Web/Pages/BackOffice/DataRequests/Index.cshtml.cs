using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.DataRequests;

/// <summary>Respondents' UK GDPR requests, oldest first: open ones unless another state is chosen.</summary>
public sealed class IndexModel(Core.Responses.DataRequests requests) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? StateFilter { get; set; }

    public DataRequestState? State { get; private set; }

    public IReadOnlyList<DataRequest> Requests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        State = StateFilter == "all" ? null : Responses.ResponseText.Parse<DataRequestState>(StateFilter) ?? DataRequestState.Open;
        Requests = await requests.ListAsync(State, cancellationToken);
    }

    public static string KindText(DataRequestKind kind) => kind == DataRequestKind.Copy ? "A copy of their response" : "Delete their response";
}
