using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace My8x8.SalesBot.Deployment.Tests.Azure;

/// <summary>
/// deployment/azure/main.bicep compiled and linted by the real Bicep CLI (restored from NuGet with this project):
/// what an operator deploys must build to an ARM template with zero linter warnings.
/// </summary>
public sealed class BicepTemplateTests
{
    private static readonly string Template = Path.Combine(DeploymentFiles.Folder, "azure", "main.bicep");

    [SkippableFact]
    public async Task The_template_builds_without_a_single_diagnostic()
    {
        var (exitCode, output) = await RunBicepAsync("build", Template, "--stdout");

        Assert.Equal(0, exitCode);
        var arm = JsonNode.Parse(output.StandardOutput)!.AsObject();
        Assert.Equal("", output.StandardError.Trim());
        var types = arm["resources"]!.AsArray().Select(resource => (string)resource!["type"]!).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "Microsoft.BotService/botServices",
            "Microsoft.BotService/botServices/channels",
            "Microsoft.Web/sites",
            "Microsoft.DBforPostgreSQL/flexibleServers",
            "Microsoft.KeyVault/vaults",
        }, types);
    }

    [SkippableFact]
    public async Task The_linter_reports_no_warnings()
    {
        var (exitCode, output) = await RunBicepAsync("lint", Template);

        Assert.Equal(0, exitCode);
        Assert.Equal("", (output.StandardOutput + output.StandardError).Trim());
    }

    [SkippableFact]
    public async Task The_sample_parameters_name_only_declared_parameters_and_every_required_one_but_the_secrets()
    {
        var (exitCode, output) = await RunBicepAsync("build", Template, "--stdout");
        Assert.Equal(0, exitCode);
        var declared = JsonNode.Parse(output.StandardOutput)!["parameters"]!.AsObject();
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DeploymentFiles.Folder, "azure", "main.parameters.json")))!["parameters"]!.AsObject();

        var undeclared = sample.Select(parameter => parameter.Key).Where(name => !declared.ContainsKey(name)).ToList();
        var required = declared
            .Where(parameter => parameter.Value!["defaultValue"] is null && (string?)parameter.Value["type"] != "securestring")
            .Select(parameter => parameter.Key);
        var missing = required.Where(name => !sample.ContainsKey(name)).ToList();

        Assert.True(undeclared.Count == 0, "The sample names parameters the template does not declare: " + string.Join(", ", undeclared));
        Assert.True(missing.Count == 0, "The sample leaves out required parameters: " + string.Join(", ", missing));
    }

    private static async Task<(int ExitCode, (string StandardOutput, string StandardError) Output)> RunBicepAsync(params string[] arguments)
    {
        Skip.IfNot(RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64,
            "Bicep check skipped: the restored Bicep CLI package (Azure.Bicep.CommandLine.linux-x64) runs on Linux x64 only.");
        Skip.IfNot(File.Exists(DeploymentFiles.BicepPath),
            $"Bicep check skipped: {DeploymentFiles.BicepPath} is missing (dotnet restore of tests/Deployment.Tests downloads it).");
        EnsureExecutable(DeploymentFiles.BicepPath);

        var start = new ProcessStartInfo(DeploymentFiles.BicepPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Template)!,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline: no telemetry, no update checks; the template uses no registry modules, so nothing needs the network.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await standardOutput, await standardError));
    }

    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // NuGet extracts package files without their execute bit.
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}
