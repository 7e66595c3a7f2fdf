using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.YourResponse;

/// <summary>UK GDPR: a respondent asks, with their reference and email, for a copy of their response or its
/// deletion. The answer is the same whether or not they match, so nobody learns who responded.</summary>
public sealed class IndexModel(DataRequests requests, IOptions<ResponseOptions> options) : PageModel
{
    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public List<FieldError> Errors { get; } = [];

    public bool Received { get; private set; }

    public string Prefix => options.Value.ReferencePrefix;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        DataRequestKind? kind = Kind switch
        {
            nameof(DataRequestKind.Copy) => DataRequestKind.Copy,
            nameof(DataRequestKind.Deletion) => DataRequestKind.Deletion,
            _ => null,
        };
        if (kind is null)
        {
            Errors.Add(new("Kind", "Select whether you want a copy of your response or for it to be deleted"));
        }

        var reference = ResponseReference.Parse(Reference, Prefix);
        if (!reference.Succeeded)
        {
            Errors.Add(new("Reference", reference.Error!));
        }

        var email = ResponseRules.Email(Email, required: true, out var emailError);
        if (emailError is not null)
        {
            Errors.Add(new("Email", emailError));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        await requests.RecordAsync(kind!.Value, reference.Reference!, email!, cancellationToken);
        Received = true;
        return Page();
    }
}
