using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Handoff;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>
/// Callbacks worked from the console API: one agent claims a request (a second is told who has it), finishes it with
/// an outcome, or moves it to another time inside sales hours (non-default hours here, so the refusal must name the
/// setting's); the list follows the preferred time. Signed-in agents only, codes checked, nothing forged.
/// </summary>
public sealed class CallbackWorkTests
{
    // Tuesday, March 3, 2026, 10:00 a.m. Pacific; sales works 7:00 a.m.–3:00 p.m. in these tests.
    private static readonly DateTimeOffset Tuesday = HandoffBotFactory.TuesdayTenPacific;

    private static async Task SeedAsync(HandoffBotFactory factory, string id, DateTimeOffset preferredAt)
    {
        var store = factory.Services.GetRequiredService<IHandoffStore>();
        await store.SaveCallbackAsync(new CallbackRequest(
            id, "emulator/" + id, HandoffReason.CustomerAsked, "The customer asked for a callback.",
            new CustomerSnapshot("ava", "Ava Díaz", null, "ACC-1", "Acme Dental"), null, "(408) 555-0100", "+14085550100",
            preferredAt, "as the customer asked", Tuesday.AddHours(-20), []), CancellationToken.None);
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task One_agent_claims_a_callback_a_second_is_told_who_has_it_and_the_first_finishes_it_with_an_outcome()
    {
        using var factory = new ShortHours();
        await SeedAsync(factory, "CB-ONE", Tuesday.AddHours(1));
        var dana = await factory.SignInAgentAsync();
        var lee = await factory.SignInAgentAsync(HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);

        var claimed = await dana.PostAsync("/agent/api/callbacks/CB-ONE/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal("Claimed by Dana Reyes", (string?)(await BodyAsync(claimed))["statusText"]);
        // Claiming again is harmless for the one who has it.
        Assert.Equal(HttpStatusCode.OK, (await dana.PostAsync("/agent/api/callbacks/CB-ONE/claim", null)).StatusCode);

        var second = await lee.PostAsync("/agent/api/callbacks/CB-ONE/claim", null);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await BodyAsync(second);
        Assert.Equal("Dana Reyes is working on this callback.", (string?)problem["detail"]);
        Assert.Equal("dana.agent", (string?)problem["claimedBy"]?["id"]);
        Assert.Equal(HttpStatusCode.Conflict, (await lee.PostAsJsonAsync("/agent/api/callbacks/CB-ONE/done", new { outcome = "Reached" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await lee.PostAsJsonAsync("/agent/api/callbacks/CB-ONE/reschedule", new { at = "2026-03-04T09:30" })).StatusCode);

        var done = await dana.PostAsJsonAsync("/agent/api/callbacks/CB-ONE/done", new { outcome = "NoAnswer" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var item = await BodyAsync(done);
        Assert.Equal(("NoAnswer", "No answer", "Done by Dana Reyes: No answer", true), ((string?)item["outcome"], (string?)item["outcomeText"], (string?)item["statusText"], (bool)item["done"]!));

        var listed = (await lee.GetFromJsonAsync<JsonArray>("/agent/api/callbacks"))!.Single()!;
        Assert.Equal(("dana.agent", "NoAnswer"), ((string?)listed["claimedBy"]?["id"], (string?)listed["outcome"]));
        var again = await dana.PostAsync("/agent/api/callbacks/CB-ONE/claim", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("This callback is already done.", (string?)(await BodyAsync(again))["detail"]);
    }

    [Fact]
    public async Task An_unclaimed_callback_can_be_finished_at_once_by_the_agent_who_called()
    {
        using var factory = new ShortHours();
        await SeedAsync(factory, "CB-QUICK", Tuesday);
        var lee = await factory.SignInAgentAsync(HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);

        var done = await BodyAsync(await lee.PostAsJsonAsync("/agent/api/callbacks/CB-QUICK/done", new { outcome = "wrongnumber" }));

        Assert.Equal(("WrongNumber", "lee.agent", "lee.agent"), ((string?)done["outcome"], (string?)done["claimedBy"]?["id"], (string?)done["doneBy"]));
    }

    [Fact]
    public async Task A_callback_moves_only_to_a_time_inside_the_configured_sales_hours_and_the_list_follows_the_new_time()
    {
        using var factory = new ShortHours();
        await SeedAsync(factory, "CB-MOVE", Tuesday.AddHours(2));
        await SeedAsync(factory, "CB-NEXT", Tuesday.AddDays(1));
        var dana = await factory.SignInAgentAsync();
        Assert.Equal(HttpStatusCode.OK, (await dana.PostAsync("/agent/api/callbacks/CB-MOVE/claim", null)).StatusCode);

        // 3:30 p.m. Pacific on Wednesday: open by the default hours, closed by these.
        var outside = await dana.PostAsJsonAsync("/agent/api/callbacks/CB-MOVE/reschedule", new { at = "2026-03-04T15:30" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Equal(
            "Callbacks are made during sales hours (7:00 a.m.–3:00 p.m. Pacific, Monday–Friday). The nearest time inside them is Thursday, March 5, 2026 at 7:00 a.m. Pacific.",
            (string?)(await BodyAsync(outside))["detail"]);
        var saturday = await dana.PostAsJsonAsync("/agent/api/callbacks/CB-MOVE/reschedule", new { at = "2026-03-07T10:00:00-08:00" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, saturday.StatusCode);
        var past = await dana.PostAsJsonAsync("/agent/api/callbacks/CB-MOVE/reschedule", new { at = "2026-03-03T08:00" });
        Assert.Equal(("Pick a time that is still to come.", HttpStatusCode.UnprocessableEntity), ((string?)(await BodyAsync(past))["detail"], past.StatusCode));
        foreach (var bad in new object[] { new { at = "soon" }, new { at = "" }, new { } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await dana.PostAsJsonAsync("/agent/api/callbacks/CB-MOVE/reschedule", bad)).StatusCode);
        }

        // Nothing moved on a refusal.
        Assert.Equal(["CB-MOVE", "CB-NEXT"], (await dana.GetFromJsonAsync<JsonArray>("/agent/api/callbacks"))!.Select(c => (string?)c!["id"]));

        var moved = await dana.PostAsJsonAsync("/agent/api/callbacks/CB-MOVE/reschedule", new { at = "2026-03-04T14:30" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var item = await BodyAsync(moved);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 22, 30, 0, TimeSpan.Zero), item["preferredAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Wednesday, March 4, 2026 at 2:30 p.m. Pacific", (string?)item["preferredTime"]);
        // The new time is for whoever works then: open again, for anyone to claim.
        Assert.Equal("Open", (string?)item["statusText"]);
        Assert.Null(item["claimedBy"]);
        Assert.Equal(["CB-NEXT", "CB-MOVE"], (await dana.GetFromJsonAsync<JsonArray>("/agent/api/callbacks"))!.Select(c => (string?)c!["id"]));
    }

    [Fact]
    public async Task Callback_work_is_for_signed_in_agents_with_the_antiforgery_token_and_known_codes_only()
    {
        using var factory = new ShortHours();
        await SeedAsync(factory, "CB-SAFE", Tuesday.AddHours(1));
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var action in new[] { "claim", "done", "reschedule" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/agent/api/callbacks/CB-SAFE/{action}", new { outcome = "Reached", at = "2026-03-04T09:30" })).StatusCode);
        }

        var dana = await factory.SignInAgentAsync();
        foreach (var outcome in new object[] { new { outcome = "1" }, new { outcome = "Exploded" }, new { outcome = "Reached, NoAnswer" }, new { } })
        {
            var refused = await dana.PostAsJsonAsync("/agent/api/callbacks/CB-SAFE/done", outcome);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.StartsWith("Say how the call went", (string?)(await BodyAsync(refused))["detail"], StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await dana.PostAsync("/agent/api/callbacks/CB-FORGED/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dana.PostAsJsonAsync("/agent/api/callbacks/CB-FORGED/done", new { outcome = "Reached" })).StatusCode);
        dana.DefaultRequestHeaders.Remove("RequestVerificationToken");
        Assert.Equal(HttpStatusCode.BadRequest, (await dana.PostAsync("/agent/api/callbacks/CB-SAFE/claim", null)).StatusCode);

        var untouched = (await factory.Services.GetRequiredService<IHandoffStore>().GetCallbackAsync("CB-SAFE", CancellationToken.None))!;
        Assert.Equal((false, null, null), (untouched.Done, untouched.ClaimedBy, untouched.Outcome));
    }

    /// <summary>Sales hours that are not the defaults: 7:00 a.m.–3:00 p.m. Pacific.</summary>
    private sealed class ShortHours() : HandoffBotFactory(Tuesday)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SalesBot:SalesHours:Opens", "07:00");
            builder.UseSetting("SalesBot:SalesHours:Closes", "15:00");
        }
    }
}
