using System.Text.RegularExpressions;
using My8x8.SalesBot.Dialogs.Engine.Prompts;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>Commands and conversational moves that work at every step of the conversation.</summary>
public enum SalesCommand
{
    None,
    Help,
    ShowCart,
    StartOver,
    Cancel,
    Agent,
    Hours,

    /// <summary>"thanks", "thank you so much".</summary>
    Thanks,

    /// <summary>"bye", "have a nice day".</summary>
    Goodbye,

    /// <summary>"that's all", "ok that's it": done adding while shopping, a closing otherwise.</summary>
    ThatsAll,

    /// <summary>"what's the status of my order?", "where is my order".</summary>
    OrderStatus,

    /// <summary>"order the same again", "reorder": the last order's items in a new cart.</summary>
    Reorder,

    /// <summary>"stop updates": no more shipment notices in this conversation.</summary>
    StopUpdates,

    /// <summary>"start updates": shipment notices again.</summary>
    StartUpdates,

    /// <summary>"add a card", "update my card": the secure card page, at any step.</summary>
    AddCard,

    /// <summary>"yes": acted on only as the answer to the bot's own offer (a step's prompt reads its own yes).</summary>
    Yes,

    /// <summary>"no", "no thanks": the answer to an offer, or a closing when nothing is going on.</summary>
    No,

    /// <summary>"great", "perfect", "got it": an acknowledgement, neither a request nor a misunderstanding.</summary>
    Acknowledge,

    /// <summary>"hi", "hello": starts the conversation, or is answered with the step's question when one is open.</summary>
    Greeting,

    /// <summary>"which plan fits us?": a sales agent guides the choice (understood by the intent model only).</summary>
    PlanAdvice,

    /// <summary>Upgrade service the account already has: only a sales agent can (the intent model; the cart parser reads "upgrade").</summary>
    Upgrade,
}

/// <summary>
/// Recognizes the global commands. Deliberately conservative: a command is the whole message (give or take
/// politeness), so "cancel the headset" stays a cart change and "help me add lines" stays a request. This is the
/// one list of these phrases; the cart request parser asks it too rather than keeping its own copy.
/// </summary>
public static partial class SalesCommandRecognizer
{
    public static SalesCommand Recognize(string? text)
    {
        // Thanks and closings are recognized before politeness is stripped: for them, the politeness is the message.
        var plain = Plain(text);
        if (plain.Length == 0)
        {
            // A lone "?" asks for help.
            return text?.Trim() == "?" ? SalesCommand.Help : SalesCommand.None;
        }

        if (ThanksPattern().IsMatch(plain))
        {
            return SalesCommand.Thanks;
        }

        if (GoodbyePattern().IsMatch(plain))
        {
            return SalesCommand.Goodbye;
        }

        if (ThatsAllPattern().IsMatch(plain))
        {
            return SalesCommand.ThatsAll;
        }

        // Yes and no are the confirm rules' (the one yes/no recognizer), for whole messages only: "no, I want 3
        // lines" is a request. A no is read before acknowledgements, a yes after them ("alright" is a nod).
        var answer = ConfirmRecognizer.Read(text, wholeMessage: true);
        if (answer == ConfirmAnswer.No)
        {
            return SalesCommand.No;
        }

        if (AcknowledgePattern().IsMatch(plain))
        {
            return SalesCommand.Acknowledge;
        }

        if (GreetingPattern().IsMatch(plain))
        {
            return SalesCommand.Greeting;
        }

        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return SalesCommand.None;
        }

        return normalized switch
        {
            "help" or "?" or "what can you do" or "menu" or "options" or "commands" => SalesCommand.Help,
            "ayuda" or "ayudame" or "necesito ayuda" or "que puedes hacer" or "que puedes hacer por mi" or "opciones" or "comandos" => SalesCommand.Help,
            "cart" or "show cart" or "view cart" or "my cart" or "show my cart" or "view my cart" or "whats in my cart"
                or "what is in my cart" or "show me my cart" or "basket" => SalesCommand.ShowCart,
            "carrito" or "ver carrito" or "ver el carrito" or "mi carrito" or "ver mi carrito" or "el carrito" or "muestrame el carrito"
                or "muestrame mi carrito" or "que hay en mi carrito" or "que tengo en el carrito" or "que tengo en mi carrito" or "cesta" => SalesCommand.ShowCart,
            "start over" or "restart" or "start again" or "begin again" or "reset" or "new order" => SalesCommand.StartOver,
            "empezar de nuevo" or "empezar otra vez" or "comenzar de nuevo" or "volver a empezar" or "reiniciar"
                or "nuevo pedido" or "empecemos de nuevo" => SalesCommand.StartOver,
            "cancel" or "stop" or "quit" or "exit" or "never mind" or "nevermind" or "cancel order" or "cancel my order" => SalesCommand.Cancel,
            "cancelar" or "cancela" or "cancelalo" or "cancelar pedido" or "cancelar el pedido" or "cancelar mi pedido" or "salir"
                or "olvidalo" or "dejalo" => SalesCommand.Cancel,
            "hours" or "sales hours" or "business hours" or "opening hours" or "when are you open" or "are you open"
                or "when is sales open" or "when do you open" or "are you open now" or "is sales open" => SalesCommand.Hours,
            "horario" or "horarios" or "horario de atencion" or "horario de ventas" or "horas" or "a que hora abren" or "cuando abren"
                or "estan abiertos" or "estan abiertos ahora" or "cual es el horario" => SalesCommand.Hours,
            "stop updates" or "stop order updates" or "no more updates" or "unsubscribe" or "stop notifications" or "stop shipping updates" => SalesCommand.StopUpdates,
            "start updates" or "start order updates" or "send updates" or "resume updates" or "subscribe" or "start notifications" => SalesCommand.StartUpdates,
            _ when ReorderPattern().IsMatch(normalized) => SalesCommand.Reorder,
            _ when answer == ConfirmAnswer.Yes => SalesCommand.Yes,
            _ when AgentPattern().IsMatch(normalized) => SalesCommand.Agent,
            _ when AddCardPattern().IsMatch(normalized) => SalesCommand.AddCard,
            _ when OrderStatusPattern().IsMatch(normalized) => SalesCommand.OrderStatus,
            _ => SalesCommand.None,
        };
    }

    /// <summary>Whether the message has anything to read: an empty message, emoji or punctuation alone has not.</summary>
    public static bool HasWords(string? text) => text is not null && text.Any(char.IsLetterOrDigit);

    internal static string Normalize(string? text)
    {
        var lowered = Plain(text, keepQuestionMark: true);
        lowered = Politeness().Replace(lowered, " ");
        lowered = Spaces().Replace(lowered, " ").Trim();
        // A lone "?" asks for help; a question mark after words is just punctuation.
        return lowered.Length > 1 ? lowered.TrimEnd('?', ' ') : lowered;
    }

    /// <summary>Lower case, apostrophes dropped ("that's" → "thats"), other punctuation as spaces.</summary>
    private static string Plain(string? text, bool keepQuestionMark = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        // Accents folded: customers type "sí" and "si", "español" and "espanol" alike.
        var lowered = TextTokens.Fold(text.Trim().ToLowerInvariant()).Replace("’", "'", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        lowered = (keepQuestionMark ? Punctuation() : PunctuationAll()).Replace(lowered, " ");
        return Spaces().Replace(lowered, " ").Trim();
    }

    [GeneratedRegex(@"^(?:(?:i want to|i would like to|id like to|can i|could i|let me|i need to|please)\s+)?(?:(?:talk|speak|chat)\s+(?:to|with)\s+|connect me (?:to|with)\s+|get me\s+|transfer me to\s+)?(?:a |an |the |someone (?:in|from) |somebody (?:in|from) )?(?:agent|live agent|sales agent|person|real person|human|sales|sales team|salesperson|representative|rep|someone|somebody)$|^(?:(?:quiero|quisiera|necesito|puedo|podria|me gustaria|prefiero)\s+)?(?:(?:hablar|chatear)\s+con\s+|comunicame con\s+|pasame con\s+|conectame con\s+)?(?:un |una |el |la |alguien de |alguien del )?(?:agente|asesor|asesora|vendedor|vendedora|representante|persona|persona real|humano|ser humano|ventas|equipo de ventas|alguien)$")]
    private static partial Regex AgentPattern();

    [GeneratedRegex(@"^(?:(?:i want to|i would like to|id like to|i need to|can i|could i|let me|how do i|how can i)\s+)?(?:add|update|change|replace|enter|set up|setup|save|use|put in)\s+(?:a |an |my |another |the |our )?(?:new |different |other |another )?(?:credit |debit |payment )?(?:card|credit card|card on file|payment card|payment method)(?: on file| to my account| to the account)?$|^(?:new|another|different) (?:credit |payment )?card$|^add card$|^(?:(?:quiero|quisiera|necesito|como puedo)\s+)?(?:agregar|anadir|cambiar|actualizar|poner|usar)\s+(?:una |mi |otra |la )?(?:nueva |otra )?tarjeta(?: de credito| de pago)?(?: nueva)?$")]
    private static partial Regex AddCardPattern();

    [GeneratedRegex(@"^(?:(?:i want to|i would like to|id like to|can i|could i|lets|let me|please)\s+)?(?:reorder|re order|(?:order|buy|get) (?:the same|the same thing|that|the same items|it) again|same again|repeat (?:my|our|the) (?:last )?order|order the same as (?:last time|before))$")]
    private static partial Regex ReorderPattern();

    [GeneratedRegex(@"\b(?:so \d{4} \d{5,8}|(?:my|our) orders|(?:my |our )?(?:past|previous|recent) orders|what (?:did|have) (?:i|we) (?:buy|bought|order|ordered|purchase|purchased)|order status|status of (?:my|our|the) (?:order|orders|purchase)|where(?: is|s| are)? (?:my|our) (?:order|orders|phones|equipment|package|delivery)|track(?:ing)? (?:my |our |the )?(?:order|package|shipment)|when (?:will|does|do|is) (?:my|our|the) (?:order|phones?|equipment|package|delivery|lines?) (?:arrive|ship|come|get here|be delivered|be active|activate)|did (?:my|our) order go through|has (?:my|our) order shipped|order history|(?:mis|nuestros) pedidos|estado de (?:mi|nuestro|el) pedido|donde esta (?:mi|nuestro) pedido|historial de pedidos)\b")]
    private static partial Regex OrderStatusPattern();

    [GeneratedRegex(@"^(?:(?:ok|okay|great|perfect|awesome|cool|excellent|wonderful|brilliant|nice|many|got it)\s+)?(?:thanks|thank you|thank u|thx|ty|tyvm|cheers)(?:\s+(?:so much|very much|a lot|a bunch|again|for (?:the|your) help|for everything|for that))?$|^(?:(?:ok|vale|perfecto|genial|muy bien|excelente)\s+)?(?:gracias|muchas gracias|mil gracias|muchisimas gracias)(?:\s+(?:por (?:la|tu|su) ayuda|por todo|de nuevo))?$")]
    private static partial Regex ThanksPattern();

    [GeneratedRegex(@"^(?:(?:ok|okay|thanks|thank you)\s+)?(?:bye|goodbye|good bye|bye bye|bye now|see you|see ya|cya|have a (?:good|nice|great) (?:day|one|evening|weekend)|talk (?:to you )?later)(?:\s+(?:thanks|thank you|now|for now))?$|^(?:(?:ok|vale|gracias)\s+)?(?:adios|hasta luego|hasta pronto|hasta manana|chao|chau|nos vemos|que tenga(?:s)? (?:un )?buen dia)(?:\s+(?:gracias))?$")]
    private static partial Regex GoodbyePattern();

    [GeneratedRegex(@"^(?:(?:ok|okay|no|nope|nah|no thanks|no thank you|thanks|great|perfect|i think)\s+)*(?:thats all|that is all|thats it|that is it|thats everything|that will be all|thatll be all|nothing else|all done|im all set|i am all set|all set)(?:\s+(?:for now|for today|thanks|thank you))*$|^(?:(?:ok|vale|no|gracias)\s+)*(?:eso es todo|es todo|nada mas|eso seria todo|ya esta|ya estoy|listo eso es todo)(?:\s+(?:por ahora|por hoy|gracias))*$")]
    private static partial Regex ThatsAllPattern();

    [GeneratedRegex(@"^(?:(?:ok|okay|oh)\s+)?(?:great|perfect|cool|awesome|excellent|wonderful|brilliant|nice|good|fine|alright|all right|got it|gotcha|noted|understood|sounds good|sounds great|all good|will do)$|^(?:(?:ok|oh)\s+)?(?:genial|perfecto|excelente|entendido|muy bien|estupendo|buenisimo|chevere)$")]
    private static partial Regex AcknowledgePattern();

    [GeneratedRegex(@"^(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening))(?:\s+(?:there|again|team|all|everyone))?$|^(?:hola|buenas|buenos dias|buen dia|buenas tardes|buenas noches|que tal)(?:\s+(?:a todos|equipo|de nuevo))?$")]
    private static partial Regex GreetingPattern();

    [GeneratedRegex(@"[^\w\s?]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"[^\w\s]")]
    private static partial Regex PunctuationAll();

    [GeneratedRegex(@"\b(?:please|thanks|thank you|pls|hey|hi|hello|por favor|gracias|hola)\b")]
    private static partial Regex Politeness();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
