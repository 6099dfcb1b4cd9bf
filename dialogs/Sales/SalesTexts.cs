using System.Runtime.CompilerServices;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Resources;
using My8x8.SalesBot.Dialogs.Understanding;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// The conversation's wording, kept together so it reads (and changes) as one voice. The words themselves are in
/// <c>dialogs/Resources/DialogTexts.resx</c> (English) and <c>DialogTexts.es.resx</c> (Spanish), read in the turn's UI
/// culture; a member's resource key is <c>SalesTexts.</c> and its name.
/// </summary>
public static class SalesTexts
{
    public static string Help => Text();

    public static string ShopPrompt => Text();

    public static string NotUnderstood => Text();

    public static string TooManyFailures => Text();

    /// <summary>After a checkout step's question went unanswered several times; the step asks again right after.</summary>
    public static string OfferAgentAtStep => Text();

    public static string OfferDeclined => Text();

    /// <summary>The one line that acknowledges a change of language, read after the turn switched to it.</summary>
    public static string LanguageSwitched => Text();

    public static string NothingToRead => Text();

    public static string CardAddedElsewhere => Text();

    public static string EmptyCartCheckout => Format([ShopPrompt]);

    public static string CartEmptied => Text();

    public static string Cancelled => Text();

    public static string StartingOver => Text();

    public static string StaleSubmit => Text();

    public static string CardNumberRedacted => Text();

    public static string UnknownUser => Text();

    public static string UnknownTeamsUser => Text();

    public static string UpgradeNotSelfService => Text();

    /// <summary>The same, asked at a checkout step, where a plain "yes" answers the step's own question.</summary>
    public static string UpgradeNotSelfServiceAtStep => Text();

    public static string ManagerExpress => Text();

    public static string NeedsCardLater => Text();

    public static string CardNotSeenYet => Text();

    /// <summary>The same, where the chat moves on by itself once the card page saves the card.</summary>
    public static string CardNotSeenYetContinues => Text();

    public static string CardStillMissingOffer => Text();

    public static string CardChoiceRetry => Text();

    /// <summary>Shared conversations (a Teams channel, a group chat): nobody's account facts are shown there.</summary>
    public static string NotEligibleShared => Text();

    public static string TermsNotAgreed => Text();

    public static string QuotePrompt => Text();

    public static string OrderFailedGeneric => Text();

    public static string OrderAlreadyPlaced => Text();

    public static string CartExpired => Text();

    /// <summary>The cart's notice while it is one a sales agent prepared (above the self-service limits, up to the sales-assisted ones).</summary>
    public static string PreparedBy(string agentName) => Format([agentName]);

    /// <summary>Above the cart an agent just sent: the checkout that follows is the customer's own.</summary>
    public static string AssistedCartSent(string agentName) => Format([agentName]);

    /// <summary>A card was sent with quantity boxes that do not hold whole numbers; nothing was changed.</summary>
    public static string UnreadableQuantities(IEnumerable<string> entered) =>
        Format([TextLists.Joined([.. entered.Select(TextLists.Quoted)], or: true)]);

    public static string YoureWelcome => Text();

    public static string ThanksAfterOrder => Text();

    public static string ThanksNothingGoingOn => Text();

    public static string GoodbyeCartSaved => Text();

    public static string GoodbyeNothingGoingOn => Text();

    public static string HelloAgain => Text();

    public static string AcknowledgedAfterOrder(IReadOnlyList<string> orders) => Format([OrderNumbers(orders)]);

    public static string GoodbyeAfterOrder(IReadOnlyList<string> orders) => Format([OrderNumbers(orders)]);

    public static string TooLong(int maxLength) => Format([maxLength]);

    /// <summary>An order's status in words, and what it means for the customer.</summary>
    public static (string Status, string Line) OrderStatusWords(Ordering.OrderStatus status)
    {
        var key = "OrderStatus." + (status is Ordering.OrderStatus.Placed or Ordering.OrderStatus.Processing or Ordering.OrderStatus.Shipped or Ordering.OrderStatus.Delivered
            ? status.ToString()
            : nameof(Ordering.OrderStatus.Active));
        return (Texts[key], Texts[key + ".Line"]);
    }

    /// <summary>
    /// The day an order was placed in the customer's language ("Mar 9, 2026", "9 de marzo de 2026"), in the sales
    /// time zone: the customers' and the agents' day, not UTC's (an evening order in Pacific is already tomorrow in UTC).
    /// </summary>
    public static string OrderDate(DateTimeOffset at, SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return hours.ToLocal(at).DateTime.ToString(Texts["Format.OrderDate"], TextResources.Culture);
    }

    /// <summary>
    /// A moment of an order's life in the sales time zone with its label, the time written as the sales hours write
    /// it ("Nov 24, 2026, 11:30 p.m. Eastern", "24 de noviembre de 2026, 11:30 p. m., hora del Este").
    /// </summary>
    public static string OrderTime(DateTimeOffset at, SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var local = hours.ToLocal(at).DateTime;
        return Texts.Format("Format.OrderTime", local.ToString(Texts["Format.OrderDate"], TextResources.Culture), SalesHours.FormatTime(TimeOnly.FromDateTime(local)), hours.ZoneLabel);
    }

    /// <summary>Order status needs to know who is asking: a visitor the host cannot identify sees no orders.</summary>
    public static string OrdersNeedSignIn => Text();

    public static string NoOrdersYet => Text();

    /// <summary>
    /// An order number that is not one of the customer's: the same words whether it exists for someone else or not at
    /// all, so nothing can be learned by guessing numbers.
    /// </summary>
    public static string NoSuchOrder(string number) => Format([number]);

    public static string YourOrders(int count) => Texts.Plural(count, "SalesTexts.YourOrders");

    public static string OtherOrders(IEnumerable<(string Number, string Placed, string Status)> orders) =>
        Text() + "\n" + string.Join('\n', orders.Select(o => Texts.Format("SalesTexts.OtherOrders.Row", o.Number, o.Placed, o.Status))) +
        "\n\n" + Texts["SalesTexts.OtherOrders.Details"];

    public static string UpdatesStopped => Text();

    public static string UpdatesStarted => Text();

    public static string OrderNotice(string number, Ordering.OrderStatus status) => status switch
    {
        Ordering.OrderStatus.Shipped => Texts.Format("OrderNotice.Shipped", number),
        Ordering.OrderStatus.Delivered => Texts.Format("OrderNotice.Delivered", number),
        _ => Texts.Format("OrderNotice.Active", number),
    };

    public static string ReorderNothingToRepeat => Text();

    public static string ReorderCartNotEmpty(string number) => Format([number]);

    public static string Reordered(string number, IReadOnlyList<string> changes) => changes.Count == 0
        ? Format([number])
        : Texts.Format("SalesTexts.ReorderedWithChanges", number) + "\n" + string.Join('\n', changes.Select(c => "- " + c));

    public static string PriceChanged(string name, decimal then, decimal now, bool monthly) =>
        Texts.Format(monthly ? "SalesTexts.PriceChangedMonthly" : "SalesTexts.PriceChanged", name, Money.Usd(then), Money.Usd(now));

    public static string NoLongerSold(string name) => Format([name]);

    // ---- the plan advisor ----

    public static string AdvisorIntro => Text();

    /// <summary>A need the customer already stated, acknowledged before the next question.</summary>
    public static string AdvisorNoted(string needs) => Format([needs]);

    /// <summary>The advisor's question about the catalog feature <paramref name="code"/> (or the number of people).</summary>
    public static string AdvisorQuestion(string code) => code switch
    {
        Ordering.PlanFeatureCodes.InternationalCalling => Texts["Advisor.Question.International"],
        Ordering.PlanFeatureCodes.VideoMeetings => Texts["Advisor.Question.Video"],
        Ordering.PlanFeatureCodes.ContactCenter => Texts["Advisor.Question.ContactCenter"],
        _ => Texts["Advisor.Question.People"],
    };

    /// <summary>The same question after an answer the advisor could not read; nothing was decided.</summary>
    public static string AdvisorRetry(string code) => code == PlanAdvisor.PeopleQuestion
        ? Texts["Advisor.Retry.People"]
        : Texts.Format("Advisor.Retry", AdvisorQuestion(code));

    /// <summary>"Which plan do I need?" while the advisor is already asking.</summary>
    public static string AdvisorAlreadyAsking => Text();

    /// <summary>Plan advice asked at a checkout step: choosing a plan happens at the cart.</summary>
    public static string PlanAdviceAtCheckout => Text();

    /// <summary>The advisor's recommendation, with its reasons and what to say next.</summary>
    public static string Recommendation(string plan, decimal price, IReadOnlyList<string> reasons, int? people, string? limitNote)
    {
        var text = new System.Text.StringBuilder(Texts.Format("Advisor.Recommendation", plan, Money.Usd(price)));
        // A blank line before the reasons, so channels that render Markdown (Web Chat, Teams) show them as a list.
        text.Append('\n');
        foreach (var reason in reasons)
        {
            text.Append("\n- ").Append(reason);
        }

        if (people is { } n)
        {
            text.Append("\n\n").Append(Texts.Plural(n, "Advisor.ForPeople", Money.Usd(price), Money.Usd(price * n)));
            if (limitNote is not null)
            {
                text.Append(' ').Append(limitNote);
            }

            text.Append(' ').Append(Texts.Format("Advisor.ShallIAdd", n, CartDescriptions.Plural(n, plan), n + 1));
        }
        else
        {
            text.Append("\n\n").Append(Texts["Advisor.HowManyWouldYouLike"]);
        }

        return text.ToString();
    }

    /// <summary>The self-service limit, said before the customer asks for more lines than one order may add.</summary>
    public static string OverLineLimit(int max) => Format([max]);

    /// <summary>No plan in the catalog has every need: the truth, and a person offered.</summary>
    public static string NoPlanFits(string unmet, bool sayYes) => Format([unmet, Texts[sayYes ? "Words.Yes" : "Words.Agent"]]);

    /// <summary>"Yes" to a plan without a number of lines: the number is asked, the plan stays offered.</summary>
    public static string HowManyOf(string plan) => Format([CartDescriptions.Plural(2, plan)]);

    public static string PlanOfferDeclined => Text();

    /// <summary>The model understood an add or a change but no products were named: the step's question, made specific.</summary>
    public static string WhichProductsToAdd => Text();

    public static string WhatToChange => Text();

    /// <summary>The customer said no to "Did you mean …?": nothing was done, and the step asks its question again.</summary>
    public static string SuggestionDeclined => Text();

    /// <summary>
    /// The middle band of the model's confidence: a yes-or-no question about what the customer probably meant. Null
    /// for intents that are not worth asking about (thanks, goodbye, yes, no) or cannot be acted on without products
    /// named (add, change): those get the step's own re-prompt.
    /// </summary>
    public static string? DidYouMean(Intent intent) => intent switch
    {
        Intent.Agent or Intent.Upgrade or Intent.Help or Intent.ShowCart or Intent.EmptyCart or Intent.Checkout or Intent.Hours
            or Intent.Cancel or Intent.StartOver or Intent.AddCard or Intent.OrderStatus or Intent.PlanAdvice => Texts["DidYouMean." + intent],
        _ => null,
    };

    public static string NoneInCart(string mention) =>
        Texts.Format(mention.EndsWith('s') ? "SalesTexts.NoneInCart.Plural" : "SalesTexts.NoneInCart.Singular", mention);

    public static string UnreadableQuantity(string said, string product, int max, string unit, bool adding) =>
        Format([said, product, max, unit, Texts[adding ? "SalesTexts.NothingAddedForIt" : "SalesTexts.NothingChangedForIt"]]);

    /// <summary>The ordering service refused something the conversation did not foresee; the cart follows.</summary>
    public static string CouldNotDoThat(string explanation) => Format([explanation]);

    public static string NoCartHere => Text();

    /// <summary>"hours": open now with the phone, or when sales opens again.</summary>
    public static string Hours(Handoff.SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return hours.IsOpen()
            ? Texts.Format("SalesTexts.Hours.Open", hours.DescribeHours(), hours.Phone)
            : Texts.Format("SalesTexts.Hours.Closed", hours.Describe(hours.NextOpening()), hours.DescribeHours(), hours.Phone);
    }

    public static string ThosePlans => Text();

    /// <summary>The unit lines are counted in, inside a sentence ("the most lines one order can add").</summary>
    public static string LinesUnit => Text();

    /// <summary>The unit phones and headsets are counted in, inside the same sentence.</summary>
    public static string DevicesUnit => Text();

    /// <summary>A mention that fits several products: which one, with each one's price.</summary>
    public static string WhichOneDidYouMean(string mention, IReadOnlyList<(string Name, decimal Price, bool Monthly)> candidates) =>
        Format([mention, string.Join(", ", candidates.Select((p, i) =>
            Texts.Format(p.Monthly ? "SalesTexts.WhichOneDidYouMean.Monthly" : "SalesTexts.WhichOneDidYouMean.Item", i + 1, p.Name, Money.Usd(p.Price))))]);

    public static string PickOneRetry(string example, string question) => Format([example, question]);

    public static string LeftOut(string mention) => Format([mention]);

    public static string NotInYourCart(string product) => Format([product]);

    public static string CannotUseQuantity(string product, string rule) => Format([product, rule]);

    public static string BeforeCheckoutOneThing => Text();

    public static string BeforeCheckoutLimits => Text();

    public static string WhatWouldYouLikeToChange => Text();

    public static string NothingOrderedWhatToChange => Text();

    public static string PricesOrTermsChanged => Text();

    /// <summary>A card the customer added on the secure page is on the account.</summary>
    public static string CardAdded(string card) => Format([card]);

    public static string ChooseShippingRetry(IReadOnlyList<string> methods) => Format([string.Join(", ", methods)]);

    private static TextResources Texts => DialogTexts.Texts;

    /// <summary>This class's text named after the calling member.</summary>
    private static string Text([CallerMemberName] string member = "") => Texts["SalesTexts." + member];

    private static string Format(object?[] arguments, [CallerMemberName] string member = "") => Texts.Format("SalesTexts." + member, arguments);

    private static string OrderNumbers(IReadOnlyList<string> orders) =>
        orders.Count == 0 ? "" : Texts.Plural(orders.Count, "OrderNumbers", TextLists.Joined(orders));
}
