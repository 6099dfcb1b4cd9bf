using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using My8x8.SalesBot.Adapter;

namespace My8x8.SalesBot.Diagnostics;

internal static class PerformanceServiceExtensions
{
    /// <summary>
    /// The fast reply path, the start-up warm-up and (load tests only) the baseline turns. Call after the bot and
    /// <see cref="BotFrameworkAuthentication"/> are registered: they are decorated, whatever their registrations are.
    /// </summary>
    public static WebApplicationBuilder AddPerformance(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(PerformanceOptions.Section).Get<PerformanceOptions>() ?? new PerformanceOptions();
        services.AddOptions<PerformanceOptions>().BindConfiguration(PerformanceOptions.Section);

        if (options.ReuseConnectorClients)
        {
            // The stock-echo baseline bypasses reuse, so one run can measure the SDK's default path beside ours.
            Func<Microsoft.Bot.Schema.Activity, bool>? useStock = options.Baselines ? a => BaselineBot.KindOf(a) == BaselineKind.StockEcho : null;
            Decorate<BotFrameworkAuthentication>(services, (_, inner) => new CachingBotFrameworkAuthentication(inner, useStock));
        }

        if (options.WarmUp)
        {
            services.AddHostedService<WarmUpService>();
        }

        if (options.Baselines)
        {
            Decorate<IBot>(services, (sp, inner) => new BaselineBot(inner, sp.GetRequiredService<ConversationState>()));
        }

        return builder;
    }

    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> decorate)
        where T : class
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} must be registered before it is decorated.");
        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => decorate(sp, (T)Create(sp, descriptor)), descriptor.Lifetime));
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
