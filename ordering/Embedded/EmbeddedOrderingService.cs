using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using My8x8.SalesBot.Ordering.Domain;
using My8x8.SalesBot.Ordering.Payments;

namespace My8x8.SalesBot.Ordering.Embedded;

/// <summary>
/// The embedded ordering service: loads what the rules need, lets <see cref="ShoppingCart"/> decide, and persists the
/// result, each operation one transaction.
/// <see cref="SqliteOrderingService"/> (one file, the default) and <see cref="Postgres.PostgresOrderingService"/>
/// (shared by several instances) differ only in the <see cref="OrderingDatabase"/> underneath.
/// </summary>
public abstract class EmbeddedOrderingService : IOrderingService, IDisposable
{
    private readonly OrderingOptions _options;
    private readonly OrderingDatabase _db;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private protected EmbeddedOrderingService(OrderingOptions options, OrderingDatabase database, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _db = database;
        _time = time;
        _logger = logger;
    }

    internal DateTimeOffset Now => _time.GetUtcNow();

    private protected OrderingDatabase Database => _db;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _db.Dispose();
        }
    }

    public Task<OrderingUser?> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        ReadInOneCommandAsync((s, _) => LoadUserAsync(s, "u.id = $id", ("$id", userId)), cancellationToken);

    public Task<OrderingUser?> FindUserByAadAsync(string tenantId, string aadObjectId, CancellationToken cancellationToken) =>
        ReadInOneCommandAsync((s, _) => LoadUserAsync(s, "lower(a.aad_tenant_id) = lower($t) AND lower(u.aad_object_id) = lower($o)", ("$t", tenantId), ("$o", aadObjectId)), cancellationToken);

    public Task<EligibilityResult> CheckEligibilityAsync(string userId, CancellationToken cancellationToken) =>
        ReadInOneCommandAsync(async (s, now) =>
        {
            await using var results = await s.QueryManyAsync($"{UserSelect} WHERE u.id = $id;\n{CardsOfUserSelect}", ("$id", userId));
            var user = await results.ReadSingleAsync(ReadUser);
            var cards = await results.ReadAsync(ReadCardOn(now));
            return user is null ? ShoppingCart.UnknownUser(userId) : ShoppingCart.Eligibility(user, cards);
        }, cancellationToken);

    public Task<IReadOnlyList<Product>> GetCatalogAsync(CancellationToken cancellationToken) =>
        ReadInOneCommandAsync<IReadOnlyList<Product>>(async (s, _) =>
        {
            await using var results = await s.QueryManyAsync($"SELECT sku, code, name, included, value FROM plan_features ORDER BY sort_order; SELECT {ProductColumns}, description, keywords FROM products ORDER BY sort_order");
            var features = (await results.ReadAsync(
                    r => (Sku: r.Str("sku"), Feature: new PlanFeature(r.Str("code"), r.Str("name"), r.Bool("included"), r.Str("value")))))
                .ToLookup(f => f.Sku, f => f.Feature, StringComparer.Ordinal);
            return await results.ReadAsync(
                r => new Product(r.Str("sku"), r.Str("name"), r.Str("description"), r.Enum<ProductKind>("kind"), r.Enum<ProductCategory>("category"),
                    Money.FromCents(r.Long("price_cents")), r.Bool("requires_line"), r.Str("keywords").Split(','))
                {
                    Features = [.. features[r.Str("sku")]],
                });
        }, cancellationToken);

    public Task<IReadOnlyList<PaymentCard>> GetCardsAsync(string userId, CancellationToken cancellationToken) =>
        ReadInOneCommandAsync<IReadOnlyList<PaymentCard>>(async (s, now) =>
        {
            await using var results = await s.QueryManyAsync($"{UserSelect} WHERE u.id = $id;\n{CardsOfUserSelect}", ("$id", userId));
            RequireUser(await results.ReadSingleAsync(ReadUser), userId);
            return await results.ReadAsync(ReadCardOn(now));
        }, cancellationToken);

    public Task<CardSetupLink> CreateCardSetupLinkAsync(string userId, string? conversationHint, CancellationToken cancellationToken)
    {
        if (conversationHint is { Length: > 2000 })
        {
            throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", "the conversation hint is longer than 2000 characters"));
        }

        return WriteForUserAsync(userId, async (s, now) =>
        {
            var user = await RequireEligibleUserAsync(s, userId);
            var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            var expiresAt = now + _options.CardSetupLinkLifetime;
            // Only a hash is stored, so a copy of the database cannot be turned into working links.
            await s.ExecuteAsync(
                "INSERT INTO card_setup_links (token_hash, user_id, conversation_hint, created_at, expires_at) VALUES ($h, $u, $c, $at, $exp)",
                ("$h", HashToken(token)), ("$u", user.Id), ("$c", conversationHint), ("$at", DbSession.FormatTime(now)), ("$exp", DbSession.FormatTime(expiresAt)));
            var url = new Uri($"{_options.PublicBaseUrl.TrimEnd('/')}/payments/cards/new?token={token}");
            return new CardSetupLink(url, expiresAt);
        }, cancellationToken);
    }

    public async Task<Cart> GetOpenCartAsync(string userId, CancellationToken cancellationToken) =>
        // Nearly always the open cart exists and is live: read it without queueing behind writers. Only creating a
        // cart or expiring an idle one writes, and that path checks again inside its write transaction.
        await ReadInOneCommandAsync<Cart?>(async (s, now) =>
        {
            await using var results = await s.QueryManyAsync(
                $"""
                {UserSelect} WHERE u.id = $id;
                {OpenCartOfUserSelect};
                {ItemsSelect} JOIN carts c ON c.id = i.cart_id WHERE c.user_id = $id AND c.status = 'Open' ORDER BY p.sort_order
                """,
                ("$id", userId));
            var user = RequireEligible(await results.ReadSingleAsync(ReadUser), userId);
            var cart = await results.ReadSingleAsync(ReadCart);
            var items = await results.ReadAsync(ReadItem);
            return cart is null || IsIdleExpired(cart, now) ? null : NewCart(cart, items, user.Account).ToCart(now);
        }, cancellationToken)
        ?? await WriteForUserAsync(userId, async (s, now) =>
        {
            var user = await RequireEligibleUserAsync(s, userId);
            var cart = await s.QuerySingleAsync(OpenCartOfUserSelect, ReadCart, ("$id", user.Id));
            if (cart is not null && IsIdleExpired(cart, now))
            {
                await s.ExecuteAsync("UPDATE carts SET status = 'Expired' WHERE id = $id", ("$id", cart.Id));
                _logger.LogInformation("Cart {CartId} of {UserId} expired after being idle since {UpdatedAt}", cart.Id, user.Id, cart.UpdatedAt);
                cart = null;
            }

            if (cart is null)
            {
                cart = new CartRow(NewId("cart"), user.Id, CartStatus.Open, 1, null, now);
                await s.ExecuteAsync(
                    "INSERT INTO carts (id, user_id, status, version, shipping_method, created_at, updated_at) VALUES ($id, $u, 'Open', 1, NULL, $now, $now)",
                    ("$id", cart.Id), ("$u", user.Id), ("$now", DbSession.FormatTime(now)));
            }

            return (await LoadCartAsync(s, cart, user.Account)).ToCart(now);
        }, cancellationToken);

    public Task<Cart> AddToCartAsync(string userId, string cartId, string sku, int quantity, CancellationToken cancellationToken)
    {
        ShoppingCart.EnsureQuantity(quantity, _options);
        return MutateCartAsync(userId, cartId, ProductExtra(sku), (s, cart, product, now) =>
        {
            SaveItem(s, cart, cart.Add(RequireProduct(product, sku), quantity, now));
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public Task<Cart> SetQuantityAsync(string userId, string cartId, string sku, int quantity, CancellationToken cancellationToken)
    {
        ShoppingCart.EnsureQuantity(quantity, _options);
        return MutateCartAsync(userId, cartId, ProductExtra(sku), (s, cart, product, now) =>
        {
            SaveItem(s, cart, cart.SetQuantity(RequireProduct(product, sku), quantity, now));
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public Task<Cart> RemoveFromCartAsync(string userId, string cartId, string sku, CancellationToken cancellationToken) =>
        MutateCartAsync(userId, cartId, ProductExtra(sku), (s, cart, product, now) =>
        {
            SaveItem(s, cart, cart.Remove(RequireProduct(product, sku), now));
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<Cart> EmptyCartAsync(string userId, string cartId, CancellationToken cancellationToken) =>
        MutateCartAsync(userId, cartId, (s, cart, now) =>
        {
            cart.Empty(now);
            s.ExecuteLater("DELETE FROM cart_items WHERE cart_id = $c", ("$c", cart.Id));
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<Cart> PrepareAssistedCartAsync(string userId, string cartId, AssistedCartRequest request, CancellationToken cancellationToken)
    {
        if (request?.Agent is null || request.Items is null)
        {
            throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", "a sales-assisted cart needs the agent and the items"));
        }

        return MutateCartAsync(userId, cartId, async (s, cart, now) =>
        {
            var contents = new List<AssistedContent>(request.Items.Count);
            foreach (var item in request.Items)
            {
                contents.Add(new AssistedContent(await RequireProductAsync(s, item.Sku), item.Quantity));
            }

            foreach (var change in cart.PrepareAssisted(request.Agent, contents, now))
            {
                SaveItem(s, cart, change);
            }

            _logger.LogInformation("Cart {CartId} of {UserId} prepared by agent {AgentId}: {Lines} lines, {Devices} devices",
                cart.Id, userId, request.Agent.Id, cart.LineCount, cart.DeviceCount);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ShippingMethod>> GetShippingMethodsAsync(CancellationToken cancellationToken) =>
        ReadInOneCommandAsync<IReadOnlyList<ShippingMethod>>(async (s, _) => await s.QueryAsync($"SELECT {ShippingColumns} FROM shipping_methods ORDER BY sort_order", ReadShippingMethod), cancellationToken);

    public Task<Cart> SetShippingMethodAsync(string userId, string cartId, string shippingMethodCode, CancellationToken cancellationToken) =>
        MutateCartAsync(userId, cartId, new Extra<ShippingMethod>($"SELECT {ShippingColumns} FROM shipping_methods WHERE code = $extra", shippingMethodCode, r => r.ReadSingleAsync(ReadShippingMethod)),
            (s, cart, method, now) =>
            {
                cart.ChooseShipping(method ?? throw ShoppingCart.Refuse(OrderingError.UnknownShippingMethod, ("shippingMethod", shippingMethodCode)), now);
                return Task.CompletedTask;
            }, cancellationToken);

    public Task<Address> GetShipToAddressAsync(string userId, CancellationToken cancellationToken) =>
        ReadInOneCommandAsync(async (s, _) => (await RequireUserAsync(s, userId)).Account.ShipTo, cancellationToken);

    public Task<Quote> QuoteAsync(string userId, string cartId, string? cardId, CancellationToken cancellationToken) =>
        WriteForUserAsync(userId, async (s, now) =>
        {
            OrderingUser user;
            ShoppingCart aggregate;
            List<PaymentCard> cards;
            ShippingMethod? shipping;
            int rate;
            await using (var results = await s.QueryManyAsync(
                $"""
                {UserAndCartSelects};
                {CardsOfUserSelect};
                {ShippingOfCartSelect};
                SELECT t.rate_basis_points FROM tax_rates t JOIN accounts a ON a.ship_state = t.state JOIN users u ON u.account_id = a.id WHERE u.id = $id
                """,
                ("$id", userId), ("$cart", cartId)))
            {
                (user, aggregate) = await ReadEligibleUserAndOpenCartAsync(results, userId, cartId, now);
                cards = await results.ReadAsync(ReadCardOn(now));
                shipping = await results.ReadSingleAsync(ReadShippingMethod);
                rate = (await results.ReadAsync(r => r.Int("rate_basis_points"))).FirstOrDefault();
            }

            aggregate.EnsureCheckoutReady();
            var card = cardId is null ? null : ShoppingCart.UsableCard(cards, cardId);
            var state = user.Account.ShipTo.State;
            var priced = aggregate.Price(shipping, rate);
            aggregate.Touch(now);
            var cart = aggregate.ToCart(now);
            var quote = new Quote(NewId("quote"), cart.Id, cart.Version, cart.Items, cart.OneTimeSubtotal, cart.MonthlySubtotal, shipping,
                Money.FromCents(priced.ShippingCents), state, rate / 10000m, Money.FromCents(priced.TaxTodayCents), Money.FromCents(priced.TotalTodayCents),
                Money.FromCents(priced.MonthlyTotalCents), user.Account.DefaultPaymentMethod, card, ShoppingCart.CardPaysInitialChargeOnly(user.Account.DefaultPaymentMethod),
                now, now + _options.QuoteLifetime, Pricing.Breakdown(priced, shipping?.Name, state));
            s.ExecuteLater(
                """
                INSERT INTO quotes (id, cart_id, user_id, cart_version, card_id, ship_state, tax_rate_basis_points, one_time_cents, monthly_cents,
                    shipping_cents, tax_cents, monthly_tax_cents, total_cents, created_at, expires_at)
                VALUES ($id, $cart, $u, $v, $card, $state, $rate, $one, $mon, $ship, $tax, $mtax, $total, $at, $exp)
                """,
                ("$id", quote.Id), ("$cart", cart.Id), ("$u", user.Id), ("$v", cart.Version), ("$card", card?.Id), ("$state", state), ("$rate", rate),
                ("$one", priced.EquipmentCents), ("$mon", priced.MonthlyServiceCents), ("$ship", priced.ShippingCents), ("$tax", priced.TaxTodayCents),
                ("$mtax", priced.MonthlyTaxCents), ("$total", priced.TotalTodayCents),
                ("$at", DbSession.FormatTime(now)), ("$exp", DbSession.FormatTime(quote.ExpiresAt)));
            // Quoting is activity: it keeps the cart from idling out, without changing its contents version.
            s.ExecuteLater("UPDATE carts SET updated_at = $now WHERE id = $id", ("$now", DbSession.FormatTime(now)), ("$id", cart.Id));
            return quote;
        }, cancellationToken);

    public Task<Terms> GetTermsAsync(CancellationToken cancellationToken) => ReadInOneCommandAsync((s, now) => LoadCurrentTermsAsync(s, now), cancellationToken);

    public Task<Order> PlaceOrderAsync(PlaceOrderRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            throw ShoppingCart.Refuse(OrderingError.IdempotencyKeyRequired);
        }

        if (idempotencyKey.Length > 200)
        {
            throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", "the idempotency key is longer than 200 characters"));
        }

        if (string.IsNullOrWhiteSpace(request.UserId) || string.IsNullOrWhiteSpace(request.CartId) || string.IsNullOrWhiteSpace(request.QuoteId)
            || string.IsNullOrWhiteSpace(request.TermsVersion))
        {
            throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", "an order needs the user, cart, quote and accepted terms version"));
        }

        var requestHash = HashRequest(request);
        return WriteForUserAsync(request.UserId, async (s, now) =>
        {
            var (earlierOrder, facts) = await ReadForOrderAsync(s, request, idempotencyKey, requestHash, now);
            if (facts is null)
            {
                return await LoadOrderAsync(s, earlierOrder!) ?? throw new InvalidOperationException($"Order {earlierOrder} of an idempotency key is missing.");
            }

            var (user, aggregate, terms, quote, cards, shipping) = facts;
            aggregate.EnsureOrderable(quote?.Facts, request, terms.Version, now);
            var card = ShoppingCart.CardToCharge(cards, request.CardId);
            var cart = aggregate.ToCart(now);

            var number = await NewOrderNumberAsync(s, now);
            var account = user.Account;
            // The order's rows are written in the round trip that reads it back.
            s.ExecuteLater(
                """
                INSERT INTO orders (number, user_id, account_id, cart_id, quote_id, card_id, card_brand, card_last4, default_payment_method,
                    card_pays_initial_only, shipping_method, shipping_name, shipping_min_days, shipping_max_days,
                    ship_name, ship_street, ship_city, ship_state, ship_postal_code, ship_country,
                    one_time_cents, monthly_cents, shipping_cents, tax_rate_basis_points, tax_cents, monthly_tax_cents, total_cents,
                    terms_version, terms_accepted_at, terms_accepted_by, placed_at, status, status_at, assisted_by_id, assisted_by_name)
                VALUES ($n, $u, $a, $cart, $q, $card, $brand, $last4, $pm, $initial, $sm, $sname, $smin, $smax,
                    $shn, $shs, $shc, $shst, $shp, $shco, $one, $mon, $ship, $rate, $tax, $mtax, $total, $tv, $tat, $tby, $now, 'Placed', $now, $abid, $abname)
                """,
                ("$n", number), ("$u", user.Id), ("$a", account.Id), ("$cart", cart.Id), ("$q", request.QuoteId), ("$card", card.Id),
                ("$brand", card.Brand), ("$last4", card.Last4), ("$pm", account.DefaultPaymentMethod.ToString()), ("$initial", ShoppingCart.CardPaysInitialChargeOnly(account.DefaultPaymentMethod)),
                ("$sm", shipping?.Code), ("$sname", shipping?.Name), ("$smin", shipping?.MinBusinessDays), ("$smax", shipping?.MaxBusinessDays),
                ("$shn", account.ShipTo.Name), ("$shs", account.ShipTo.Street), ("$shc", account.ShipTo.City), ("$shst", account.ShipTo.State),
                ("$shp", account.ShipTo.PostalCode), ("$shco", account.ShipTo.Country),
                ("$one", quote!.OneTime), ("$mon", quote.Monthly), ("$ship", quote.Shipping), ("$rate", quote.Rate), ("$tax", quote.Tax),
                ("$mtax", quote.MonthlyTax), ("$total", quote.Total), ("$tv", terms.Version), ("$tat", DbSession.FormatTime(request.AcceptedAt)),
                ("$tby", user.Id), ("$now", DbSession.FormatTime(now)), ("$abid", cart.AssistedBy?.Id), ("$abname", cart.AssistedBy?.Name));
            var lineNo = 0;
            foreach (var item in cart.Items)
            {
                s.ExecuteLater(
                    "INSERT INTO order_items (order_number, line_no, sku, name, kind, category, quantity, unit_price_cents) VALUES ($n, $l, $s, $name, $k, $c, $q, $p)",
                    ("$n", number), ("$l", ++lineNo), ("$s", item.Sku), ("$name", item.Name), ("$k", item.Kind.ToString()), ("$c", item.Category.ToString()),
                    ("$q", item.Quantity), ("$p", Money.ToCents(item.UnitPrice)));
            }

            s.ExecuteLater("UPDATE carts SET status = 'Ordered', updated_at = $now WHERE id = $id", ("$now", DbSession.FormatTime(now)), ("$id", cart.Id));
            // New lines join the account and the phones are associated with lines before they ship.
            s.ExecuteLater("UPDATE accounts SET lines = lines + $l, lines_with_device = lines_with_device + $d WHERE id = $a",
                ("$l", cart.LineCount), ("$d", cart.DevicesNeedingLine), ("$a", account.Id));
            InsertEvent(s, number, PlacedEventId(number), OrderStatus.Placed, now, now, "ordering", "");
            s.ExecuteLater("INSERT INTO idempotency_keys (key, request_hash, order_number, created_at) VALUES ($k, $h, $n, $now)",
                ("$k", idempotencyKey), ("$h", requestHash), ("$n", number), ("$now", DbSession.FormatTime(now)));
            // The read-back runs the queued inserts: only then is the order there to log.
            var placed = await LoadOrderAsync(s, number) ?? throw new InvalidOperationException($"Order {number} vanished inside its own transaction.");
            _logger.LogInformation("Order {OrderNumber} placed for {AccountId} by {UserId}: {Lines} lines, {Devices} devices, total {TotalCents} cents, assisted by {AgentId}",
                number, account.Id, user.Id, cart.LineCount, cart.DeviceCount, quote.Total, cart.AssistedBy?.Id ?? "nobody");
            return placed;
        }, cancellationToken);
    }

    /// <summary>What placing an order reads, in one command.</summary>
    private sealed record OrderFacts(OrderingUser User, ShoppingCart Cart, Terms Terms, QuoteRow? Quote, List<PaymentCard> Cards, ShippingMethod? Shipping);

    /// <summary>
    /// Everything the rules of an order need, in one command. The idempotency key's earlier order, if there is one,
    /// decides before anything else: then its number comes back instead of the facts (or a refusal, when the key was
    /// used for another request).
    /// </summary>
    private async Task<(string? EarlierOrder, OrderFacts? Facts)> ReadForOrderAsync(
        DbSession s, PlaceOrderRequest request, string idempotencyKey, string requestHash, DateTimeOffset now)
    {
        await using var results = await s.QueryManyAsync(
            $"""
            SELECT request_hash, order_number FROM idempotency_keys WHERE key = $k;
            {UserAndCartSelects};
            {TermsSelect};
            SELECT {QuoteColumns} FROM quotes WHERE id = $q;
            {CardsOfUserSelect};
            {ShippingOfCartSelect}
            """,
            ("$k", idempotencyKey), ("$id", request.UserId), ("$cart", request.CartId), ("$q", request.QuoteId));
        var earlier = await results.ReadSingleAsync(r => new { Hash = r.Str("request_hash"), Number = r.Str("order_number") });
        if (earlier is not null)
        {
            return earlier.Hash == requestHash
                ? (earlier.Number, null)
                : throw ShoppingCart.Refuse(OrderingError.IdempotencyKeyReused, ("orderNumber", earlier.Number));
        }

        var (user, cart) = await ReadEligibleUserAndOpenCartAsync(results, request.UserId, request.CartId, now);
        var terms = CurrentTerms(await results.ReadAsync(ReadTerms), now);
        var quote = await results.ReadSingleAsync(ReadQuote);
        var cards = await results.ReadAsync(ReadCardOn(now));
        var shipping = await results.ReadSingleAsync(ReadShippingMethod);
        return (null, new OrderFacts(user, cart, terms, quote, cards, shipping));
    }

    public Task<Order?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken) =>
        ReadInOneCommandAsync((s, _) => LoadOrderAsync(s, orderNumber), cancellationToken);

    public Task<IReadOnlyList<Order>> GetOrdersAsync(string userId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Order>>(async (s, _) =>
        {
            var user = await RequireUserAsync(s, userId);
            var numbers = await s.QueryAsync("SELECT number FROM orders WHERE user_id = $u ORDER BY placed_at DESC, number DESC", r => r.Str("number"), ("$u", user.Id));
            var orders = new List<Order>(numbers.Count);
            foreach (var number in numbers)
            {
                orders.Add(await LoadOrderAsync(s, number) ?? throw new InvalidOperationException($"Order {number} vanished during the read."));
            }

            return orders;
        }, cancellationToken);

    public Task<Order?> GetOrderForCartAsync(string userId, string cartId, CancellationToken cancellationToken) =>
        ReadInOneCommandAsync(async (s, _) =>
        {
            // A cart is ordered at most once (placing closes it), so there is one order or none.
            await using var results = await s.QueryManyAsync(
                $"{UserSelect} WHERE u.id = $u;\n{OrderForCartSelects}", ("$c", cartId), ("$u", userId));
            RequireUser(await results.ReadSingleAsync(ReadUser), userId);
            return await ReadOrderAsync(results);
        }, cancellationToken);

    public Task<OrderEventResult> ApplyOrderEventAsync(string orderNumber, OrderEvent orderEvent, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        if (string.IsNullOrWhiteSpace(orderEvent.EventId) || orderEvent.EventId.Length > OrderLifecycle.MaxEventIdLength || orderEvent.EventId.Any(char.IsControl))
        {
            throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", $"an event needs an eventId of 1 to {OrderLifecycle.MaxEventIdLength} printable characters"));
        }

        if (!Enum.IsDefined(orderEvent.Status))
        {
            throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", "the status is not one of Placed, Processing, Shipped, Delivered, Active"));
        }

        var hash = HashEvent(orderEvent);
        return WriteForOrderAsync(orderNumber, async (s, now) =>
        {
            var previous = await s.QuerySingleAsync("SELECT order_number, request_hash FROM order_events WHERE event_id = $e",
                r => new { Number = r.Str("order_number"), Hash = r.Str("request_hash") }, ("$e", orderEvent.EventId));
            if (previous is not null)
            {
                // A retry of the same event changes nothing; the same id for something else is the caller's mistake.
                return previous.Number == orderNumber && previous.Hash == hash && await LoadOrderAsync(s, orderNumber) is { } same
                    ? new OrderEventResult(same, AlreadyApplied: true)
                    : throw ShoppingCart.Refuse(OrderingError.OrderEventIdReused, ("eventId", orderEvent.EventId));
            }

            var order = await LoadOrderAsync(s, orderNumber) ?? throw ShoppingCart.Refuse(OrderingError.OrderNotFound, ("orderNumber", orderNumber));
            var linesOnly = OrderLifecycle.IsLinesOnly(order.Items);
            OrderLifecycle.EnsureChange(order.Status, orderEvent.Status, linesOnly, orderEvent.Shipments, order.Items);
            var occurredAt = orderEvent.OccurredAt ?? now;
            if (occurredAt > now + TimeSpan.FromMinutes(5) || occurredAt < order.PlacedAt - TimeSpan.FromMinutes(5))
            {
                throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", "occurredAt lies before the order was placed or in the future"));
            }

            RecordChange(s, order, orderEvent.EventId, orderEvent.Status, occurredAt, now, source, hash, orderEvent.Shipments);
            var changed = await LoadOrderAsync(s, orderNumber) ?? throw new InvalidOperationException($"Order {orderNumber} vanished inside its own transaction.");
            _logger.LogInformation("Order {OrderNumber} is now {Status} (event {EventId} from {Source})", orderNumber, orderEvent.Status, orderEvent.EventId, source);
            return new OrderEventResult(changed, AlreadyApplied: false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<OrderStatusEvent>> GetOrderEventsAsync(long afterSequence, int max, CancellationToken cancellationToken)
    {
        if (max is < 1 or > 1000 || afterSequence < 0)
        {
            throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", "after must be 0 or more and max from 1 to 1000"));
        }

        return ReadAsync<IReadOnlyList<OrderStatusEvent>>(async (s, _) =>
        {
            var rows = await s.QueryAsync(
                """
                SELECT e.seq, e.event_id, e.order_number, o.user_id, e.status, e.occurred_at FROM order_events e
                JOIN orders o ON o.number = e.order_number WHERE e.seq > $after ORDER BY e.seq LIMIT $max
                """,
                r => new OrderStatusEvent(r.Long("seq"), r.Str("event_id"), r.Str("order_number"), r.Str("user_id"), r.Enum<OrderStatus>("status"), r.Time("occurred_at"), []),
                ("$after", afterSequence), ("$max", max));
            var events = new List<OrderStatusEvent>(rows.Count);
            foreach (var row in rows)
            {
                events.Add(row.Status != OrderStatus.Shipped ? row : row with
                {
                    Shipments = await s.QueryAsync($"SELECT {ShipmentColumns} FROM order_shipments WHERE event_id = $e ORDER BY shipment_no", ReadShipment, ("$e", row.EventId)),
                });
            }

            return events;
        }, cancellationToken);
    }

    /// <summary>
    /// Moves every order that is due one step along its lifecycle (<see cref="OrderLifecycleOptions"/>). The due orders
    /// are found in a read; each then moves in a write of its own account, which checks again that it is still due, so
    /// customers' turns in other accounts never wait for a whole batch. Each step has a fixed event id, so an order
    /// advances once however many hosts run the schedule. Returns how many orders moved.
    /// </summary>
    public async Task<int> AdvanceDueOrdersAsync(CancellationToken cancellationToken)
    {
        // Whether an order is due needs only its status, when it last changed and whether it holds equipment (lines
        // only, as OrderLifecycle.IsLinesOnly has it, when none of its items is): one statement, not every candidate's
        // whole order. The step itself loads the order and checks again under its account's lock.
        var due = await ReadAsync(async (s, now) =>
        {
            var candidates = await s.QueryAsync(
                """
                SELECT o.number, o.user_id, o.status, o.status_at,
                       NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_number = o.number AND i.kind = $equipment) AS lines_only
                FROM orders o WHERE o.status NOT IN ('Delivered', 'Active') ORDER BY o.status_at, o.number LIMIT 500
                """,
                r => new { Number = r.Str("number"), UserId = r.Str("user_id"), Status = r.Enum<OrderStatus>("status"), At = r.Time("status_at"), LinesOnly = r.Bool("lines_only") },
                ("$equipment", nameof(ProductKind.Equipment)));
            return candidates
                .Where(c => NextOnSchedule(c.Status, c.LinesOnly, c.At, now) is not null)
                .Select(c => (c.Number, c.UserId))
                .ToList();
        }, cancellationToken);

        var moved = 0;
        foreach (var (number, userId) in due)
        {
            // Logged once the write has committed: the step's statements run with the commit.
            if (await WriteForUserAsync(userId, (s, now) => AdvanceIfDueAsync(s, number, now), cancellationToken) is var (from, to))
            {
                _logger.LogInformation("Order {OrderNumber} moved on schedule from {From} to {To}", number, from, to);
                moved++;
            }
        }

        return moved;
    }

    private OrderStatus? NextOnSchedule(OrderStatus status, bool linesOnly, DateTimeOffset statusAt, DateTimeOffset now) =>
        OrderLifecycle.DueChange(status, linesOnly, statusAt, now, _options.Lifecycle);

    /// <summary>
    /// One order's step, if it is still due now that its account's lock is held (another host may have moved it): the
    /// statuses it moves from and to, or null.
    /// </summary>
    private async Task<(OrderStatus From, OrderStatus To)?> AdvanceIfDueAsync(DbSession s, string number, DateTimeOffset now)
    {
        var current = await s.QuerySingleAsync("SELECT status_at FROM orders WHERE number = $n", r => new { At = r.Time("status_at") }, ("$n", number));
        if (current is null || await LoadOrderAsync(s, number) is not { } order || NextOnSchedule(order.Status, OrderLifecycle.IsLinesOnly(order.Items), current.At, now) is not { } next)
        {
            return null;
        }

        var schedule = _options.Lifecycle;
        IReadOnlyList<OrderEventShipment>? shipments = next == OrderStatus.Shipped
            ? [.. order.Items.Where(i => i.Kind == ProductKind.Equipment).Select(i => new OrderEventShipment(schedule.Carrier, NewTrackingNumber(), [new OrderEventShipmentItem(i.Sku, i.Quantity)]))]
            : null;
        OrderLifecycle.EnsureChange(order.Status, next, OrderLifecycle.IsLinesOnly(order.Items), shipments, order.Items);
        RecordChange(s, order, $"schedule:{order.Number}:{next}", next, now, now, "schedule", "", shipments);
        return (order.Status, next);
    }

    private static void RecordChange(DbSession s, Order order, string eventId, OrderStatus status, DateTimeOffset occurredAt, DateTimeOffset now, string source,
        string hash, IReadOnlyList<OrderEventShipment>? shipments)
    {
        InsertEvent(s, order.Number, eventId, status, occurredAt, now, source, hash);
        s.ExecuteLater("UPDATE orders SET status = $s, status_at = $now WHERE number = $n",
            ("$s", status.ToString()), ("$now", DbSession.FormatTime(now)), ("$n", order.Number));
        var shipmentNo = order.Shipments.Count;
        foreach (var shipment in shipments ?? [])
        {
            var items = System.Text.Json.JsonSerializer.Serialize(OrderLifecycle.ItemsOf(shipment, order.Items), OrderingJson.Options);
            s.ExecuteLater(
                "INSERT INTO order_shipments (order_number, shipment_no, event_id, carrier, tracking_number, items, shipped_at) VALUES ($n, $no, $e, $c, $t, $i, $at)",
                ("$n", order.Number), ("$no", ++shipmentNo), ("$e", eventId), ("$c", shipment.Carrier.Trim()), ("$t", shipment.TrackingNumber.Trim()), ("$i", items),
                ("$at", DbSession.FormatTime(occurredAt)));
        }
    }

    private static void InsertEvent(DbSession s, string number, string eventId, OrderStatus status, DateTimeOffset occurredAt, DateTimeOffset now, string source, string hash) =>
        s.ExecuteLater(
            "INSERT INTO order_events (event_id, order_number, status, occurred_at, recorded_at, source, request_hash) VALUES ($e, $n, $s, $at, $now, $src, $h)",
            ("$e", eventId), ("$n", number), ("$s", status.ToString()), ("$at", DbSession.FormatTime(occurredAt)), ("$now", DbSession.FormatTime(now)),
            ("$src", source), ("$h", hash));

    private static string PlacedEventId(string number) => "placed:" + number;

    private static Shipment ReadShipment(DbDataReader r) =>
        new(r.Str("carrier"), r.Str("tracking_number"), r.Time("shipped_at"),
            System.Text.Json.JsonSerializer.Deserialize<List<ShipmentItem>>(r.Str("items"), OrderingJson.Options) ?? []);

    private static string NewTrackingNumber() => "1Z" + RandomNumberGenerator.GetHexString(16);

    private static string HashEvent(OrderEvent e) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new { e.Status, OccurredAt = e.OccurredAt is { } at ? DbSession.FormatTime(at) : null, e.Shipments }, OrderingJson.Options)));

    /// <summary>Checks a card-setup link without using it (the card page's GET).</summary>
    internal Task<CardSetupLinkCheck> CheckCardSetupLinkAsync(string? token, CancellationToken cancellationToken) =>
        ReadAsync(async (s, now) =>
        {
            var link = await LoadLinkAsync(s, token);
            return new CardSetupLinkCheck(LinkStatus(link, now), link?.DisplayName);
        }, cancellationToken);

    /// <summary>Uses a card-setup link once to store a validated card (the card page's POST).</summary>
    internal async Task<CardAdded> AddCardWithSetupLinkAsync(string? token, ValidatedCard card, CancellationToken cancellationToken)
    {
        var added = await WriteAsync(async (s, now) =>
        {
            var link = await LoadLinkAsync(s, token);
            var status = LinkStatus(link, now);
            if (link is null || status != CardSetupLinkStatus.Valid)
            {
                throw LinkException(status);
            }

            var cardId = NewId("card");
            // A real deployment would receive this token from the payment processor's vault, which also got the number;
            // here it is simulated. Either way only the token, brand, last four and expiry are stored.
            var vaultToken = "tok_" + RandomNumberGenerator.GetHexString(24, lowercase: true);
            var accountId = await s.ScalarAsync<string>("SELECT account_id FROM users WHERE id = $u", ("$u", link.UserId));
            await s.ExecuteAsync(
                "INSERT INTO cards (id, account_id, added_by, vault_token, brand, last4, exp_month, exp_year, added_at) VALUES ($id, $a, $u, $t, $b, $l, $m, $y, $now)",
                ("$id", cardId), ("$a", accountId), ("$u", link.UserId), ("$t", vaultToken), ("$b", card.Brand), ("$l", card.Last4),
                ("$m", card.ExpiryMonth), ("$y", card.ExpiryYear), ("$now", DbSession.FormatTime(now)));
            await s.ExecuteAsync("UPDATE card_setup_links SET used_at = $now, card_id = $c WHERE token_hash = $h",
                ("$now", DbSession.FormatTime(now)), ("$c", cardId), ("$h", link.TokenHash));
            return new CardAdded(link.UserId, cardId, card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear, link.ConversationHint);
        }, cancellationToken);
        _logger.LogInformation("Card {CardId} ({Brand} ending {Last4}) added for {UserId}", added.CardId, added.Brand, added.Last4, added.UserId);
        return added;
    }

    internal static OrderingException LinkException(CardSetupLinkStatus status) => status switch
    {
        CardSetupLinkStatus.Used => new OrderingException(OrderingError.CardSetupLinkUsed),
        CardSetupLinkStatus.Expired => new OrderingException(OrderingError.CardSetupLinkExpired),
        _ => new OrderingException(OrderingError.CardSetupLinkInvalid),
    };

    private Task<T> ReadAsync<T>(Func<DbSession, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken) =>
        _db.RunAsync(write: false, s => work(s, _time.GetUtcNow()), cancellationToken);

    /// <summary>A read of one command (<see cref="OrderingDatabase.ReadInOneCommandAsync"/>): one round trip on PostgreSQL.</summary>
    private Task<T> ReadInOneCommandAsync<T>(Func<DbSession, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken) =>
        _db.ReadInOneCommandAsync(s => work(s, _time.GetUtcNow()), cancellationToken);

    private Task<T> WriteAsync<T>(Func<DbSession, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken) =>
        _db.RunAsync(write: true, s => work(s, _time.GetUtcNow()), cancellationToken);

    /// <summary>A write confined to one user's account (see <see cref="OrderingDatabase.RunForUserAsync"/>): may run again after losing a race on a unique key.</summary>
    private Task<T> WriteForUserAsync<T>(string userId, Func<DbSession, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken) =>
        _db.RunForUserAsync(userId, s => work(s, _time.GetUtcNow()), cancellationToken);

    /// <summary>
    /// A write about one order, under its account's lock (an order's user never changes, so it is looked up first). An
    /// order number nobody holds runs under the schema-wide lock, where <paramref name="work"/> refuses it.
    /// </summary>
    private async Task<T> WriteForOrderAsync<T>(string orderNumber, Func<DbSession, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken)
    {
        var userId = await ReadAsync((s, _) => s.QuerySingleAsync("SELECT user_id FROM orders WHERE number = $n", r => r.Str("user_id"), ("$n", orderNumber)), cancellationToken);
        return userId is null ? await WriteAsync(work, cancellationToken) : await WriteForUserAsync(userId, work, cancellationToken);
    }

    /// <summary>
    /// Common shape of every cart change: eligible user, their open cart, the change the cart itself makes (and
    /// refuses), then its new version, time and shipping method saved.
    /// </summary>
    private Task<Cart> MutateCartAsync(string userId, string cartId, Func<DbSession, ShoppingCart, DateTimeOffset, Task> change, CancellationToken cancellationToken) =>
        MutateCartAsync<object>(userId, cartId, extra: null, (s, cart, _, now) => change(s, cart, now), cancellationToken);

    /// <summary>The catalog item <paramref name="sku"/> (null when unknown) for a change of its quantity.</summary>
    private static Extra<CartLine> ProductExtra(string sku) =>
        new(ProductAsLineSelect, sku, results => results.ReadSingleAsync(ReadItem));

    /// <summary>
    /// As above, with one more row the change needs (<paramref name="extra"/>: a product, a shipping method) read in the
    /// same command as the user and the cart. The changes are saved in the round trip that commits.
    /// </summary>
    private Task<Cart> MutateCartAsync<T>(string userId, string cartId, Extra<T>? extra, Func<DbSession, ShoppingCart, T?, DateTimeOffset, Task> change, CancellationToken cancellationToken)
        where T : class =>
        WriteForUserAsync(userId, async (s, now) =>
        {
            ShoppingCart cart;
            T? row = null;
            await using (var results = extra is null
                ? await s.QueryManyAsync(UserAndCartSelects, ("$id", userId), ("$cart", cartId))
                : await s.QueryManyAsync(UserAndCartSelects + ";\n" + extra.Sql, ("$id", userId), ("$cart", cartId), ("$extra", extra.Key)))
            {
                (_, cart) = await ReadEligibleUserAndOpenCartAsync(results, userId, cartId, now);
                if (extra is not null)
                {
                    row = await extra.ReadAsync(results);
                }
            }

            await change(s, cart, row, now);
            s.ExecuteLater("UPDATE carts SET version = $v, updated_at = $now, shipping_method = $m, assisted_by_id = $abid, assisted_by_name = $abname WHERE id = $id",
                ("$v", cart.Version), ("$now", DbSession.FormatTime(now)), ("$m", cart.ShippingMethodCode),
                ("$abid", cart.AssistedBy?.Id), ("$abname", cart.AssistedBy?.Name), ("$id", cart.Id));
            return cart.ToCart(now);
        }, cancellationToken);

    /// <summary>A select of one row by <c>$extra</c> = <paramref name="Key"/>, and how to read its result set.</summary>
    private sealed record Extra<T>(string Sql, string Key, Func<DbSession.Results, Task<T?>> ReadAsync)
        where T : class;

    private static void SaveItem(DbSession s, ShoppingCart cart, CartItemChange change)
    {
        if (change.Quantity == 0)
        {
            s.ExecuteLater("DELETE FROM cart_items WHERE cart_id = $c AND sku = $s", ("$c", cart.Id), ("$s", change.Sku));
        }
        else
        {
            s.ExecuteLater(
                "INSERT INTO cart_items (cart_id, sku, quantity) VALUES ($c, $s, $q) ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = $q",
                ("$c", cart.Id), ("$s", change.Sku), ("$q", change.Quantity));
        }
    }

    private static CartLine RequireProduct(CartLine? product, string sku) => product ?? throw ShoppingCart.Refuse(OrderingError.UnknownSku, ("sku", sku));

    private async Task<ShoppingCart> LoadCartAsync(DbSession s, CartRow row, Account account) =>
        NewCart(row, await LoadItemsAsync(s, row.Id), account);

    private ShoppingCart NewCart(CartRow row, List<CartLine> items, Account account) =>
        new(row.Id, row.UserId, row.Status, row.Version, row.ShippingMethod, row.UpdatedAt, items, account, _options, row.AssistedBy);

    private bool IsIdleExpired(CartRow cart, DateTimeOffset now) => cart.UpdatedAt + _options.CartIdleTimeout <= now;

    /// <summary>
    /// Reads the result sets of <see cref="UserAndCartSelects"/>: the eligible user and their open cart, refused as the
    /// rules say (unknown or ineligible user first, then a cart that is not theirs, then one that is closed).
    /// </summary>
    private async Task<(OrderingUser User, ShoppingCart Cart)> ReadEligibleUserAndOpenCartAsync(DbSession.Results results, string userId, string cartId, DateTimeOffset now)
    {
        var user = RequireEligible(await results.ReadSingleAsync(ReadUser), userId);
        var row = await results.ReadSingleAsync(ReadCart);
        var items = await results.ReadAsync(ReadItem);
        var orderNumber = (await results.ReadAsync(r => r.Str("number"))).FirstOrDefault();
        // Another user's cart is reported exactly like a missing one, so ids cannot be probed.
        if (row is null || row.UserId != user.Id)
        {
            throw ShoppingCart.Refuse(OrderingError.CartNotFound, ("cartId", cartId));
        }

        var cart = NewCart(row, items, user.Account);
        cart.EnsureOpen(now, row.Status == CartStatus.Ordered ? orderNumber : null);
        return (user, cart);
    }

    private static OrderingUser RequireUser(OrderingUser? user, string userId) =>
        user ?? throw ShoppingCart.Refuse(OrderingError.UnknownUser, ("userId", userId));

    private static OrderingUser RequireEligible(OrderingUser? user, string userId)
    {
        var known = RequireUser(user, userId);
        ShoppingCart.EnsureEligible(known);
        return known;
    }

    private static async Task<OrderingUser> RequireUserAsync(DbSession s, string userId) =>
        RequireUser(await LoadUserAsync(s, "u.id = $id", ("$id", userId)), userId);

    private static async Task<OrderingUser> RequireEligibleUserAsync(DbSession s, string userId) =>
        RequireEligible(await LoadUserAsync(s, "u.id = $id", ("$id", userId)), userId);

    /// <summary>The user and their account; add a WHERE on <c>u</c> and <c>a</c>.</summary>
    private const string UserSelect =
        """
        SELECT u.id, u.display_name, u.email, u.profile, u.aad_object_id, a.aad_tenant_id, a.id AS account_id, a.name AS account_name,
               a.product_family, a.country, a.is_wholesale, a.default_payment_method, a.lines, a.lines_with_device,
               a.ship_name, a.ship_street, a.ship_city, a.ship_state, a.ship_postal_code, a.ship_country
        FROM users u JOIN accounts a ON a.id = u.account_id
        """;

    /// <summary>Cart lines with their products; add the joins and WHERE that pick the cart, and the order.</summary>
    private const string ItemsSelect = "SELECT p.sku, p.name, p.kind, p.category, p.price_cents, p.requires_line, p.sort_order, i.quantity FROM cart_items i JOIN products p ON p.sku = i.sku";

    // Every read names its columns: a prepared statement with * fails once per connection ("cached plan must not
    // change result type") when a rolling upgrade adds a column to its table while instances of the old release run.
    private const string ProductColumns = "sku, name, kind, category, price_cents, requires_line, sort_order";

    private const string CartColumns = "id, user_id, status, version, shipping_method, updated_at, assisted_by_id, assisted_by_name";

    /// <summary>The catalog item <c>$extra</c> as a cart line of no quantity: no row when the SKU is unknown.</summary>
    private const string ProductAsLineSelect = $"SELECT {ProductColumns}, 0 AS quantity FROM products WHERE sku = $extra";

    private const string ShippingColumns = "code, name, price_cents, min_days, max_days";

    /// <summary>The open cart of user <c>$id</c>: no row when there is none.</summary>
    private const string OpenCartOfUserSelect = $"SELECT {CartColumns} FROM carts WHERE user_id = $id AND status = 'Open'";

    private const string QuoteColumns =
        "cart_id, user_id, cart_version, created_at, expires_at, tax_rate_basis_points, one_time_cents, monthly_cents, shipping_cents, tax_cents, monthly_tax_cents, total_cents";

    private const string ShipmentColumns = "carrier, tracking_number, shipped_at, items";

    private const string OrderColumns =
        """
        number, user_id, account_id, cart_id, quote_id, card_id, card_brand, card_last4, default_payment_method, card_pays_initial_only,
        shipping_method, shipping_name, shipping_min_days, shipping_max_days, ship_name, ship_street, ship_city, ship_state, ship_postal_code, ship_country,
        one_time_cents, monthly_cents, shipping_cents, tax_rate_basis_points, tax_cents, monthly_tax_cents, total_cents,
        terms_version, terms_accepted_at, terms_accepted_by, placed_at, status, assisted_by_id, assisted_by_name
        """;

    /// <summary>The cards on the account of user <c>$id</c>, newest first.</summary>
    private const string CardsOfUserSelect = "SELECT id, brand, last4, exp_month, exp_year, added_at FROM cards WHERE account_id = (SELECT account_id FROM users WHERE id = $id) ORDER BY added_at DESC, id";

    /// <summary>The shipping method chosen on cart <c>$cart</c>: no row when none is.</summary>
    private const string ShippingOfCartSelect =
        "SELECT m.code, m.name, m.price_cents, m.min_days, m.max_days FROM shipping_methods m JOIN carts c ON c.shipping_method = m.code WHERE c.id = $cart";

    private const string TermsSelect = "SELECT version, effective_at, summary, body FROM terms ORDER BY effective_at DESC";

    /// <summary>
    /// User <c>$id</c>, cart <c>$cart</c>, its lines and the order placed from it, if any: what a change to a cart
    /// needs, in one command (<see cref="ReadEligibleUserAndOpenCartAsync"/> reads it).
    /// </summary>
    private const string UserAndCartSelects =
        $"""
        {UserSelect} WHERE u.id = $id;
        SELECT {CartColumns} FROM carts WHERE id = $cart;
        {ItemsSelect} WHERE i.cart_id = $cart ORDER BY p.sort_order;
        SELECT number FROM orders WHERE cart_id = $cart
        """;

    private static async Task<OrderingUser?> LoadUserAsync(DbSession s, string where, params (string, object?)[] parameters) =>
        await s.QuerySingleAsync($"{UserSelect} WHERE {where}", ReadUser, parameters);

    private static OrderingUser ReadUser(DbDataReader r) =>
        new(r.Str("id"), r.Str("display_name"), r.Str("email"), r.Enum<UserProfile>("profile"), r.StrOrNull("aad_tenant_id"), r.StrOrNull("aad_object_id"),
            new Account(r.Str("account_id"), r.Str("account_name"), r.Enum<ProductFamily>("product_family"), r.Str("country"), r.Bool("is_wholesale"),
                r.Enum<PaymentMethod>("default_payment_method"), r.Int("lines"), r.Int("lines_with_device"), ReadAddress(r, "ship_")));

    private static Address ReadAddress(DbDataReader r, string prefix) =>
        new(r.Str(prefix + "name"), r.Str(prefix + "street"), r.Str(prefix + "city"), r.Str(prefix + "state"), r.Str(prefix + "postal_code"), r.Str(prefix + "country"));

    private static Func<DbDataReader, PaymentCard> ReadCardOn(DateTimeOffset now) =>
        r => new PaymentCard(r.Str("id"), r.Str("brand"), r.Str("last4"), r.Int("exp_month"), r.Int("exp_year"), r.Time("added_at"),
            CardValidation.IsValidOn(r.Int("exp_month"), r.Int("exp_year"), now));

    private static QuoteRow ReadQuote(DbDataReader r) =>
        new(new QuoteFacts(r.Str("cart_id"), r.Str("user_id"), r.Int("cart_version"), r.Time("created_at"), r.Time("expires_at")),
            r.Int("tax_rate_basis_points"), r.Long("one_time_cents"), r.Long("monthly_cents"), r.Long("shipping_cents"),
            r.Long("tax_cents"), r.Long("monthly_tax_cents"), r.Long("total_cents"));

    private static async Task<CartLine> RequireProductAsync(DbSession s, string sku) =>
        await s.QuerySingleAsync(ProductAsLineSelect, ReadItem, ("$extra", sku))
            ?? throw ShoppingCart.Refuse(OrderingError.UnknownSku, ("sku", sku));

    private static Task<List<CartLine>> LoadItemsAsync(DbSession s, string cartId) =>
        s.QueryAsync($"{ItemsSelect} WHERE i.cart_id = $c ORDER BY p.sort_order", ReadItem, ("$c", cartId));

    private static CartLine ReadItem(DbDataReader r) =>
        new(r.Str("sku"), r.Str("name"), r.Enum<ProductKind>("kind"), r.Enum<ProductCategory>("category"), r.Int("quantity"), r.Long("price_cents"), r.Bool("requires_line"),
            r.Int("sort_order"));

    private static CartRow ReadCart(DbDataReader r) =>
        new(r.Str("id"), r.Str("user_id"), r.Enum<CartStatus>("status"), r.Int("version"), r.StrOrNull("shipping_method"), r.Time("updated_at"), ReadAgent(r));

    private static AssistingAgent? ReadAgent(DbDataReader r) =>
        r.StrOrNull("assisted_by_id") is { } id ? new AssistingAgent(id, r.StrOrNull("assisted_by_name") ?? id) : null;

    private static ShippingMethod ReadShippingMethod(DbDataReader r) =>
        new(r.Str("code"), r.Str("name"), Money.FromCents(r.Long("price_cents")), r.Int("min_days"), r.Int("max_days"));

    private async Task<Terms> LoadCurrentTermsAsync(DbSession s, DateTimeOffset now) => CurrentTerms(await s.QueryAsync(TermsSelect, ReadTerms), now);

    private Terms ReadTerms(DbDataReader r) =>
        new(r.Str("version"), r.Time("effective_at"), r.Str("summary"), r.Str("body"), new Uri($"{_options.PublicBaseUrl.TrimEnd('/')}{Api.TermsPage.Path}"));

    /// <summary>The terms in force at <paramref name="now"/>, from all terms newest first (the oldest when none is in force yet).</summary>
    private static Terms CurrentTerms(List<Terms> newestFirst, DateTimeOffset now) => newestFirst.FirstOrDefault(t => t.EffectiveAt <= now) ?? newestFirst[^1];

    /// <summary>An order's lines, history, shipments and row, in one command: <paramref name="number"/> is SQL for its number.</summary>
    private static string OrderSelects(string number) =>
        $"""
        SELECT sku, name, kind, category, quantity, unit_price_cents FROM order_items WHERE order_number = {number} ORDER BY line_no;
        SELECT status, occurred_at, event_id, source FROM order_events WHERE order_number = {number} ORDER BY seq;
        SELECT {ShipmentColumns} FROM order_shipments WHERE order_number = {number} ORDER BY shipment_no;
        SELECT {OrderColumns} FROM orders WHERE number = {number}
        """;

    private static readonly string OrderByNumberSelects = OrderSelects("$n");

    private static readonly string OrderForCartSelects = OrderSelects("(SELECT number FROM orders WHERE cart_id = $c AND user_id = $u)");

    private static async Task<Order?> LoadOrderAsync(DbSession s, string number)
    {
        await using var results = await s.QueryManyAsync(OrderByNumberSelects, ("$n", number));
        return await ReadOrderAsync(results);
    }

    /// <summary>Reads the result sets of <see cref="OrderSelects"/>.</summary>
    private static async Task<Order?> ReadOrderAsync(DbSession.Results results)
    {
        var items = await results.ReadAsync(
            r => new LineItem(r.Str("sku"), r.Str("name"), r.Enum<ProductKind>("kind"), r.Enum<ProductCategory>("category"), r.Int("quantity"),
                Money.FromCents(r.Long("unit_price_cents")), Money.FromCents(r.Long("unit_price_cents") * r.Int("quantity"))));
        var history = await results.ReadAsync(
            r => new OrderStatusChange(r.Enum<OrderStatus>("status"), r.Time("occurred_at"), r.Str("event_id"), r.Str("source")));
        var shipments = await results.ReadAsync(ReadShipment);
        return await results.ReadSingleAsync(r =>
        {
            var shippingCode = r.StrOrNull("shipping_method");
            var shipping = shippingCode is null ? null
                : new ShippingMethod(shippingCode, r.Str("shipping_name"), Money.FromCents(r.Long("shipping_cents")), r.Int("shipping_min_days"), r.Int("shipping_max_days"));
            var priced = new PricedAmounts(r.Long("one_time_cents"), r.Long("monthly_cents"), r.Long("shipping_cents"), r.Int("tax_rate_basis_points"),
                r.Long("tax_cents"), r.Long("monthly_tax_cents"));
            var shipTo = ReadAddress(r, "ship_");
            return new Order(r.Str("number"), r.Str("user_id"), r.Str("account_id"), r.Time("placed_at"), items, shipping, shipTo,
                Money.FromCents(priced.EquipmentCents), Money.FromCents(priced.MonthlyServiceCents), Money.FromCents(priced.ShippingCents),
                priced.TaxRateBasisPoints / 10000m, Money.FromCents(priced.TaxTodayCents), Money.FromCents(r.Long("total_cents")),
                Money.FromCents(priced.MonthlyTotalCents),
                new OrderPayment(r.Str("card_id"), r.Str("card_brand"), r.Str("card_last4"), r.Enum<PaymentMethod>("default_payment_method"), r.Bool("card_pays_initial_only")),
                r.Str("terms_version"), r.Time("terms_accepted_at"), r.Str("terms_accepted_by"), r.Str("quote_id"), r.Str("cart_id"),
                Pricing.Breakdown(priced, shipping?.Name, shipTo.State), r.Enum<OrderStatus>("status"), history, shipments, ReadAgent(r));
        });
    }

    private static async Task<string> NewOrderNumberAsync(DbSession s, DateTimeOffset now)
    {
        // Five random digits read well on the phone; collisions are retried, and a crowded year falls back to eight digits.
        for (var attempt = 0; ; attempt++)
        {
            var digits = attempt < 20 ? RandomNumberGenerator.GetInt32(10_000, 100_000) : RandomNumberGenerator.GetInt32(10_000_000, 100_000_000);
            var number = string.Create(CultureInfo.InvariantCulture, $"SO-{now.Year}-{digits}");
            if (await s.ScalarAsync<long>("SELECT COUNT(*) FROM orders WHERE number = $n", ("$n", number)) == 0)
            {
                return number;
            }
        }
    }

    private static async Task<LinkRow?> LoadLinkAsync(DbSession s, string? token) =>
        string.IsNullOrWhiteSpace(token) || token.Length > 100 ? null
            : await s.QuerySingleAsync(
                "SELECT l.token_hash, l.user_id, l.conversation_hint, l.expires_at, l.used_at, u.display_name FROM card_setup_links l JOIN users u ON u.id = l.user_id WHERE l.token_hash = $h",
                r => new LinkRow(r.Str("token_hash"), r.Str("user_id"), r.Str("display_name"), r.StrOrNull("conversation_hint"), r.Time("expires_at"), r.StrOrNull("used_at") is not null),
                ("$h", HashToken(token)));

    private static CardSetupLinkStatus LinkStatus(LinkRow? link, DateTimeOffset now) => link switch
    {
        null => CardSetupLinkStatus.Unknown,
        { Used: true } => CardSetupLinkStatus.Used,
        _ when link.ExpiresAt <= now => CardSetupLinkStatus.Expired,
        _ => CardSetupLinkStatus.Valid,
    };

    private static string HashRequest(PlaceOrderRequest r) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', r.UserId, r.CartId, r.QuoteId, r.CardId ?? string.Empty, r.TermsVersion, DbSession.FormatTime(r.AcceptedAt)))));

    private static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string NewId(string prefix) => $"{prefix}-{RandomNumberGenerator.GetHexString(16, lowercase: true)}";

    private sealed record QuoteRow(QuoteFacts Facts, int Rate, long OneTime, long Monthly, long Shipping, long Tax, long MonthlyTax, long Total);

    private sealed record CartRow(string Id, string UserId, CartStatus Status, int Version, string? ShippingMethod, DateTimeOffset UpdatedAt, AssistingAgent? AssistedBy = null);

    private sealed record LinkRow(string TokenHash, string UserId, string DisplayName, string? ConversationHint, DateTimeOffset ExpiresAt, bool Used);
}

internal enum CardSetupLinkStatus
{
    Valid,
    Unknown,
    Used,
    Expired,
}

internal sealed record CardSetupLinkCheck(CardSetupLinkStatus Status, string? DisplayName);
