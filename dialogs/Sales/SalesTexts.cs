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
        "I'm having trouble understanding. Would you like a sales agent to help? Say \"agent\", or keep going — for example \"add 2 X4 lines\".";

    public const string EmptyCartCheckout = "Your cart is empty, so there's nothing to check out yet. " + ShopPrompt;

    public const string CartEmptied = "Done — your cart is empty.";

    public const string Cancelled =
        "Okay, I've stopped here. Your cart is saved, so you can pick up later — just say \"hi\". Type \"start over\" to begin again.";

    public const string StartingOver = "Sure, let's start over.";

    public const string StaleSubmit =
        "That button belongs to an earlier step, so I didn't change anything. Here's where we are:";

    public const string CardNumberRedacted =
        "For your security, please don't type card numbers in the chat — I've removed it and it was not stored. " +
        "Cards are only added on our secure card page; I'll give you the link when we get to payment.";

    public const string UnknownUser =
        "I couldn't find a My 8x8 account for you, so I can't place orders here. Please sign in to the My 8x8 portal with your admin account, " +
        "or say \"agent\" and our sales team will help.";

    public const string UnknownTeamsUser =
        "I couldn't find a My 8x8 account linked to your Microsoft 365 account, so I can't place orders for you here. " +
        "Ask your 8x8 account admin to link your Microsoft 365 account to your My 8x8 user (ordering needs an admin with an ordering profile), " +
        "then message me again. Meanwhile you can order in the website chat in the My 8x8 portal, or say \"agent\" and our sales team will help.";

    public const string UpgradeNotSelfService =
        "Upgrading existing services (a higher plan or edition, or more features on current lines) isn't something I can do in self-service — a sales agent can.";

    public const string ManagerExpress =
        "Your account is on 8x8 Express, which isn't ordered through this assistant. You can add licenses yourself in Manager Express: " +
        "sign in to Manager Express, open Users, and choose Add licenses.";

    public const string NeedsCardLater =
        "Heads-up: there's no valid credit card on your account yet. You can shop now; before checkout I'll give you a secure link to add one.";

    public const string CardNotSeenYet =
        "I don't see a new card on your account yet. Open the secure link above to add it, then type \"done\". Say \"agent\" if you'd like help.";

    public const string TermsNotAgreed =
        "I need your explicit agreement before I can place the order. Type \"I agree\" to Agree & Buy, or \"change cart\" to go back.";

    public const string QuotePrompt = "Say \"continue\" to review the terms, or \"change cart\" to make changes.";

    public const string OrderFailedGeneric =
        "I couldn't place the order. Nothing was charged. Let's look at your cart again.";

    public const string CartExpired =
        "Welcome back! Your previous cart expired after a period of inactivity, so it has been cleared and nothing was ordered. Let's start a new one.";

    /// <summary>A card was sent with quantity boxes that do not hold whole numbers; nothing was changed.</summary>
    public static string UnreadableQuantities(IEnumerable<string> entered) =>
        $"I couldn't read {string.Join(" or ", entered.Select(e => $"\"{e}\""))} as a quantity, so I didn't change your cart. " +
        "Please enter whole numbers, like 2, and leave a box blank for none.";
}
