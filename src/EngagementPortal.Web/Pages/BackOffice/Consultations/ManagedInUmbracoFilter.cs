using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Content.Umbraco;
using EngagementPortal.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementPortal.Web.Pages.BackOffice.Consultations;

/// <summary>What the authoring pages show for a consultation Umbraco owns (its key in ViewData, read by
/// _ManagedInUmbraco and the pages' read-only fieldsets).</summary>
public sealed record ManagedInUmbracoView(string Message, string? EditUrl);

/// <summary>
/// "Edit this in Umbraco": on every authoring page of a consultation whose source is Umbraco, GETs show it read-only
/// with the message, and POSTs (which would change its text, dates, questions, documents or publication) are refused
/// with the same message and 409, before the handler runs. <see cref="ConsultationAuthoring"/> refuses the same
/// changes itself, so a page that forgot would still change nothing.
/// </summary>
public sealed class ManagedInUmbracoFilter : IAsyncPageFilter
{
    public const string ViewDataKey = "ManagedInUmbraco";

    // The body preview only renders what was typed; it changes nothing.
    private static readonly HashSet<string> HarmlessHandlers = new(StringComparer.OrdinalIgnoreCase) { "PreviewBody" };

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!Guid.TryParse(context.RouteData.Values["id"]?.ToString(), out var id))
        {
            await next();
            return;
        }

        var services = context.HttpContext.RequestServices;
        var consultation = await services.GetRequiredService<PortalDbContext>().Consultations.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new { c.Origin, c.OriginKey })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (consultation is null || consultation.Origin != ContentOrigin.Umbraco)
        {
            await next();
            return;
        }

        var view = new ManagedInUmbracoView(ConsultationAuthoring.ManagedInUmbracoMessage, services.GetRequiredService<IOptions<UmbracoDeliveryOptions>>().Value.EditUrl(consultation.OriginKey));
        if (HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method)
            || HarmlessHandlers.Contains(context.HandlerMethod?.Name ?? ""))
        {
            if (context.HandlerInstance is Microsoft.AspNetCore.Mvc.RazorPages.PageModel page)
            {
                page.ViewData[ViewDataKey] = view;
            }

            await next();
            return;
        }

        context.Result = new ViewResult
        {
            ViewName = "ManagedInUmbraco",
            StatusCode = StatusCodes.Status409Conflict,
            ViewData = new ViewDataDictionary<ManagedInUmbracoView>(services.GetRequiredService<IModelMetadataProvider>(), context.ModelState) { Model = view },
            TempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext),
        };
        context.HttpContext.Items["ConsultationId"] = id;
    }
}
