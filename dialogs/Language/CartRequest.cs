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

    /// <summary>Add a payment card on the secure card page (no products).</summary>
    AddCard,
}

/// <summary>
/// One product mention: the catalog items it could mean (more than one means it must be asked back, never guessed)
/// and the quantity said with it (null when none was said). A quantity that was said but is not a whole number the
/// conversation can use ("2.5", "99999999999") is kept as said in <see cref="UnreadableQuantity"/>, never defaulted.
/// </summary>
public sealed record CartRequestItem(string Mention, IReadOnlyList<Product> Candidates, int? Quantity, string? UnreadableQuantity = null)
{
    public bool IsAmbiguous => Candidates.Count > 1;

    /// <summary>A remove or change that names a kind of product ("the phone") the cart has none of.</summary>
    public bool NoneInCart { get; init; }
}

/// <summary>A parsed message: the intent and the products it names.</summary>
public sealed record CartRequest(CartIntent Intent, IReadOnlyList<CartRequestItem> Items)
{
    public static CartRequest Nothing { get; } = new(CartIntent.None, []);

    /// <summary>
    /// The cart decides before the catalog: a remove or change of "the phone" or "lines" means the matching items in
    /// the cart. One match is that item; several are asked back among themselves; none is reported for a remove,
    /// while a change falls back to the catalog's candidates. Adds are left as they are.
    /// </summary>
    public CartRequest WithCart(IReadOnlyCollection<string> skusInCart)
    {
        ArgumentNullException.ThrowIfNull(skusInCart);
        if (Intent is not (CartIntent.Remove or CartIntent.SetQuantity))
        {
            return this;
        }

        var items = Items.Select(item =>
        {
            if (!item.IsAmbiguous)
            {
                return item;
            }

            var inCart = item.Candidates.Where(product => skusInCart.Contains(product.Sku, StringComparer.OrdinalIgnoreCase)).ToList();
            return inCart.Count > 0 ? item with { Candidates = inCart }
                : Intent == CartIntent.Remove ? item with { NoneInCart = true }
                : item;
        });
        return this with { Items = [.. items] };
    }
}
