using System.ComponentModel.DataAnnotations;
using System.IO.Compression;

namespace EngagementPortal.Core.Consultations;

/// <summary>Where uploaded supporting documents live (section <c>Documents</c>): outside wwwroot, served by the portal with safe headers.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Folder for uploaded files, relative to the portal root.</summary>
    [Required]
    public string Path { get; set; } = "umbraco/Data/documents";

    [Range(1, 100 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
}

public enum DocumentCheck
{
    Stored,
    Empty,
    TooLarge,
    NotPdfOrDocx,
}

public sealed record StoredDocument(DocumentCheck Outcome, string? FileName = null, string? Format = null, long SizeBytes = 0);

/// <summary>
/// Accepts PDF and Word (.docx) files only, recognised by their content rather than their name or declared type:
/// a PDF starts with "%PDF-"; a .docx is a ZIP package holding [Content_Types].xml and word/document.xml.
/// Files are stored under a random name, so nothing the uploader chose reaches the file system or a URL.
/// </summary>
public sealed class DocumentStore(string folder, long maxBytes)
{
    public string Folder => folder;

    public async Task<StoredDocument> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var temporary = System.IO.Path.Combine(folder, $"upload-{Guid.NewGuid():N}.tmp");
        try
        {
            long size;
            await using (var file = File.Create(temporary))
            {
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        return new(DocumentCheck.TooLarge);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (size == 0)
            {
                return new(DocumentCheck.Empty);
            }

            var format = Recognise(temporary);
            if (format is null)
            {
                return new(DocumentCheck.NotPdfOrDocx);
            }

            var name = $"{Guid.NewGuid():N}.{format.ToLowerInvariant()}";
            File.Move(temporary, System.IO.Path.Combine(folder, name));
            return new(DocumentCheck.Stored, name, format, size);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The stored file for a name this store gave out, or null (any other name, including paths, is refused).</summary>
    public string? Find(string name)
    {
        if (name.Length != 36 && name.Length != 37 || !Guid.TryParseExact(name[..32], "N", out _) || name[32] != '.')
        {
            return null;
        }

        var extension = name[33..];
        if (extension is not ("pdf" or "docx"))
        {
            return null;
        }

        var path = System.IO.Path.Combine(folder, name);
        return File.Exists(path) ? path : null;
    }

    internal static string? Recognise(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[5];
        if (stream.Read(head) < 4)
        {
            return null;
        }

        if (head.SequenceEqual("%PDF-"u8))
        {
            return "PDF";
        }

        if (head[..4].SequenceEqual("PK\u0003\u0004"u8))
        {
            stream.Position = 0;
            try
            {
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
                var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
                return names.Contains("[Content_Types].xml") && names.Contains("word/document.xml") ? "DOCX" : null;
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }

        return null;
    }
}
