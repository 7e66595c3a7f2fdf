using System.ComponentModel.DataAnnotations;

namespace EngagementPortal.Core.Exports.Pdf;

/// <summary>
/// <c>Exports:Pdf</c>. The PDF export uses PdfSharp under the AGPL (docs/adr/0006): an operator who cannot offer the
/// portal's source to its users turns it off; Word, CSV and the HTML preview do not depend on it.
/// </summary>
public sealed class PdfExportOptions
{
    public const string Section = "Exports:Pdf";

    public bool Enabled { get; set; } = true;

    /// <summary>Where the TrueType fonts are: Debian's fonts-liberation2 installs Liberation Sans under this folder.</summary>
    [Required]
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype";
}
