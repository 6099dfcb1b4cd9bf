using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Tests.Engine.Flows;

namespace My8x8.SalesBot.Dialogs.Tests.Engine;

public class ComponentDialogTests
{
    [Fact]
    public Task A_nested_component_runs_its_own_stack_and_returns_its_result_to_the_parent()
        => Conversation.Start(new ShopDialog())
            .Send("hi")
            .AssertReply(ShopDialog.Welcome)
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("2")
            .AssertReply(a => Assert.StartsWith(AddLinesDialog.AskPhone, a.AsMessageActivity().Text, StringComparison.Ordinal))
            .Send("the first one")
            .AssertReply(AddLinesDialog.Confirm(2, "Poly VVX 250"))
            .Send("nope")
            .AssertReply(ShopDialog.Report(AddLinesDialog.NothingOrdered))
            .AssertReply("[complete] visits=1")
            .StartTestAsync();

    [Fact]
    public Task Help_is_handled_once_by_the_outer_component_and_the_nested_prompt_is_asked_again()
        => Conversation.Start(new ShopDialog())
            .Send("hi")
            .AssertReply(ShopDialog.Welcome)
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("help")
            .AssertReply(GlobalCommandsDialog.HelpText)
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("3")
            .AssertReply(a => Assert.StartsWith(AddLinesDialog.AskPhone, a.AsMessageActivity().Text, StringComparison.Ordinal))
            .StartTestAsync();

    [Fact]
    public Task An_interruption_does_not_count_as_a_failed_prompt_attempt()
        => Conversation.Start(new AddLinesDialog())
            .Send("hi")
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("lots")
            .AssertReply(AddLinesDialog.RetryLines)
            .Send("lots")
            .AssertReply(AddLinesDialog.RetryLines)
            .Send("help")
            .AssertReply(GlobalCommandsDialog.HelpText)
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("5")
            .AssertReply(a => Assert.StartsWith(AddLinesDialog.AskPhone, a.AsMessageActivity().Text, StringComparison.Ordinal))
            .StartTestAsync();

    [Fact]
    public Task Cancel_inside_a_nested_component_cancels_the_whole_flow()
        => Conversation.Start(new ShopDialog())
            .Send("hi")
            .AssertReply(ShopDialog.Welcome)
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("cancel")
            .AssertReply(GlobalCommandsDialog.CancelledText)
            .AssertReply("[cancelled]")
            .Send("hello again")
            .AssertReply(ShopDialog.Welcome)
            .AssertReply(AddLinesDialog.AskName)
            .StartTestAsync();

    [Fact]
    public Task Asking_for_an_agent_ends_the_flow_with_a_result_the_host_can_act_on()
        => Conversation.Start(new ShopDialog())
            .Send("hi")
            .AssertReply(ShopDialog.Welcome)
            .AssertReply(AddLinesDialog.AskName)
            .Send("agent")
            .AssertReply(GlobalCommandsDialog.AgentText)
            .AssertReply("[complete] " + GlobalCommandsDialog.AgentRequested)
            .StartTestAsync();

    [Fact]
    public async Task Cancelling_a_component_lets_its_nested_dialogs_clean_up()
    {
        var ended = new List<string>();
        var inner = new RecordingComponent("Inner", ended);
        inner.AddDialog(new TextPrompt("Text"));
        var outer = new RecordingComponent("Outer", ended);
        outer.AddDialog(new WaterfallDialog<Counter>("Start",
            [(step, ct) => step.BeginDialogAsync("Inner", new PromptOptions { Prompt = MessageFactory.Text("Name?") }, ct)]));
        outer.AddDialog(inner);
        var root = new CancelOnStopDialog();
        root.AddDialog(outer);

        await Conversation.Start(root)
            .Send("hi")
            .AssertReply("Name?")
            .Send("stop")
            .AssertReply("[cancelled]")
            .StartTestAsync();

        Assert.Equal(["Inner:CancelCalled", "Outer:CancelCalled"], ended);
    }

    [Fact]
    public Task An_empty_component_fails_clearly()
        => Assert.ThrowsAsync<InvalidOperationException>(() => Conversation.Start(new ComponentDialog("Empty")).Send("hi").StartTestAsync());

    private sealed class RecordingComponent(string id, List<string> ended) : ComponentDialog(id)
    {
        protected override Task OnEndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken)
        {
            ended.Add($"{Id}:{reason}");
            return Task.CompletedTask;
        }
    }

    /// <summary>A root whose only interception is "stop": cancel everything.</summary>
    private sealed class CancelOnStopDialog() : ComponentDialog(nameof(CancelOnStopDialog))
    {
        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
            => innerDc.Context.Activity.Text == "stop"
                ? await innerDc.CancelAllDialogsAsync(cancellationToken)
                : await base.OnContinueDialogAsync(innerDc, cancellationToken);
    }
}
