using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Storage;
using Npgsql;

namespace My8x8.SalesBot.Notices;

internal static class OrderNoticeExtensions
{
    /// <summary>
    /// Shipment notices: their bookkeeping beside the conversation state (PostgreSQL when "ConnectionStrings:SalesBot"
    /// is set, so every instance shares it; otherwise the state's SQLite file), the conversations orders were placed in,
    /// and the sender following the status feed.
    /// </summary>
    public static WebApplicationBuilder AddOrderNotices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OrderNoticeOptions>().BindConfiguration(OrderNoticeOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.PollInterval > TimeSpan.Zero, "SalesBot:OrderNotices:PollInterval must be positive.").ValidateOnStart();
        var postgres = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(OrderingServiceCollectionExtensions.PostgresConnectionStringName));
        services.AddSingleton(sp => postgres
            ? OrderNoticeStore.Postgres(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<PostgresSchema>())
            : OrderNoticeStore.Sqlite(SqliteFiles.Prepare(Extensions.SalesBotServiceExtensions.ResolveConnectionString(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, builder.Environment.ContentRootPath))));
        services.AddSingleton<IOrderConversations, OrderConversations>();
        // Their rows past retention go in the host's one sweep loop, whether or not this host sends notices.
        services.AddSingleton<ISweepJob, OrderNoticeSweeper>();
        services.AddSingleton<OrderNoticeSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderNoticeSender>());
        return builder;
    }
}
