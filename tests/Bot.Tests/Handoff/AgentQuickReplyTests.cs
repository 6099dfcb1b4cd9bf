using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Handoff;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

public sealed class AgentQuickReplyTests
{
    /// <summary>The host with the shared quick replies a deployment set, in place of the shipped ones.</summary>
    private sealed class Host(params (string Title, string Text)[] replies) : HandoffBotFactory(TuesdayTenPacific)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            for (var i = 0; i < replies.Length; i++)
            {
                builder.UseSetting($"SalesBot:AgentConsole:QuickReplies:{i}:Title", replies[i].Title);
                builder.UseSetting($"SalesBot:AgentConsole:QuickReplies:{i}:Text", replies[i].Text);
            }
        }
    }

    [Fact]
    public async Task The_console_reads_the_shared_quick_replies_from_the_settings()
    {
        using var host = new Host(("Porting", "Porting your number takes about a week."), ("Trial", "The trial lasts as long as your plan says."));
        var agent = await host.SignInAgentAsync();

        var replies = await agent.GetFromJsonAsync<List<QuickReplyItem>>("/agent/api/quick-replies");

        // The shipped list has four entries; the first two are replaced here, so the settings, not code, fill the list.
        Assert.Equal(new QuickReplyItem("Porting", "Porting your number takes about a week."), replies![0]);
        Assert.Equal(new QuickReplyItem("Trial", "The trial lasts as long as your plan says."), replies[1]);
        Assert.Equal(4, replies.Count);
    }

    [Fact]
    public async Task Anonymous_callers_get_no_quick_replies()
    {
        using var host = new Host();

        var response = await host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/agent/api/quick-replies");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void A_quick_reply_longer_than_the_limit_stops_the_host_at_start()
    {
        using var host = new Host(("Long", new string('x', AgentQuickReplyOptions.MaxTextLength + 1)), (" ", "No title"));

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(failure is AggregateException aggregate ? aggregate.InnerException : failure);
        Assert.Contains("SalesBot:AgentConsole:QuickReplies:0:Text must be 1 to 1000 characters.", validation.Message, StringComparison.Ordinal);
        Assert.Contains("SalesBot:AgentConsole:QuickReplies:1:Title must be 1 to 80 characters.", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_fifty_shared_quick_replies_are_refused()
    {
        var result = new AgentQuickReplyOptionsValidator().Validate(null, new AgentQuickReplyOptions
        {
            QuickReplies = [.. Enumerable.Range(1, AgentQuickReplyOptions.MaxQuickReplies + 1).Select(i => new AgentQuickReply { Title = $"R{i}", Text = "Hello" })],
        });

        Assert.True(result.Failed);
        Assert.Contains("has 51 entries; at most 50 are allowed", result.FailureMessage, StringComparison.Ordinal);
    }
}
