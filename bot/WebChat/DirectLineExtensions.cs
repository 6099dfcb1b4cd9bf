using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Ordering.Api;
using My8x8.SalesBot.WebChat;

namespace My8x8.SalesBot.DirectLine;

/// <summary>Wires the website chat: the embedded Direct Line service and the Web Chat page.</summary>
internal static class DirectLineExtensions
{
    public static WebApplicationBuilder AddWebChat(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section)
            .Validate(o => WebChatOptions.IsSourceList(o.FrameAncestors), $"{WebChatOptions.Section}:FrameAncestors must be CSP sources ('self', 'none' or origins like https://my.8x8.com), separated by spaces.")
            .ValidateOnStart();
        services.AddSingleton(sp => WebChatMode.Resolve(sp.GetRequiredService<IOptions<DirectLineOptions>>().Value, sp.GetRequiredService<IConfiguration>()));

        // Seams the host can replace: the demo users (ordering seed data) and who is signed in to the portal.
        services.TryAddSingleton<IDemoUserDirectory, DefaultDemoUserDirectory>();
        services.TryAddSingleton<IPortalUserResolver, ClaimsPrincipalPortalUserResolver>();
        services.AddSingleton<WebChatIdentity>();
        // The page at / is a Razor component its endpoint renders on the server.
        services.AddRazorComponents();

        // The embedded Direct Line.
        services.AddSingleton<DirectLineKeys>();
        // Tokens are Data Protection payloads on the host's key ring (its application name and shared key storage are
        // set where the host configures Data Protection), so every instance sharing the keys accepts them.
        services.AddDataProtection();
        services.AddSingleton<DirectLineTokenService>();
        services.TryAddSingleton<IDirectLineStore, InMemoryDirectLineStore>();
        services.AddSingleton<DirectLineServiceUrl>();
        services.AddSingleton<DirectLineBotGateway>();
        services.AddSingleton<DirectLineConversations>();
        services.AddSingleton<IOrderingUserTokenValidator, DirectLineOrderingUserTokens>();

        // Azure's Direct Line (production): the secret is exchanged server-side only.
        services.AddHttpClient<AzureDirectLineTokenClient>(client => client.Timeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    public static WebApplication MapWebChat(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<WebChatMode>();
        app.Logger.LogInformation("Website chat uses the {DirectLineMode} Direct Line", mode.Kind);
        if (mode.Kind == WebChatModeKind.Embedded)
        {
            if (app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.WebSocket)
            {
                app.UseWebSockets();
            }

            app.MapEmbeddedDirectLine();
        }
        else if (mode.Kind == WebChatModeKind.Disabled)
        {
            app.Logger.LogWarning(
                "Website chat is off: set SalesBot:DirectLine:Secret to use Azure's Direct Line (the embedded one is served only with MicrosoftAppId unset)");
        }

        app.MapWebChatPage();
        return app;
    }
}
