using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using My8x8.SalesBot.Handoff;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

public sealed class AgentConsoleAccessTests : IClassFixture<AgentConsoleAccessTests.Host>
{
    /// <summary>One host for the access checks (they change nothing), on a Tuesday morning.</summary>
    public sealed class Host : HandoffBotFactory
    {
        public Host()
            : base(TuesdayTenPacific)
        {
        }
    }

    private readonly Host _host;

    public AgentConsoleAccessTests(Host host) => _host = host;

    private HttpClient Anonymous() => _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task The_console_page_redirects_anonymous_visitors_to_sign_in()
    {
        var response = await Anonymous().GetAsync("/agent");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/agent/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/agent/api/queue")]
    [InlineData("GET", "/agent/api/callbacks")]
    [InlineData("GET", "/agent/api/events")]
    [InlineData("GET", "/agent/api/conversations/H-1")]
    [InlineData("GET", "/agent/api/conversations/H-1/transcript")]
    [InlineData("POST", "/agent/api/conversations/H-1/accept")]
    [InlineData("POST", "/agent/api/conversations/H-1/messages")]
    [InlineData("POST", "/agent/api/conversations/H-1/end")]
    public async Task Agent_apis_answer_401_to_anonymous_callers(string method, string path)
    {
        var response = await Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_customer_with_a_chat_token_is_not_an_agent()
    {
        var client = Anonymous();
        var token = await client.PostAsync("/webchat/token", new StringContent("{\"userId\":\"ava.ordering\"}", System.Text.Encoding.UTF8, "application/json"));
        var body = await token.Content.ReadAsStringAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/agent/api/queue");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("token").GetString());

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        var client = Anonymous();

        var response = await HandoffBotFactory.SubmitSignInAsync(client, HandoffBotFactory.DemoAgentId, "not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/agent/api/queue")).StatusCode);
    }

    [Fact]
    public async Task The_demo_agent_signs_in_and_gets_the_console()
    {
        var agent = await _host.SignInAgentAsync();

        var page = await agent.GetStringAsync("/agent");
        var script = await agent.GetStringAsync("/agent/assets/console.js");

        Assert.Contains("Signed in as <strong>Dana Reyes</strong>", page);
        Assert.Contains("<script src=\"/agent/assets/console.js\"></script>", page);
        Assert.Contains("new EventSource('/agent/api/events')", script);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_even_for_a_signed_in_agent()
    {
        var agent = await _host.SignInAgentAsync();
        agent.DefaultRequestHeaders.Remove("RequestVerificationToken");

        var response = await agent.PostAsync("/agent/api/conversations/H-1/accept", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    // Made by the console's first releases for the demo password; agents configured with such hashes keep signing in.
    private const string HashInTheFirstFormat = "PBKDF2-SHA512$210000$AzuFzwHpZ8xxVmOSSOCxwQ==$GNkYGKFmUcgD0+bejc5wehuEkkI7iR9QQsYTbPobf9A=";

    [Fact]
    public void Agent_passwords_are_stored_as_identity_hashes_that_verify()
    {
        var hash = AgentPasswordHasher.Hash("s3cret-pass");

        Assert.DoesNotContain("s3cret-pass", hash);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<AgentAccountOptions>().VerifyHashedPassword(new(), hash, "s3cret-pass"));
        Assert.Equal(PasswordVerificationResult.Success, AgentPasswordHasher.Verify("s3cret-pass", hash));
        Assert.Equal(PasswordVerificationResult.Failed, AgentPasswordHasher.Verify("s3cret-pas", hash));
        Assert.Equal(PasswordVerificationResult.Failed, AgentPasswordHasher.Verify("s3cret-pass", null));
        Assert.Equal(PasswordVerificationResult.Failed, AgentPasswordHasher.Verify("s3cret-pass", "not a hash"));
    }

    [Fact]
    public void A_hash_in_the_first_format_verifies_and_asks_to_be_replaced()
    {
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, AgentPasswordHasher.Verify(HandoffBotFactory.DemoAgentPassword, HashInTheFirstFormat));
        Assert.Equal(PasswordVerificationResult.Failed, AgentPasswordHasher.Verify("not the password", HashInTheFirstFormat));
    }

    [Fact]
    public async Task An_agent_configured_with_a_hash_in_the_first_format_still_signs_in()
    {
        using var host = _host.WithWebHostBuilder(b => b.UseSetting("SalesBot:Handoff:Agents:0:PasswordHash", HashInTheFirstFormat));
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await HandoffBotFactory.SubmitSignInAsync(client, HandoffBotFactory.DemoAgentId, "not the password")).StatusCode);
        var response = await HandoffBotFactory.SubmitSignInAsync(client, HandoffBotFactory.DemoAgentId, HandoffBotFactory.DemoAgentPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/agent/api/queue")).StatusCode);
    }
}
