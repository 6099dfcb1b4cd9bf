using My8x8.SalesBot.Dialogs.Understanding;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>The conversation's fixed wording, kept together so it reads (and changes) as one voice.</summary>
public static class SalesTexts
{
    public const string Help =
        "Here's what I can do:\n" +
        "- Add lines of service and phones: \"add 3 X4 lines\", \"I need two Yealink T54W phones\", \"add a headset\".\n" +
        "- Change your cart: \"remove the headset\", \"set X4 lines to 2\", \"empty cart\", or \"cart\" to see it.\n" +
        "- \"checkout\" when you're ready: card, shipping, taxes, terms, then Agree & Buy.\n" +
        "- \"agent\" to talk to our sales team, \"hours\" for sales hours, \"start over\" or \"cancel\" at any time.";

    public const string ShopPrompt =
        "What would you like to add? For example \"3 X4 lines and 2 Yealink T54W phones\". Say \"catalog\" to see everything, or \"checkout\" when you're done.";

    public const string NotUnderstood =
        "Sorry, I didn't catch that. I can add lines (X2, X4, X6) and equipment (Poly and Yealink desk phones, a conference phone, a headset) — " +
        "for example \"add 2 X4 lines\". You can also say \"cart\", \"checkout\" or \"agent\".";

    public const string TooManyFailures =
        "I'm having trouble understanding. Would you like a sales agent to help? Say \"yes\" and I'll bring one in, or keep going here — for example \"add 2 X4 lines\".";

    /// <summary>After a checkout step's question went unanswered several times; the step asks again right after.</summary>
    public const string OfferAgentAtStep =
        "I'm having trouble with that answer. Would you like a sales agent to help? Say \"agent\" and I'll bring one in — or answer below and we'll carry on.";

    public const string OfferDeclined = "No problem — let's keep going.";

    public const string NothingToRead = "I didn't get any words there.";

    public const string CardAddedElsewhere =
        "I'll carry on here as soon as your card is saved.";

    public const string EmptyCartCheckout = "Your cart is empty, so there's nothing to check out yet. " + ShopPrompt;

    public const string CartEmptied = "Done — your cart is empty.";

    public const string Cancelled =
        "Okay, I've stopped here. Your cart is saved, so you can pick up later — just say \"hi\". Type \"start over\" to begin again.";

    public const string StartingOver = "Sure, let's start over.";

    public const string StaleSubmit =
        "That button belongs to an earlier step, so I didn't change anything. Here's where we are:";

    public const string CardNumberRedacted =
        "For your security, please don't type card numbers in the chat — I've removed it and it was not stored. " +
        "Cards are only added on our secure card page: say \"add a card\" for the link.";

    public const string UnknownUser =
        "I couldn't find a My 8x8 account for you, so I can't place orders here. Please sign in to the My 8x8 portal with your admin account, " +
        "or say \"agent\" and our sales team will help.";

    public const string UnknownTeamsUser =
        "I couldn't find a My 8x8 account linked to your Microsoft 365 account, so I can't place orders for you here. " +
        "Ask your 8x8 account admin to link your Microsoft 365 account to your My 8x8 user (ordering needs an admin with an ordering profile), " +
        "then message me again. Meanwhile you can order in the website chat in the My 8x8 portal, or say \"agent\" and our sales team will help.";

    public const string UpgradeNotSelfService =
        "Upgrading existing services (a higher plan or edition, or more features on current lines) isn't something I can do in self-service — a sales agent can. " +
        "Would you like me to bring one in? Say \"yes\", or keep adding new lines and phones here.";

    /// <summary>The same, asked at a checkout step, where a plain "yes" answers the step's own question.</summary>
    public const string UpgradeNotSelfServiceAtStep =
        "Upgrading existing services (a higher plan or edition, or more features on current lines) isn't something I can do in self-service — a sales agent can. " +
        "Say \"agent\" and I'll bring one in, or carry on with this order below.";

    public const string ManagerExpress =
        "Your account is on 8x8 Express, which isn't ordered through this assistant. You can add licenses yourself in Manager Express: " +
        "sign in to Manager Express, open Users, and choose Add licenses.";

    public const string NeedsCardLater =
        "Heads-up: there's no valid credit card on your account yet. You can shop now and say \"add a card\" whenever you like, or I'll give you a secure link at checkout.";

    public const string CardNotSeenYet =
        "I don't see a new card on your account yet. Open the secure link above to add it, then type \"done\". Say \"agent\" if you'd like help.";

    /// <summary>The same, where the chat moves on by itself once the card page saves the card.</summary>
    public const string CardNotSeenYetContinues =
        "I don't see a new card on your account yet. Open the secure link above to add it — I'll carry on here as soon as it's saved. Say \"agent\" if you'd like help.";

    public const string CardStillMissingOffer =
        "I still don't see a new card on your account. Would you like a sales agent to help? Say \"yes\" and I'll bring one in — or add the card on the secure page and we'll carry on.";

    public const string CardChoiceRetry =
        "Please say which card: its position (\"the first one\"), its brand (\"Visa\") or its last four digits — or \"add a new card\".";

    /// <summary>Shared conversations (a Teams channel, a group chat): nobody's account facts are shown there.</summary>
    public const string NotEligibleShared =
        "I can't take an order for you in this conversation. Message me in a personal chat and I'll explain what's needed, or say \"agent\" and our sales team will help.";

    public const string TermsNotAgreed =
        "I need your explicit agreement before I can place the order. Type \"I agree\" to Agree & Buy, or \"change cart\" to go back.";

    public const string QuotePrompt = "Say \"continue\" to review the terms, or \"change cart\" to make changes.";

    public const string OrderFailedGeneric =
        "I couldn't place the order. Nothing was charged. Let's look at your cart again.";

    public const string OrderAlreadyPlaced =
        "Your order went through earlier, so I haven't placed it again and nothing more was charged. Here's your confirmation:";

    public const string CartExpired =
        "Welcome back! Your previous cart expired after a period of inactivity, so it has been cleared and nothing was ordered. Let's start a new one.";

    /// <summary>A card was sent with quantity boxes that do not hold whole numbers; nothing was changed.</summary>
    /// <summary>The cart's notice while it is one a sales agent prepared (above the self-service limits, up to the sales-assisted ones).</summary>
    public static string PreparedBy(string agentName) =>
        $"{agentName} from 8x8 Sales prepared this cart for you. You can lower or remove items and still check out; adding more makes it a self-service cart again, with the usual limits.";

    /// <summary>Above the cart an agent just sent: the checkout that follows is the customer's own.</summary>
    public static string AssistedCartSent(string agentName) =>
        $"Here's the cart {agentName} prepared. When it looks right, choose Checkout (or type \"checkout\"): you pick the card and shipping, see the taxes and the total, and agree to the terms yourself — nothing is ordered until you do.";

    public static string UnreadableQuantities(IEnumerable<string> entered) =>
        $"I couldn't read {string.Join(" or ", entered.Select(e => $"\"{e}\""))} as a quantity, so I didn't change your cart. " +
        "Please enter whole numbers, like 2, and leave a box blank for none.";

    public const string YoureWelcome = "You're welcome!";

    public const string ThanksAfterOrder =
        "You're welcome — thanks for your order! Message me any time you'd like more lines or phones.";

    public const string ThanksNothingGoingOn = "You're welcome! Say \"hi\" whenever you'd like to add lines or phones.";

    public const string GoodbyeCartSaved =
        "Thanks for stopping by! Your cart is saved, so you can pick up where you left off — just message me any time.";

    public const string GoodbyeNothingGoingOn = "Thanks for stopping by! Message me any time you'd like to add lines or phones.";

    public const string HelloAgain = "Hi again!";

    public static string AcknowledgedAfterOrder(IReadOnlyList<string> orders) =>
        $"Glad I could help! {OrderNumbers(orders)} Say \"start over\" whenever you'd like more lines or phones.";

    public static string GoodbyeAfterOrder(IReadOnlyList<string> orders) =>
        $"Thanks for ordering with 8x8! {OrderNumbers(orders)} Message me any time you'd like more lines or phones. Goodbye for now!";

    public static string TooLong(int maxLength) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Sorry, that message is too long for me to read (I read up to {maxLength} characters). Please send a shorter one, for example \"add 2 X4 lines\".");

    /// <summary>Order status is not in the chat yet: the order numbers this conversation placed, and who can look them up.</summary>
    public static string OrderStatus(IReadOnlyList<string> orders, string phone, string hours) => orders.Count == 0
        ? $"I can't look up order status in this chat yet. Our sales team can: call {phone} ({hours}) or say \"agent\" — have your order number from the confirmation ready."
        : $"I can't look up order status in this chat yet. {OrderNumbers(orders)} Our sales team can tell you where it is: call {phone} ({hours}) or say \"agent\" and give them the order number.";

    /// <summary>
    /// Plan advice is not in the chat yet: the truth, and who can help choose — a sales agent (offered; "yes" brings
    /// one in) or the sales line, from the settings that run sales hours.
    /// </summary>
    public static string PlanAdvice(string phone, string hours, bool sayYes) =>
        $"I can't recommend or compare plans in this chat yet, but our sales team can help you choose the right one. " +
        $"Would you like me to bring in a sales agent? Say \"{(sayYes ? "yes" : "agent")}\" — or call {phone} ({hours}).";

    /// <summary>The model understood an add or a change but no products were named: the step's question, made specific.</summary>
    public const string WhichProductsToAdd =
        "Sure — what would you like to add, and how many? For example \"add 2 X4 lines\" or \"a Yealink T54W phone\". Say \"catalog\" to see everything.";

    public const string WhatToChange =
        "Sure — what would you like to change? For example \"remove the headset\" or \"set X4 lines to 2\". Say \"cart\" to see what's in it.";

    /// <summary>The customer said no to "Did you mean …?": nothing was done, and the step asks its question again.</summary>
    public const string SuggestionDeclined = "Okay, I won't do that.";

    /// <summary>
    /// The middle band of the model's confidence: a yes-or-no question about what the customer probably meant. Null
    /// for intents that are not worth asking about (thanks, goodbye, yes, no) or cannot be acted on without products
    /// named (add, change): those get the step's own re-prompt.
    /// </summary>
    public static string? DidYouMean(Intent intent) => intent switch
    {
        Intent.Agent => "Did you want to talk to a sales agent?",
        Intent.Upgrade => "Did you want to upgrade service you already have? A sales agent does that.",
        Intent.Help => "Did you want to know what I can do?",
        Intent.ShowCart => "Did you want to see your cart?",
        Intent.EmptyCart => "Did you want to empty your cart?",
        Intent.Checkout => "Did you want to check out?",
        Intent.Hours => "Did you want to know our sales hours?",
        Intent.Cancel => "Did you want to stop here? Your cart stays saved.",
        Intent.StartOver => "Did you want to start over?",
        Intent.AddCard => "Did you want to add a payment card?",
        Intent.OrderStatus => "Did you want to check on an order you've placed?",
        Intent.PlanAdvice => "Did you want help choosing a plan?",
        _ => null,
    };

    public static string NoneInCart(string mention) =>
        mention.EndsWith('s') ? $"There are no {mention} in your cart." : $"There's no {mention} in your cart.";

    public static string UnreadableQuantity(string said, string product, int max, string unit, bool adding) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"I can't use \"{said}\" as a quantity of {product}: it has to be a whole number from 1 to {max} (the most {unit} one order can add). {(adding ? "Nothing was added for it." : "Nothing was changed for it.")}");

    private static string OrderNumbers(IReadOnlyList<string> orders) => orders.Count switch
    {
        0 => "",
        1 => $"Your order number is {orders[0]}.",
        _ => $"Your order numbers from this chat are {string.Join(", ", orders.Take(orders.Count - 1))} and {orders[^1]}.",
    };
}
