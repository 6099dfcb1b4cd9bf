using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Cards.Binding;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Cards.Tests;

public class SalesCardsTests
{
    // Built cards (all of them, table-driven)

    [Theory]
    [MemberData(nameof(Samples.BuilderNames), MemberType = typeof(Samples))]
    public void Every_card_is_an_Adaptive_Card_1_5_attachment_with_unique_ids(string name)
    {
        var message = Samples.Build(name);
        var card = Samples.CardOf(message);
        var ids = Samples.Ids(card);

        Assert.Equal("application/vnd.microsoft.card.adaptive", message.Attachment!.ContentType);
        Assert.IsType<JRaw>(message.Attachment.Content); // written out as it is by the Bot Framework's serializer
        Assert.IsType<JObject>(CardMessage.ContentOf(message.Attachment));
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("sample-step", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples.BuilderNames), MemberType = typeof(Samples))]
    public void Every_submit_carries_the_step_and_prompt_the_caller_passed(string name)
    {
        var card = Samples.CardOf(Samples.Build(name));

        Assert.All(Samples.ElementsOfType(card, "Action.Submit"), submit =>
        {
            Assert.Equal(Samples.Context.Step, (string?)submit["data"]!["salesbot"]!["step"]);
            Assert.Equal(Samples.Context.Prompt, (string?)submit["data"]!["salesbot"]!["prompt"]);
        });
    }

    [Theory]
    [MemberData(nameof(Samples.BuilderNames), MemberType = typeof(Samples))]
    public void Every_card_carries_its_text_fallback_and_speak_text(string name)
    {
        var message = Samples.Build(name);
        var card = Samples.CardOf(message);

        Assert.Equal(message.Text, (string?)card["fallbackText"]);
        Assert.Equal(message.Speak, (string?)card["speak"]);
        Assert.DoesNotContain(message.Speak, c => c is '<' or '>' or '&' or '"');
        Assert.Contains("\"", message.Text, StringComparison.Ordinal); // says what to type
    }

    [Theory]
    [MemberData(nameof(Samples.BuilderNames), MemberType = typeof(Samples))]
    public void The_text_only_variant_has_no_attachment_and_says_everything_in_text(string name)
    {
        var withCard = Samples.Builders[name](Samples.Context, true);
        var message = Samples.Builders[name](Samples.Context, false);
        var activity = message.ToActivity();

        Assert.Null(message.Attachment);
        Assert.Empty(activity.Attachments);
        Assert.Equal(withCard.Text, activity.Text);
        Assert.Equal(withCard.Speak, activity.Speak);
        Assert.Null(withCard.AsTextOnly().Attachment);
    }

    [Fact]
    public void A_card_activity_carries_the_card_summary_speak_and_suggested_replies()
    {
        var message = SalesCards.Cart(Samples.Cart, Samples.Context);

        var activity = message.ToActivity();

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Single(activity.Attachments);
        Assert.Equal(message.Summary, activity.Text);
        Assert.Equal(message.Speak, activity.Speak);
        Assert.Equal(InputHints.ExpectingInput, activity.InputHint);
        Assert.Equal(["Checkout", "Catalog", "Empty cart"], activity.SuggestedActions.Actions.Select(a => (string)a.Value));
        Assert.All(activity.SuggestedActions.Actions, a => Assert.Equal(ActionTypes.ImBack, a.Type));
    }

    // Submits round-trip: what a client posts back is read by TryParse

    [Fact]
    public void A_catalog_submit_round_trips_with_its_quantities_from_JObject_and_from_string()
    {
        var card = SalesCards.Catalog(Samples.Catalog, Samples.Context).Card!;
        var addToCart = card["actions"]!.First(a => (string?)a["title"] == "Add to cart");
        var posted = (JObject)addToCart["data"]!.DeepClone();
        posted["qty.X6-LN"] = "4";
        posted["qty.JAB-E40"] = "1";
        posted["qty.YEA-T54W"] = "";

        foreach (var value in new object[] { posted, posted.ToString() })
        {
            Assert.True(CardSubmit.TryParse(value, out var submit));
            Assert.True(submit.IsFor(Samples.Context));
            Assert.Equal(CardActions.AddToCart, submit.Action);
            Assert.Equal(new Dictionary<string, int> { ["X6-LN"] = 4, ["JAB-E40"] = 1 }, submit.Quantities());
        }
    }

    [Fact]
    public void A_remove_submit_round_trips_with_its_sku_through_the_Teams_copy_too()
    {
        var card = Samples.CardOf(SalesCards.Cart(Samples.Cart, Samples.Context));
        var remove = Samples.ElementsOfType(card, "Action.Submit").Where(a => (string?)a["title"] == "Remove").Last();

        Assert.True(CardSubmit.TryParse(JObject.Parse(remove["data"]!.ToJsonString()), out var direct));
        Assert.True(CardSubmit.TryParse(JObject.Parse(remove["data"]!["msteams"]!["value"]!.ToJsonString()), out var viaTeams));

        Assert.Equal((CardActions.Remove, "YEA-T54W"), (direct.Action, direct.Data[CardInputs.Sku]));
        Assert.Equal((CardActions.Remove, "YEA-T54W"), (viaTeams.Action, viaTeams.Data[CardInputs.Sku]));
        Assert.Equal("remove Yealink T54W phone", (string?)remove["data"]!["msteams"]!["text"]);
    }

    // Welcome

    [Fact]
    public void Welcome_greets_by_name_and_lists_notices_in_card_and_text()
    {
        var message = SalesCards.Welcome(new WelcomeView("Dana", ["A valid credit card is needed before checkout."]), Samples.Context);
        var json = message.Card!.ToString();

        Assert.Contains("Hi Dana, I'm the 8x8 sales assistant", json, StringComparison.Ordinal);
        Assert.Contains("Hi Dana, I'm the 8x8 sales assistant", message.Text, StringComparison.Ordinal);
        Assert.Contains("A valid credit card is needed before checkout.", json, StringComparison.Ordinal);
        Assert.Contains("A valid credit card is needed before checkout.", message.Text, StringComparison.Ordinal);
        Assert.Equal(["Browse catalog", "View cart", "Talk to sales", "Hours"], message.Card["actions"]!.Select(a => (string?)a["title"]));
    }

    [Fact]
    public void Welcome_without_notices_has_no_notice_area()
    {
        var card = Samples.CardOf(SalesCards.Welcome(new WelcomeView(null, []), Samples.Context));

        Assert.Null(CardJson.TryFind(card, "notices"));
        Assert.Equal("Hi, I'm the 8x8 sales assistant", (string?)CardJson.Find(card, "title")["text"]);
    }

    // Catalog

    [Fact]
    public void Catalog_has_one_row_and_one_quantity_input_per_item_and_no_sample_rows()
    {
        var message = SalesCards.Catalog(Samples.Catalog, Samples.Context);
        var card = Samples.CardOf(message);
        var quantities = Samples.ElementsOfType(card, "Input.Number");

        Assert.Equal(["qty.X6-LN", "qty.X2-LN", "qty.YEA-T54W", "qty.JAB-E40", "qty.POLY-TRIO"], quantities.Select(q => (string?)q["id"]));
        Assert.Equal("Quantity of Jabra Evolve2 headset (0 to 7)", (string?)quantities[3]["label"]);
        Assert.DoesNotContain("Poly VVX 450", card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("X4 line", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(CardJson.TryFind(card, "lineRow"));
        Assert.Null(CardJson.TryFind(card, "equipmentRow"));
    }

    [Fact]
    public void Catalog_shows_names_descriptions_and_prices_in_card_and_numbered_text()
    {
        var message = SalesCards.Catalog(Samples.Catalog, Samples.Context);
        var json = message.Card!.ToString();

        foreach (var expected in new[] { "X6 line", "Everything in X4 plus contact center basics", "$56.25 per month", "Jabra Evolve2 headset", "$1,234.50" })
        {
            Assert.Contains(expected, json, StringComparison.Ordinal);
            Assert.Contains(expected, message.Text, StringComparison.Ordinal);
        }

        Assert.Contains("1. X6 line: $56.25 per month.", message.Text, StringComparison.Ordinal);
        Assert.Contains("4. Jabra Evolve2 headset: $1,234.50.", message.Text, StringComparison.Ordinal);
        Assert.Contains("\"add 3 X6 lines\"", message.Text, StringComparison.Ordinal);
        Assert.Contains("up to 12 new lines and 7 devices", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_limits_and_input_ranges_come_from_the_view()
    {
        var message = SalesCards.Catalog(Samples.Catalog, Samples.Context);
        var card = Samples.CardOf(message);
        var labels = Samples.ElementsOfType(card, "Input.Number").Select(i => (string?)i["label"]).ToList();

        Assert.Contains("up to 12 new lines and 7 devices", (string?)CardJson.Find(card, "intro")["text"], StringComparison.Ordinal);
        Assert.Equal(["Quantity of X6 line (0 to 12)", "Quantity of X2 line (0 to 12)", "Quantity of Yealink T54W phone (0 to 7)", "Quantity of Jabra Evolve2 headset (0 to 7)", "Quantity of Poly Trio 8800 (0 to 7)"], labels);
        Assert.DoesNotContain("10", string.Join(' ', labels), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples.BuilderNames), MemberType = typeof(Samples))]
    public void No_number_input_has_a_min_or_max_so_a_blank_box_never_blocks_the_card(string name)
    {
        // Adaptive Cards reads a blank number box as NaN, and NaN fails any min or max: the renderer would refuse
        // to send the card and move focus to the blank box, with no message.
        var card = Samples.CardOf(Samples.Build(name));

        Assert.All(Samples.ElementsOfType(card, "Input.Number"), input =>
        {
            Assert.Null(input["min"]);
            Assert.Null(input["max"]);
            Assert.False((bool?)input["isRequired"] ?? false);
            Assert.False(string.IsNullOrWhiteSpace((string?)input["label"]));
        });
    }

    [Fact]
    public void A_catalog_card_bound_again_for_another_customer_carries_that_customers_step_and_prompt_and_is_otherwise_the_same()
    {
        var first = Samples.CardOf(SalesCards.Catalog(Samples.Catalog, Samples.Context));
        // Characters the card's JSON escapes, so the submit values must be written by the same encoder as the rest.
        var other = new SubmitContext("shop<&>\"é", "prompt-'9c1\\");
        var second = Samples.CardOf(SalesCards.Catalog(Samples.Catalog, other));

        var submits = Samples.ElementsOfType(second, "Action.Submit");
        Assert.NotEmpty(submits);
        Assert.All(submits, submit =>
        {
            foreach (var payload in new[] { submit["data"]![CardSubmit.PayloadProperty], submit["data"]!["msteams"]!["value"]![CardSubmit.PayloadProperty] })
            {
                Assert.Equal((other.Step, other.Prompt), ((string?)payload!["step"], (string?)payload["prompt"]));
            }
        });
        CardJson.StampSubmits(second, Samples.Context);
        Assert.True(JsonNode.DeepEquals(first, second));
    }

    [Fact]
    public void A_catalog_with_other_limits_or_prices_is_never_answered_with_the_card_of_an_earlier_one()
    {
        SalesCards.Catalog(Samples.Catalog, Samples.Context);
        var fewer = Samples.CardOf(SalesCards.Catalog(Samples.Catalog with { MaxLinesPerOrder = 3 }, Samples.Context));
        var cheaper = SalesCards.Catalog(Samples.Catalog with { Lines = [Samples.Catalog.Lines[0] with { Price = 9.99m }, .. Samples.Catalog.Lines.Skip(1)] }, Samples.Context);

        Assert.Contains("up to 3 new lines and 7 devices", (string?)CardJson.Find(fewer, "intro")["text"], StringComparison.Ordinal);
        Assert.Contains("$9.99 per month", cheaper.Card!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("$56.25", cheaper.Card!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_card_in_Spanish_is_not_the_English_one_bound_before()
    {
        var english = SalesCards.Catalog(Samples.Catalog, Samples.Context).Card!.ToString();
        var previous = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("es-US");
            var spanish = SalesCards.Catalog(Samples.Catalog, Samples.Context).Card!.ToString();
            Assert.NotEqual(english, spanish);
            Assert.DoesNotContain("Quantity of X6 line", spanish, StringComparison.Ordinal);
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Fact]
    public void Catalog_without_equipment_drops_the_equipment_section()
    {
        var message = SalesCards.Catalog(Samples.Catalog with { Equipment = [] }, Samples.Context);
        var card = Samples.CardOf(message);

        Assert.Null(CardJson.TryFind(card, "equipmentSection"));
        Assert.Equal(2, Samples.ElementsOfType(card, "Input.Number").Count);
        Assert.Contains("No equipment is available right now.", message.Text, StringComparison.Ordinal);
    }

    // Cart

    [Fact]
    public void Cart_shows_items_quantities_counts_subtotals_and_notices_in_card_and_text()
    {
        var message = SalesCards.Cart(Samples.Cart, Samples.Context);
        var card = Samples.CardOf(message);
        var json = card.ToJsonString();
        var quantities = Samples.ElementsOfType(card, "Input.Number");

        Assert.Equal([6, 2], quantities.Select(q => (int)q["value"]!));
        Assert.Equal(["qty.X6-LN", "qty.YEA-T54W"], quantities.Select(q => (string?)q["id"]));
        Assert.Equal(2, Samples.ElementsOfType(card, "Action.Submit").Count(a => (string?)a["title"] == "Remove"));
        Assert.DoesNotContain("X4 line", json, StringComparison.Ordinal);
        Assert.Null(CardJson.TryFind(card, "emptyMessage"));
        foreach (var expected in new[] { "6 lines and 2 devices", "6 × $56.25 per month = $337.50 per month", "2 × $249.99 = $499.98", "$499.98", "$337.50", "more than 5 lines" })
        {
            Assert.Contains(expected, JsonText(card), StringComparison.Ordinal);
            Assert.Contains(expected, message.Text, StringComparison.Ordinal);
        }

        Assert.Equal(["Checkout", "Update quantities", "Keep shopping", "Empty cart"], card["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.Equal(["Quantity of X6 line (0 removes it, up to 40)", "Quantity of Yealink T54W phone (0 removes it, up to 40)"], quantities.Select(q => (string?)q["label"]));
    }

    [Fact]
    public void A_cart_of_lines_only_shows_no_one_time_amount_and_equipment_only_no_monthly_amount()
    {
        var linesOnly = SalesCards.Cart(Samples.Cart with { Items = [Samples.Cart.Items[0]], DeviceCount = 0, OneTimeSubtotal = 0m }, Samples.Context);
        var devicesOnly = SalesCards.Cart(Samples.Cart with { Items = [Samples.Cart.Items[1]], LineCount = 0, MonthlySubtotal = 0m }, Samples.Context);

        foreach (var message in new[] { linesOnly, devicesOnly })
        {
            Assert.DoesNotContain("$0.00", JsonText(Samples.CardOf(message)), StringComparison.Ordinal);
            Assert.DoesNotContain("$0.00", message.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("one-time", linesOnly.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("service $337.50 per month", linesOnly.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("per month", devicesOnly.Text.Split("\n\n")[0], StringComparison.Ordinal);
        Assert.Contains("equipment $499.98 one-time", devicesOnly.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cart_that_breaks_a_rule_offers_no_checkout()
    {
        var message = SalesCards.Cart(Samples.Cart with { CanCheckout = false, Notices = ["You can add up to 3 phones."] }, Samples.Context);

        Assert.DoesNotContain(message.Card!["actions"]!, a => (string?)a["title"] == "Checkout");
        Assert.DoesNotContain("\"checkout\"", message.Text, StringComparison.Ordinal);
        Assert.Contains("You can add up to 3 phones.", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("checkout", message.SuggestedReplies);
    }

    [Fact]
    public void Empty_cart_says_so_and_offers_only_to_keep_shopping()
    {
        var message = SalesCards.Cart(Samples.EmptyCart, Samples.Context);
        var card = Samples.CardOf(message);

        Assert.Null(CardJson.Find(card, "emptyMessage")["isVisible"]);
        Assert.Empty(Samples.ElementsOfType(card, "Input.Number"));
        Assert.Null(CardJson.TryFind(card, "notices"));
        Assert.Equal(["Keep shopping"], card["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.StartsWith("Your cart is empty.", message.Text, StringComparison.Ordinal);
    }

    // Payment

    [Fact]
    public void Card_on_file_lists_brand_last_four_and_expiry_and_keeps_the_selection()
    {
        var message = SalesCards.CardOnFile(Samples.CardsOnFile, Samples.Context);
        var card = Samples.CardOf(message);
        var choices = CardJson.Find(card, CardInputs.CardId);

        Assert.Equal(["pm_1", "pm_2"], choices["choices"]!.AsArray().Select(c => (string?)c!["value"]));
        Assert.Equal("pm_2", (string?)choices["value"]);
        Assert.Contains("Amex ending in 1005, expires 03/2029", JsonText(card), StringComparison.Ordinal);
        Assert.Contains("1. Amex ending in 1005, expires 03/2029", message.Text, StringComparison.Ordinal);
        Assert.Contains("2. Discover ending in 6011, expires 11/2030", message.Text, StringComparison.Ordinal);
        Assert.Contains("only this order's initial charge", JsonText(card), StringComparison.Ordinal);
        Assert.Contains("only this order's initial charge", message.Text, StringComparison.Ordinal);
        Assert.Contains("Add a new card", JsonText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void Card_on_file_needs_at_least_one_card() =>
        Assert.Throws<ArgumentException>(() => SalesCards.CardOnFile(Samples.CardsOnFile with { Cards = [] }, Samples.Context));

    [Fact]
    public void Add_card_links_to_the_secure_page_in_the_card_and_in_the_text()
    {
        var message = SalesCards.AddCard(Samples.AddCard, Samples.Context);
        var card = Samples.CardOf(message);
        const string Url = "https://bot.example.test/cards/setup?token=abc123";

        Assert.Equal(Url, (string?)CardJson.Find(card, "openCardPage")["url"]);
        Assert.Contains(Url, message.Text, StringComparison.Ordinal);
        Assert.Contains(Url, message.Summary, StringComparison.Ordinal);
        Assert.Contains("15 minutes", message.Text, StringComparison.Ordinal);
        Assert.Contains("never type a card number", message.Text, StringComparison.Ordinal);
        Assert.Contains(Samples.ElementsOfType(card, "Action.Submit"), a => (string?)a["data"]!["salesbot"]!["action"] == CardActions.CardAdded);
    }

    // Checkout

    [Fact]
    public void Shipping_shows_the_address_and_each_method_with_price_and_estimate()
    {
        var message = SalesCards.Shipping(Samples.Shipping, Samples.Context);
        var card = Samples.CardOf(message);
        var methods = CardJson.Find(card, CardInputs.ShippingMethod);

        Assert.Equal(["Standard: $12.50, 4–6 business days", "Next day: $39.00, 1 business day"], methods["choices"]!.AsArray().Select(c => (string?)c!["title"]));
        Assert.Null(methods["value"]);
        Assert.Equal(4, CardJson.Find(card, "address")["items"]!.AsArray().Count);
        Assert.DoesNotContain("Acme Dental", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Portland, OR 97201", JsonText(card), StringComparison.Ordinal);
        Assert.Contains("Contoso Clinic, 42 Harbor Way, Portland, OR 97201, United States", message.Text, StringComparison.Ordinal);
        Assert.Contains("2. Next day: $39.00, 1 business day", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_shows_every_line_with_the_tax_base_and_rate_and_totals_that_are_their_sums()
    {
        var message = SalesCards.Quote(Samples.Quote, Samples.Context);
        var card = Samples.CardOf(message);

        Assert.Equal("$891.02", (string?)CardJson.Find(card, "totalDueToday")["text"]);
        Assert.Equal("$354.04", (string?)CardJson.Find(card, "monthlyTotal")["text"]);
        Assert.Equal(
            [("Equipment", "$499.98"), ("First month of service", "$337.50"), ("Shipping (Standard)", "$12.50"), ("Sales tax (OR 4.9%) on $837.48", "$41.04")],
            FactsOf(card, "todayFacts"));
        Assert.Equal([("Lines of service", "$337.50"), ("Sales tax (OR 4.9%) on $337.50", "$16.54")], FactsOf(card, "monthlyFacts"));
        Assert.Equal(891.02m, FactsOf(card, "todayFacts").Sum(f => Amount(f.Value)));
        Assert.Equal(354.04m, FactsOf(card, "monthlyFacts").Sum(f => Amount(f.Value)));
        foreach (var expected in new[]
        {
            "- Equipment: $499.98", "- First month of service: $337.50", "- Shipping (Standard): $12.50", "- Sales tax (OR 4.9%) on $837.48: $41.04",
            "- Total due today: $891.02", "- Lines of service: $337.50", "- Sales tax (OR 4.9%) on $337.50: $16.54", "- Monthly total: $354.04",
            "Delivery estimate: Standard, 4–6 business days.", "Amex ending in 1005", "default payment method doesn't change",
        })
        {
            Assert.Contains(expected, message.Text, StringComparison.Ordinal);
        }

        Assert.Contains("Standard, 4–6 business days", JsonText(card), StringComparison.Ordinal);
        Assert.Equal(["Continue", "Change cart"], card["actions"]!.AsArray().Select(a => (string?)a!["title"]));
    }

    [Fact]
    public void Quote_for_equipment_only_has_no_monthly_section_and_for_lines_only_no_shipping()
    {
        var devicesOnly = SalesCards.Quote(Samples.Quote with { Monthly = [], MonthlyTotal = 0m }, Samples.Context);
        var linesOnly = SalesCards.Quote(
            Samples.Quote with { DueToday = [new("First month of service", 337.5m), new("Sales tax (OR 4.9%)", 16.54m, 337.5m, 0.049m)], TotalDueToday = 354.04m, DeliveryEstimate = null, PaymentNotice = null },
            Samples.Context);

        Assert.Null(CardJson.TryFind(Samples.CardOf(devicesOnly), "monthlySection"));
        Assert.DoesNotContain("per month", devicesOnly.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Every month", devicesOnly.Text, StringComparison.Ordinal);
        var card = Samples.CardOf(linesOnly);
        Assert.Null(CardJson.TryFind(card, "paymentNotice"));
        Assert.Null(CardJson.TryFind(card, "deliveryEstimate"));
        foreach (var absent in new[] { "Shipping", "Equipment", "One-time", "$0.00" })
        {
            Assert.DoesNotContain(absent, JsonText(card), StringComparison.Ordinal);
            Assert.DoesNotContain(absent, linesOnly.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Terms_ask_for_explicit_agreement_and_Agree_and_Buy_carries_the_version()
    {
        var message = SalesCards.Terms(Samples.Terms, Samples.Context);
        var card = Samples.CardOf(message);
        var toggle = CardJson.Find(card, CardInputs.Agree);
        var buy = CardJson.Find(card, "buyAction");

        Assert.Equal("Input.Toggle", (string?)toggle["type"]);
        Assert.Equal("I agree to the Terms and Conditions", (string?)toggle["title"]);
        Assert.True((bool?)toggle["isRequired"]);
        Assert.Equal("Agree & Buy", (string?)buy["title"]);
        Assert.Equal("2026-03", (string?)buy["data"]!["salesbot"]![CardInputs.TermsVersion]);
        Assert.Equal("https://bot.example.test/terms/2026-03", (string?)CardJson.Find(card, "fullTextAction")["url"]);
        foreach (var expected in new[] { "Version 2026-03", "devices may be returned within 15 days", "$891.02" })
        {
            Assert.Contains(expected, JsonText(card), StringComparison.OrdinalIgnoreCase);
            Assert.Contains(expected, message.Text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("https://bot.example.test/terms/2026-03", message.Text, StringComparison.Ordinal);
        // The line shown above the card: its button opens the full text, a raw address beside it is noise.
        Assert.DoesNotContain("https://", message.Summary, StringComparison.Ordinal);
        Assert.Contains("\"I agree\"", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&", message.Speak, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirmation_shows_order_number_items_charged_lines_delivery_and_what_happens_next()
    {
        var message = SalesCards.Confirmation(Samples.Confirmation, Samples.Context);
        var card = Samples.CardOf(message);

        Assert.DoesNotContain("3 × X4 line", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(891.02m, FactsOf(card, "chargedFacts").Sum(f => Amount(f.Value)));
        Assert.Equal("$891.02", (string?)CardJson.Find(card, "totalCharged")["text"]);
        foreach (var expected in new[]
        {
            "SO-778812", "6 × X6 line", "$337.50 per month", "2 × Yealink T54W phone", "4–6 business days", "Sales tax (OR 4.9%) on $837.48", "$41.04",
            "$891.02", "$354.04", "What happens next", "6 new lines are added to your account", "ships by standard shipping to Contoso Clinic, 42 Harbor Way, Portland, OR 97201",
            "1-800-555-0142", "7:00 a.m.–3:30 p.m. Mountain, Monday–Friday",
        })
        {
            Assert.Contains(expected, JsonText(card), StringComparison.Ordinal);
            Assert.Contains(expected, message.Text, StringComparison.Ordinal);
        }

        Assert.Contains("SO-778812", message.Speak, StringComparison.Ordinal);
        Assert.Equal(InputHints.AcceptingInput, message.ToActivity().InputHint);
    }

    [Fact]
    public void Confirmation_says_the_order_is_placed_exactly_once_wherever_it_is_shown()
    {
        var withCard = SalesCards.Confirmation(Samples.Confirmation, Samples.Context);
        var textOnly = SalesCards.Confirmation(Samples.Confirmation, Samples.Context, cardsSupported: false);
        var activity = withCard.ToActivity();

        // What Web Chat and Teams show: the activity's text above the card, and the card's visible text.
        var shown = activity.Text + "\n" + JsonText(Samples.CardOf(withCard));
        Assert.Equal(1, Occurrences(shown, "placed"));
        Assert.Equal(1, Occurrences(textOnly.ToActivity().Text, "placed"));
        Assert.Contains("Order number: SO-778812", activity.Text, StringComparison.Ordinal);
        Assert.Contains("Order number: SO-778812", textOnly.Text, StringComparison.Ordinal);
    }

    // Handoff

    [Fact]
    public void Handoff_outside_sales_hours_offers_a_callback_and_no_live_agent()
    {
        var message = SalesCards.Handoff(Samples.HandoffClosed, Samples.Context);
        var card = Samples.CardOf(message);

        Assert.Equal(["Request a callback", "Back to my order"], card["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        foreach (var expected in new[] { "Orders of more than 10 lines are placed with a sales agent.", "1-800-555-0142", "7:00 a.m.–3:30 p.m. Mountain, Monday–Friday", "Sales opens Monday" })
        {
            Assert.Contains(expected, JsonText(card), StringComparison.Ordinal);
            Assert.Contains(expected, message.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\"agent\"", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1-866-879-8647", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("positive", (string?)card["actions"]![0]!["style"]);
    }

    [Fact]
    public void Handoff_inside_sales_hours_offers_a_live_agent_first()
    {
        var message = SalesCards.Handoff(Samples.HandoffClosed with { SalesOpen = true, Availability = "Sales is open now", CanResume = false }, Samples.Context);

        Assert.Equal(["Talk to an agent", "Request a callback"], message.Card!["actions"]!.Select(a => (string?)a["title"]));
        Assert.Contains("\"agent\"", message.Text, StringComparison.Ordinal);
        Assert.Equal(["Agent", "Callback"], message.SuggestedReplies);
    }

    [Theory]
    [MemberData(nameof(Samples.BuilderNames), MemberType = typeof(Samples))]
    public void Every_button_has_one_style_per_role_with_at_most_one_primary_and_destructive_only_for_removing(string name)
    {
        var card = Samples.CardOf(Samples.Build(name));
        var actions = CardJson.Elements(card).Where(e => ((string?)e["type"])?.StartsWith("Action.", StringComparison.Ordinal) == true).ToList();
        var style = (JsonObject a) => (string?)a["style"] ?? "default";

        Assert.True(actions.Count(a => style(a) == "positive") <= 1, $"{name} has more than one primary button");
        Assert.All(actions, a => Assert.Contains(style(a), new[] { "positive", "default", "destructive" }));
        Assert.All(actions.Where(a => style(a) == "destructive"), a => Assert.Contains((string?)a["title"], new[] { "Remove", "Empty cart" }));
        Assert.All(actions.Where(a => (string?)a["title"] is "Remove" or "Empty cart"), a => Assert.Equal("destructive", style(a)));
    }

    [Theory]
    [MemberData(nameof(Samples.BuilderNames), MemberType = typeof(Samples))]
    public void No_text_is_subtle_because_subtle_text_on_a_chat_bubble_fails_contrast(string name)
    {
        // Web Chat draws subtle text at 4.05:1 on its bubble background, under the 4.5:1 WCAG AA asks for.
        var card = Samples.CardOf(Samples.Build(name));

        Assert.DoesNotContain(CardJson.Elements(card), e => (bool?)e["isSubtle"] == true);
    }

    [Fact]
    public void Money_is_formatted_in_US_dollars() =>
        Assert.Equal(["$1,234.50", "$0.00", "$56.25"], new[] { 1234.5m, 0m, 56.25m }.Select(Wording.Money));

    private static List<(string Title, string Value)> FactsOf(JsonObject card, string factSetId) =>
        [.. CardJson.Find(card, factSetId)["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!))];

    private static decimal Amount(string money) =>
        decimal.Parse(money, System.Globalization.NumberStyles.Currency, System.Globalization.CultureInfo.GetCultureInfo("en-US"));

    private static int Occurrences(string text, string word) =>
        System.Text.RegularExpressions.Regex.Count(text, $@"\b{word}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>All text and fact values of a card, decoded (JSON escapes "&amp;" and non-ASCII).</summary>
    private static string JsonText(JsonObject card) => string.Join('\n', CardJson.Elements(card)
        .SelectMany(e => new[] { e["text"], e["title"], e["value"], e["label"] })
        .OfType<JsonValue>()
        .Select(v => v.ToString()));
}
