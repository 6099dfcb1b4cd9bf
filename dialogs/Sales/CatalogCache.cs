using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// The catalog and its parser, fetched once and refreshed every few minutes: the catalog changes rarely and the
/// parser's phrase table is worth building once, not every turn.
/// </summary>
public sealed class CatalogCache(IOrderingService ordering, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private Snapshot? _snapshot;

    public sealed record Snapshot(IReadOnlyList<Product> Products, CartRequestParser Parser, PlanQuestionParser Plans, DateTimeOffset FetchedAt)
    {
        public Product? Find(string sku) => Products.FirstOrDefault(p => string.Equals(p.Sku, sku, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the text asks the shopping step for something (products, checkout, the catalog, a card, a plan), not just "hi".</summary>
    public async Task<bool> IsShoppingRequestAsync(string text, CancellationToken cancellationToken)
    {
        var snapshot = await GetAsync(cancellationToken);
        return snapshot.Plans.Parse(text).Kind is not PlanQuestionKind.None || snapshot.Parser.Parse(text).Intent is not CartIntent.None;
    }

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && clock.GetUtcNow() - current.FetchedAt < Lifetime)
        {
            return current;
        }

        // Two turns refreshing at once both fetch the same catalog; harmless, and no lock on the reply path.
        var products = await ordering.GetCatalogAsync(cancellationToken);
        current = new Snapshot(products, new CartRequestParser(products), new PlanQuestionParser(products), clock.GetUtcNow());
        _snapshot = current;
        return current;
    }
}
