namespace My8x8.SalesBot.Dialogs.Understanding;

/// <summary>What a customer's free text asks for. Each value is a heading in the examples files (<c>Data/intents.*.md</c>).</summary>
public enum Intent
{
    /// <summary>None of the others: small talk, gibberish, off-topic, or a question the bot cannot act on.</summary>
    None,

    /// <summary>Talk to a live sales agent (a person).</summary>
    Agent,

    /// <summary>Upgrade service the account already has (a sales agent does this).</summary>
    Upgrade,

    /// <summary>What can the bot do, how does this work.</summary>
    Help,

    /// <summary>Show the cart.</summary>
    ShowCart,

    /// <summary>Remove everything from the cart.</summary>
    EmptyCart,

    /// <summary>Remove or change some items in the cart.</summary>
    ChangeCart,

    /// <summary>Add lines or equipment.</summary>
    AddItems,

    /// <summary>Done choosing: go on to checkout ("ok that's all").</summary>
    Checkout,

    /// <summary>When sales is open.</summary>
    Hours,

    /// <summary>Stop the current order or flow.</summary>
    Cancel,

    /// <summary>Start again from the beginning.</summary>
    StartOver,

    /// <summary>Add or replace a payment card.</summary>
    AddCard,

    /// <summary>The status or history of orders already placed.</summary>
    OrderStatus,

    /// <summary>Which plan fits, how plans compare.</summary>
    PlanAdvice,

    /// <summary>Thanks.</summary>
    Thanks,

    /// <summary>Goodbye.</summary>
    Goodbye,

    /// <summary>Yes, agree, confirm ("I agree, no changes").</summary>
    Yes,

    /// <summary>No, decline.</summary>
    No,
}
