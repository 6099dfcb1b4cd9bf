using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Handoff;

/// <summary>A shared quick reply as the console reads it.</summary>
public sealed record QuickReplyItem(string Title, string Text);

/// <summary>
/// The shared quick replies (<see cref="AgentQuickReplyOptions"/>), read by the console's reply box from the API group,
/// so only a signed-in agent gets them. The agent's own quick replies never reach the server: agent-quick-replies.js
/// keeps them in the browser's local storage under the agent's id.
/// </summary>
public static class AgentQuickReplyEndpoints
{
    /// <summary>Binds and checks the shared quick replies at start.</summary>
    public static IServiceCollection AddAgentQuickReplies(this IServiceCollection services)
    {
        services.AddOptions<AgentQuickReplyOptions>().BindConfiguration(AgentQuickReplyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentQuickReplyOptions>, AgentQuickReplyOptionsValidator>());
        return services;
    }

    public static RouteGroupBuilder MapAgentQuickReplies(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/quick-replies", (IOptions<AgentQuickReplyOptions> options) =>
            TypedResults.Ok<IReadOnlyList<QuickReplyItem>>([.. options.Value.QuickReplies.Select(r => new QuickReplyItem(r.Title, r.Text))]));
        return api;
    }
}
