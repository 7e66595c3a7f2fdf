namespace EngagementPortal.Web.Infrastructure;

/// <summary>
/// The folder that holds umbraco/ and wwwroot/: the repository root under <c>dotnet run</c>, the output folder
/// when published. Found by walking up from the content root, or set with <c>Portal:Root</c>.
/// </summary>
public static class PortalRoot
{
    public static string Find(string contentRoot, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        var dir = new DirectoryInfo(contentRoot);
        for (var i = 0; i < 7 && dir is not null; i++, dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "umbraco", "content")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
            {
                return dir.FullName;
            }
        }

        return contentRoot;
    }
}
