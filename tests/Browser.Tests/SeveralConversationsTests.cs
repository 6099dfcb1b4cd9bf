using System.Text.RegularExpressions;
using Microsoft.Playwright;
using My8x8.SalesBot.Ordering;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// One agent holds two conversations at once: a customer who writes while the other conversation is open shows an
/// unread count (on the list button, to screen readers, in the title), the half-typed reply stays with its
/// conversation through switches by keyboard and a reload, and the list stays usable on a phone.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class SeveralConversationsTests(ChromiumFixture chromium, ITestOutputHelper output) : ChromiumTest(chromium, output), IDisposable
{
    private const string Title = "8x8 Sales agent console";
    private const string AvaDraft = "Ava, I am checking the shipping options for you";
    private const string BenDraft = "Ben, the invoice covers";

    // A host of its own: the suite's host holds other tests' conversations with the same demo agent, which would be this agent's too.
    private readonly WebChatHost _host = new(new Dictionary<string, string>());

    public void Dispose() => _host.Dispose();

    [BrowserFact]
    public async Task An_agent_with_two_customers_sees_unread_counts_keeps_each_draft_and_switches_by_keyboard()
    {
        var agent = await NewPageAsync(_host.BaseAddress);
        var ava = await NewPageAsync(_host.BaseAddress);
        var ben = await NewPageAsync(_host.BaseAddress);

        await WithScreenshotsAsync("several-conversations", async () =>
        {
            await SignInAgentAsync(agent);
            await Expect(agent.Locator("#live")).ToHaveTextAsync("Live");

            // Two customers ask for a person; the agent accepts both.
            var avaChat = await StartChatAsync(ava, DemoUsers.Ava);
            await SayAsync(ava, "talk to a person");
            await Expect(avaChat).ToContainTextAsync("asked a sales agent to join this chat");
            var benChat = await StartChatAsync(ben, DemoUsers.Ben);
            await SayAsync(ben, "talk to a person");
            await Expect(benChat).ToContainTextAsync("asked a sales agent to join this chat");
            foreach (var (name, chat) in new[] { ("Ava", avaChat), ("Ben", benChat) })
            {
                await agent.Locator("#queue button").Filter(new() { HasText = name }).ClickAsync();
                await agent.GetByRole(AriaRole.Button, new() { Name = "Accept conversation" }).ClickAsync();
                await Expect(chat.Locator(".agent-note-joined")).ToHaveTextAsync("Dana Reyes from 8x8 Sales joined the chat.");
            }

            var avaButton = agent.Locator("#active button").Filter(new() { HasText = "Ava" });
            var benButton = agent.Locator("#active button").Filter(new() { HasText = "Ben" });
            var reply = agent.Locator("#reply");
            var heading = agent.Locator("#detail-heading");
            await Expect(agent.Locator("#active button")).ToHaveCountAsync(2);

            // The agent starts a reply to Ava, then moves to Ben by keyboard: Ben's box is empty and has the focus.
            await avaButton.ClickAsync();
            await Expect(heading).ToContainTextAsync("Ava");
            await reply.FillAsync(AvaDraft);
            await SwitchAsync(agent, "Alt+ArrowDown", "Ben");
            await Expect(reply).ToBeFocusedAsync();
            await Expect(reply).ToHaveValueAsync("");
            await Expect(agent.Locator("#unread-status")).ToContainTextAsync("Ben Okafor, ");

            // Ava writes while Ben's conversation is open: her button counts it, in words and in its accessible name;
            // the title says it beside the queue badge, and the live region announces it.
            await SayAsync(ava, "Do you ship to Hawaii?");
            await Expect(avaButton.Locator(".unread")).ToHaveTextAsync("1 unread");
            await Expect(avaButton).ToHaveAccessibleNameAsync(new Regex("^Ava Martinez 1 unread message "));
            await Expect(benButton.Locator(".unread")).ToHaveCountAsync(0);
            await Assertions.Expect(agent).ToHaveTitleAsync($"1 unread · {Title}");
            await Expect(agent.Locator("#unread-status")).ToHaveTextAsync("Ava Martinez: 1 unread message");
            await Expect(agent.Locator("#transcript")).Not.ToContainTextAsync("Hawaii");
            await AssertAccessibleAsync(agent, "the console with an unread count on the agent's other conversation");

            // A customer joining the queue meanwhile: the queue's "(N) " leads, the unread count follows.
            var kim = await NewPageAsync(_host.BaseAddress);
            var kimChat = await StartChatAsync(kim, DemoUsers.Kim);
            await SayAsync(kim, "talk to a person");
            await Expect(kimChat).ToContainTextAsync("asked a sales agent to join this chat");
            await Assertions.Expect(agent).ToHaveTitleAsync($"(1) 1 unread · {Title}");
            await kim.Context.CloseAsync();

            // Back to Ava by keyboard: her message is there, the count is gone, and so is the title's; the draft waited.
            await SwitchAsync(agent, "Alt+ArrowUp", "Ava");
            await Expect(agent.Locator("#transcript")).ToContainTextAsync("Do you ship to Hawaii?");
            await Expect(avaButton.Locator(".unread")).ToHaveCountAsync(0);
            await Assertions.Expect(agent).ToHaveTitleAsync($"(1) {Title}");
            await Expect(reply).ToBeFocusedAsync();
            await Expect(reply).ToHaveValueAsync(AvaDraft);

            // Sent, the draft is gone: away and back, the box is empty.
            await reply.PressSequentiallyAsync(" — yes, we ship to Hawaii.");
            await reply.PressAsync("Enter");
            await Expect(avaChat.Locator(".agent-message").Last).ToContainTextAsync($"{AvaDraft} — yes, we ship to Hawaii.");
            await Expect(reply).ToHaveValueAsync("");
            await SwitchAsync(agent, "Alt+ArrowDown", "Ben");
            await reply.FillAsync(BenDraft);
            await SwitchAsync(agent, "Alt+ArrowDown", "Ava");
            await Expect(reply).ToHaveValueAsync("");

            // Ava writes again, unseen while the page is hidden (another tab in front): her count rises though her
            // conversation is the one open; it clears when the agent comes back to the tab.
            await SetHiddenAsync(agent, hidden: true);
            await SayAsync(ava, "And to Alaska?");
            await Expect(avaButton.Locator(".unread")).ToHaveTextAsync("1 unread");
            await Assertions.Expect(agent).ToHaveTitleAsync($"(1) 1 unread · {Title}");
            await SetHiddenAsync(agent, hidden: false);
            await Expect(avaButton.Locator(".unread")).ToHaveCountAsync(0);

            // On Ben's again, Ava writes; then the page reloads: Ava's count and Ben's draft are both still there.
            await SwitchAsync(agent, "Alt+ArrowDown", "Ben");
            await Expect(reply).ToHaveValueAsync(BenDraft);
            await SayAsync(ava, "Thanks, one more thing.");
            await Expect(avaButton.Locator(".unread")).ToHaveTextAsync("1 unread");
            await agent.ReloadAsync();
            await Expect(avaButton.Locator(".unread")).ToHaveTextAsync("1 unread");
            await Assertions.Expect(agent).ToHaveTitleAsync($"(1) 1 unread · {Title}");
            await benButton.ClickAsync();
            await Expect(heading).ToContainTextAsync("Ben");
            await Expect(reply).ToHaveValueAsync(BenDraft);

            // On a phone the list stacks above the conversation and stays whole and usable.
            await agent.SetViewportSizeAsync(390, 844);
            foreach (var button in new[] { avaButton, benButton })
            {
                var box = await button.BoundingBoxAsync();
                Assert.NotNull(box);
                Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"A conversation button runs off a 390 px screen: x {box.X}, width {box.Width}.");
            }

            Assert.Equal(390, await agent.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
            await avaButton.ClickAsync();
            await Expect(heading).ToContainTextAsync("Ava");
            await Expect(agent.Locator("#transcript")).ToContainTextAsync("Thanks, one more thing.");
            await Expect(avaButton.Locator(".unread")).ToHaveCountAsync(0);
            await SwitchAsync(agent, "Alt+ArrowDown", "Ben");
            await Expect(benButton.Locator(".unread")).ToHaveCountAsync(0);
            await AssertAccessibleAsync(agent, "the console on a phone with two conversations");
        }, agent, ava, ben);
    }

    /// <summary>Presses the switch key and waits for that customer's conversation to be the open one.</summary>
    private static async Task SwitchAsync(IPage agent, string key, string customer)
    {
        await agent.Keyboard.PressAsync(key);
        await Expect(agent.Locator("#detail-heading")).ToContainTextAsync(customer);
        await Expect(agent.Locator("#active button[aria-current=true]")).ToContainTextAsync(customer);
    }

    /// <summary>What the browser does when another tab comes to the front and back (a headless page is never hidden by itself).</summary>
    private static async Task SetHiddenAsync(IPage page, bool hidden) =>
        await page.EvaluateAsync(
            """
            hidden => {
              Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
              Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
              document.dispatchEvent(new Event('visibilitychange'));
            }
            """, hidden);
}
