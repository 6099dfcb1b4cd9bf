using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Understanding;

namespace My8x8.SalesBot.Understanding.Tests;

public sealed class UnderstandingServiceCollectionExtensionsTests
{
    [Fact]
    public void The_recognizer_is_one_shared_instance_with_options_from_configuration()
    {
        using var services = Build(new() { ["SalesBot:Understanding:ActAbove"] = "0.9", ["SalesBot:Understanding:AskAbove"] = "0.5" });

        var recognizer = services.GetRequiredService<IIntentRecognizer>();

        Assert.Same(recognizer, services.GetRequiredService<IIntentRecognizer>());
        Assert.Equal(0.9, services.GetRequiredService<IOptions<IntentOptions>>().Value.ActAbove);
        Assert.Equal(Intent.Agent, recognizer.Recognize("I'd like a representative").Intent);
    }

    [Theory]
    [InlineData("0.5", "0.6", "AskAbove (0.6) must not be above ActAbove (0.5)")]
    [InlineData("1.5", "0.4", "ActAbove")]
    [InlineData("0.7", "-0.1", "AskAbove")]
    public void Bands_that_make_no_sense_are_refused_at_start_up(string actAbove, string askAbove, string message)
    {
        using var services = Build(new() { ["SalesBot:Understanding:ActAbove"] = actAbove, ["SalesBot:Understanding:AskAbove"] = askAbove });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IntentOptions>>().Value);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddIntentRecognizer();
        services.AddIntentRecognizer();
        Assert.Single(services, d => d.ServiceType == typeof(IIntentRecognizer));
        return services.BuildServiceProvider();
    }
}
