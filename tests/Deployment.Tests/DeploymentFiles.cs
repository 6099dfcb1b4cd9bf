using System.Reflection;

namespace My8x8.SalesBot.Deployment.Tests;

/// <summary>Where the repository's deployment files and the tools that check them are.</summary>
internal static class DeploymentFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder { get; } = Path.Combine(RepositoryRoot, "deployment");

    /// <summary>The Bicep CLI from the Azure.Bicep.CommandLine package restored with this project (Linux x64 only).</summary>
    public static string BicepPath { get; } = typeof(DeploymentFiles).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "BicepPath").Value ?? "";

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "My8x8.SalesBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with My8x8.SalesBot.sln) was not found above " + AppContext.BaseDirectory);
    }
}
