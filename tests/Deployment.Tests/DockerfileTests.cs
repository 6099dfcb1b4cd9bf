using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace My8x8.SalesBot.Deployment.Tests;

/// <summary>
/// The image's build stage restores from the project files alone (so the restore layer is cached while only sources
/// change): every project the host is built from must be copied before that restore, or the image does not build.
/// Projects get split out as the code grows; this keeps the Dockerfile following them.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(DeploymentFiles.Folder, "Dockerfile"));

    [Fact]
    public void Every_project_the_host_is_built_from_is_copied_before_the_restore()
    {
        var copied = CopiedBefore("RUN dotnet restore");
        var missing = HostProjects().Where(p => !copied.Contains(p)).ToList();

        Assert.True(missing.Count == 0, "Not copied before the restore: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_files_every_project_builds_with_are_copied_before_the_restore()
    {
        var copied = CopiedBefore("RUN dotnet restore");
        // The root's build files and what they pull in (the banned-API list the analyzers read).
        string[] buildFiles = ["global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "BannedSymbols.txt"];
        foreach (var file in buildFiles)
        {
            Assert.True(File.Exists(Path.Combine(DeploymentFiles.RepositoryRoot, file)), file + " is not in the repository");
        }

        var missing = buildFiles.Where(f => !copied.Contains(f)).ToList();
        Assert.True(missing.Count == 0, "Not copied before the restore: " + string.Join(", ", missing));
        foreach (var additional in XDocument.Load(Path.Combine(DeploymentFiles.RepositoryRoot, "Directory.Build.props")).Descendants("AdditionalFiles"))
        {
            var name = additional.Attribute("Include")!.Value.Replace("$(MSBuildThisFileDirectory)", "", StringComparison.Ordinal);
            Assert.Contains(name, copied);
        }
    }

    /// <summary>The host's project and every project it references, directly or not, relative to the root.</summary>
    private static SortedSet<string> HostProjects()
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.Combine(DeploymentFiles.RepositoryRoot, "bot", "My8x8.SalesBot.Bot.csproj")]);
        while (pending.TryPop(out var project))
        {
            if (!found.Add(Path.GetRelativePath(DeploymentFiles.RepositoryRoot, project).Replace('\\', '/')))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Attribute("Include")!.Value)));
            }
        }

        return found;
    }

    /// <summary>The files the build stage copies (as paths from the root) before the line that starts with <paramref name="step"/>.</summary>
    private static HashSet<string> CopiedBefore(string step)
    {
        var build = Lines.SkipWhile(l => !BuildStage().IsMatch(l)).ToList();
        var until = build.FindIndex(l => l.StartsWith(step, StringComparison.Ordinal));
        Assert.True(until > 0, $"The build stage has no '{step}'");
        return [.. build.Take(until).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])];
    }

    [GeneratedRegex(@"^FROM .* AS build$")]
    private static partial Regex BuildStage();
}
