using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace My8x8.SalesBot.Dialogs.Understanding;

public static class UnderstandingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IIntentRecognizer"/> (one instance: its models are loaded once and shared by every turn)
    /// with <see cref="IntentOptions"/> bound from <c>SalesBot:Understanding</c> and validated at start-up.
    /// </summary>
    public static IServiceCollection AddIntentRecognizer(this IServiceCollection services)
    {
        services.AddOptions<IntentOptions>().BindConfiguration(IntentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IIntentRecognizer, IntentRecognizer>();
        return services;
    }
}
