using System.ComponentModel.DataAnnotations;

namespace My8x8.SalesBot.Ordering;

/// <summary>Settings under "SalesBot:Ordering". With no <see cref="BaseUrl"/> the embedded SQLite service is used.</summary>
public sealed class OrderingOptions
{
    public const string Section = "SalesBot:Ordering";

    /// <summary>Base URL of a remote ordering service; empty means the embedded service.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// The key callers of the REST API must send in the <c>X-Api-Key</c> header (and the HTTP client sends). Empty
    /// means the API is open, which the host allows only in Development. Keep it in a secret store.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Further keys for integrations, each with a name (for the logs) and a scope: <c>ReadOnly</c> (reads only) or
    /// <c>Ordering</c> (also changes carts and places orders). Like <see cref="ApiKey"/> they reach every user, so they
    /// belong to servers, never to a browser; a browser uses its own user's token instead.
    /// </summary>
    public List<OrderingApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>SQLite file of the embedded service, created and seeded on first run.</summary>
    [Required]
    public string DatabasePath { get; set; } = "data/ordering.db";

    /// <summary>
    /// PostgreSQL connection string of the embedded service, for several instances sharing one database; defaults to
    /// "ConnectionStrings:SalesBot". Empty means the SQLite file at <see cref="DatabasePath"/>.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Public base URL of this host, used in card-setup links (from "SalesBot:PublicBaseUrl").</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://localhost:3978";

    [Range(1, 1000)]
    public int MaxLinesPerOrder { get; set; } = 10;

    [Range(1, 1000)]
    public int MaxDevicesPerOrder { get; set; } = 10;

    /// <summary>Above this many new lines the customer is offered a sales agent (advisory only).</summary>
    [Range(0, 1000)]
    public int SalesAssistAboveLines { get; set; } = 5;

    /// <summary>
    /// The most new lines of a cart a sales agent prepared (agent console); the customer still completes Agree &amp; Buy.
    /// Never below <see cref="MaxLinesPerOrder"/>.
    /// </summary>
    [Range(1, 1000)]
    public int MaxLinesPerAssistedOrder { get; set; } = 100;

    /// <summary>The most devices of a cart a sales agent prepared; devices still need lines available for them.</summary>
    [Range(1, 1000)]
    public int MaxDevicesPerAssistedOrder { get; set; } = 100;

    /// <summary>Sanity cap on one cart line's quantity; anything above is bad input rather than a big order.</summary>
    [Range(1, 10000)]
    public int MaxQuantityPerItem { get; set; } = 100;

    public TimeSpan CartIdleTimeout { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan QuoteLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan CardSetupLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Load testing only: the embedded service also seeds this many eligible users (load-001, load-002, …), each on
    /// its own account with plenty of lines without a device and one valid card, so concurrent simulated customers
    /// never share a cart. 0 (the default) seeds none.
    /// </summary>
    [Range(0, 10000)]
    public int LoadTestUsers { get; set; }

    /// <summary>Per-attempt timeout of the HTTP client.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The order lifecycle's schedule and the fulfilment webhook ("SalesBot:Ordering:Lifecycle").</summary>
    public OrderLifecycleOptions Lifecycle { get; set; } = new();
}

/// <summary>One scoped key of the ordering REST API.</summary>
public sealed class OrderingApiKeyOptions
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>At least 32 characters; keep it in a secret store.</summary>
    [Required]
    [MinLength(32)]
    public string Key { get; set; } = "";

    public Api.OrderingApiScope Scope { get; set; } = Api.OrderingApiScope.ReadOnly;
}

/// <summary>
/// Settings under "SalesBot:Ordering:Lifecycle": how the embedded service moves orders on by itself (a demo shows
/// the whole life in minutes), and the signed webhook a real fulfilment system may post status changes with.
/// </summary>
public sealed class OrderLifecycleOptions
{
    public const string Section = OrderingOptions.Section + ":Lifecycle";

    /// <summary>Whether the embedded service advances orders on the schedule below; off when a real fulfilment system reports.</summary>
    public bool AutoAdvance { get; set; } = true;

    /// <summary>How often the schedule looks for orders that are due.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ProcessingAfter { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan ShippedAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan DeliveredAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Lines-only orders: placed → active after this.</summary>
    public TimeSpan ActiveAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The carrier the schedule's simulated shipments name.</summary>
    [Required]
    public string Carrier { get; set; } = "UPS";

    /// <summary>
    /// Shared secret of the signed fulfilment webhook (at least 32 characters, from a secret store). A request to
    /// <c>POST /ordering/v1/orders/{n}/events</c> signed with it (<c>X-Fulfilment-Signature: t=…,v1=…</c>, HMAC-SHA256
    /// of "t.body") needs no API key. Empty: only API keys with the Ordering or Fulfilment scope may post events.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a signature's timestamp may be from now, so a captured request cannot be replayed later.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest event body accepted; larger ones are refused with 413.</summary>
    [Range(1024, 1_048_576)]
    public int MaxEventBodyBytes { get; set; } = 65_536;
}
