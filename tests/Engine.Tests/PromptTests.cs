using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Tests.Engine.Flows;

namespace My8x8.SalesBot.Dialogs.Tests.Engine;

public class PromptTests
{
    private const string Ask = "Your answer?";
    private const string Retry = "Please try again.";

    [Fact]
    public Task Unrecognized_input_gets_the_retry_prompt()
        => Ask_once(new NumberPrompt<int>("Number"), new PromptOptions { Prompt = Text(Ask), RetryPrompt = Text(Retry) })
            .Send("hi")
            .AssertReply(Ask)
            .Send("lots")
            .AssertReply(Retry)
            .Send("two")
            .AssertReply("[complete] 2")
            .StartTestAsync();

    [Fact]
    public Task Without_a_retry_prompt_the_prompt_is_asked_again()
        => Ask_once(new TextPrompt("Text"), new PromptOptions { Prompt = Text(Ask) })
            .Send("hi")
            .AssertReply(Ask)
            .Send("   ")
            .AssertReply(Ask)
            .Send("  Ana ")
            .AssertReply("[complete] Ana")
            .StartTestAsync();

    [Fact]
    public Task A_validator_can_replace_the_retry_prompt_with_a_specific_message()
        => Conversation.Start(new AddLinesDialog())
            .Send("hi")
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("12 lines")
            .AssertReply("I can add 1 to 10 lines — how many?")
            .Send("no idea")
            .AssertReply(AddLinesDialog.RetryLines)
            .Send("ten")
            .AssertReply(a => Assert.StartsWith(AddLinesDialog.AskPhone, a.AsMessageActivity().Text, StringComparison.Ordinal))
            .StartTestAsync();

    [Fact]
    public Task A_validator_that_replies_itself_suppresses_the_retry_prompt()
    {
        var prompt = new TextPrompt("Email", async (context, ct) =>
        {
            if (context.Recognized.Value?.Contains('@', StringComparison.Ordinal) == true)
            {
                return true;
            }

            await context.Context.SendActivityAsync($"Attempt {context.AttemptCount}: that doesn't look like an email address.", cancellationToken: ct);
            return false;
        });

        return Ask_once(prompt, new PromptOptions { Prompt = Text(Ask), RetryPrompt = Text(Retry) })
            .Send("hi")
            .AssertReply(Ask)
            .Send("ana")
            .AssertReply("Attempt 1: that doesn't look like an email address.")
            .Send("ana at example")
            .AssertReply("Attempt 2: that doesn't look like an email address.")
            .Send("ana@example.com")
            .AssertReply("[complete] ana@example.com")
            .StartTestAsync();
    }

    [Fact]
    public Task A_validator_sees_unrecognized_input_and_can_explain_what_it_expects()
    {
        var prompt = new NumberPrompt<int>("Number", (context, ct) =>
        {
            if (!context.Recognized.Succeeded)
            {
                context.RetryPrompt = Text("I need a number, like 3.");
            }

            return Task.FromResult(context.Recognized.Succeeded);
        });

        return Ask_once(prompt, new PromptOptions { Prompt = Text(Ask), RetryPrompt = Text(Retry) })
            .Send("hi")
            .AssertReply(Ask)
            .Send("some")
            .AssertReply("I need a number, like 3.")
            .Send("3")
            .AssertReply("[complete] 3")
            .StartTestAsync();
    }

    [Fact]
    public Task After_the_last_allowed_attempt_the_calling_step_gets_an_exhausted_outcome()
        => Conversation.Start(new AddLinesDialog())
            .Send("hi")
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("many")
            .AssertReply(AddLinesDialog.RetryLines)
            .Send("50")
            .AssertReply("I can add 1 to 10 lines — how many?")
            .Send("loads")
            .AssertReply(AddLinesDialog.OfferAgent)
            .AssertReply("[complete] " + GlobalCommandsDialog.AgentRequested)
            .StartTestAsync();

    [Fact]
    public Task The_exhausted_outcome_names_the_prompt_and_the_refused_attempts()
    {
        var waterfall = new WaterfallDialog<Counter>("Ask",
        [
            (step, ct) => step.PromptAsync("Confirm", new PromptOptions { Prompt = Text(Ask), MaxAttempts = 2 }, ct),
            (step, ct) => step.EndDialogAsync(step.Result is PromptAttemptsExhausted exhausted ? $"{exhausted.PromptId} gave up after {exhausted.Attempts}" : "answered", ct),
        ]);

        return Conversation.Start(Conversation.Root(waterfall, new ConfirmPrompt("Confirm")))
            .Send("hi")
            .AssertReply(Ask)
            .Send("purple")
            .AssertReply(Ask)
            .Send("banana")
            .AssertReply("[complete] Confirm gave up after 2")
            .StartTestAsync();
    }

    [Fact]
    public Task A_prompt_with_no_attempt_limit_keeps_asking()
    {
        var flow = Ask_once(new NumberPrompt<int>("Number"), new PromptOptions { Prompt = Text(Ask), RetryPrompt = Text(Retry), MaxAttempts = 0 })
            .Send("hi")
            .AssertReply(Ask);
        for (var i = 0; i < 5; i++)
        {
            flow = flow.Send("nothing").AssertReply(Retry);
        }

        return flow.Send("1").AssertReply("[complete] 1").StartTestAsync();
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("three", 3)]
    [InlineData("a dozen", 12)]
    [InlineData("3 lines", 3)]
    [InlineData("I need twenty five", 25)]
    [InlineData("1,000", 1000)]
    public Task A_number_prompt_understands_digits_and_words(string input, int expected)
        => Ask_once(new NumberPrompt<int>("Number"), new PromptOptions { Prompt = Text(Ask) })
            .Send("hi")
            .AssertReply(Ask)
            .Send(input)
            .AssertReply($"[complete] {expected}")
            .StartTestAsync();

    [Fact]
    public Task A_whole_number_prompt_does_not_accept_a_fraction()
        => Ask_once(new NumberPrompt<int>("Number"), new PromptOptions { Prompt = Text(Ask), RetryPrompt = Text(Retry) })
            .Send("hi")
            .AssertReply(Ask)
            .Send("2.5")
            .AssertReply(Retry)
            .StartTestAsync();

    [Fact]
    public Task A_decimal_prompt_accepts_a_fraction()
        => Ask_once(new NumberPrompt<decimal>("Amount"), new PromptOptions { Prompt = Text(Ask) })
            .Send("hi")
            .AssertReply(Ask)
            .Send("two and a half")
            .AssertReply("[complete] 2.5")
            .StartTestAsync();

    [Theory]
    [InlineData("Poly VVX 450", "Poly VVX 450")]
    [InlineData("poly vvx 450!", "Poly VVX 450")]
    [InlineData("desk phone", "Yealink T54W")]
    [InlineData("2", "Poly VVX 450")]
    [InlineData("number two", "Poly VVX 450")]
    [InlineData("the second one", "Poly VVX 450")]
    [InlineData("the last one", "Yealink T54W")]
    [InlineData("the yealink please", "Yealink T54W")]
    [InlineData("poly 250", "Poly VVX 250")]
    public Task A_choice_prompt_finds_the_choice_by_title_synonym_number_ordinal_or_unambiguous_words(string input, string expected)
        => Ask_once(new ChoicePrompt("Phone") { Style = ChoiceListStyle.None }, new PromptOptions { Prompt = Text(Ask), Choices = AddLinesDialog.Phones })
            .Send("hi")
            .AssertReply(Ask)
            .Send(input)
            .AssertReply($"[complete] {expected}")
            .StartTestAsync();

    [Theory]
    [InlineData("poly")]
    [InlineData("the fourth one")]
    [InlineData("4")]
    [InlineData("a cordless phone")]
    public Task A_choice_prompt_does_not_guess_ambiguous_or_unknown_answers(string input)
        => Ask_once(new ChoicePrompt("Phone") { Style = ChoiceListStyle.None }, new PromptOptions { Prompt = Text(Ask), RetryPrompt = Text(Retry), Choices = AddLinesDialog.Phones })
            .Send("hi")
            .AssertReply(Ask)
            .Send(input)
            .AssertReply(Retry)
            .StartTestAsync();

    [Fact]
    public Task A_choice_prompt_lists_its_choices_in_the_text_and_as_suggested_actions()
        => Ask_once(new ChoicePrompt("Phone"), new PromptOptions { Prompt = Text("Which phone?"), Choices = AddLinesDialog.Phones })
            .Send("hi")
            .AssertReply(activity =>
            {
                var message = activity.AsMessageActivity();
                Assert.Equal("Which phone? (1) Poly VVX 250, (2) Poly VVX 450, or (3) Yealink T54W", message.Text);
                Assert.Equal(["Poly VVX 250", "Poly VVX 450", "Yealink T54W"], message.SuggestedActions.Actions.Select(a => a.Title));
                Assert.Equal(InputHints.ExpectingInput, message.InputHint);
            })
            .StartTestAsync();

    [Fact]
    public Task A_validator_message_on_a_choice_prompt_still_lists_the_choices()
    {
        var prompt = new ChoicePrompt("Phone", (context, ct) =>
        {
            if (context.Recognized.Value?.Value == "Poly VVX 250")
            {
                context.RetryPrompt = Text("That one is out of stock. Pick another:");
                return Task.FromResult(false);
            }

            return Task.FromResult(context.Recognized.Succeeded);
        });

        return Ask_once(prompt, new PromptOptions { Prompt = Text("Which phone?"), Choices = AddLinesDialog.Phones })
            .Send("hi")
            .AssertReply("Which phone? (1) Poly VVX 250, (2) Poly VVX 450, or (3) Yealink T54W")
            .Send("1")
            .AssertReply("That one is out of stock. Pick another: (1) Poly VVX 250, (2) Poly VVX 450, or (3) Yealink T54W")
            .Send("3")
            .AssertReply("[complete] Yealink T54W")
            .StartTestAsync();
    }

    [Fact]
    public Task A_choice_prompt_can_list_one_choice_per_line()
        => Ask_once(new ChoicePrompt("Phone") { Style = ChoiceListStyle.List, IncludeSuggestedActions = false }, new PromptOptions { Prompt = Text("Which phone?"), Choices = AddLinesDialog.Phones })
            .Send("hi")
            .AssertReply(activity =>
            {
                var message = activity.AsMessageActivity();
                Assert.Equal("Which phone?\n\n1. Poly VVX 250\n\n2. Poly VVX 450\n\n3. Yealink T54W", message.Text);
                Assert.Null(message.SuggestedActions);
            })
            .StartTestAsync();

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yeah!", true)]
    [InlineData("yep", true)]
    [InlineData("sure", true)]
    [InlineData("OK", true)]
    [InlineData("I agree", true)]
    [InlineData("Yes, I agree to the terms", true)]
    [InlineData("no", false)]
    [InlineData("nope", false)]
    [InlineData("not now", false)]
    [InlineData("No thanks", false)]
    [InlineData("I don't agree", false)]
    public Task A_confirm_prompt_understands_yes_and_no_variants(string input, bool expected)
        => Ask_once(new ConfirmPrompt("Confirm"), new PromptOptions { Prompt = Text(Ask) })
            .Send("hi")
            .AssertReply(Ask)
            .Send(input)
            .AssertReply($"[complete] {expected}")
            .StartTestAsync();

    [Theory]
    [InlineData("not sure")]
    [InlineData("yes and no")]
    [InlineData("yes but remove a phone")]
    [InlineData("the price is too high")]
    public Task A_confirm_prompt_asks_again_when_the_answer_is_not_a_plain_yes_or_no(string input)
        => Ask_once(new ConfirmPrompt("Confirm"), new PromptOptions { Prompt = Text(Ask), RetryPrompt = Text(Retry) })
            .Send("hi")
            .AssertReply(Ask)
            .Send(input)
            .AssertReply(Retry)
            .StartTestAsync();

    [Fact]
    public Task A_confirm_prompt_offers_yes_and_no_buttons()
        => Ask_once(new ConfirmPrompt("Confirm"), new PromptOptions { Prompt = Text(Ask) })
            .Send("hi")
            .AssertReply(activity => Assert.Equal(["Yes", "No"], activity.AsMessageActivity().SuggestedActions.Actions.Select(a => a.Title)))
            .StartTestAsync();

    [Fact]
    public Task A_prompt_must_be_begun_with_prompt_options()
    {
        var waterfall = new WaterfallDialog<Counter>("Wrong", [(step, ct) => step.BeginDialogAsync("Text", "not options", ct)]);
        return Assert.ThrowsAsync<ArgumentException>(() => Conversation.Start(Conversation.Root(waterfall, new TextPrompt("Text")))
            .Send("hi")
            .StartTestAsync());
    }

    /// <summary>A conversation whose root asks <paramref name="prompt"/> once and completes with its value.</summary>
    private static TestFlow Ask_once<T>(Prompt<T> prompt, PromptOptions options)
    {
        var waterfall = new WaterfallDialog<Counter>("Ask",
        [
            (step, ct) => step.PromptAsync(prompt.Id, options, ct),
            (step, ct) => step.EndDialogAsync(step.Result is FoundChoice found ? found.Value : step.Result, ct),
        ]);
        return Conversation.Start(Conversation.Root(waterfall, prompt));
    }

    private static Activity Text(string text) => MessageFactory.Text(text);
}
