using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Handoff;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// Two agents in two browsers work one callback request: Dana claims it, Lee is told she has it, Dana tries a time
/// outside sales hours (refused with the hours), moves it inside them, claims it again and finishes it with an
/// outcome chosen by keyboard; axe-core checks each state of the console.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class CallbackWorkTests(ChromiumFixture chromium, ITestOutputHelper output) : ChromiumTest(chromium, output), IDisposable
{
    private readonly WebChatHost _host = new(new Dictionary<string, string>
    {
        ["SalesBot:Handoff:Agents:1:Id"] = "lee.agent",
        ["SalesBot:Handoff:Agents:1:DisplayName"] = "Lee Park",
        ["SalesBot:Handoff:Agents:1:PasswordHash"] = AgentPasswordHasher.Hash("another-agent-password"),
    });

    public void Dispose() => _host.Dispose();

    [BrowserFact]
    public async Task Two_agents_work_a_callback_claimed_by_one_rescheduled_inside_sales_hours_and_done_with_an_outcome()
    {
        var dana = await NewPageAsync(_host.BaseAddress);
        var lee = await NewPageAsync(_host.BaseAddress);
        await _host.Services.GetRequiredService<IHandoffStore>().SaveCallbackAsync(new CallbackRequest(
            "CB-BROWSER", "webchat/cb-browser", HandoffReason.CustomerAsked, "The customer asked for a callback.",
            new CustomerSnapshot("kim.manycards", "Kim Lee", null, "ACC-1", "Acme Dental"), null, "(408) 555-0100", "+14085550100",
            new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.FromHours(-8)), "Tuesday, November 24, 2026 at 11:00 a.m. Pacific",
            new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.FromHours(-8)), []), CancellationToken.None);

        await WithScreenshotsAsync("callback-work", async () =>
        {
            await SignInAgentAsync(dana);
            var danaCallback = dana.Locator("#callbacks button").Filter(new() { HasText = "Kim Lee" });
            await Expect(danaCallback).ToContainTextAsync("Open");
            await danaCallback.ClickAsync();
            // By keyboard: focus the claim button and press Enter.
            await dana.Locator("#callback-claim").FocusAsync();
            await dana.Keyboard.PressAsync("Enter");
            await Expect(danaCallback).ToContainTextAsync("Claimed by Dana Reyes");
            await AssertAccessibleAsync(dana, "a callback claimed in the console");

            await lee.GotoAsync("/agent");
            await lee.Locator("#agentId").FillAsync("lee.agent");
            await lee.Locator("#password").FillAsync("another-agent-password");
            await lee.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await lee.Locator("#callbacks button").Filter(new() { HasText = "Kim Lee" }).ClickAsync();
            await lee.Locator("#callback-claim").ClickAsync();
            await Expect(lee.Locator("#callback-status")).ToHaveTextAsync("Dana Reyes is working on this callback.");
            await AssertAccessibleAsync(lee, "a callback another agent has");

            // After closing time: refused, with the hours and the next time that would do.
            await dana.Locator("#callback-at").FillAsync("2026-11-24T18:00");
            await dana.Locator("#callback-reschedule-form").GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();
            await Expect(dana.Locator("#callback-status")).ToContainTextAsync("Callbacks are made during sales hours (6:00 a.m.–5:00 p.m. Pacific, Monday–Friday)");
            await AssertAccessibleAsync(dana, "a reschedule refused");
            await dana.Locator("#callback-at").FillAsync("2026-11-25T10:00");
            await dana.Locator("#callback-reschedule-form").GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();
            await Expect(dana.Locator("#callback")).ToContainTextAsync("Wednesday, November 25, 2026 at 10:00 a.m. Pacific");
            await Expect(danaCallback).ToContainTextAsync("Open");

            // Claimed again, finished with an outcome picked by keyboard.
            await dana.Locator("#callback-claim").ClickAsync();
            await Expect(danaCallback).ToContainTextAsync("Claimed by Dana Reyes");
            await dana.GetByLabel("No answer").FocusAsync();
            await dana.Keyboard.PressAsync("Space");
            await dana.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).FocusAsync();
            await dana.Keyboard.PressAsync("Enter");
            await Expect(danaCallback).ToContainTextAsync("Done by Dana Reyes: No answer");
            // Lee's console hears of it live.
            await Expect(lee.Locator("#callbacks button").Filter(new() { HasText = "Kim Lee" })).ToContainTextAsync("Done by Dana Reyes: No answer");
            await AssertAccessibleAsync(dana, "a callback done");
        }, dana, lee);
    }
}
