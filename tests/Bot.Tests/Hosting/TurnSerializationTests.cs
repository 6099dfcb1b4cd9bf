using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Turns;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>Activities posted at once to the real /api/messages: one conversation's turns run one after the other.</summary>
public sealed class TurnSerializationTests : IClassFixture<SalesBotFactory>
{
    // Only keeps a broken host from hanging the run; nothing waits for it to pass.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    private readonly SalesBotFactory _factory;

    public TurnSerializationTests(SalesBotFactory factory) => _factory = factory;

    /// <summary>The host's own turn lock, telling the test when a turn has to wait for it.</summary>
    private sealed class ObservedTurnLock(IConversationTurnLock inner) : IConversationTurnLock
    {
        private readonly Dictionary<string, (int Count, TaskCompletionSource Signal, int Wanted)> _waits = [];

        /// <summary>Completes once <paramref name="count"/> turns of <paramref name="key"/> found the lock held and wait.</summary>
        public Task Waiting(string key, int count)
        {
            lock (_waits)
            {
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waits[key] = (0, signal, count);
                return signal.Task;
            }
        }

        public ValueTask<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken)
        {
            var acquiring = inner.AcquireAsync(conversationKey, cancellationToken);
            // The in-process lock completes at once when the conversation is free, so "not completed" means "waits".
            if (!acquiring.IsCompleted)
            {
                lock (_waits)
                {
                    if (_waits.TryGetValue(conversationKey, out var wait))
                    {
                        _waits[conversationKey] = wait with { Count = wait.Count + 1 };
                        if (wait.Count + 1 >= wait.Wanted)
                        {
                            wait.Signal.TrySetResult();
                        }
                    }
                }
            }

            return acquiring;
        }
    }

    [Fact]
    public async Task Activities_of_one_conversation_posted_at_once_run_one_after_the_other_while_other_conversations_run_alongside()
    {
        var held = $"conv-a-{Guid.NewGuid():N}";
        var other = $"conv-b-{Guid.NewGuid():N}";
        var probe = new TurnProbeBot(held);
        var turnLock = new ObservedTurnLock(new InProcessConversationTurnLock());
        using var factory = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IBot>(probe);
            services.AddSingleton<IConversationTurnLock>(turnLock);
        }));
        var client = factory.CreateClient();
        await using var sink = await ChannelSink.StartAsync();
        Task<HttpResponseMessage> Post(string conversation, int i) =>
            client.PostActivityAsync(ActivityBuilder.Message(sink.ServiceUrl, conversation, "ava.qtc", $"message {i}"));

        // One turn of the held conversation is inside the bot; two more of it arrive and must wait at the lock.
        var competing = turnLock.Waiting($"test/{held}", 2);
        var first = Post(held, 0);
        await probe.Entered(held).WaitAsync(HangGuard);
        Task<HttpResponseMessage>[] more = [Post(held, 1), Post(held, 2)];
        await Task.WhenAny(competing, probe.Overlapped.Task).WaitAsync(HangGuard);
        Assert.False(probe.Overlapped.Task.IsCompleted, "a second turn of the conversation ran while the first was still inside");

        // Meanwhile another conversation is answered in full, without waiting for the held one.
        var otherWaits = turnLock.Waiting($"test/{other}", 1);
        var otherPost = Post(other, 3);
        await Task.WhenAny(otherPost, otherWaits).WaitAsync(HangGuard);
        Assert.False(otherWaits.IsCompleted, "a turn of another conversation waited for the held conversation's lock");
        Assert.True((await otherPost).IsSuccessStatusCode);
        Assert.Equal(2, probe.ConversationsInsideTogether);

        probe.Release();
        var responses = await Task.WhenAll([first, .. more]).WaitAsync(HangGuard);

        Assert.All(responses, response => Assert.True(response.IsSuccessStatusCode));
        Assert.Equal(3, probe.Turns[held]);
        Assert.Equal(1, probe.MaxInside[held]);
    }
}
