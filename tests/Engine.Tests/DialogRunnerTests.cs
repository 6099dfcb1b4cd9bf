using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Tests.Engine.Flows;

namespace My8x8.SalesBot.Dialogs.Tests.Engine;

public class DialogRunnerTests
{
    private static readonly DialogRunnerOptions Release1 = new() { FlowVersion = "2025.1" };

    [Fact]
    public async Task After_a_restart_new_instances_over_the_same_storage_continue_where_the_customer_stopped()
    {
        var storage = new JsonStringStorage();
        await Conversation.Start(new ShopDialog(), storage, Release1)
            .Send("hi")
            .AssertReply(ShopDialog.Welcome)
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("three")
            .AssertReply(a => Assert.StartsWith(AddLinesDialog.AskPhone, a.AsMessageActivity().Text, StringComparison.Ordinal))
            .StartTestAsync();

        // The process restarts: new state objects, a new runner and new dialog instances; only the stored JSON remains.
        await Conversation.Start(new ShopDialog(), storage, Release1)
            .Send("the second one")
            .AssertReply(AddLinesDialog.Confirm(3, "Poly VVX 450"))
            .StartTestAsync();

        await Conversation.Start(new ShopDialog(), storage, Release1)
            .Send("yes")
            .AssertReply(ShopDialog.Report(AddLinesDialog.Summary("Ana", 3, "Poly VVX 450")))
            .AssertReply("[complete] visits=1")
            .StartTestAsync();
    }

    [Fact]
    public async Task Refused_prompt_attempts_are_remembered_across_a_restart()
    {
        var storage = new JsonStringStorage();
        await Conversation.Start(new AddLinesDialog(), storage, Release1)
            .Send("hi")
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("many")
            .AssertReply(AddLinesDialog.RetryLines)
            .Send("99")
            .AssertReply("I can add 1 to 10 lines — how many?")
            .StartTestAsync();

        await Conversation.Start(new AddLinesDialog(), storage, Release1)
            .Send("lots")
            .AssertReply(AddLinesDialog.OfferAgent)
            .AssertReply("[complete] " + GlobalCommandsDialog.AgentRequested)
            .StartTestAsync();
    }

    [Fact]
    public async Task A_saved_conversation_stays_small_and_shallow()
    {
        var storage = new JsonStringStorage();
        await Conversation.Start(new ShopDialog(), storage, Release1)
            .Send("hi")
            .AssertReply(ShopDialog.Welcome)
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .Send("3")
            .AssertReply(a => Assert.StartsWith(AddLinesDialog.AskPhone, a.AsMessageActivity().Text, StringComparison.Ordinal))
            .StartTestAsync();

        var json = Assert.Single(storage.Items).Value;
        Assert.True(json.Length < 4096, $"Saved conversation is {json.Length} characters.");
        Assert.True(MaxDepth(json) < 32, $"Saved conversation nests {MaxDepth(json)} levels deep.");
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_saved_by_another_flow_version_restarts_politely()
    {
        var storage = new JsonStringStorage();
        await Conversation.Start(new ShopDialog(), storage, Release1)
            .Send("hi")
            .AssertReply(ShopDialog.Welcome)
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .StartTestAsync();

        var release2 = new DialogRunnerOptions { FlowVersion = "2025.2", RestartMessage = "We've improved ordering, so let's start over." };
        await Conversation.Start(new ShopDialog(), storage, release2)
            .Send("3")
            .AssertReply("We've improved ordering, so let's start over.")
            .AssertReply(ShopDialog.Welcome)
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .StartTestAsync();

        Assert.Contains("\"FlowVersion\":\"2025.2\"", Assert.Single(storage.Items).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_stack_naming_a_nested_dialog_this_release_does_not_have_restarts_politely()
    {
        var storage = new JsonStringStorage();
        await Conversation.Start(Conversation.Root(Asker("OldQuestionDialog"), new TextPrompt("Text")), storage, Release1)
            .Send("hi")
            .AssertReply("OldQuestionDialog?")
            .StartTestAsync();

        // Same flow version, but the release renamed the inner dialog: the stack cannot continue.
        await Conversation.Start(Conversation.Root(Asker("NewQuestionDialog"), new TextPrompt("Text")), storage, Release1)
            .Send("an answer")
            .AssertReply(new DialogRunnerOptions().RestartMessage)
            .AssertReply("NewQuestionDialog?")
            .Send("Ana")
            .AssertReply("[complete] Ana")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_saved_stack_under_a_renamed_root_dialog_restarts_politely()
    {
        var storage = new JsonStringStorage();
        await Conversation.Start(Conversation.Root("OldRoot", Asker("Question"), new TextPrompt("Text")), storage, Release1)
            .Send("hi")
            .AssertReply("Question?")
            .StartTestAsync();

        await Conversation.Start(Conversation.Root("NewRoot", Asker("Question"), new TextPrompt("Text")), storage, Release1)
            .Send("an answer")
            .AssertReply(new DialogRunnerOptions().RestartMessage)
            .AssertReply("Question?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Saved_state_that_no_longer_reads_as_the_state_type_restarts_politely()
    {
        var storage = new JsonStringStorage();
        await Conversation.Start(new AddLinesDialog(), storage, Release1)
            .Send("hi")
            .AssertReply(AddLinesDialog.AskName)
            .Send("Ana")
            .AssertReply(AddLinesDialog.AskLines("Ana"))
            .StartTestAsync();

        // An older release saved Steps in another shape.
        storage.Edit(json => json.Replace("\"Steps\":[\"AskNameStepAsync\",\"AskLinesStepAsync\"]", "\"Steps\":{\"old\":true}", StringComparison.Ordinal));
        Assert.Contains("\"old\":true", Assert.Single(storage.Items).Value, StringComparison.Ordinal);

        await Conversation.Start(new AddLinesDialog(), storage, Release1)
            .Send("3")
            .AssertReply(new DialogRunnerOptions().RestartMessage)
            .AssertReply(AddLinesDialog.AskName)
            .StartTestAsync();
    }

    [Fact]
    public async Task A_saved_stack_that_is_not_a_dialog_stack_at_all_restarts_politely()
    {
        var storage = new JsonStringStorage();
        await Conversation.Start(new AddLinesDialog(), storage, Release1)
            .Send("hi")
            .AssertReply(AddLinesDialog.AskName)
            .StartTestAsync();

        storage.Edit(json => json.Replace("\"DialogStack\":[", "\"DialogStack\":[42,", StringComparison.Ordinal));

        await Conversation.Start(new AddLinesDialog(), storage, Release1)
            .Send("Ana")
            .AssertReply(new DialogRunnerOptions().RestartMessage)
            .AssertReply(AddLinesDialog.AskName)
            .StartTestAsync();
    }

    [Fact]
    public Task After_the_flow_completes_the_next_message_starts_it_again()
        => Conversation.Start(Conversation.Root(Asker("Question"), new TextPrompt("Text")))
            .Send("hi")
            .AssertReply("Question?")
            .Send("Ana")
            .AssertReply("[complete] Ana")
            .Send("hi again")
            .AssertReply("Question?")
            .StartTestAsync();

    [Fact]
    public async Task The_run_extension_reads_like_the_bot_builder_sdk()
    {
        var conversationState = new ConversationState(new JsonStringStorage());
        var dialogState = conversationState.Property<DialogState>(nameof(DialogState));
        Dialog root = Conversation.Root(Asker("Question"), new TextPrompt("Text"));
        var results = new List<object?>();
        var adapter = new TestAdapter(TestAdapter.CreateConversation(Conversation.Id)).Use(new AutoSaveStateMiddleware(conversationState));

        await new TestFlow(adapter, async (turnContext, ct) => results.Add((await root.RunAsync(turnContext, dialogState, ct)).Result))
            .Send("hi")
            .AssertReply("Question?")
            .Send("Ana")
            .StartTestAsync();

        Assert.Equal([null, "Ana"], results);
    }

    private static WaterfallDialog<Counter> Asker(string id) => new(id,
    [
        (step, ct) => step.PromptAsync("Text", new PromptOptions { Prompt = MessageFactory.Text($"{id}?") }, ct),
        (step, ct) => step.EndDialogAsync(step.Result, ct),
    ]);

    private static int MaxDepth(string json)
    {
        int depth = 0, max = 0;
        foreach (var c in json)
        {
            depth += c is '{' or '[' ? 1 : c is '}' or ']' ? -1 : 0;
            max = Math.Max(max, depth);
        }

        return max;
    }
}
