using System.IO.Compression;
using System.Text;
using EngagementPortal.Core.Consultations;

namespace EngagementPortal.Core.Tests.Consultations;

public sealed class DocumentStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engagementportal-tests", "documents-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Docx(bool withDocument = true)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            if (withDocument)
            {
                using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
                writer.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
            }
        }

        return memory.ToArray();
    }

    [Fact]
    public async Task Pdf_IsStoredUnderARandomName()
    {
        var store = new DocumentStore(_folder, 1024 * 1024);

        var stored = await store.SaveAsync(new MemoryStream(Pdf()));

        Assert.Equal(DocumentCheck.Stored, stored.Outcome);
        Assert.Equal("PDF", stored.Format);
        Assert.EndsWith(".pdf", stored.FileName, StringComparison.Ordinal);
        Assert.Equal(Pdf(), await File.ReadAllBytesAsync(store.Find(stored.FileName!)!));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Docx_IsRecognisedByItsParts()
    {
        var stored = await new DocumentStore(_folder, 1024 * 1024).SaveAsync(new MemoryStream(Docx()));

        Assert.Equal("DOCX", stored.Format);
    }

    [Theory]
    [MemberData(nameof(NotDocuments))]
    public async Task NotPdfOrDocx_IsRefusedAndNothingIsKept(byte[] content)
    {
        var stored = await new DocumentStore(_folder, 1024 * 1024).SaveAsync(new MemoryStream(content));

        Assert.Equal(DocumentCheck.NotPdfOrDocx, stored.Outcome);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    public static TheoryData<byte[]> NotDocuments() => new()
    {
        Encoding.ASCII.GetBytes("MZ\u0090\u0000 an executable named proposal.pdf"),
        Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"),
        Docx(withDocument: false),
        Encoding.ASCII.GetBytes("PK\u0003\u0004 not really a zip"),
    };

    [Fact]
    public async Task TooLarge_IsRefusedWhileReading()
    {
        var content = new byte[2048];
        Pdf().CopyTo(content, 0);

        var stored = await new DocumentStore(_folder, 1024).SaveAsync(new MemoryStream(content));

        Assert.Equal(DocumentCheck.TooLarge, stored.Outcome);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("../portal.db")]
    [InlineData("00000000000000000000000000000000.exe")]
    [InlineData("..%2F..%2Fportal.db")]
    [InlineData("not-a-guid-at-all-xxxxxxxxxxxxxxxx.pdf")]
    public void Find_AnythingButAStoredName_IsNull(string name) => Assert.Null(new DocumentStore(_folder, 1024).Find(name));
}
