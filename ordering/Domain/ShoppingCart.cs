using System.Globalization;

namespace My8x8.SalesBot.Ordering.Domain;

/// <summary>One product line of a cart as the rules see it: prices in cents, and whether the device needs a line.</summary>
internal sealed record CartLine(string Sku, string Name, ProductKind Kind, ProductCategory Category, int Quantity, long UnitCents, bool RequiresLine, int SortOrder)
{
    public LineItem ToItem() => new(Sku, Name, Kind, Category, Quantity, Money.FromCents(UnitCents), Money.FromCents(UnitCents * Quantity));
}

/// <summary>What a cart change wrote: the item's new quantity (0: removed), for the store to persist.</summary>
internal sealed record CartItemChange(string Sku, int Quantity);

/// <summary>One line of the contents a sales agent sets for a cart: the catalog row and how many (0 leaves it out).</summary>
internal sealed record AssistedContent(CartLine Product, int Quantity);

/// <summary>The facts of a stored quote that decide whether an order may be placed from it.</summary>
internal sealed record QuoteFacts(string CartId, string UserId, int CartVersion, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// The self-service ordering rules, in one place and without I/O: who may order, what a cart may hold, when it
/// is ready for checkout, what is shipped, how it is priced and what the card pays. The ordering services load a
/// cart into this type, change it only through its methods, and persist what it says; the conversation reads the
/// results (<see cref="Cart.Problems"/>, <see cref="Cart.Readiness"/>) and words them. A refused change throws an
/// <see cref="OrderingException"/> with a code and the numbers behind it, never with customer wording.
/// <para>
/// A cart a sales agent prepared (<see cref="AssistedBy"/>, set only by <see cref="PrepareAssisted"/>) is held to the
/// sales-assisted limits instead of the self-service ones. The customer may still lower or remove what the agent put
/// in and the cart stays assisted (the agent approved more than that); any increase by the customer, or emptying it,
/// makes it a self-service cart again, held to the self-service limits — otherwise an agent's one-line cart could be
/// grown to the assisted limit without any agent seeing it.
/// </para>
/// </summary>
internal sealed class ShoppingCart
{
    private static readonly UserProfile[] OrderingProfiles =
        [UserProfile.CustomerCommunityQtcAdmin, UserProfile.CustomerCommunityOrdering, UserProfile.CustomerCommunityBillingAndOrdering];

    // Acceptance stamped a little ahead of the service's clock is tolerated; clocks of callers drift.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly List<CartLine> _lines;
    private readonly Account _account;
    private readonly OrderingOptions _options;

    public ShoppingCart(string id, string userId, CartStatus status, int version, string? shippingMethodCode, DateTimeOffset updatedAt,
        IEnumerable<CartLine> lines, Account account, OrderingOptions options, AssistingAgent? assistedBy = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);
        Id = id;
        UserId = userId;
        Status = status;
        Version = version;
        ShippingMethodCode = shippingMethodCode;
        UpdatedAt = updatedAt;
        _lines = [.. lines];
        _account = account;
        _options = options;
        AssistedBy = assistedBy;
        Recount();
    }

    public string Id { get; }

    public string UserId { get; }

    public CartStatus Status { get; }

    /// <summary>Changes with every change to the contents or the shipping method, which voids earlier quotes.</summary>
    public int Version { get; private set; }

    public string? ShippingMethodCode { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The sales agent who prepared this cart, while it is held to the sales-assisted limits; null for self service.</summary>
    public AssistingAgent? AssistedBy { get; private set; }

    /// <summary>The most new lines this cart may hold: the sales-assisted limit for a prepared cart, else the self-service one.</summary>
    public int MaxLines => AssistedBy is null ? _options.MaxLinesPerOrder : _options.MaxLinesPerAssistedOrder;

    /// <summary>The most devices this cart may hold, chosen like <see cref="MaxLines"/>.</summary>
    public int MaxDevices => AssistedBy is null ? _options.MaxDevicesPerOrder : _options.MaxDevicesPerAssistedOrder;

    public IReadOnlyList<CartLine> Lines => _lines;

    public int LineCount { get; private set; }

    /// <summary>All equipment: counted against the device limit, and what ships.</summary>
    public int DeviceCount { get; private set; }

    /// <summary>Devices that are associated with a line before they ship.</summary>
    public int DevicesNeedingLine { get; private set; }

    /// <summary>Lines a new device can go on: lines on the account without a device plus the new lines in this cart.</summary>
    public int LinesAvailableForDevices => _account.LinesWithoutDevice + LineCount;

    /// <summary>Equipment ships, so a shipping method is needed exactly when the cart has devices.</summary>
    public bool NeedsShipping => DeviceCount > 0;

    /// <summary>
    /// Above <see cref="OrderingOptions.SalesAssistAboveLines"/> new lines a sales agent is offered (advice, not a
    /// limit) — unless an agent already prepared the cart.
    /// </summary>
    public bool SalesAssistOffered => AssistedBy is null && LineCount > _options.SalesAssistAboveLines;

    public DateTimeOffset ExpiresAt => UpdatedAt + _options.CartIdleTimeout;

    public CartLimits Limits => new(_options.MaxLinesPerOrder, _options.MaxDevicesPerOrder, _options.SalesAssistAboveLines, _options.MaxQuantityPerItem,
        _options.MaxLinesPerAssistedOrder, _options.MaxDevicesPerAssistedOrder);

    /// <summary>The rules the cart breaks now, each with its numbers; quoting and ordering are refused while any is present.</summary>
    public IReadOnlyList<CartProblem> Problems
    {
        get
        {
            var problems = new List<CartProblem>();
            if (LineCount > MaxLines)
            {
                problems.Add(new(CartProblemCode.TooManyLines, LineCount, MaxLines));
            }

            if (DeviceCount > MaxDevices)
            {
                problems.Add(new(CartProblemCode.TooManyDevices, DeviceCount, MaxDevices));
            }

            if (DevicesNeedingLine > LinesAvailableForDevices)
            {
                problems.Add(new(CartProblemCode.DevicesExceedAvailableLines, DevicesNeedingLine, LinesAvailableForDevices));
            }

            return problems;
        }
    }

    /// <summary>How far the cart is from checkout: the first thing that still stands in the way.</summary>
    public CheckoutReadiness Readiness(IReadOnlyList<CartProblem> problems) =>
        _lines.Count == 0 ? CheckoutReadiness.Empty
        : problems.Count > 0 ? CheckoutReadiness.BreaksRules
        : NeedsShipping && ShippingMethodCode is null ? CheckoutReadiness.NeedsShippingMethod
        : CheckoutReadiness.Ready;

    // ---- eligibility and payment -------------------------------------------------------------------------------

    /// <summary>Every eligibility rule the user fails, in the order they are explained (empty: eligible).</summary>
    public static IReadOnlyList<EligibilityReason> EligibilityOf(OrderingUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reasons = new List<EligibilityReason>();
        if (!OrderingProfiles.Contains(user.Profile))
        {
            reasons.Add(EligibilityReason.WrongProfile);
        }

        if (user.Account.ProductFamily == ProductFamily.Express)
        {
            reasons.Add(EligibilityReason.Express);
        }

        if (user.Account.Country != "US")
        {
            reasons.Add(EligibilityReason.NotUnitedStates);
        }

        if (user.Account.IsWholesale)
        {
            reasons.Add(EligibilityReason.Wholesale);
        }

        if (user.Account.DefaultPaymentMethod is not (PaymentMethod.Invoice or PaymentMethod.Ach or PaymentMethod.CreditCard))
        {
            reasons.Add(EligibilityReason.UnsupportedPaymentMethod);
        }

        return reasons;
    }

    /// <summary>The eligibility result of a known user, with the account facts the conversation needs.</summary>
    public static EligibilityResult Eligibility(OrderingUser user, IReadOnlyList<PaymentCard> cards)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(cards);
        var reasons = EligibilityOf(user);
        var validCards = cards.Count(c => c.IsValid);
        var account = user.Account;
        var facts = new EligibilityFacts(user.Profile, account.ProductFamily, account.Country, account.IsWholesale, account.DefaultPaymentMethod,
            account.Lines, account.LinesWithoutDevice, validCards > 0, validCards);
        return new EligibilityResult(user.Id, reasons.Count == 0, reasons.Count == 0 ? null : reasons[0], reasons, facts);
    }

    /// <summary>The eligibility result of a user id nobody knows.</summary>
    public static EligibilityResult UnknownUser(string userId) =>
        new(userId, false, EligibilityReason.UnknownUser, [EligibilityReason.UnknownUser], null);

    /// <summary>Refuses a user who may not order through self service (cart, quote and order operations).</summary>
    public static void EnsureEligible(OrderingUser user)
    {
        var reasons = EligibilityOf(user);
        if (reasons.Count > 0)
        {
            throw Refuse(OrderingError.NotEligible, ("reason", reasons[0].ToString()), ("country", user.Account.Country),
                ("paymentMethod", user.Account.DefaultPaymentMethod.ToString()));
        }
    }

    /// <summary>Invoice and ACH payers' cards pay only this order's initial charge; later charges stay on the default method.</summary>
    public static bool CardPaysInitialChargeOnly(PaymentMethod defaultPaymentMethod) => defaultPaymentMethod is PaymentMethod.Invoice or PaymentMethod.Ach;

    /// <summary>The card to charge: the one named (which must be on the account and valid), else the newest valid card.</summary>
    public static PaymentCard CardToCharge(IReadOnlyList<PaymentCard> accountCards, string? cardId) =>
        cardId is not null ? UsableCard(accountCards, cardId)
            : accountCards.FirstOrDefault(c => c.IsValid) ?? throw Refuse(OrderingError.NoValidCard);

    /// <summary>A card named for a quote or order: on this account and not expired.</summary>
    public static PaymentCard UsableCard(IReadOnlyList<PaymentCard> accountCards, string cardId)
    {
        ArgumentNullException.ThrowIfNull(accountCards);
        var card = accountCards.FirstOrDefault(c => c.Id == cardId) ?? throw Refuse(OrderingError.CardNotFound, ("cardId", cardId));
        return card.IsValid
            ? card
            : throw Refuse(OrderingError.CardExpired, ("cardId", card.Id), ("brand", card.Brand), ("last4", card.Last4),
                ("expiryMonth", Num(card.ExpiryMonth)), ("expiryYear", Num(card.ExpiryYear)));
    }

    // ---- the cart's life ---------------------------------------------------------------------------------------

    /// <summary>A cart idle for <see cref="OrderingOptions.CartIdleTimeout"/> is expired; the next look opens a new one.</summary>
    public bool IsIdleExpired(DateTimeOffset now) => ExpiresAt <= now;

    /// <summary>
    /// Refuses a cart that can no longer change: already ordered (as <paramref name="orderNumber"/>, which the store
    /// reads for an ordered cart) or expired.
    /// </summary>
    public void EnsureOpen(DateTimeOffset now, string? orderNumber)
    {
        if (Status == CartStatus.Ordered)
        {
            throw Refuse(OrderingError.CartNotOpen, ("orderNumber", orderNumber ?? string.Empty));
        }

        if (Status == CartStatus.Expired || IsIdleExpired(now))
        {
            throw Refuse(OrderingError.CartExpired, ("expiredAt", ExpiresAt.ToString("O", CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Refuses a quantity outside 1 to <see cref="OrderingOptions.MaxQuantityPerItem"/> before anything is read.</summary>
    public static void EnsureQuantity(int quantity, OrderingOptions options, int alreadyInCart = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (quantity < 1 || quantity > options.MaxQuantityPerItem)
        {
            throw Refuse(OrderingError.InvalidQuantity, ("quantity", Num(quantity)), ("min", "1"), ("max", Num(options.MaxQuantityPerItem)),
                ("inCart", Num(alreadyInCart)));
        }
    }

    /// <summary>Adds to what the cart already holds of <paramref name="product"/> (a catalog row).</summary>
    public CartItemChange Add(CartLine product, int quantity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(product);
        EnsureQuantity(quantity, _options);
        var existing = _lines.FirstOrDefault(l => l.Sku == product.Sku)?.Quantity ?? 0;
        EnsureQuantity(existing + quantity, _options, existing);
        return Put(product, existing + quantity, now);
    }

    public CartItemChange SetQuantity(CartLine product, int quantity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(product);
        EnsureQuantity(quantity, _options);
        RequireInCart(product.Sku);
        return Put(product, quantity, now);
    }

    public CartItemChange Remove(CartLine product, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(product);
        RequireInCart(product.Sku);
        return Put(product, 0, now);
    }

    public void Empty(DateTimeOffset now)
    {
        _lines.Clear();
        // Nothing the agent prepared is left: whatever comes next the customer builds alone.
        AssistedBy = null;
        Changed(now);
    }

    /// <summary>
    /// A sales agent sets the cart's whole contents (a quantity of 0 leaves a product out) and the cart becomes theirs:
    /// held to the sales-assisted limits from now on. Refused, with nothing changed, when the contents are empty,
    /// name a product twice, hold a quantity outside 0 to <see cref="OrderingOptions.MaxQuantityPerItem"/>, or break
    /// the sales-assisted limits or devices ≤ lines. Returns every item whose quantity the store must write.
    /// </summary>
    public IReadOnlyList<CartItemChange> PrepareAssisted(AssistingAgent agent, IReadOnlyList<AssistedContent> contents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(contents);
        if (string.IsNullOrWhiteSpace(agent.Id) || string.IsNullOrWhiteSpace(agent.Name) || agent.Id.Length > 100 || agent.Name.Length > 100)
        {
            throw Refuse(OrderingError.InvalidRequest, ("problem", "a sales-assisted cart needs the agent's id and name (1 to 100 characters each)"));
        }

        if (contents.GroupBy(c => c.Product.Sku).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw Refuse(OrderingError.InvalidRequest, ("problem", $"{repeated.Key} is listed more than once"));
        }

        foreach (var content in contents.Where(c => c.Quantity != 0))
        {
            EnsureQuantity(content.Quantity, _options);
        }

        var lines = contents.Where(c => c.Quantity > 0).Select(c => c.Product with { Quantity = c.Quantity }).OrderBy(l => l.SortOrder).ToList();
        if (lines.Count == 0)
        {
            throw Refuse(OrderingError.CartEmpty);
        }

        var proposed = new ShoppingCart(Id, UserId, Status, Version, ShippingMethodCode, UpdatedAt, lines, _account, _options, agent);
        proposed.EnsureWithinRules();

        var changes = _lines.Where(l => lines.TrueForAll(n => n.Sku != l.Sku)).Select(l => new CartItemChange(l.Sku, 0))
            .Concat(lines.Select(l => new CartItemChange(l.Sku, l.Quantity)))
            .ToList();
        _lines.Clear();
        _lines.AddRange(lines);
        AssistedBy = agent;
        Changed(now);
        return changes;
    }

    /// <summary>Chooses how the equipment ships; there is nothing to ship without equipment.</summary>
    public void ChooseShipping(ShippingMethod method, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!NeedsShipping)
        {
            throw Refuse(OrderingError.ShippingNotAllowed);
        }

        ShippingMethodCode = method.Code;
        Changed(now);
    }

    /// <summary>Quoting keeps the cart from idling out without changing its contents version.</summary>
    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    // ---- checkout ------------------------------------------------------------------------------------------------

    /// <summary>Refuses a quote or an order for a cart that is empty, breaks a rule, or ships without a method.</summary>
    public void EnsureCheckoutReady()
    {
        var problems = Problems;
        switch (Readiness(problems))
        {
            case CheckoutReadiness.Empty:
                throw Refuse(OrderingError.CartEmpty);
            case CheckoutReadiness.BreaksRules:
                EnsureWithinRules();
                break;
            case CheckoutReadiness.NeedsShippingMethod:
                throw Refuse(OrderingError.ShippingMethodRequired);
        }
    }

    /// <summary>Refuses a cart that breaks a rule, naming the first one with its numbers and which limits were in force.</summary>
    private void EnsureWithinRules()
    {
        var problems = Problems;
        if (problems.Count == 0)
        {
            return;
        }

        var limit = ("limit", AssistedBy is null ? "selfService" : "salesAssisted");
        throw problems[0].Code switch
        {
            CartProblemCode.TooManyLines => Refuse(OrderingError.TooManyLines, ("lines", Num(LineCount)), ("maxLines", Num(MaxLines)), limit),
            CartProblemCode.TooManyDevices => Refuse(OrderingError.TooManyDevices, ("devices", Num(DeviceCount)), ("maxDevices", Num(MaxDevices)), limit),
            _ => Refuse(OrderingError.DevicesExceedAvailableLines, ("devices", Num(DevicesNeedingLine)), ("newLines", Num(LineCount)),
                ("linesWithoutDevice", Num(_account.LinesWithoutDevice)), ("allowed", Num(LinesAvailableForDevices))),
        };
    }

    /// <summary>
    /// Prices the cart as it is: equipment, the first month of service and shipping today, tax on the taxable base at
    /// the ship-to state's rate (see <see cref="Pricing"/>). Only a cart ready for checkout is priced.
    /// </summary>
    public PricedAmounts Price(ShippingMethod? shipping, int taxRateBasisPoints)
    {
        EnsureCheckoutReady();
        var equipment = _lines.Where(l => l.Kind == ProductKind.Equipment).Sum(l => l.UnitCents * l.Quantity);
        var service = _lines.Where(l => l.Kind == ProductKind.Line).Sum(l => l.UnitCents * l.Quantity);
        return Pricing.Price(equipment, service, shipping is null ? 0 : Money.ToCents(shipping.Price), taxRateBasisPoints);
    }

    /// <summary>
    /// Refuses an order whose quote is not this cart's current one or has expired, whose terms are not the current
    /// version, or whose acceptance is not between the quote and now.
    /// </summary>
    public void EnsureOrderable(QuoteFacts? quote, PlaceOrderRequest request, string currentTermsVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureCheckoutReady();
        if (request.TermsVersion != currentTermsVersion)
        {
            throw Refuse(OrderingError.TermsVersionMismatch, ("currentVersion", currentTermsVersion), ("acceptedVersion", request.TermsVersion));
        }

        if (quote is null || quote.CartId != Id || quote.UserId != UserId)
        {
            throw Refuse(OrderingError.QuoteNotFound);
        }

        if (quote.CartVersion != Version)
        {
            throw Refuse(OrderingError.QuoteStale);
        }

        if (quote.ExpiresAt <= now)
        {
            throw Refuse(OrderingError.QuoteExpired, ("expiredAt", quote.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (request.AcceptedAt > now + ClockSkew || request.AcceptedAt < quote.CreatedAt - ClockSkew)
        {
            throw Refuse(OrderingError.TermsAcceptanceInvalid);
        }
    }

    /// <summary>The cart as callers see it: contents, counts, limits, problems and how far it is from checkout.</summary>
    public Cart ToCart(DateTimeOffset now)
    {
        var problems = Problems;
        var items = _lines.Select(l => l.ToItem()).ToList();
        var status = Status == CartStatus.Open && IsIdleExpired(now) ? CartStatus.Expired : Status;
        return new Cart(Id, UserId, status, Version, items, LineCount, DeviceCount, DevicesNeedingLine, _account.LinesWithoutDevice, LinesAvailableForDevices,
            items.Where(i => i.Kind == ProductKind.Equipment).Sum(i => i.LineTotal), items.Where(i => i.Kind == ProductKind.Line).Sum(i => i.LineTotal),
            ShippingMethodCode, Limits, SalesAssistOffered, problems, NeedsShipping, Readiness(problems), UpdatedAt, ExpiresAt, AssistedBy);
    }

    /// <summary>A refusal: the rule's code and the numbers behind it. The REST API and the conversation word it.</summary>
    public static OrderingException Refuse(OrderingError error, params (string Key, string Value)[] details) =>
        new(error, details.ToDictionary(d => d.Key, d => d.Value));

    private CartItemChange Put(CartLine product, int quantity, DateTimeOffset now)
    {
        var index = _lines.FindIndex(l => l.Sku == product.Sku);
        if (quantity > (index >= 0 ? _lines[index].Quantity : 0))
        {
            // The customer asks for more than the agent prepared: from here on the cart is theirs, under self-service limits.
            AssistedBy = null;
        }

        if (quantity == 0)
        {
            _lines.RemoveAt(index);
        }
        else if (index >= 0)
        {
            _lines[index] = _lines[index] with { Quantity = quantity };
        }
        else
        {
            // Lines keep the catalog's order, as they are read back.
            var at = _lines.FindIndex(l => l.SortOrder > product.SortOrder);
            _lines.Insert(at < 0 ? _lines.Count : at, product with { Quantity = quantity });
        }

        Changed(now);
        return new CartItemChange(product.Sku, quantity);
    }

    private void RequireInCart(string sku)
    {
        if (_lines.TrueForAll(l => l.Sku != sku))
        {
            throw Refuse(OrderingError.ItemNotInCart, ("sku", sku));
        }
    }

    private void Recount()
    {
        (LineCount, DeviceCount, DevicesNeedingLine) = (0, 0, 0);
        foreach (var line in _lines)
        {
            LineCount += line.Kind == ProductKind.Line ? line.Quantity : 0;
            DeviceCount += line.Kind == ProductKind.Equipment ? line.Quantity : 0;
            DevicesNeedingLine += line.RequiresLine ? line.Quantity : 0;
        }
    }

    private void Changed(DateTimeOffset now)
    {
        Recount();
        Version++;
        UpdatedAt = now;
        // A shipping method only makes sense while equipment is in the cart.
        if (!NeedsShipping)
        {
            ShippingMethodCode = null;
        }
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
