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

    /// <summary>The one line that acknowledges a change of language, in the language chosen (English and Spanish as a pair).</summary>
    public static string LanguageSwitched(System.Globalization.CultureInfo culture) =>
        Language.SalesLanguages.IsSpanish(culture ?? throw new ArgumentNullException(nameof(culture)))
            ? "¡Claro! Seguimos en español."
            : "Sure — let's continue in English.";

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

    /// <summary>An order's status in words, and what it means for the customer.</summary>
    public static (string Status, string Line) OrderStatusWords(Ordering.OrderStatus status) => status switch
    {
        Ordering.OrderStatus.Placed => ("Placed", "We have your order and are getting it ready."),
        Ordering.OrderStatus.Processing => ("Processing", "Your equipment is being associated with your lines and packed."),
        Ordering.OrderStatus.Shipped => ("Shipped", "It's on its way."),
        Ordering.OrderStatus.Delivered => ("Delivered", "It has arrived."),
        _ => ("Active", "Your new lines are active."),
    };

    public static string OrderDate(DateTimeOffset at) => at.UtcDateTime.ToString("MMM d, yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-US"));

    public static string OrderTime(DateTimeOffset at) => at.UtcDateTime.ToString("MMM d, yyyy, h:mm tt 'UTC'", System.Globalization.CultureInfo.GetCultureInfo("en-US"));

    /// <summary>Order status needs to know who is asking: a visitor the host cannot identify sees no orders.</summary>
    public const string OrdersNeedSignIn = "I can only show orders to a signed-in My 8x8 user. Sign in to the portal and open the chat there, then ask me again.";

    public const string NoOrdersYet = "I don't see any orders on your account yet. Say \"catalog\" to see what you can order.";

    /// <summary>
    /// An order number that is not one of the customer's: the same words whether it exists for someone else or not at
    /// all, so nothing can be learned by guessing numbers.
    /// </summary>
    public static string NoSuchOrder(string number) =>
        $"I can't find an order {number} on your account. Check the number in your confirmation, or say \"my orders\" to see your orders.";

    public static string YourOrders(int count) => count == 1 ? "Here's your order:" : $"You have {count} orders. The latest:";

    public static string OtherOrders(IEnumerable<(string Number, string Placed, string Status)> orders) =>
        "Your other orders:\n" + string.Join('\n', orders.Select(o => $"- {o.Number}, placed {o.Placed}: {o.Status}")) + "\n\nSay \"status of\" and a number for the details.";

    public const string UpdatesStopped = "Okay — I won't send order updates in this chat any more. Say \"start updates\" to get them again.";

    public const string UpdatesStarted = "Okay — I'll send a message here when an order you placed in this chat ships or is delivered. Say \"stop updates\" to turn that off.";

    public static string OrderNotice(string number, Ordering.OrderStatus status) => status switch
    {
        Ordering.OrderStatus.Shipped => $"Good news: your order {number} has shipped.",
        Ordering.OrderStatus.Delivered => $"Your order {number} has been delivered.",
        _ => $"Your order {number}: the new lines are active.",
    };

    public const string ReorderNothingToRepeat = "There's no earlier order on your account to repeat. Say \"catalog\" to see what you can order.";

    public static string ReorderCartNotEmpty(string number) =>
        $"Your cart already has items, so I haven't added order {number} to it. Say \"empty cart\" and then \"order the same again\", or go on with the cart you have.";

    public static string Reordered(string number, IReadOnlyList<string> changes) => changes.Count == 0
        ? $"I put the items of your last order {number} in a new cart, at today's prices (unchanged)."
        : $"I put the items of your last order {number} in a new cart, checked against today's prices and rules. What changed:\n" + string.Join('\n', changes.Select(c => "- " + c));

    public static string PriceChanged(string name, decimal then, decimal now, bool monthly) =>
        $"{name} was {Money.Usd(then)}{(monthly ? " per month" : "")}, now {Money.Usd(now)}{(monthly ? " per month" : "")}.";

    public static string NoLongerSold(string name) => $"{name} is no longer in the catalog, so it was left out.";

    // ---- the plan advisor ----

    public const string AdvisorIntro =
        "Happy to help you choose a plan. A few quick questions — tap an answer or type it, and say \"skip\" to any of them.";

    /// <summary>A need the customer already stated, acknowledged before the next question.</summary>
    public static string AdvisorNoted(string needs) => $"Got it — {needs}.";

    /// <summary>The advisor's question about the catalog feature <paramref name="code"/> (or the number of people).</summary>
    public static string AdvisorQuestion(string code) => code switch
    {
        Ordering.PlanFeatureCodes.InternationalCalling => "Do you make calls to other countries (customers, suppliers or colleagues abroad)?",
        Ordering.PlanFeatureCodes.VideoMeetings => "Do you hold video meetings with colleagues or customers?",
        Ordering.PlanFeatureCodes.ContactCenter => "Does a team answer customer calls in queues, with a supervisor keeping an eye on them (a contact center)?",
        _ => "How many people need a line?",
    };

    /// <summary>The same question after an answer the advisor could not read; nothing was decided.</summary>
    public static string AdvisorRetry(string code) => code == PlanAdvisor.PeopleQuestion
        ? "Sorry, I need a whole number of people, like 4 — or say \"skip\". How many people need a line?"
        : $"Sorry, I didn't get that. {AdvisorQuestion(code)} Please say \"yes\", \"no\" or \"skip\".";

    /// <summary>"Which plan do I need?" while the advisor is already asking.</summary>
    public const string AdvisorAlreadyAsking = "That's what we're working out — one more question and I'll recommend a plan.";

    /// <summary>Plan advice asked at a checkout step: choosing a plan happens at the cart.</summary>
    public const string PlanAdviceAtCheckout =
        "I can help you choose a plan from your cart: say \"change cart\", then \"which plan do I need?\" — nothing in your cart is lost. Or carry on with checkout below.";

    /// <summary>The advisor's recommendation, with its reasons and what to say next.</summary>
    public static string Recommendation(string plan, decimal price, IReadOnlyList<string> reasons, int? people, string? limitNote)
    {
        var text = new System.Text.StringBuilder(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"I'd recommend the {plan}: {Money.Usd(price)} per line per month."));
        // A blank line before the reasons, so channels that render Markdown (Web Chat, Teams) show them as a list.
        text.Append('\n');
        foreach (var reason in reasons)
        {
            text.Append("\n- ").Append(reason);
        }

        if (people is { } n)
        {
            text.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"\n\nFor {n} {(n == 1 ? "person" : "people")} that's {n} × {Money.Usd(price)} = {Money.Usd(price * n)} per month, before taxes."));
            if (limitNote is not null)
            {
                text.Append(' ').Append(limitNote);
            }

            text.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $" Shall I add {n} {CartDescriptions.Plural(n, plan)} to your cart? Say \"yes\", another number (\"add {n + 1} of those\"), or \"compare plans\" to see them side by side."));
        }
        else
        {
            text.Append("\n\nHow many would you like? Say, for example, \"add 3 of those\" — or \"compare plans\" to see them side by side.");
        }

        return text.ToString();
    }

    /// <summary>The self-service limit, said before the customer asks for more lines than one order may add.</summary>
    public static string OverLineLimit(int max) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"One self-service order adds up to {max} new lines; for more, a sales agent can help (say \"agent\").");

    /// <summary>No plan in the catalog has every need: the truth, and a person offered.</summary>
    public static string NoPlanFits(string unmet, bool sayYes) =>
        $"None of our self-service plans includes {unmet}, so I can't recommend one for that. A sales agent can help you find the right setup — " +
        $"would you like me to bring one in? Say \"{(sayYes ? "yes" : "agent")}\", or \"compare plans\" to see what each plan has.";

    /// <summary>"Yes" to a plan without a number of lines: the number is asked, the plan stays offered.</summary>
    public static string HowManyOf(string plan) => $"How many {CartDescriptions.Plural(2, plan)} would you like? Say a number, for example \"3\".";

    public const string PlanOfferDeclined = "No problem — nothing was added.";

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
