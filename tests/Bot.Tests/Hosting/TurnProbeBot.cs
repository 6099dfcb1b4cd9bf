using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>
/// A bot that keeps every turn of one conversation inside until <see cref="Release"/>, and records which turns were
/// inside together — so a test holds a conversation's turn, makes the competing turns try to enter, and sees what they do.
/// </summary>
internal sealed class TurnProbeBot(string heldConversation) : IBot
{
    private readonly Dictionary<string, int> _inside = [];
    private readonly Dictionary<string, TaskCompletionSource> _entered = [];
    private readonly TaskCompletionSource _release = NewSignal();

    /// <summary>The most turns of each conversation that were inside the bot at once.</summary>
    public Dictionary<string, int> MaxInside { get; } = [];

    public Dictionary<string, int> Turns { get; } = [];

    /// <summary>The most conversations that had a turn inside the bot at once.</summary>
    public int ConversationsInsideTogether { get; private set; }

    /// <summary>Completes when two turns of one conversation are inside at once (what the turn lock must prevent).</summary>
    public TaskCompletionSource Overlapped { get; } = NewSignal();

    /// <summary>Completes when a turn of <paramref name="conversation"/> is inside the bot.</summary>
    public Task Entered(string conversation)
    {
        lock (_inside)
        {
            return Signal(conversation).Task;
        }
    }

    /// <summary>Lets the held conversation's turns (now and later) finish.</summary>
    public void Release() => _release.TrySetResult();

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var conversation = turnContext.Activity.Conversation.Id;
        lock (_inside)
        {
            _inside[conversation] = _inside.GetValueOrDefault(conversation) + 1;
            Turns[conversation] = Turns.GetValueOrDefault(conversation) + 1;
            MaxInside[conversation] = Math.Max(MaxInside.GetValueOrDefault(conversation), _inside[conversation]);
            ConversationsInsideTogether = Math.Max(ConversationsInsideTogether, _inside.Count(entry => entry.Value > 0));
            Signal(conversation).TrySetResult();
            if (_inside[conversation] > 1)
            {
                Overlapped.TrySetResult();
            }
        }

        try
        {
            if (conversation == heldConversation)
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            lock (_inside)
            {
                _inside[conversation]--;
            }
        }
    }

    private TaskCompletionSource Signal(string conversation)
    {
        if (!_entered.TryGetValue(conversation, out var signal))
        {
            signal = NewSignal();
            _entered[conversation] = signal;
        }

        return signal;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
