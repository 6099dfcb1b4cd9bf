using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>What the customer asked to do with the cart, in one message.</summary>
public enum CartIntent
{
    None,
    Add,
    SetQuantity,
    Remove,
    Empty,
    Checkout,
    ShowCatalog,
    Upgrade,
}

/// <summary>
/// One product mention: the catalog items it could mean (more than one means it must be asked back, never guessed)
/// and the quantity said with it (null when none was said).
/// </summary>
public sealed record CartRequestItem(string Mention, IReadOnlyList<Product> Candidates, int? Quantity)
{
    public bool IsAmbiguous => Candidates.Count > 1;
}

/// <summary>A parsed message: the intent and the products it names.</summary>
public sealed record CartRequest(CartIntent Intent, IReadOnlyList<CartRequestItem> Items)
{
    public static CartRequest Nothing { get; } = new(CartIntent.None, []);
}
