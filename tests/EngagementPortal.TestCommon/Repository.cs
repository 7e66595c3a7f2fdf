namespace EngagementPortal.TestCommon;

/// <summary>Paths in the repository and in ../shared beside it, found from the test's output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string ContentPackages => Path.Combine(Root, "umbraco", "content");

    public static string TestData(string name) => Path.Combine(Shared, "testdata", name);

    public static IReadOnlyList<string> XssVectors { get; } = LoadXssVectors();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EngagementPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EngagementPortal.sln not found above " + AppContext.BaseDirectory);
    }

    private static List<string> LoadXssVectors() =>
        System.Text.Json.JsonSerializer.Deserialize<List<string>>(File.ReadAllText(TestData("xss-vectors.json")))!;
}
