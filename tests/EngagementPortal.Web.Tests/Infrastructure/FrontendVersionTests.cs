using System.Text.Json;
using EngagementPortal.TestCommon;

namespace EngagementPortal.Web.Tests.Infrastructure;

public sealed class FrontendVersionTests
{
    [Fact]
    public void CommittedNhsFrontend_IsTheVersionPackageJsonPins()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "package.json")));
        var pinned = package.RootElement.GetProperty("dependencies").GetProperty("nhsuk-frontend").GetString();
        var committed = File.ReadAllText(Path.Combine(Repository.Root, "wwwroot", "lib", "nhsuk-frontend", "VERSION")).Trim();

        Assert.Equal(pinned, committed);
        Assert.True(File.Exists(Path.Combine(Repository.Root, "wwwroot", "lib", "nhsuk-frontend", "LICENCE.txt")));
    }
}
