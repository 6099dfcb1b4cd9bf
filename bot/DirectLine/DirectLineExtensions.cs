namespace My8x8.SalesBot.DirectLine;

/// <summary>Wires the website chat: the embedded Direct Line service and the Web Chat page.</summary>
internal static class DirectLineExtensions
{
    public static WebApplicationBuilder AddWebChat(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapWebChat(this WebApplication app) => app;
}
