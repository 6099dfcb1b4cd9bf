using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Dialogs.Engine;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Diagnostics;

/// <summary>Which baseline turn an activity asks for (load testing only, see <see cref="PerformanceOptions.Baselines"/>).</summary>
public enum BaselineKind
{
    None,

    /// <summary>Reads and writes conversation state, sends nothing: the floor of a turn through this host.</summary>
    Quiet,

    /// <summary>The quiet turn plus two replies through the fast reply path.</summary>
    Echo,

    /// <summary>The echo turn with the SDK's stock connector factory (a new client per turn).</summary>
    StockEcho,
}

/// <summary>
/// Wraps the bot for load tests: an activity with channelData <c>{"salesbot.baseline": "quiet" | "echo" | "stock-echo"}</c>
/// runs a minimal turn through the same adapter, middleware and storage, so the load generator can compare the
/// sales turn with the host's own floor in the same run. Everything else goes to the bot. Registered only when
/// <see cref="PerformanceOptions.Baselines"/> is on.
/// </summary>
public sealed class BaselineBot(IBot bot, ConversationState conversationState) : IBot
{
    public const string ChannelDataKey = "salesbot.baseline";

    private readonly IStatePropertyAccessor<BaselineCounter> _counter = conversationState.Property<BaselineCounter>("baseline");

    public static BaselineKind KindOf(Activity? activity) =>
        activity?.ChannelData is JObject data && data.Value<string>(ChannelDataKey) is { } kind
            ? kind switch
            {
                "quiet" => BaselineKind.Quiet,
                "echo" => BaselineKind.Echo,
                "stock-echo" => BaselineKind.StockEcho,
                _ => BaselineKind.None,
            }
            : BaselineKind.None;

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var kind = KindOf(turnContext.Activity);
        if (kind == BaselineKind.None)
        {
            await bot.OnTurnAsync(turnContext, cancellationToken);
            return;
        }

        var counter = await _counter.GetAsync(turnContext, () => new BaselineCounter(), cancellationToken);
        counter.Turns++;
        await _counter.SetAsync(turnContext, counter, cancellationToken);
        if (kind != BaselineKind.Quiet)
        {
            var text = turnContext.Activity.Text ?? "";
            await turnContext.SendActivityAsync(MessageFactory.Text($"You said: {text}"), cancellationToken);
            await turnContext.SendActivityAsync(MessageFactory.Text($"Turn {counter.Turns}"), cancellationToken);
        }

        // Saved by the host's turn pipeline (TurnCommitMiddleware), as the bot's state is.
    }

    public sealed class BaselineCounter
    {
        public int Turns { get; set; }
    }
}
