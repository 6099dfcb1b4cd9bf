using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// Whether this turn already changed something outside the conversation state (a cart in the ordering service, an
/// order). The host holds a turn's replies until its state is saved; when the save then fails, a turn with effects
/// still tells the customer what happened (it did happen) instead of asking them to repeat it, which would repeat the
/// effect. Nothing outlives the turn.
/// </summary>
public static class TurnEffects
{
    // Short: the SDK's turn state compares keys culture-aware (ICU), at a cost that grows with the key's length.
    private const string Key = "turn.effects";

    /// <summary>Records that the turn changed something the customer must not be asked to do again.</summary>
    public static void Record(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState[Key] = true;
    }

    public static bool Any(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.ContainsKey(Key);
    }
}
