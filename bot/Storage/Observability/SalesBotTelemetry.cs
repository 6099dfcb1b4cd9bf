using System.Diagnostics;

namespace My8x8.SalesBot.Observability;

/// <summary>
/// The bot's trace source. Spans cost almost nothing when no listener is attached (StartActivity returns null),
/// which is the case unless OpenTelemetry export is configured.
/// </summary>
public static class SalesBotTelemetry
{
    /// <summary>The name of the bot's <see cref="ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "My8x8.SalesBot";

    public static readonly ActivitySource Source = new(Name, typeof(SalesBotTelemetry).Assembly.GetName().Version?.ToString());
}
