using EngagementPortal.Core.Accounts;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using EngagementPortal.Web.Pages.BackOffice.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Responses;

/// <summary>Keying in a response that came another way (letter, email, call, paper or Easy Read form, event notes).
/// The form carries an entry key drawn when it was shown, so submitting it twice enters one response.</summary>
public sealed class NewModel(KeyedResponses keyed, UserManager<PortalUser> users) : PageModel
{
    public static readonly string[] FieldOrder = ["Channel", "ReceivedOn", "RespondentType", "OrganisationName", "Role", "PostcodeDistrict", "Email", "Publishing", "PublishedName"];

    public ConsultationVersion Version { get; private set; } = null!;

    [BindProperty]
    public string? EntryKey { get; set; }

    [BindProperty]
    public string? Channel { get; set; }

    [BindProperty]
    public string? ReceivedOn { get; set; }

    [BindProperty]
    public string? RespondentType { get; set; }

    [BindProperty]
    public string? OrganisationName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? PostcodeDistrict { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Publishing { get; set; }

    [BindProperty]
    public string? PublishedName { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await keyed.VersionAsync(id, cancellationToken) is not { } version)
        {
            return NotFound();
        }

        Version = version;
        EntryKey = Guid.NewGuid().ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var input = new KeyedResponseInput(Channel, ReceivedOn, RespondentType, OrganisationName, Role, PostcodeDistrict, Email, Publishing, PublishedName, EntryKey);
        var result = await keyed.KeyInAsync(id, input, Posted, this.ActorOf(users), cancellationToken);
        switch (result.Outcome)
        {
            case KeyInOutcome.NotFound:
                return NotFound();
            case KeyInOutcome.Invalid:
                foreach (var error in result.Errors!)
                {
                    ModelState.AddModelError(error.Field, error.Message);
                }

                Version = (await keyed.VersionAsync(id, cancellationToken))!;
                return Page();
            default:
                TempData["Notice"] = result.Outcome == KeyInOutcome.Entered
                    ? $"Response entered. Its reference is {result.Reference}."
                    : $"That form was already entered, as {result.Reference}.";
                return Redirect($"/backoffice/consultations/{id}/responses?q={Uri.EscapeDataString(result.Reference ?? "")}");
        }
    }

    /// <summary>What was posted for a field (question fields are named by question key), to show it again.</summary>
    public IReadOnlyList<string> Posted(string field) =>
        Request.HasFormContentType ? [.. Request.Form[field].Select(v => v ?? "")] : [];

    public RadiosView Radios(string name, string legend, string? hint, string? value, IEnumerable<(string Value, string Label)> options) =>
        new(this, name, legend, hint, value, [.. options]);

    public IEnumerable<(string Value, string Label)> ChannelOptions => KeyedResponses.Channels.Select(c => (c.ToString(), ResponseText.Channel(c)));

    public static IEnumerable<(string Value, string Label)> TypeOptions =>
        [(nameof(Core.Responses.RespondentType.Individual), "An individual"), (nameof(Core.Responses.RespondentType.Organisation), "On behalf of an organisation")];

    public static IEnumerable<(string Value, string Label)> PublishingOptions =>
        Enum.GetValues<PublishingConsent>().Select(p => (p.ToString(), AnswerSummary.PublishingText(p, "they gave")));

    public string? ErrorFor(string field) => ModelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;

    public string[] AllFieldOrder => [.. FieldOrder, .. Version.Questions.SelectMany(q => new[] { ResponseRules.FieldId(q.Key), ResponseRules.OtherFieldId(q.Key), ResponseRules.FieldId(q.ExplanationKey) })];
}

/// <summary>What the _Radios partial draws.</summary>
public sealed record RadiosView(NewModel Page, string Name, string Legend, string? Hint, string? Value, IReadOnlyList<(string Value, string Label)> Options);
