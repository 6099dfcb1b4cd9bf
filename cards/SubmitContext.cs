namespace My8x8.SalesBot.Cards;

/// <summary>
/// Which dialog step and which prompt instance a card belongs to. Every <c>Action.Submit</c> on the card
/// carries both, so the dialogs can refuse a submit from an earlier step or a second click on the same card.
/// </summary>
public sealed record SubmitContext
{
    public SubmitContext(string step, string prompt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        Step = step;
        Prompt = prompt;
    }

    public string Step { get; }

    public string Prompt { get; }
}
