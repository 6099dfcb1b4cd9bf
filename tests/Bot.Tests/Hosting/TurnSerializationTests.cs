using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>Activities posted at once to the real /api/messages: one conversation's turns run one after the other.</summary>
public sealed class TurnSerializationTests : IClassFixture<SalesBotFactory>
{
    private readonly SalesBotFactory _factory;

    public TurnSerializationTests(SalesBotFactory factory) => _factory = factory;

    private sealed class ProbeBot : IBot
    {
        private readonly Dictionary<string, int> _inside = [];

        public Dictionary<string, int> MaxInside { get; } = [];

        public TaskCompletionSource BothConversationsInside { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var conversation = turnContext.Activity.Conversation.Id;
            lock (_inside)
            {
                _inside[conversation] = _inside.GetValueOrDefault(conversation) + 1;
                MaxInside[conversation] = Math.Max(MaxInside.GetValueOrDefault(conversation), _inside[conversation]);
                if (_inside.Count(entry => entry.Value > 0) >= 2)
                {
                    BothConversationsInside.TrySetResult();
                }
            }

            // Give any interleaving turn every chance to enter: yield repeatedly and wait (bounded) for the
            // other conversation to show up, which it can only do if conversations run in parallel.
            for (var i = 0; i < 20; i++)
            {
                await Task.Yield();
            }

            await Task.WhenAny(BothConversationsInside.Task, Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken));

            lock (_inside)
            {
                _inside[conversation]--;
            }
        }
    }

    [Fact]
    public async Task Activities_of_one_conversation_posted_at_once_run_one_after_the_other_while_other_conversations_run_alongside()
    {
        var probe = new ProbeBot();
        using var factory = _factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<IBot>(probe)));
        var client = factory.CreateClient();
        await using var sink = await ChannelSink.StartAsync();

        var posts = Enumerable.Range(0, 6)
            .Select(i => client.PostActivityAsync(ActivityBuilder.Message(sink.ServiceUrl, i % 2 == 0 ? "conv-a" : "conv-b", "ava.qtc", $"message {i}")))
            .ToArray();
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, response => Assert.True(response.IsSuccessStatusCode));
        Assert.Equal(1, probe.MaxInside["conv-a"]);
        Assert.Equal(1, probe.MaxInside["conv-b"]);
        Assert.True(probe.BothConversationsInside.Task.IsCompleted, "two different conversations never ran at the same time");
    }
}
