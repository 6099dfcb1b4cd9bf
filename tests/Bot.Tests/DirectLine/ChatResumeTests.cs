using System.Net.Http.Json;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

/// <summary>A visitor who comes back to the page continues the same conversation, and only their own.</summary>
public sealed class ChatResumeTests(SalesBotFactory factory) : IClassFixture<SalesBotFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonObject> TokenAsync(object request)
    {
        var response = await _client.PostAsJsonAsync("/webchat/token", request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task A_returning_visitor_with_their_last_token_gets_the_same_conversation()
    {
        var first = await TokenAsync(new { userId = DemoUsers.Ava });

        var again = await TokenAsync(new { userId = DemoUsers.Ava, resumeToken = (string)first["token"]! });

        Assert.Equal((string)first["conversationId"]!, (string)again["conversationId"]!);
    }

    [Fact]
    public async Task Another_users_token_does_not_open_their_conversation()
    {
        var avas = await TokenAsync(new { userId = DemoUsers.Ava });

        var bens = await TokenAsync(new { userId = DemoUsers.Ben, resumeToken = (string)avas["token"]! });

        Assert.NotEqual((string)avas["conversationId"]!, (string)bens["conversationId"]!);
    }

    [Fact]
    public async Task A_forged_resume_token_starts_a_new_conversation()
    {
        var first = await TokenAsync(new { userId = DemoUsers.Ava });
        var token = (string)first["token"]!;
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var again = await TokenAsync(new { userId = DemoUsers.Ava, resumeToken = forged });

        Assert.NotEqual((string)first["conversationId"]!, (string)again["conversationId"]!);
    }
}
