using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>SalesBot:DataProtection:KeysPath: instances sharing a keys folder accept each other's console cookies and tokens.</summary>
public sealed class AgentConsoleKeysTests : IDisposable
{
    private readonly TempDirectory _keys = new();

    [Fact]
    public async Task Two_instances_sharing_a_keys_folder_accept_each_others_sign_in_cookie_and_antiforgery_token()
    {
        using var first = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        using var second = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        using var hostA = WithSharedKeys(first);
        using var hostB = WithSharedKeys(second);
        var cookies = new CookieContainer();
        var onA = hostA.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        var onB = hostB.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

        Assert.Equal(HttpStatusCode.Redirect, (await HandoffBotFactory.SubmitSignInAsync(onA, HandoffBotFactory.DemoAgentId, HandoffBotFactory.DemoAgentPassword)).StatusCode);
        var token = (string)(await onB.GetFromJsonAsync<JsonObject>("/agent/api/antiforgery"))!["token"]!;
        onA.DefaultRequestHeaders.Add("RequestVerificationToken", token);

        Assert.Equal(HandoffBotFactory.DemoAgentId, (string?)(await onB.GetFromJsonAsync<JsonObject>("/agent/api/me"))!["id"]);
        Assert.Equal(HttpStatusCode.NotFound, (await onA.PostAsJsonAsync("/agent/api/callbacks/CB-NONE/done", new { outcome = "Reached" })).StatusCode);
        Assert.NotEmpty(Directory.GetFiles(_keys.Path, "key-*.xml"));
    }

    public void Dispose() => _keys.Dispose();

    private WebApplicationFactory<Program> WithSharedKeys(HandoffBotFactory factory) =>
        factory.WithWebHostBuilder(builder => builder.UseSetting("SalesBot:DataProtection:KeysPath", _keys.Path));
}
