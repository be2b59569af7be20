namespace QualityGates.Tests;

/// <summary>The repository the tests run from, for tests that read its files (sources, resources, docs).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "QualityGates.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No QualityGates.sln above {AppContext.BaseDirectory}.");
    }
}
