using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>
/// Settings are read at start, where they are validated, and never watched: a watcher on appsettings.json watches the
/// whole content root, where the SQLite files live by default, and woke on every write of every turn.
/// </summary>
public sealed class SettingsReloadTests
{
    [Fact]
    public void No_settings_file_is_watched_for_changes()
    {
        using var factory = new SalesBotFactory();
        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();

        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.Contains(files, file => file.Source.Path == "appsettings.json");
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is watched for changes"));
    }
}
