using System.Runtime.CompilerServices;
using My8x8.SalesBot.Dialogs.Resources;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>
/// What the customer reads while a person takes over, kept together; the words are in <c>DialogTexts.resx</c> (and
/// its Spanish twin) under <c>HandoffTexts.</c> and the member's name.
/// </summary>
public static class HandoffTexts
{
    public static string LeaveHint => Text();

    /// <summary>An agent whose name the desk did not give, as the subject of a sentence.</summary>
    public static string AnAgent => Text();

    public static string TheAgent => Text();

    public static string StillQueued => Format([LeaveHint]);

    public static string LeftQueue => Text();

    public static string AlreadyQueued => Format([LeaveHint]);

    public static string AlreadyWithAgent => Text();

    public static string WaitingForHub => Format([LeaveHint]);

    public static string HubAccepted => Text();

    public static string HubCompleted => Text();

    public static string EndedByCustomer => Text();

    public static string AskPhone => Text();

    public static string PhoneNotRecognized => Text();

    public static string TimeNotRecognized => Text();

    public static string CallbackCancelled => Text();

    public static string ConfirmNotRecognized => Text();

    public static string Queued(int position, TimeSpan expectedWait) => Format([position, Minutes(expectedWait), LeaveHint]);

    public static string AgentJoined(string agentName) => Format([agentName]);

    /// <summary>The note when one agent hands the chat to another ("Dana Reyes transferred you to Sam Lee from 8x8 Sales.").</summary>
    public static string AgentTransferred(string fromName, string toName) => Format([fromName, toName]);

    /// <summary>The note when an agent sends a prepared cart: they leave, and the bot takes the customer through checkout.</summary>
    public static string AgentSentCart(string agentName) => Format([agentName]);

    /// <summary>An agent's words where the customer's chat cannot show who sent them (the Emulator, other Direct Line clients).</summary>
    public static string AgentSays(string agentName, string text) => Format([agentName, text]);

    /// <summary>The bold first line of an agent's message in Teams, where a bot cannot send as the person.</summary>
    public static string AgentHeader(string agentName) => Format([agentName]);

    /// <summary>The note that the agent left (their parting words, if any, came before it as their own message).</summary>
    public static string AgentLeft(string agentName) => Format([agentName]);

    /// <summary>The bot's first words once the agent has left: it picks up where the customer was, or starts fresh.</summary>
    public static string BotBack(bool resume) => Texts[resume ? "HandoffTexts.BotBack.Resume" : "HandoffTexts.BotBack.Fresh"];

    public static string Closed(SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return Format([hours.Describe(hours.NextOpening()), hours.DescribeHours(), hours.Phone, AskPhone]);
    }

    public static string NoAgentInTime(SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return Format([hours.Phone, hours.DescribeHours(), AskPhone]);
    }

    public static string HubFailed(SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return Format([hours.Phone, hours.DescribeHours(), AskPhone]);
    }

    public static string AskTime(SalesHours hours, CallbackPhone phone)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(phone);
        return Format([phone.Text, hours.DescribeHours()]);
    }

    public static string ProposeTime(SalesHours hours, CallbackTime time)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(time);
        return Format([hours.Describe(time.Requested), hours.DescribeHours(), hours.Describe(time.Proposed)]);
    }

    public static string CallbackGaveUp(SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return Format([hours.Phone, hours.DescribeHours()]);
    }

    public static string CallbackBooked(SalesHours hours, string reference, CallbackPhone phone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(phone);
        return Format([phone.Text, hours.Describe(at), reference, hours.Phone]);
    }

    /// <summary>The phone answer when the contact center takes calls only (no chat handoff): open now, or when it is back.</summary>
    public static string CallSales(SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return hours.IsOpen()
            ? Texts.Format("HandoffTexts.CallSales.Open", hours.Phone)
            : Texts.Format("HandoffTexts.CallSales.Closed", hours.Describe(hours.NextOpening()), hours.Phone, hours.DescribeHours());
    }

    private static TextResources Texts => DialogTexts.Texts;

    private static string Minutes(TimeSpan wait) => Texts.Plural(Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)), "HandoffTexts.Minutes");

    private static string Text([CallerMemberName] string member = "") => Texts["HandoffTexts." + member];

    private static string Format(object?[] arguments, [CallerMemberName] string member = "") => Texts.Format("HandoffTexts." + member, arguments);
}
