using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using My8x8.SalesBot.Bot.Tests.Hosting;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

/// <summary>
/// Direct Line tokens are Data Protection payloads: instances sharing a key ring (SalesBot:DataProtection:KeysPath here,
/// PostgreSQL in <c>TwoHostTests</c>) accept each other's tokens, and an instance with a key ring of its own refuses them.
/// </summary>
public sealed class DirectLineKeyRingTests : IDisposable
{
    private readonly TempDirectory _sharedKeys = new();
    private readonly TempDirectory _otherKeys = new();
    private readonly List<IDisposable> _hosts = [];

    [Fact]
    public async Task A_token_issued_by_one_instance_is_refreshed_by_another_sharing_its_keys()
    {
        var (hostA, hostB) = (Host(_sharedKeys), Host(_sharedKeys));
        var (conversationId, token) = await new DirectLineTestClient(hostA.CreateClient()).GenerateTokenAsync("ava.ordering");

        var refreshed = await RefreshAsync(hostB.CreateClient(), token);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(conversationId, (string?)body["conversationId"]);
        Assert.True((int)body["expires_in"]! > 0);
        Assert.NotEqual(token, (string?)body["token"]);
    }

    [Fact]
    public async Task A_token_from_an_instance_with_another_key_ring_is_refused_with_a_reason()
    {
        var (hostA, hostB) = (Host(_sharedKeys), Host(_otherKeys));
        var (conversationId, token) = await new DirectLineTestClient(hostA.CreateClient()).GenerateTokenAsync("ava.ordering");
        var clientB = new DirectLineTestClient(hostB.CreateClient());

        var refreshed = await RefreshAsync(clientB.Http, token);
        var read = await clientB.GetAsync(conversationId, token);
        using var start = DirectLineTestClient.Request(HttpMethod.Post, "/v3/directline/conversations", token);
        var started = await clientB.Http.SendAsync(start);

        Assert.All([refreshed, read, started], response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        Assert.Contains("BadToken", await refreshed.Content.ReadAsStringAsync());
        // The same token is good where it was issued, so the refusal is the key ring's.
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(hostA.CreateClient(), token)).StatusCode);
    }

    public void Dispose()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            host.Dispose();
        }

        _sharedKeys.Dispose();
        _otherKeys.Dispose();
    }

    internal static async Task<HttpResponseMessage> RefreshAsync(HttpClient client, string token)
    {
        using var request = DirectLineTestClient.Request(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        return await client.SendAsync(request);
    }

    /// <summary>An instance whose Data Protection keys are in <paramref name="keys"/>; disposed with the test.</summary>
    private WebApplicationFactory<Program> Host(TempDirectory keys)
    {
        var factory = new SalesBotFactory();
        var host = factory.WithWebHostBuilder(builder => builder.UseSetting("SalesBot:DataProtection:KeysPath", keys.Path));
        _hosts.Add(factory);
        _hosts.Add(host);
        return host;
    }
}
