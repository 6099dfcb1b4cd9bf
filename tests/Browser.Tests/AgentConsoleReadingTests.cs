using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Ordering;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// The console read as an agent reads it, in Chromium: two customers hand off (Jack above the line limit, Ivy after
/// the bot missed a message; users no other browser test shops as); the page shows words, never the code's names, badges that count what is listed,
/// a handoff summary of facts, and waits that tick on the page's own clock.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class AgentConsoleReadingTests(ChromiumFixture chromium, WebChatHost host, ITestOutputHelper output) : ChromiumTest(chromium, output)
{
    /// <summary>
    /// The names of the codes behind the console. Single plain words that are also the product's own words
    /// ("Editions", "Invoice", "Console") are left out; "Queued" and "Ach" are not how a person writes.
    /// </summary>
    private static readonly string[] CodeNames =
    [
        .. new[] { typeof(HandoffReason), typeof(HandoffStatus), typeof(HandoffMode), typeof(UserProfile), typeof(ProductFamily), typeof(PaymentMethod), typeof(EligibilityReason), typeof(CartProblemCode) }
            .SelectMany(Enum.GetNames)
            .Where(name => name.Skip(1).Any(char.IsUpper) || name is "Queued" or "Ach"),
    ];

    [BrowserFact]
    public async Task The_console_shows_words_counts_that_match_the_lists_a_factual_summary_and_waits_that_tick()
    {
        var ben = await NewPageAsync(host.BaseAddress);
        var kim = await NewPageAsync(host.BaseAddress);
        var ordering = host.Services.GetRequiredService<IOrderingService>();
        var jack = (await ordering.GetUserAsync(DemoUsers.Jack, default))!;
        var ivy = (await ordering.GetUserAsync(DemoUsers.Ivy, default))!;
        var jackCards = await ordering.GetCardsAsync(DemoUsers.Jack, default);
        Assert.NotEmpty(jackCards);
        var agent = await NewPageAsync(host.BaseAddress);
        await WithScreenshotsAsync("agent-console-reading", async () =>
        {
            // Jack goes above the self-service line limit and asks for sales; Ivy is misunderstood once, then asks for a person.
            var benChat = await StartChatAsync(ben, DemoUsers.Jack);
            await SayAsync(ben, "add 12 X4 lines");
            await Expect(benChat).ToContainTextAsync("12");
            await SayAsync(ben, "agent");
            await Expect(benChat).ToContainTextAsync("asked a sales agent to join this chat");
            var kimChat = await StartChatAsync(kim, DemoUsers.Ivy);
            await SayAsync(kim, "hi");
            await Expect(kimChat).ToContainTextAsync("Hi Ivy!");
            await SayAsync(kim, "purple giraffes");
            await Expect(kimChat).ToContainTextAsync("catch that");
            await SayAsync(kim, "talk to a person");
            await Expect(kimChat).ToContainTextAsync("asked a sales agent to join this chat");

            // The agent's page runs on a clock the test moves: no waiting for real seconds to pass.
            await agent.Clock.InstallAsync();
            await SignInAsync(agent);
            var waiting = agent.Locator("#queue li button");
            await Expect(waiting).ToHaveCountAsync(2);
            await Expect(agent.Locator("#queue-count")).ToHaveTextAsync("2");
            await AssertNoCodeNamesAsync(agent, "the queue");

            // Jack's summary: why, the account in words, cards by brand and last four, the cart's problem, the step.
            await waiting.Filter(new() { HasText = "Jack" }).ClickAsync();
            var summary = agent.Locator("#summary");
            await Expect(summary).ToContainTextAsync("Cart over the self-service limits");
            await Expect(summary).ToContainTextAsync("This order has 12 new lines; self-service orders can have at most 10.");
            await Expect(summary).ToContainTextAsync("Choosing lines and phones");
            var account = agent.Locator("#customer");
            await Expect(account).ToContainTextAsync(AgentConsoleTexts.Profile(jack.Profile));
            await Expect(account).ToContainTextAsync(AgentConsoleTexts.ProductFamily(jack.Account.ProductFamily));
            await Expect(account).ToContainTextAsync(AgentConsoleTexts.PaymentMethod(jack.Account.DefaultPaymentMethod));
            await Expect(account).ToContainTextAsync($"Lines with a phone{jack.Account.LinesWithDevice}");
            await Expect(account).ToContainTextAsync($"Lines without a phone{jack.Account.LinesWithoutDevice}");
            foreach (var card in jackCards)
            {
                await Expect(account).ToContainTextAsync($"{card.Brand} ending {card.Last4}, {(card.IsValid ? "expires" : "expired")}");
            }

            await Expect(agent.Locator("#eligibility")).ToContainTextAsync("Eligible for self-service");
            await Expect(agent.Locator("#cart")).ToContainTextAsync("This order has 12 new lines; self-service orders can have at most 10.");
            await Expect(agent.Locator("#detail-heading")).ToContainTextAsync("Waiting for an agent");
            await AssertNoCodeNamesAsync(agent, "Jack's conversation");

            // Ivy's: she asked for a person, and the agent sees the message the bot did not understand.
            await waiting.Filter(new() { HasText = "Ivy" }).ClickAsync();
            await Expect(summary).ToContainTextAsync("Asked for a person");
            await Expect(summary).ToContainTextAsync("“purple giraffes”");
            await Expect(account).ToContainTextAsync(AgentConsoleTexts.Profile(ivy.Profile));
            await Expect(account).ToContainTextAsync(AgentConsoleTexts.PaymentMethod(ivy.Account.DefaultPaymentMethod));
            await Expect(account).ToContainTextAsync("Cards on fileNone");
            Assert.False(LongDigitRun().IsMatch(await agent.Locator("body").InnerTextAsync()), "The console shows a run of digits as long as a card number.");

            // Waits tick: a minute and five seconds on the page's clock, in the list and in the summary.
            var wait = summary.Locator("[data-wait-for]");
            var before = Seconds(await wait.InnerTextAsync());
            await agent.Clock.FastForwardAsync("01:05");
            await Expect(wait).ToHaveTextAsync(new Regex(@"^waiting \d+ min \d\d s$"));
            var after = Seconds(await wait.InnerTextAsync());
            Assert.InRange(after - before, 65, 70);
            Assert.InRange(Seconds(await waiting.Filter(new() { HasText = "Ivy" }).Locator("[data-wait-for]").InnerTextAsync()) - before, 65, 70);

            // Accepted: Ivy moves to "In conversation", "With Dana Reyes"; each badge still counts what is listed under it.
            await agent.GetByRole(AriaRole.Button, new() { Name = "Accept conversation" }).ClickAsync();
            await Expect(agent.Locator("#detail-heading")).ToContainTextAsync("With Dana Reyes");
            await Expect(agent.Locator("#active li button")).ToHaveCountAsync(1);
            await Expect(waiting).ToHaveCountAsync(1);
            await Expect(agent.Locator("#queue-count")).ToHaveTextAsync("1");
            await Expect(agent.Locator("#active-count")).ToHaveTextAsync("1");
            await Expect(agent.Locator("#active")).ToContainTextAsync("With Dana Reyes");
            await AssertNoCodeNamesAsync(agent, "a conversation with an agent");
            await AssertAccessibleAsync(agent, "the console with a handoff summary");

            // Both leave the queue so the suite's other console tests start from an empty one.
            await agent.Locator("#end-form").GetByRole(AriaRole.Button, new() { Name = "End handoff" }).ClickAsync();
            await Expect(agent.Locator("#active li button")).ToHaveCountAsync(0);
            await SayAsync(ben, "cancel");
            await Expect(waiting).ToHaveCountAsync(0);
            await Expect(agent.Locator("#queue-count")).ToHaveTextAsync("0");
        }, ben, kim, agent);
    }

    private static async Task SignInAsync(IPage agent)
    {
        await agent.GotoAsync("/agent");
        await agent.Locator("#agentId").FillAsync("dana.agent");
        await agent.Locator("#password").FillAsync("agent-demo-8x8");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(agent.Locator("#live")).ToHaveTextAsync("Live");
    }

    /// <summary>What the agent can read — text, labels, titles — names no code.</summary>
    private async Task AssertNoCodeNamesAsync(IPage page, string where)
    {
        var text = await page.EvaluateAsync<string>(
            "() => document.body.innerText + '\\n' + [...document.querySelectorAll('[aria-label],[title],[alt],[placeholder]')].map(e => [e.getAttribute('aria-label'), e.title, e.getAttribute('alt'), e.getAttribute('placeholder')].join(' ')).join('\\n')");
        var found = CodeNames.Where(name => Regex.IsMatch(text, $@"\b{name}\b")).ToList();
        Output.WriteLine($"Code names on {where}: {(found.Count == 0 ? "none" : string.Join(", ", found))}");
        Assert.True(found.Count == 0, $"The console shows code names on {where}: {string.Join(", ", found)}\n{text}");
    }

    private static int Seconds(string wait)
    {
        var match = WaitText().Match(wait);
        Assert.True(match.Success, $"Not a wait: \"{wait}\"");
        var minutes = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return minutes * 60 + int.Parse(match.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"waiting (?:(?<m>\d+) min )?(?<s>\d+) ?s")]
    private static partial Regex WaitText();

    [GeneratedRegex(@"\d{13,19}")]
    private static partial Regex LongDigitRun();
}
