using EngagementPortal.Core.Consultations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>
/// A page about one consultation's current version (the draft, or the published one when there is no draft): the
/// documents page and the question builder load it the same way.
/// </summary>
public abstract class DraftPageModel(ConsultationAuthoring authoring) : PageModel
{
    protected ConsultationAuthoring Authoring { get; } = authoring;

    public Guid Id { get; private set; }

    public string Title => Current?.Title ?? "";

    /// <summary>The version the page shows; null until <see cref="LoadAsync"/> finds the consultation.</summary>
    protected ConsultationVersion? Current { get; private set; }

    /// <summary>Loads the consultation's current version; false when there is no such consultation.</summary>
    protected async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var consultation = await Authoring.LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return false;
        }

        Id = id;
        Current = ConsultationAuthoring.Current(consultation);
        return true;
    }
}
