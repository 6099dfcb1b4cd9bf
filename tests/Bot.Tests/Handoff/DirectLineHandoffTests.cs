using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using My8x8.SalesBot.Bot.Tests.DirectLine;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>The agent's messages reach a website-chat customer as new messages: proactive turns through the embedded Direct Line.</summary>
public sealed class DirectLineHandoffTests
{
    private sealed class InHoursLoopbackFactory : LoopbackSalesBotFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SalesBot:Clock:Now", "2026-11-24T09:00:00-08:00");
        }
    }

    [Fact]
    public async Task An_agent_who_accepts_is_announced_in_the_customers_web_chat()
    {
        using var factory = new InHoursLoopbackFactory();
        var directLine = factory.CreateDirectLineClient();
        var (conversationId, token) = await directLine.StartConversationAsync(DemoUsers.Kim);
        await directLine.SayAsync(conversationId, token, "hi");
        await directLine.SayAsync(conversationId, token, "agent");
        await directLine.WaitForActivityAsync(conversationId, token, a => ((string?)a["text"])?.Contains("asked a sales agent", StringComparison.Ordinal) == true);

        var agent = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = directLine.Http.BaseAddress! });
        Assert.True((await HandoffBotFactory.SubmitSignInAsync(agent, HandoffBotFactory.DemoAgentId, HandoffBotFactory.DemoAgentPassword)).IsSuccessStatusCode);
        var antiforgery = await agent.GetFromJsonAsync<JsonObject>("/agent/api/antiforgery");
        agent.DefaultRequestHeaders.Add("RequestVerificationToken", (string)antiforgery!["token"]!);
        var queue = await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue");
        var id = (string)queue!.Single(item => (string?)item!["customer"]?["userId"] == DemoUsers.Kim)!["id"]!;

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);

        var joined = await directLine.WaitForActivityAsync(conversationId, token, a => ((string?)a["text"])?.Contains("joined the chat", StringComparison.Ordinal) == true);

        // Web Chat holds back a message that replies to an activity it never saw: proactive messages reply to nothing.
        Assert.Null(joined["replyToId"]);
    }
}
