using System.Globalization;
using System.Text.RegularExpressions;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>
/// Reads cart requests in plain English: "I need three more lines and 2 Yealink phones", "add a headset",
/// "remove the headset", "make it 4 X4 lines", "checkout". Product mentions are matched against the catalog's
/// SKUs, names and keywords (longest first); quantities come from Microsoft.Recognizers.Text so words work too.
/// A mention that fits several products is returned with all of them, for the conversation to ask back.
/// </summary>
public sealed partial class CartRequestParser
{
    private static readonly (string Phrase, ProductCategory[] Categories)[] GenericPhrases =
    [
        ("lines of service", [ProductCategory.ServicePlan]),
        ("line of service", [ProductCategory.ServicePlan]),
        ("lines", [ProductCategory.ServicePlan]),
        ("line", [ProductCategory.ServicePlan]),
        ("licenses", [ProductCategory.ServicePlan]),
        ("license", [ProductCategory.ServicePlan]),
        ("licences", [ProductCategory.ServicePlan]),
        ("seats", [ProductCategory.ServicePlan]),
        ("seat", [ProductCategory.ServicePlan]),
        ("users", [ProductCategory.ServicePlan]),
        ("user", [ProductCategory.ServicePlan]),
        ("desk phones", [ProductCategory.DeskPhone]),
        ("desk phone", [ProductCategory.DeskPhone]),
        ("phones", [ProductCategory.DeskPhone]),
        ("phone", [ProductCategory.DeskPhone]),
        ("handsets", [ProductCategory.DeskPhone]),
        ("handset", [ProductCategory.DeskPhone]),
        ("conference phones", [ProductCategory.ConferencePhone]),
        ("conference phone", [ProductCategory.ConferencePhone]),
        ("headsets", [ProductCategory.Headset]),
        ("headset", [ProductCategory.Headset]),
        ("devices", [ProductCategory.DeskPhone, ProductCategory.ConferencePhone, ProductCategory.Headset]),
        ("device", [ProductCategory.DeskPhone, ProductCategory.ConferencePhone, ProductCategory.Headset]),
        ("equipment", [ProductCategory.DeskPhone, ProductCategory.ConferencePhone, ProductCategory.Headset]),
        // Spanish, accents folded ("líneas" is "lineas").
        ("lineas de servicio", [ProductCategory.ServicePlan]),
        ("linea de servicio", [ProductCategory.ServicePlan]),
        ("lineas", [ProductCategory.ServicePlan]),
        ("linea", [ProductCategory.ServicePlan]),
        ("licencias", [ProductCategory.ServicePlan]),
        ("licencia", [ProductCategory.ServicePlan]),
        ("usuarios", [ProductCategory.ServicePlan]),
        ("usuario", [ProductCategory.ServicePlan]),
        ("puestos", [ProductCategory.ServicePlan]),
        ("telefonos de escritorio", [ProductCategory.DeskPhone]),
        ("telefono de escritorio", [ProductCategory.DeskPhone]),
        ("telefonos", [ProductCategory.DeskPhone]),
        ("telefono", [ProductCategory.DeskPhone]),
        ("aparatos", [ProductCategory.DeskPhone]),
        ("telefonos de conferencia", [ProductCategory.ConferencePhone]),
        ("telefono de conferencia", [ProductCategory.ConferencePhone]),
        ("telefonos de conferencias", [ProductCategory.ConferencePhone]),
        ("auriculares", [ProductCategory.Headset]),
        ("auricular", [ProductCategory.Headset]),
        ("diademas", [ProductCategory.Headset]),
        ("diadema", [ProductCategory.Headset]),
        ("cascos", [ProductCategory.Headset]),
        ("dispositivos", [ProductCategory.DeskPhone, ProductCategory.ConferencePhone, ProductCategory.Headset]),
        ("dispositivo", [ProductCategory.DeskPhone, ProductCategory.ConferencePhone, ProductCategory.Headset]),
        ("equipos", [ProductCategory.DeskPhone, ProductCategory.ConferencePhone, ProductCategory.Headset]),
    ];

    private readonly List<(string Phrase, Product[] Products, bool Specific)> _phrases;

    // Catalog order as the catalog card numbers it: lines first, then equipment ("2 of number 9").
    private readonly List<Product> _numbered;

    public CartRequestParser(IEnumerable<Product> catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var products = catalog.ToList();
        _numbered = [.. products.Where(p => p.Kind == ProductKind.Line), .. products.Where(p => p.Kind != ProductKind.Line)];
        var specific = new Dictionary<string, HashSet<Product>>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            foreach (var phrase in new[] { product.Sku, product.Name }.Concat(product.Keywords))
            {
                var key = TextTokens.Fold(Normalize(phrase));
                if (key.Length > 0)
                {
                    (specific.TryGetValue(key, out var set) ? set : specific[key] = []).Add(product);
                }
            }
        }

        _phrases = [.. specific.Select(entry => (entry.Key, entry.Value.ToArray(), true))];
        foreach (var (phrase, categories) in GenericPhrases)
        {
            if (!specific.ContainsKey(phrase))
            {
                _phrases.Add((phrase, products.Where(p => categories.Contains(p.Category)).ToArray(), false));
            }
        }

        // Longest phrases first, so "yealink t54w" wins over "yealink" and "conference phone" over "phone".
        _phrases.Sort((a, b) => b.Phrase.Length.CompareTo(a.Phrase.Length));
    }

    public CartRequest Parse(string? text)
    {
        // Words are matched without accents ("líneas", "lineas"); numbers are read from the text as written, at the
        // same positions (folding keeps the length), because the Spanish number model knows "dieciséis" with its accent.
        var written = Normalize(text);
        var normalized = TextTokens.Fold(written);
        var spanish = RecognizerCulture.SpanishTurn;
        if (normalized.Length == 0)
        {
            return CartRequest.Nothing;
        }

        // Whole-message moves the global command list knows: a card, or "that's all" (done adding, so checkout).
        switch (SalesCommandRecognizer.Recognize(text))
        {
            case SalesCommand.AddCard:
                return new CartRequest(CartIntent.AddCard, []);
            case SalesCommand.ThatsAll:
                return new CartRequest(CartIntent.Checkout, []);
        }

        // A Spanish turn reads the Spanish words as well as the English ones (customers mix them); an English turn
        // reads English only, exactly as before.
        bool Says(Regex english, Regex inSpanish) => english.IsMatch(normalized) || (spanish && inSpanish.IsMatch(normalized));

        if (Says(UpgradePattern(), SpanishUpgrade()))
        {
            return new CartRequest(CartIntent.Upgrade, []);
        }

        if (Says(EmptyPattern(), SpanishEmpty()))
        {
            return new CartRequest(CartIntent.Empty, []);
        }

        var mentions = FindMentions(normalized);
        if (mentions.Count == 0)
        {
            if (Says(CheckoutPattern(), SpanishCheckout()))
            {
                return new CartRequest(CartIntent.Checkout, []);
            }

            return Says(CatalogPattern(), SpanishCatalog()) ? new CartRequest(CartIntent.ShowCatalog, []) : CartRequest.Nothing;
        }

        var intent = Says(RemovePattern(), SpanishRemove()) ? CartIntent.Remove
            : Says(SetPattern(), SpanishSet()) ? CartIntent.SetQuantity
            : CartIntent.Add;
        var numbers = FindNumbers(written, mentions, spanish);
        var items = new List<CartRequestItem>(mentions.Count);
        for (var i = 0; i < mentions.Count; i++)
        {
            var mention = mentions[i];
            var previousEnd = i == 0 ? 0 : mentions[i - 1].End;
            var nextStart = i + 1 < mentions.Count ? mentions[i + 1].Start : normalized.Length;
            // The quantity normally comes before its product ("3 lines"); "lines: 3" or "set lines to 3" put it after.
            var said = numbers.LastOrDefault(n => n.Position >= previousEnd && n.Position < mention.Start);
            if (said.Text is null)
            {
                said = numbers.FirstOrDefault(n => n.Position >= mention.End && n.Position < nextStart);
            }

            var quantity = said.Value;
            if (said.Text is null && mention.Start >= 2
                && (ArticleBefore().IsMatch(normalized[..mention.Start]) || (spanish && SpanishArticleBefore().IsMatch(normalized[..mention.Start]))))
            {
                quantity = 1;
            }

            // Adding none or fewer ("add 0 X4 lines", "add -1 X4 lines") is no amount to add: refused like "2.5".
            var unusable = said.Text is not null && (said.Value is null || (intent == CartIntent.Add && said.Value < 1));
            items.Add(new CartRequestItem(mention.Text, mention.Products, unusable ? null : quantity, unusable ? said.Text : null));
        }

        // A product named with no quantity, no "a"/"an" and no word asking for it ("X4?", "is the X6 worth it") is
        // not an order: nothing is added without an add, a buy or a quantity.
        if (intent == CartIntent.Add && items.All(item => item.Quantity is null && item.UnreadableQuantity is null) && !Says(AddWords(), SpanishAddWords()))
        {
            return CartRequest.Nothing;
        }

        return new CartRequest(intent, items);
    }

    private List<Mention> FindMentions(string text)
    {
        var taken = new bool[text.Length];
        var found = new List<Mention>();
        foreach (Match match in CatalogNumber().Matches(text))
        {
            var index = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            if (index >= 1 && index <= _numbered.Count)
            {
                Array.Fill(taken, true, match.Index, match.Length);
                found.Add(new Mention(match.Index, match.Index + match.Length, _numbered[index - 1].Name, [_numbered[index - 1]], true));
            }
        }

        foreach (var (phrase, products, specific) in _phrases)
        {
            if (products.Length == 0)
            {
                continue;
            }

            var index = 0;
            while ((index = text.IndexOf(phrase, index, StringComparison.Ordinal)) >= 0)
            {
                var end = index + phrase.Length;
                var atWordStart = index == 0 || !char.IsLetterOrDigit(text[index - 1]);
                var atWordEnd = end == text.Length || !char.IsLetterOrDigit(text[end]);
                if (atWordStart && atWordEnd && !taken.AsSpan(index, phrase.Length).Contains(true))
                {
                    Array.Fill(taken, true, index, phrase.Length);
                    found.Add(new Mention(index, end, phrase, products, specific));
                }

                index = end;
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return MergeAdjacent(text, found);
    }

    /// <summary>"yealink phones", "x4 lines": a specific mention followed by a generic one is one product mention.</summary>
    private static List<Mention> MergeAdjacent(string text, List<Mention> mentions)
    {
        var merged = new List<Mention>(mentions.Count);
        foreach (var mention in mentions)
        {
            if (merged.Count > 0)
            {
                var previous = merged[^1];
                var gap = text[previous.End..mention.Start];
                if (string.IsNullOrWhiteSpace(gap) && (previous.Specific || mention.Specific))
                {
                    var common = previous.Products.Intersect(mention.Products).ToArray();
                    if (common.Length > 0)
                    {
                        merged[^1] = new Mention(previous.Start, mention.End, text[previous.Start..mention.End], common, true);
                        continue;
                    }
                }
            }

            merged.Add(mention);
        }

        return merged;
    }

    /// <summary>
    /// The numbers said, in order: each with its text and its value, or a null value when it is not a whole number
    /// the conversation can use ("2.5", "1/2", "99999999999") — such a quantity is refused, never read as 1.
    /// </summary>
    private static List<(int Position, int? Value, string? Text)> FindNumbers(string written, List<Mention> mentions, bool spanish)
    {
        // Blank out product mentions so model numbers ("X4", "T54W") are not read as quantities.
        var masked = written.ToCharArray();
        foreach (var mention in mentions)
        {
            Array.Fill(masked, ' ', mention.Start, mention.End - mention.Start);
        }

        // Patterns read the masked text without accents; the number model reads it as written.
        var folded = TextTokens.Fold(new string(masked));
        var numbers = new List<(int Position, int? Value, string? Text)>();
        foreach (var match in spanish ? Couple().Matches(folded).Concat(SpanishCouple().Matches(folded)) : Couple().Matches(folded))
        {
            numbers.Add((match.Index, 2, match.Value));
            Array.Fill(masked, ' ', match.Index, match.Length);
        }

        // "a few", "some", "several": an amount was said but not a number; asked for, never read as one.
        folded = TextTokens.Fold(new string(masked));
        foreach (var match in spanish ? Vague().Matches(folded).Concat(SpanishVague().Matches(folded)) : Vague().Matches(folded))
        {
            numbers.Add((match.Index, null, match.Value));
            Array.Fill(masked, ' ', match.Index, match.Length);
        }

        foreach (var said in SaidNumbers.Find(new string(masked)))
        {
            numbers.Add((said.Position, said.Whole(), said.Text));
        }

        numbers.Sort((a, b) => a.Position.CompareTo(b.Position));
        return numbers;
    }

    private static string Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : Spaces().Replace(text.Trim().ToLowerInvariant().Replace('’', '\''), " ");

    private sealed record Mention(int Start, int End, string Text, Product[] Products, bool Specific);

    [GeneratedRegex(@"\b(?:upgrade|upgrading|higher plan|higher edition|change (?:my|our) plan|move (?:my|our) users|switch (?:my|our) (?:users|plan))\b")]
    private static partial Regex UpgradePattern();

    [GeneratedRegex(@"^(?:please\s+)?(?:empty|clear)(?:\s+(?:my|the))?(?:\s+cart)?$|^(?:remove|delete)\s+(?:everything|all)(?:\s+from\s+(?:my|the)\s+cart)?$|^start (?:the )?cart over$")]
    private static partial Regex EmptyPattern();

    [GeneratedRegex(@"\b(?:remove|delete|take out|drop|get rid of|no more|don't want|dont want|without|cancel)\b")]
    private static partial Regex RemovePattern();

    [GeneratedRegex(@"\b(?:set|change|make it|make that|update|only want|only need|instead|to a total of|in total|total of)\b")]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"^(?:(?:i'?m |im |i am )?(?:ready to |ready for )?(?:check ?out|checkout|buy|place (?:the |my )?order|proceed|continue|done|go to checkout|finish|pay)(?: now| please)?|next)$")]
    private static partial Regex CheckoutPattern();

    [GeneratedRegex(@"\b(?:catalog|catalogue|browse|products|price list|prices|what do you (?:have|sell|offer)|show me (?:what|the options)|options)\b|^(?:i want to |i'd like to |id like to )?(?:order|start an order|make an order|shop|shopping|order something|buy something)$")]
    private static partial Regex CatalogPattern();

    [GeneratedRegex(@"\b(?:add|adding|buy|order|get|need|needs|want|wants|take|put|include|purchase|like|plus|more|also|give me|throw in|and|with)\b|^(?:yes|yeah|yep|sure|ok|okay)\b")]
    private static partial Regex AddWords();

    [GeneratedRegex(@"\b(?:a|an|another|one more|single)\s+(?:\w+\s+){0,2}$")]
    private static partial Regex ArticleBefore();

    [GeneratedRegex(@"(?<![\w#])(?:number|no\.|item|#|numero)\s*(?<n>\d{1,2})\b")]
    private static partial Regex CatalogNumber();

    [GeneratedRegex(@"\b(?:a\s+)?(?:couple|pair)(?:\s+of)?\b")]
    private static partial Regex Couple();

    [GeneratedRegex(@"\b(?:(?:a\s+)?(?:few|bunch of|lot of|handful of|number of)|some|several|lots of|multiple|many)\b")]
    private static partial Regex Vague();

    [GeneratedRegex(@"\b(?:mejorar|actualizar|subir) (?:de |el |mi |nuestro )?plan\b|\bplan superior\b|\bcambiar (?:mi|nuestro|el|de) plan\b|\bcambiar (?:a )?(?:mis|nuestros) usuarios\b")]
    private static partial Regex SpanishUpgrade();

    [GeneratedRegex(@"^(?:por favor\s+)?(?:vaciar|vacia|vacie|limpiar|limpia|borrar|borra)(?:\s+(?:el|mi))?(?:\s+carrito)?(?:\s+por favor)?$|^(?:quitar|quita|eliminar|elimina|borrar|borra)\s+todo(?:\s+(?:del|de mi)\s+carrito)?$")]
    private static partial Regex SpanishEmpty();

    [GeneratedRegex(@"\b(?:quitar|quita|quite|quitame|quiten|eliminar|elimina|elimine|borrar|borra|borre|sacar|saca|saque|sin|ya no quiero|no quiero|cancelar|cancela|cancele)\b")]
    private static partial Regex SpanishRemove();

    [GeneratedRegex(@"\b(?:cambiar|cambia|cambie|dejar|deja|deje|solo quiero|solo necesito|en total|un total de|actualizar|actualiza|en lugar de|en vez de)\b")]
    private static partial Regex SpanishSet();

    [GeneratedRegex(@"^(?:(?:estoy |estamos )?(?:listo|lista|listos|listas)(?: para pagar| para comprar)?|pagar|ir a pagar|finalizar(?: (?:la )?compra)?|terminar(?: la compra)?|continuar|seguir|proceder(?: al pago)?|comprar|hacer (?:el )?pedido|realizar (?:el )?pedido|siguiente)(?: ahora| ya| por favor)?$")]
    private static partial Regex SpanishCheckout();

    [GeneratedRegex(@"\b(?:catalogo|productos|lista de precios|precios|que (?:tienen|venden|ofrecen)|muestrame (?:las opciones|lo que tienen|los productos)|opciones)\b|^(?:quiero |quisiera |me gustaria )?(?:hacer un pedido|comprar algo|pedir algo|comprar)$")]
    private static partial Regex SpanishCatalog();

    [GeneratedRegex(@"\b(?:agregar|agrega|agregue|agregame|anadir|anade|anada|anademe|comprar|compra|pedir|pide|quiero|quisiera|queremos|necesito|necesitamos|dame|danos|poner|pon|ponme|incluir|incluye|mas|tambien|y|con|otro|otra)\b|^(?:si|claro|vale|ok)\b")]
    private static partial Regex SpanishAddWords();

    [GeneratedRegex(@"\b(?:un|una|otro|otra|uno mas|una mas)\s+(?:\w+\s+){0,2}$")]
    private static partial Regex SpanishArticleBefore();

    [GeneratedRegex(@"\bun par de\b")]
    private static partial Regex SpanishCouple();

    [GeneratedRegex(@"\b(?:algunos|algunas|varios|varias|unos cuantos|unas cuantas|unos pocos|unas pocas|muchos|muchas|un monton de|bastantes)\b")]
    private static partial Regex SpanishVague();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
