using Microsoft.Bot.Schema;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Tests.Engine.Flows;

namespace My8x8.SalesBot.Dialogs.Tests.Engine;

public class WaterfallDialogTests
{
    [Fact]
    public Task A_waterfall_begins_continues_through_its_steps_and_completes_with_its_result()
        => Conversation.Start(new AddLinesDialog())
            .Send("hi")
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("3")
            .AssertReply(a => Assert.StartsWith(AddLinesDialog.AskPhone, a.AsMessageActivity().Text, StringComparison.Ordinal))
            .Send("yealink")
            .AssertReply(AddLinesDialog.Confirm(3, "Yealink T54W"))
            .Send("yes")
            .AssertReply("[complete] " + AddLinesDialog.Summary("Ana", 3, "Yealink T54W"))
            .StartTestAsync();

    [Fact]
    public async Task Typed_state_is_saved_as_plain_json_between_turns_and_read_back_as_the_state_type()
    {
        var storage = new JsonStringStorage();
        await Conversation.Start(new AddLinesDialog(), storage)
            .Send("hi")
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("four")
            .AssertReply(a => Assert.StartsWith(AddLinesDialog.AskPhone, a.AsMessageActivity().Text, StringComparison.Ordinal))
            .StartTestAsync();

        var json = Assert.Single(storage.Items).Value;
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"Ana\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Lines\":4", json, StringComparison.Ordinal);
        Assert.Contains("[\"AskNameStepAsync\",\"AskLinesStepAsync\",\"AskPhoneStepAsync\"]", json, StringComparison.Ordinal);
    }

    [Fact]
    public Task NextAsync_runs_the_next_step_in_the_same_turn_with_the_given_result()
    {
        var waterfall = new WaterfallDialog<Counter>("Skip",
        [
            (step, ct) => step.NextAsync("skipped ahead", ct),
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"step {step.Index} got '{step.Result}' because {step.Reason}", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
        ]);

        return Conversation.Start(Conversation.Root(waterfall))
            .Send("hi")
            .AssertReply("step 1 got 'skipped ahead' because NextCalled")
            .StartTestAsync();
    }

    [Fact]
    public Task Without_a_prompt_the_next_step_receives_the_users_text()
    {
        var waterfall = new WaterfallDialog<Counter>("Echo",
        [
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Say something.", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            (step, ct) => step.EndDialogAsync($"you said {step.Result}", ct),
        ]);

        return Conversation.Start(Conversation.Root(waterfall))
            .Send("hi")
            .AssertReply("Say something.")
            .Send("hello there")
            .AssertReply("[complete] you said hello there")
            .StartTestAsync();
    }

    [Fact]
    public Task Options_of_the_state_type_seed_the_state_and_stay_readable_after_a_reload()
    {
        var child = new WaterfallDialog<Counter>("Child",
        [
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"starting at {step.State.Count}", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            (step, ct) =>
            {
                // The caller's object was copied: changing the state never changes the options.
                step.State.Count++;
                return step.EndDialogAsync($"{step.State.Count} (options still say {step.GetOptions<Counter>()!.Count})", ct);
            },
        ]);
        var parent = new WaterfallDialog<Counter>("Parent",
        [
            (step, ct) => step.BeginDialogAsync("Child", new Counter { Count = 41 }, ct),
            (step, ct) => step.EndDialogAsync(step.Result, ct),
        ]);

        return Conversation.Start(Conversation.Root(parent, child))
            .Send("hi")
            .AssertReply("starting at 41")
            .Send("go on")
            .AssertReply("[complete] 42 (options still say 41)")
            .StartTestAsync();
    }

    [Fact]
    public Task Replacing_the_state_object_in_a_step_is_saved()
    {
        var waterfall = new WaterfallDialog<Counter>("Replace",
        [
            async (step, ct) =>
            {
                step.State = new Counter { Count = 7 };
                await step.Context.SendActivityAsync("replaced", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            (step, ct) => step.EndDialogAsync($"count {step.State.Count}", ct),
        ]);

        return Conversation.Start(Conversation.Root(waterfall))
            .Send("hi")
            .AssertReply("replaced")
            .Send("next")
            .AssertReply("[complete] count 7")
            .StartTestAsync();
    }

    [Fact]
    public Task Activities_other_than_messages_do_not_move_a_waterfall_on()
    {
        var waterfall = new WaterfallDialog<Counter>("Wait",
        [
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Waiting for a message.", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            (step, ct) => step.EndDialogAsync($"got {step.Result}", ct),
        ]);

        return Conversation.Start(Conversation.Root(waterfall))
            .Send("hi")
            .AssertReply("Waiting for a message.")
            .Send(new Activity(ActivityTypes.Event) { Name = "ping" })
            .AssertNoReply()
            .Send("now")
            .AssertReply("[complete] got now")
            .StartTestAsync();
    }
}

internal sealed class Counter
{
    public int Count { get; set; }
}
