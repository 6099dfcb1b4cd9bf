using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// The plan advisor in the real Web Chat: the comparison card as a customer sees it (prices and features from the
/// catalog, a quantity box per plan, accessible), its "Which plan do I need?" button, the questions answered by
/// clicking the suggested actions, and the recommendation. The cart is left alone: other tests share the demo users.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class PlanAdvisorTests(ChromiumFixture chromium, WebChatHost host, ITestOutputHelper output) : ChromiumTest(chromium, output)
{
    [BrowserFact]
    public async Task A_customer_compares_plans_on_the_card_then_clicks_through_the_questions_to_a_recommendation()
    {
        var page = await NewPageAsync(host.BaseAddress);
        await WithScreenshotsAsync(nameof(A_customer_compares_plans_on_the_card_then_clicks_through_the_questions_to_a_recommendation), async () =>
        {
            var transcript = await StartChatAsync(page, "jack.expired");
            await SayAsync(page, "what's the difference between X2 and X4?");

            var comparison = Card(page, "Compare X2 line and X4 line");
            await Expect(comparison).ToContainTextAsync("$24.00 per month");
            await Expect(comparison).ToContainTextAsync("$44.00 per month");
            await Expect(comparison).ToContainTextAsync("Unlimited to 48 countries");
            await Expect(comparison.GetByLabel("Quantity of X4 line (0 to 10)")).ToBeVisibleAsync();
            await AssertAccessibleAsync(page, "the plan comparison");

            await ClickAsync(comparison, "Which plan do I need?");
            await Expect(transcript).ToContainTextAsync("other countries");
            await SuggestedAction(page, "Yes").ClickAsync();
            await Expect(transcript).ToContainTextAsync("contact center");
            await SuggestedAction(page, "No").ClickAsync();
            await Expect(transcript).ToContainTextAsync("How many people need a line?");
            await SayAsync(page, "3");

            // Web Chat shows typographic apostrophes ("I’d"), so the assertion reads past them.
            await Expect(transcript).ToContainTextAsync("recommend the X4 line: $44.00 per line per month");
            await Expect(transcript).ToContainTextAsync("International calling: unlimited to 48 countries.");
            await Expect(transcript).ToContainTextAsync("3 × $44.00 = $132.00");
            await Expect(SuggestedAction(page, "Add 3 X4 lines")).ToBeVisibleAsync();
        }, page);
    }

    /// <summary>A quick reply as Web Chat shows it, under the send box (its live region keeps a copy for screen readers).</summary>
    private static ILocator SuggestedAction(IPage page, string name) =>
        page.GetByRole(AriaRole.Toolbar, new() { Name = "Suggested actions" }).GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
