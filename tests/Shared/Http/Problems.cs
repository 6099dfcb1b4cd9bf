using System.Net;
using System.Text.Json.Nodes;

namespace My8x8.SalesBot.Tests.Http;

/// <summary>What every refusal of the project's HTTP APIs looks like: an RFC 9457 problem with a machine-readable code.</summary>
public static class Problems
{
    /// <summary>
    /// Asserts <paramref name="response"/> is a problem (<c>application/problem+json</c>) with <paramref name="status"/>
    /// in both the status line and the body, and the reason <paramref name="code"/>; returns the problem for further checks.
    /// </summary>
    public static async Task<JsonObject> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(code, problem["code"]?.GetValue<string>());
        Assert.Equal((int)status, problem["status"]?.GetValue<int>());
        return problem;
    }
}
