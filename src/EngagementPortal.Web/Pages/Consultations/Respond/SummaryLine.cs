namespace EngagementPortal.Web.Pages.Consultations.Respond;

/// <summary>One row of a summary list: its key, the answer's lines (encoded when shown), and its Change link.</summary>
public sealed record SummaryLine(string Key, IReadOnlyList<string> Lines, string? Change, string What);
