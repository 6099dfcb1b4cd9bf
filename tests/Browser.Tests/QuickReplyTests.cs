using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// The agent hears of a customer joining the queue from the page title, then answers with a shared quick reply picked
/// by keyboard after "/" in the reply box, and adds a quick reply of their own; axe-core checks the open list.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class QuickReplyTests(ChromiumFixture chromium, ITestOutputHelper output) : ChromiumTest(chromium, output), IDisposable
{
    private const string Porting = "Moving your number to 8x8 is free, and your old number keeps working until then.";
    private const string Trial = "Your plan comes with a trial; I can walk you through it.";

    // Shared quick replies unlike the shipped ones: what the list shows comes from the settings.
    private readonly WebChatHost _host = new(new Dictionary<string, string>
    {
        ["SalesBot:AgentConsole:QuickReplies:0:Title"] = "Porting",
        ["SalesBot:AgentConsole:QuickReplies:0:Text"] = Porting,
        ["SalesBot:AgentConsole:QuickReplies:1:Title"] = "Trial",
        ["SalesBot:AgentConsole:QuickReplies:1:Text"] = Trial,
        ["SalesBot:AgentConsole:QuickReplies:2:Title"] = "Wrap-up",
        ["SalesBot:AgentConsole:QuickReplies:2:Text"] = "Anything else today?",
        ["SalesBot:AgentConsole:QuickReplies:3:Title"] = "Goodbye",
        ["SalesBot:AgentConsole:QuickReplies:3:Text"] = "Bye for now.",
    });

    public void Dispose() => _host.Dispose();

    [BrowserFact]
    public async Task An_agent_told_of_a_waiting_customer_answers_with_a_quick_reply_chosen_by_keyboard_and_adds_their_own()
    {
        var agent = await NewPageAsync(_host.BaseAddress);
        var customer = await NewPageAsync(_host.BaseAddress);

        await WithScreenshotsAsync("quick-replies", async () =>
        {
            await SignInAgentAsync(agent);
            await Expect(agent.Locator("#live")).ToHaveTextAsync("Live");
            await Assertions.Expect(agent).ToHaveTitleAsync("8x8 Sales agent console");

            // A customer asks for a person: the agent's title counts them.
            var chat = await StartChatAsync(customer, "kim.manycards");
            await SayAsync(customer, "talk to a person");
            await Expect(chat).ToContainTextAsync("asked a sales agent to join this chat");
            await Assertions.Expect(agent).ToHaveTitleAsync("(1) 8x8 Sales agent console");

            await agent.Locator("#queue button").Filter(new() { HasText = "Kim" }).ClickAsync();
            await agent.GetByRole(AriaRole.Button, new() { Name = "Accept conversation" }).ClickAsync();
            await Expect(chat).ToContainTextAsync("Dana Reyes from 8x8 Sales joined the chat.");
            await Assertions.Expect(agent).ToHaveTitleAsync("8x8 Sales agent console");

            // "/" at the start of the reply box opens the list; the arrow key moves to the second, Enter inserts it.
            await Expect(agent.Locator("#reply")).ToBeFocusedAsync();
            await agent.Keyboard.TypeAsync("/");
            var filter = agent.GetByRole(AriaRole.Combobox, new() { Name = "Find a quick reply" });
            await Expect(filter).ToBeFocusedAsync();
            await Expect(filter).ToHaveAttributeAsync("aria-expanded", "true");
            var list = agent.GetByRole(AriaRole.Listbox, new() { Name = "Quick replies" });
            await Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(4);
            await AssertAccessibleAsync(agent, "the quick-reply list open");
            await agent.Keyboard.TypeAsync("t");
            // "t" matches Porting (title and text), Trial and Wrap-up ("today"), not Goodbye.
            await Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(3);
            await agent.Keyboard.PressAsync("ArrowDown");
            await Expect(list.GetByRole(AriaRole.Option, new() { Selected = true })).ToContainTextAsync("Trial");
            await agent.Keyboard.PressAsync("Enter");
            await Expect(list).ToBeHiddenAsync();
            await Expect(agent.Locator("#reply")).ToBeFocusedAsync();
            await Expect(agent.Locator("#reply")).ToHaveValueAsync(Trial);
            await agent.Keyboard.PressAsync("Enter");
            await Expect(chat.Locator(".agent-message").Last).ToContainTextAsync(Trial);
            // The console has shown the sent reply and given the emptied box its focus back.
            await Expect(agent.Locator("#transcript")).ToContainTextAsync(Trial);
            await Expect(agent.Locator("#reply")).ToHaveValueAsync("");
            await Expect(agent.Locator("#reply")).ToBeFocusedAsync();

            // Escape closes the list without inserting anything.
            await agent.Keyboard.TypeAsync("/");
            await Expect(list).ToBeVisibleAsync();
            await agent.Keyboard.PressAsync("Escape");
            await Expect(list).ToBeHiddenAsync();
            await Expect(agent.Locator("#reply")).ToHaveValueAsync("");

            // The agent's own quick reply, added with the small form, joins the list.
            await agent.GetByRole(AriaRole.Button, new() { Name = "Quick replies" }).ClickAsync();
            await agent.GetByText("Your own quick replies").ClickAsync();
            await agent.GetByLabel("Title", new() { Exact = true }).FillAsync("Demo");
            await agent.GetByLabel("Text", new() { Exact = true }).FillAsync("I can book you a live demo this week.");
            await agent.GetByRole(AriaRole.Button, new() { Name = "Add quick reply" }).ClickAsync();
            await Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(5);
            await Expect(list.GetByRole(AriaRole.Option).Last).ToContainTextAsync("Demo · yours");
            await AssertAccessibleAsync(agent, "the quick-reply list with the agent's own reply");
            await filter.FillAsync("demo");
            await agent.Keyboard.PressAsync("Enter");
            await Expect(agent.Locator("#reply")).ToHaveValueAsync("I can book you a live demo this week.");

            // The queue sound is off until the agent turns it on; the choice, too, stays with this browser.
            var sound = agent.GetByLabel("Sound when a customer joins the queue");
            await Expect(sound).Not.ToBeCheckedAsync();
            await sound.CheckAsync();

            // It stays with this browser: after a reload the list still has it.
            await agent.ReloadAsync();
            await Expect(sound).ToBeCheckedAsync();
            await agent.Locator("#queue button, #active button").Filter(new() { HasText = "Kim" }).ClickAsync();
            await agent.GetByRole(AriaRole.Button, new() { Name = "Quick replies" }).ClickAsync();
            await Expect(list.GetByRole(AriaRole.Option).Filter(new() { HasText = "Demo" })).ToHaveCountAsync(1);
        }, agent, customer);
    }
}
