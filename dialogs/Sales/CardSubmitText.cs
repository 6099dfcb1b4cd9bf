using System.Globalization;
using My8x8.SalesBot.Cards;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// A card click read back, with the words it stands for: every button is the same as typing those words, so
/// clicks and typing share one path through the recognizers and the ordering service's checks.
/// </summary>
internal sealed record CardSubmitText(CardSubmit Submit, string Text)
{
    public static bool TryRead(object? value, out CardSubmitText? submit)
    {
        submit = null;
        if (!CardSubmit.TryParse(value, out var parsed))
        {
            return false;
        }

        submit = new CardSubmitText(parsed, ToText(parsed));
        return true;
    }

    private static string ToText(CardSubmit submit) => submit.Action switch
    {
        CardActions.Browse or CardActions.KeepShopping => "catalog",
        CardActions.ViewCart => "cart",
        CardActions.Agent => "agent",
        CardActions.Hours => "hours",
        CardActions.AddToCart => Quantities("add", submit.Quantities().Where(q => q.Value > 0)) ?? "catalog",
        CardActions.UpdateCart => Quantities("set", submit.Quantities()) ?? "cart",
        CardActions.Remove => $"remove {submit.Value(CardInputs.Sku)}",
        CardActions.EmptyCart => "empty cart",
        CardActions.Checkout => "checkout",
        CardActions.UseCard => submit.Value(CardInputs.CardId) ?? "",
        CardActions.AddCard => "add a new card",
        CardActions.CardAdded => PaymentCardDialog.CardAddedText,
        CardActions.ChooseShipping => submit.Value(CardInputs.ShippingMethod) ?? "",
        CardActions.Continue => "continue",
        CardActions.ChangeCart => "change cart",
        CardActions.AgreeAndBuy => string.Equals(submit.Value(CardInputs.Agree), "true", StringComparison.OrdinalIgnoreCase) ? "I agree" : "",
        CardActions.Callback => "callback",
        CardActions.Resume => "cart",
        CardActions.AdvisePlan => SalesWords.PlanAdvice,
        _ => "",
    };

    /// <summary>"add 2 YEA-T54W and 3 X4-LINE": quantities first, so each belongs to the SKU after it.</summary>
    private static string? Quantities(string verb, IEnumerable<KeyValuePair<string, int>> quantities)
    {
        var parts = quantities.Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Value} {q.Key}")).ToList();
        return parts.Count == 0 ? null : $"{verb} {string.Join(" and ", parts)}";
    }
}
