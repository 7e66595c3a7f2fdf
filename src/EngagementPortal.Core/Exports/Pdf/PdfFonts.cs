using PdfSharp.Fonts;

namespace EngagementPortal.Core.Exports.Pdf;

/// <summary>
/// PdfSharp on Linux has no system fonts of its own: it asks an <see cref="IFontResolver"/>. This one serves Liberation
/// Sans (metric-compatible with Arial, the NHS fallback font) from Debian's fonts-liberation2, or DejaVu Sans from
/// fonts-dejavu-core when Liberation is missing. PdfSharp wants one resolver for the whole process, set once, so the
/// first folder that has the fonts is kept.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "Portal Sans";

    private static readonly Lock Gate = new();
    private static PdfFonts? _installed;

    private readonly Dictionary<string, byte[]> _faces;

    private PdfFonts(Dictionary<string, byte[]> faces) => _faces = faces;

    private static readonly (string Folder, string Regular, string Bold, string Italic)[] Candidates =
    [
        ("liberation2", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
        ("liberation", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
        ("dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    ];

    /// <summary>Installs the resolver (once per process); null when it is in place, else what is missing and how to get it.</summary>
    public static string? Install(string fontDirectory)
    {
        lock (Gate)
        {
            if (_installed is not null)
            {
                return null;
            }

            foreach (var (folder, regular, bold, italic) in Candidates)
            {
                var paths = new[] { regular, bold, italic }.Select(f => Path.Combine(fontDirectory, folder, f)).ToArray();
                if (paths.All(File.Exists))
                {
                    _installed = new PdfFonts(new Dictionary<string, byte[]>(StringComparer.Ordinal)
                    {
                        ["regular"] = File.ReadAllBytes(paths[0]),
                        ["bold"] = File.ReadAllBytes(paths[1]),
                        ["italic"] = File.ReadAllBytes(paths[2]),
                    });
                    GlobalFontSettings.FontResolver = _installed;
                    return null;
                }
            }

            return $"The PDF export needs the Liberation Sans fonts (Debian package fonts-liberation2) or DejaVu Sans (fonts-dejavu-core) under {fontDirectory}, and found neither. Install one of them, or set Exports:Pdf:FontDirectory, or turn the PDF export off with Exports:Pdf:Enabled=false.";
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "bold" : italic ? "italic" : "regular");

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}
