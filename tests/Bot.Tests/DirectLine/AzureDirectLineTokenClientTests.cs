using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.DirectLine;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

/// <summary>Azure cannot be called from here: the request shape is checked against a fake handler.</summary>
public sealed class AzureDirectLineTokenClientTests
{
    [Fact]
    public async Task The_secret_is_exchanged_server_side_for_a_token_bound_to_the_dl_prefixed_portal_user()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, """{"conversationId":"abc-us","token":"azure-token","expires_in":3600}""");
        var client = new AzureDirectLineTokenClient(new HttpClient(handler), Options.Create(new DirectLineOptions
        {
            Secret = "the-secret",
            TrustedOrigins = ["https://my.8x8.com"],
        }));

        var token = await client.GenerateTokenAsync("dl_portal-42", CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://directline.botframework.com/v3/directline/tokens/generate", request.Uri);
        Assert.Equal("Bearer the-secret", request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("dl_portal-42", (string?)body["user"]?["id"]);
        Assert.Equal("https://my.8x8.com", (string?)body["trustedOrigins"]?[0]);
        Assert.Equal(new AzureDirectLineToken("abc-us", "azure-token", 3600), token);
    }

    [Fact]
    public async Task A_refusal_from_azure_is_an_error_not_a_token()
    {
        var handler = new RecordingHandler(HttpStatusCode.Forbidden, "{}");
        var client = new AzureDirectLineTokenClient(new HttpClient(handler), Options.Create(new DirectLineOptions { Secret = "wrong" }));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GenerateTokenAsync("dl_portal-42", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task A_user_id_without_the_dl_prefix_is_never_sent()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, "{}");
        var client = new AzureDirectLineTokenClient(new HttpClient(handler), Options.Create(new DirectLineOptions { Secret = "s" }));

        await Assert.ThrowsAsync<ArgumentException>(() => client.GenerateTokenAsync("portal-42", CancellationToken.None));
        Assert.Empty(handler.Requests);
    }
}

/// <summary>Records each request (with its body read) and answers with a canned response.</summary>
public sealed class RecordingHandler(HttpStatusCode status, string responseBody) : HttpMessageHandler
{
    public sealed record Recorded(HttpMethod Method, string Uri, string? Authorization, string Body);

    public List<Recorded> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add(new(request.Method, request.RequestUri!.ToString(), request.Headers.Authorization?.ToString(), body));
        }

        return new HttpResponseMessage(status) { Content = new StringContent(responseBody, Encoding.UTF8, "application/json") };
    }
}
