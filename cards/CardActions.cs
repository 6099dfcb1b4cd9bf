namespace My8x8.SalesBot.Cards;

/// <summary>The verbs cards put in <c>salesbot.action</c>.</summary>
public static class CardActions
{
    public const string Browse = "browse";
    public const string ViewCart = "viewCart";
    public const string Agent = "agent";
    public const string Hours = "hours";
    public const string AddToCart = "addToCart";
    public const string UpdateCart = "updateCart";
    public const string Remove = "remove";
    public const string EmptyCart = "emptyCart";
    public const string Checkout = "checkout";
    public const string KeepShopping = "keepShopping";
    public const string UseCard = "useCard";
    public const string AddCard = "addCard";
    public const string CardAdded = "cardAdded";
    public const string ChooseShipping = "chooseShipping";
    public const string Continue = "continue";
    public const string ChangeCart = "changeCart";
    public const string AgreeAndBuy = "agreeAndBuy";
    public const string Callback = "callback";
    public const string Resume = "resume";
    public const string AdvisePlan = "advisePlan";
}

/// <summary>Ids of the card inputs and of the values cards carry in <c>salesbot</c>.</summary>
public static class CardInputs
{
    /// <summary>Quantity inputs are named <c>qty.&lt;SKU&gt;</c> on the catalog and cart cards.</summary>
    public const string QuantityPrefix = "qty.";
    public const string CardId = "cardId";
    public const string ShippingMethod = "shippingMethod";
    /// <summary>The terms toggle: "true" when the customer ticked "I agree to the Terms and Conditions".</summary>
    public const string Agree = "agree";
    /// <summary>Data value: the SKU a per-item action (Remove) applies to.</summary>
    public const string Sku = "sku";
    /// <summary>Data value: the terms version the customer was shown.</summary>
    public const string TermsVersion = "termsVersion";

    public static string Quantity(string sku) => QuantityPrefix + sku;
}
