using BenchmarkDotNet.Attributes;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Cards;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace My8x8.SalesBot.Benchmarks;

/// <summary>
/// Card binding (template JSON + data → card and text fallback), and serializing the resulting reply the way the
/// connector client does: with a cold contract resolver (the SDK's per-turn ConnectorClient) and a warm, shared one.
/// </summary>
[MemoryDiagnoser]
public class CardBenchmarks
{
    private static readonly DefaultContractResolver SharedResolver = new();
    private readonly SubmitContext _context = new("shop", "ticket123456");
    private CatalogView _catalog = null!;
    private CartView _cart = null!;
    private Activity _reply = null!;

    [GlobalSetup]
    public void Setup()
    {
        var products = Catalog.Products;
        _catalog = new CatalogView(
            [.. products.Where(p => p.Kind == Ordering.ProductKind.Line).Select(p => new CatalogItemView(p.Sku, p.Name, p.Description, p.Price))],
            [.. products.Where(p => p.Kind != Ordering.ProductKind.Line).Select(p => new CatalogItemView(p.Sku, p.Name, p.Description, p.Price))],
            MaxLinesPerOrder: 10,
            MaxDevicesPerOrder: 10);
        _cart = new CartView(
            [new("X4-LINE", "X4 line", 2, 44m, 88m, true), new("YEA-T54W", "Yealink T54W", 1, 199m, 199m, false)],
            2, 1, 199m, 88m, [], true, MaxPerItem: 100);
        _reply = SalesCards.Catalog(_catalog, _context).ToActivity();
    }

    [Benchmark]
    public CardMessage Bind_catalog_card() => SalesCards.Catalog(_catalog, _context);

    [Benchmark]
    public CardMessage Bind_cart_card() => SalesCards.Cart(_cart, _context);

    [Benchmark]
    public string Serialize_reply_with_a_cold_resolver() => JsonConvert.SerializeObject(_reply, Settings(new DefaultContractResolver()));

    [Benchmark]
    public string Serialize_reply_with_a_shared_resolver() => JsonConvert.SerializeObject(_reply, Settings(SharedResolver));

    /// <summary>
    /// A deep copy through the SDK's serializer, as prompts copied their activity before (now ActivityJson.Copy):
    /// each attachment goes through the Bot Framework's AttachmentMemoryStreamConverter, the costliest step of a turn.
    /// </summary>
    [Benchmark]
    public Activity Copy_reply_as_a_prompt_does() => Newtonsoft.Json.Linq.JObject.FromObject(_reply).ToObject<Activity>()!;

    // The connector client's serializer settings (Microsoft.Bot.Connector ConnectorClient.Initialize).
    private static JsonSerializerSettings Settings(IContractResolver resolver) => new()
    {
        Formatting = Formatting.Indented,
        DateFormatHandling = DateFormatHandling.IsoDateFormat,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        NullValueHandling = NullValueHandling.Ignore,
        ReferenceLoopHandling = ReferenceLoopHandling.Serialize,
        ContractResolver = resolver,
    };
}
