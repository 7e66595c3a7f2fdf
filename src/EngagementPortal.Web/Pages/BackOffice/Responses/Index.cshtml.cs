using System.Globalization;
using EngagementPortal.Core.Coding;
using EngagementPortal.Core.Consultations;
using EngagementPortal.Core.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EngagementPortal.Web.Pages.BackOffice.Responses;

/// <summary>A consultation's responses, filtered by a GET form so every filtered view is a link an officer can share.</summary>
public sealed class IndexModel(ResponseList responses) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "type")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "channel")]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    /// <summary>"questionKey:option".</summary>
    [BindProperty(SupportsGet = true, Name = "answer")]
    public string? Answer { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "theme")]
    public string? Theme { get; set; }

    [BindProperty(SupportsGet = true, Name = "moderation")]
    public string? Moderation { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Notice { get; set; }

    public ConsultationVersion Version { get; private set; } = null!;

    public IReadOnlyList<CodingTheme> Themes { get; private set; } = [];

    public ResponseListPage Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await responses.VersionAsync(id, cancellationToken) is not { } version)
        {
            return NotFound();
        }

        Version = version;
        Themes = await responses.ThemesAsync(id, cancellationToken);
        Result = await responses.ListAsync(id, Filter(), cancellationToken);
        return Page();
    }

    /// <summary>The filter from the query; a value that does not parse is reported and left out, never guessed.</summary>
    private ResponseFilter Filter()
    {
        var from = Day("from", From, "Date received from");
        var to = Day("to", To, "Date received to");
        if (from is not null && to is not null && from > to)
        {
            ModelState.AddModelError("to", "Date received to must be the same as or after date received from");
            to = null;
        }

        ChoiceFilter? choice = null;
        if (!string.IsNullOrEmpty(Answer) && Answer.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
        {
            var key = Answer[..colon];
            var option = Answer[(colon + 1)..];
            if (Version.Questions.FirstOrDefault(q => q.Key == key && q.HasChoices) is { } question && ResponseRules.OptionsOf(question).Contains(option, StringComparer.Ordinal))
            {
                choice = new ChoiceFilter(key, option, question.Type == QuestionType.MultipleChoice);
            }
        }

        return new ResponseFilter
        {
            RespondentType = ResponseText.Parse<RespondentType>(Type),
            Channel = ResponseText.Parse<ResponseChannel>(Channel),
            Moderation = ResponseText.Parse<ModerationState>(Moderation),
            ReceivedFrom = from,
            ReceivedTo = to,
            Choice = choice,
            Search = Search,
            ThemeId = Guid.TryParse(Theme, out var theme) ? theme : null,
            Page = PageNumber,
        };
    }

    private DateOnly? Day(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (KeyedResponses.ParseDay(value) is { } day)
        {
            return day;
        }

        ModelState.AddModelError(field, $"{label} must be a real date, like 2021-01-08");
        return null;
    }

    public static string? Excerpt(string? text) => text is { Length: > ResponseList.ExcerptLength } ? text[..ResponseList.ExcerptLength] + "…" : text;

    public bool IsFiltered => new[] { Type, Channel, From, To, Answer, Search, Theme, Moderation }.Any(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>This view's link with another page number.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["type"] = Type,
            ["channel"] = Channel,
            ["from"] = From,
            ["to"] = To,
            ["answer"] = Answer,
            ["q"] = Search,
            ["theme"] = Theme,
            ["moderation"] = Moderation,
        }.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").Append("p=" + page.ToString(CultureInfo.InvariantCulture));
        return "?" + string.Join("&", query);
    }
}
