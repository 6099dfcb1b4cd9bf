using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Bot.Tests.Teams;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Authentication;

/// <summary>
/// Who the customer is comes only from what the host can verify. With a fully valid channel token, a <c>dl_</c> id the
/// client picked on webchat, the emulator or any other channel identifies nobody; on Direct Line it does only when the
/// operator declared enhanced authentication; Teams users are matched by Entra ID object id and tenant.
/// </summary>
public sealed class ChannelIdentityTests : IAsyncLifetime
{
    private LoopbackBotFrameworkCloud _cloud = null!;
    private RecordingChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _cloud = await LoopbackBotFrameworkCloud.StartAsync();
        _channel = await RecordingChannel.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _cloud.DisposeAsync();
    }

    [Theory]
    [InlineData("webchat", false)]
    [InlineData("emulator", false)]
    [InlineData("test", false)]
    [InlineData("directline", false)]
    [InlineData("webchat", true)]
    public async Task A_client_chosen_dl_id_with_a_valid_channel_token_is_an_anonymous_visitor(string channelId, bool enhancedAuthenticationDeclared)
    {
        using var factory = Host(enhancedAuthenticationDeclared);

        var reply = await SayHiAsync(factory, channelId, $"dl_{DemoUsers.Ava}");

        Assert.Equal(SalesTexts.UnknownUser, reply);
    }

    [Fact]
    public async Task A_dl_id_on_direct_line_with_enhanced_authentication_declared_identifies_the_portal_user()
    {
        using var factory = Host(enhancedAuthenticationDeclared: true);

        var reply = await SayHiAsync(factory, "directline", $"dl_{DemoUsers.Ava}");

        Assert.StartsWith("Hi Ava!", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_demo_user_id_identifies_nobody_once_channel_authentication_is_on()
    {
        using var factory = Host(enhancedAuthenticationDeclared: true);

        var reply = await SayHiAsync(factory, "emulator", DemoUsers.Ava);

        Assert.Equal(SalesTexts.UnknownUser, reply);
    }

    [Fact]
    public async Task A_teams_user_is_matched_by_entra_id_on_a_request_the_channel_signed()
    {
        using var factory = Host(enhancedAuthenticationDeclared: false);
        var activity = TeamsActivities.Message(_channel.ServiceUrl, TeamsChatRoom.Personal(), TeamsUser.Ava, "hi");

        var reply = await PostAsync(factory, activity);

        Assert.StartsWith("Hi Ava!", reply, StringComparison.Ordinal);
    }

    private AuthenticatedBotFactory Host(bool enhancedAuthenticationDeclared) =>
        new(_cloud, new Dictionary<string, string> { ["SalesBot:Identity:DirectLineEnhancedAuthentication"] = enhancedAuthenticationDeclared ? "true" : "false" });

    private Task<string> SayHiAsync(AuthenticatedBotFactory factory, string channelId, string fromId) =>
        PostAsync(factory, ActivityBuilder.Message(_channel.ServiceUrl, $"conv-{Guid.NewGuid():N}", fromId, "hi", channelId));

    private async Task<string> PostAsync(AuthenticatedBotFactory factory, JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _cloud.ChannelToken(factory.AppId, _channel.ServiceUrl));

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = _channel.Received.Where(r => (string?)r.Activity["type"] == "message").ToList();
        Assert.NotEmpty(messages);
        return (string?)messages[0].Activity["text"] ?? "";
    }
}
