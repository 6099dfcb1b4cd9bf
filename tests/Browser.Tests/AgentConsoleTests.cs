using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// A customer asks for a person in Web Chat during sales hours; an agent signed in to the console in another browser
/// accepts, both talk through the bot, and the agent hands the customer back to the bot with the cart intact.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class AgentConsoleTests(ChromiumFixture chromium, WebChatHost host, ITestOutputHelper output) : ChromiumTest(chromium, output)
{
    [BrowserFact]
    public async Task An_agent_in_the_console_accepts_talks_with_the_customer_and_hands_back_to_the_bot()
    {
        var customer = await NewPageAsync(host.BaseAddress);
        var agent = await NewPageAsync(host.BaseAddress);
        try
        {
            // The customer shops a little, then asks for a person.
            await customer.GotoAsync("/");
            await customer.Locator("button.user[data-user-id='kim.manycards']").ClickAsync();
            var chat = customer.Locator("#webchat");
            await Expect(chat).ToContainTextAsync("sales assistant");
            await SayAsync(customer, "add 2 X2 lines");
            await Expect(chat).ToContainTextAsync("Added 2 × X2 line");
            await SayAsync(customer, "talk to a person");
            await Expect(chat).ToContainTextAsync("asked a sales agent to join this chat");

            // The agent signs in (the console refuses anonymous visitors) and takes the conversation.
            await agent.GotoAsync("/agent");
            await agent.Locator("#agentId").WaitForAsync();
            await AssertAccessibleAsync(agent, "the agent sign-in");
            await agent.Locator("#agentId").FillAsync("dana.agent");
            await agent.Locator("#password").FillAsync("agent-demo-8x8");
            await agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            var waiting = agent.Locator("#queue button").Filter(new() { HasText = "Kim" });
            await waiting.ClickAsync();
            await Expect(agent.Locator("#cart")).ToContainTextAsync("X2 line");
            await agent.GetByRole(AriaRole.Button, new() { Name = "Accept conversation" }).ClickAsync();
            await Expect(chat.Locator(".agent-note-joined")).ToHaveTextAsync("Dana Reyes from 8x8 Sales joined the chat.");
            await AssertAccessibleAsync(agent, "the agent console with a conversation open");

            // Typing shows both ways: the agent's in Web Chat's typing indicator, the customer's under the transcript.
            await agent.Locator("#reply").PressSequentiallyAsync("Hi");
            await Expect(chat.Locator(".webchat__typing-indicator")).ToBeVisibleAsync();
            await customer.GetByRole(AriaRole.Textbox, new() { Name = "Message input box" }).PressSequentiallyAsync("Can I");
            await Expect(agent.Locator("#customer-typing")).ToHaveTextAsync("The customer is typing…");

            // They talk through the bot, both ways.
            await agent.Locator("#reply").FillAsync("Hi Kim, happy to help with your order.");
            await agent.Locator("#reply-form").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            // In the customer's chat the words are the agent's: their name and initials, no "Dana Reyes:" written in.
            var fromAgent = chat.Locator(".agent-message").Last;
            await Expect(fromAgent).ToContainTextAsync("Hi Kim, happy to help with your order.");
            await Expect(fromAgent.Locator(".agent-name")).ToHaveTextAsync("Dana Reyes");
            await Expect(fromAgent.Locator(".agent-initials")).ToHaveTextAsync("DR");
            await Expect(chat).Not.ToContainTextAsync("Dana Reyes: Hi Kim");
            // Before the bot's cards come back: the agent's part of the chat (joined note, their message) on its own.
            await AssertAccessibleAsync(customer, "the customer's chat with the agent's note and message");
            await SayAsync(customer, "Can I get a discount on 20 lines?");
            await Expect(agent.Locator("#transcript")).ToContainTextAsync("Can I get a discount on 20 lines?");

            // The agent hands back; the bot resumes with the same cart.
            await agent.Locator("#note").FillAsync("I'll email you a quote for 20 lines.");
            await agent.GetByRole(AriaRole.Button, new() { Name = "End handoff" }).ClickAsync();
            await Expect(chat.Locator(".agent-note-left")).ToHaveTextAsync("Dana Reyes from 8x8 Sales left the chat.");
            await SayAsync(customer, "cart");
            await Expect(chat.Locator(".ac-adaptiveCard").Last).ToContainTextAsync("X2 line");
        }
        catch
        {
            foreach (var (name, page) in new[] { ("customer", customer), ("agent", agent) })
            {
                var screenshot = Path.Combine(AppContext.BaseDirectory, "browser-failures", $"agent-console-{name}.png");
                Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true, Timeout = 5_000 });
                Output.WriteLine($"Screenshot of the {name}'s page: {screenshot}");
            }

            throw;
        }
    }
}
