using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using My8x8.SalesBot.Adapter;
using My8x8.SalesBot.Extensions;

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
            services.Decorate<BotFrameworkAuthentication>((_, inner) => new CachingBotFrameworkAuthentication(inner, useStock));
        }

        if (options.WarmUp)
        {
            services.AddHostedService<WarmUpService>();
        }

        if (options.Baselines)
        {
            services.Decorate<IBot>((sp, inner) => new BaselineBot(inner, sp.GetRequiredService<ConversationState>()));
        }

        return builder;
    }
}
