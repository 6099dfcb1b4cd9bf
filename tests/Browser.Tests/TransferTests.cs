using Microsoft.Playwright;
using My8x8.SalesBot.Handoff;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// Three browsers: a customer in Web Chat, Dana and Sam in the agent console. Dana accepts the customer and, by keyboard,
/// transfers them to Sam with a note; the customer reads who has them now (never the note), Sam reads the note at the top
/// of the summary and replies, and the customer sees Sam as the sender. axe-core checks the console with the transfer open.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class TransferTests(ChromiumFixture chromium, ITestOutputHelper output) : ChromiumTest(chromium, output), IDisposable
{
    private const string SamPassword = "sam-lee-demo-password";
    private const string Note = "Wants 20 lines with phones; I promised a quote by Friday.";

    private static readonly Lazy<string> SamHash = new(() => AgentPasswordHasher.Hash(SamPassword));

    // A second agent beside the shipped demo agent.
    private readonly WebChatHost _host = new(new Dictionary<string, string>
    {
        ["SalesBot:Handoff:Agents:1:Id"] = "sam.agent",
        ["SalesBot:Handoff:Agents:1:DisplayName"] = "Sam Lee",
        ["SalesBot:Handoff:Agents:1:PasswordHash"] = SamHash.Value,
    });

    public void Dispose() => _host.Dispose();

    [BrowserFact]
    public async Task Dana_transfers_the_customer_to_Sam_with_a_note_and_the_customer_then_talks_with_Sam()
    {
        var customer = await NewPageAsync(_host.BaseAddress);
        var dana = await NewPageAsync(_host.BaseAddress);
        var sam = await NewPageAsync(_host.BaseAddress);

        await WithScreenshotsAsync("transfer", async () =>
        {
            var chat = await StartChatAsync(customer, "kim.manycards");
            await SayAsync(customer, "talk to a person");
            await Expect(chat).ToContainTextAsync("asked a sales agent to join this chat");

            // Sam has the console open: he is online.
            await sam.GotoAsync("/agent");
            await sam.Locator("#agentId").FillAsync("sam.agent");
            await sam.Locator("#password").FillAsync(SamPassword);
            await sam.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(sam.Locator("#live")).ToHaveTextAsync("Live");

            await SignInAgentAsync(dana);
            await Expect(dana.Locator("#live")).ToHaveTextAsync("Live");
            await dana.Locator("#queue button").Filter(new() { HasText = "Kim" }).ClickAsync();
            await dana.GetByRole(AriaRole.Button, new() { Name = "Accept conversation" }).ClickAsync();
            await Expect(chat.Locator(".agent-note-joined")).ToHaveTextAsync("Dana Reyes from 8x8 Sales joined the chat.");

            // By keyboard: open the transfer, pick Sam, write the note, send. Dana's console has drawn the accepted
            // conversation (and moved her to the reply box) before the transfer can be reached: focusing the toggle
            // while it was still hidden did nothing, and Enter went elsewhere.
            await Expect(dana.Locator("#reply")).ToBeFocusedAsync();
            var toggle = dana.GetByRole(AriaRole.Button, new() { Name = "Transfer…" });
            await Expect(toggle).ToBeVisibleAsync();
            await toggle.FocusAsync();
            await dana.Keyboard.PressAsync("Enter");
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            var picker = dana.GetByLabel("Agent (online now)");
            await Expect(picker).ToBeFocusedAsync();
            await Expect(picker.Locator("option")).ToHaveTextAsync(["Sam Lee (0 conversations)"]);
            await AssertAccessibleAsync(dana, "the agent console with the transfer open");
            await picker.SelectOptionAsync("sam.agent");
            await dana.Keyboard.PressAsync("Tab");
            await Expect(dana.GetByLabel("Note for the next agent (optional, not shown to the customer)")).ToBeFocusedAsync();
            await dana.Keyboard.TypeAsync(Note);
            await dana.Keyboard.PressAsync("Tab");
            await Expect(dana.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true })).ToBeFocusedAsync();
            await dana.Keyboard.PressAsync("Enter");

            // The customer is told who has them now; the note is not for them.
            await Expect(chat.Locator(".agent-note-transferred")).ToHaveTextAsync("Dana Reyes transferred you to Sam Lee from 8x8 Sales.");
            await Expect(chat).Not.ToContainTextAsync("20 lines with phones");
            // Dana's view is read-only now.
            await Expect(dana.Locator("#transfer-status")).ToContainTextAsync("Sam Lee");
            await Expect(dana.Locator("#reply-form")).ToBeHiddenAsync();
            await Expect(dana.Locator("#end-form")).ToBeHiddenAsync();
            await Expect(dana.Locator("#error")).ToHaveTextAsync("");

            // Sam's console lists it as his; the summary leads with Dana's note.
            var his = sam.Locator("#active button").Filter(new() { HasText = "Kim" });
            await Expect(his).ToContainTextAsync("With Sam Lee");
            await his.ClickAsync();
            await Expect(sam.Locator("#summary-transfer")).ToHaveTextAsync($"Transferred from Dana Reyes: {Note}");
            await Expect(sam.Locator("#transcript")).ToContainTextAsync("Dana Reyes transferred you to Sam Lee from 8x8 Sales.");
            await sam.Locator("#reply").FillAsync("Hi Kim, Sam here. Your quote is on its way.");
            await sam.Locator("#reply-form").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

            var fromSam = chat.Locator(".agent-message").Last;
            await Expect(fromSam).ToContainTextAsync("Hi Kim, Sam here. Your quote is on its way.");
            await Expect(fromSam.Locator(".agent-name")).ToHaveTextAsync("Sam Lee");
            await Expect(fromSam.Locator(".agent-initials")).ToHaveTextAsync("SL");
            await AssertAccessibleAsync(customer, "the customer's chat after the transfer");

            // The supervisor (Dana holds the role) sees the conversation under Sam.
            var holders = await dana.EvaluateAsync<string>(
                "() => fetch('/agent/api/supervisor/overview').then(r => r.json()).then(o => o.agents.map(a => `${a.agent.name}: ${a.conversations.length}`).join(', '))");
            Assert.Equal("Sam Lee: 1", holders);
        }, customer, dana, sam);
    }
}
