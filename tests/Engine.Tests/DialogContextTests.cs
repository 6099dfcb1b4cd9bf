using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;

namespace My8x8.SalesBot.Dialogs.Tests.Engine;

public class DialogContextTests
{
    [Fact]
    public Task Replace_restarts_a_dialog_in_place_without_resuming_its_parent()
    {
        // "Add another phone?" loops by replacing itself; the parent resumes only when the loop ends.
        var loop = new WaterfallDialog<Counter>("Loop",
        [
            (step, ct) => step.PromptAsync("Confirm", new PromptOptions { Prompt = MessageFactory.Text($"Add phone {step.GetOptions<Counter>()?.Count + 1 ?? 1}?") }, ct),
            (step, ct) =>
            {
                var added = step.GetOptions<Counter>()?.Count ?? 0;
                return step.Result is true
                    ? step.ReplaceDialogAsync("Loop", new Counter { Count = added + 1 }, ct)
                    : step.EndDialogAsync(added, ct);
            },
        ]);
        var parent = new WaterfallDialog<Counter>("Parent",
        [
            (step, ct) => step.BeginDialogAsync("Loop", cancellationToken: ct),
            (step, ct) => step.EndDialogAsync($"{step.Result} phones, stack depth {step.DialogContext.Stack.Count}", ct),
        ]);

        return Conversation.Start(Conversation.Root(parent, loop, new ConfirmPrompt("Confirm")))
            .Send("hi")
            .AssertReply("Add phone 1?")
            .Send("yes")
            .AssertReply("Add phone 2?")
            .Send("yes")
            .AssertReply("Add phone 3?")
            .Send("no")
            .AssertReply("[complete] 2 phones, stack depth 1")
            .StartTestAsync();
    }

    [Fact]
    public Task Cancel_all_ends_every_dialog_and_the_next_message_starts_over()
    {
        var waterfall = new WaterfallDialog<Counter>("Steps",
        [
            (step, ct) => step.PromptAsync("Text", new PromptOptions { Prompt = MessageFactory.Text("Name?") }, ct),
            (step, ct) => step.Result is "stop" ? step.CancelAllDialogsAsync(ct) : step.EndDialogAsync(step.Result, ct),
        ]);

        return Conversation.Start(Conversation.Root(waterfall, new TextPrompt("Text")))
            .Send("hi")
            .AssertReply("Name?")
            .Send("stop")
            .AssertReply("[cancelled]")
            .Send("hi")
            .AssertReply("Name?")
            .Send("Ana")
            .AssertReply("[complete] Ana")
            .StartTestAsync();
    }

    [Fact]
    public async Task Continue_on_an_empty_stack_reports_empty_and_cancel_all_on_it_too()
    {
        var storage = new JsonStringStorage();
        var conversationState = new ConversationState(storage);
        var dialogs = new DialogSet(conversationState.Property<DialogState>(nameof(DialogState)));
        var statuses = new List<DialogTurnStatus>();
        var adapter = new TestAdapter(TestAdapter.CreateConversation(Conversation.Id));

        await new TestFlow(adapter, async (turnContext, ct) =>
        {
            var dc = await dialogs.CreateContextAsync(turnContext, ct);
            statuses.Add((await dc.ContinueDialogAsync(ct)).Status);
            statuses.Add((await dc.CancelAllDialogsAsync(ct)).Status);
            Assert.Null(dc.ActiveDialog);
        }).Send("hi").StartTestAsync();

        Assert.Equal([DialogTurnStatus.Empty, DialogTurnStatus.Empty], statuses);
    }

    [Fact]
    public Task Beginning_a_dialog_that_is_not_in_the_set_fails_clearly()
    {
        var waterfall = new WaterfallDialog<Counter>("Steps", [(step, ct) => step.BeginDialogAsync("Missing", cancellationToken: ct)]);

        return Assert.ThrowsAsync<ArgumentException>(() => Conversation.Start(Conversation.Root(waterfall)).Send("hi").StartTestAsync());
    }

    [Fact]
    public void A_dialog_set_refuses_two_dialogs_with_the_same_id()
    {
        var dialogs = new DialogSet(new ConversationState(new MemoryStorage()).Property<DialogState>(nameof(DialogState)));
        dialogs.Add(new TextPrompt("Text"));

        Assert.Throws<ArgumentException>(() => dialogs.Add(new TextPrompt("Text")));
        Assert.IsType<TextPrompt>(dialogs.Find("Text"));
        Assert.Null(dialogs.Find("Other"));
    }

    [Fact]
    public Task A_dialog_begun_over_a_prompt_makes_the_prompt_ask_again_when_it_ends()
    {
        // Something pushed above a waiting prompt (a help dialog, say) ends; the prompt repeats its question.
        var help = new WaterfallDialog<Counter>("Help",
        [
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Here is some help.", cancellationToken: ct);
                return await step.EndDialogAsync(cancellationToken: ct);
            },
        ]);
        var waterfall = new WaterfallDialog<Counter>("Steps",
        [
            (step, ct) => step.PromptAsync("Text", new PromptOptions { Prompt = MessageFactory.Text("Name?") }, ct),
            (step, ct) => step.EndDialogAsync(step.Result, ct),
        ]);
        var root = new HelpOverPromptDialog();
        root.AddDialog(waterfall);
        root.AddDialog(new TextPrompt("Text"));
        root.AddDialog(help);

        return Conversation.Start(root)
            .Send("hi")
            .AssertReply("Name?")
            .Send("?")
            .AssertReply("Here is some help.")
            .AssertReply("Name?")
            .Send("Ana")
            .AssertReply("[complete] Ana")
            .StartTestAsync();
    }

    private sealed class HelpOverPromptDialog() : ComponentDialog(nameof(HelpOverPromptDialog))
    {
        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
            => innerDc.Context.Activity.Text == "?"
                ? await innerDc.BeginDialogAsync("Help", cancellationToken: cancellationToken)
                : await base.OnContinueDialogAsync(innerDc, cancellationToken);
    }
}
