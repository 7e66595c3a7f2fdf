namespace EngagementPortal.Web.Pages.Shared;

/// <summary>What the _Field partial needs to draw one input.</summary>
public sealed record FieldView(string Name, string Label, string? Value = null, string Type = "text", string? Hint = null, string? Autocomplete = null, string? Width = null, string? InputMode = null, int Rows = 5);
