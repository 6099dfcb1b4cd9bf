using System.Globalization;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>What the customer reads while a person takes over, kept together.</summary>
public static class HandoffTexts
{
    public const string LeaveHint = "Say \"cancel\" or \"bot\" to go back to the bot.";

    public const string StillQueued =
        "You're still in line for a sales agent — they'll see your messages when they join. " + LeaveHint;

    public const string LeftQueue = "OK, you've left the queue. Back to where we were:";

    public const string AlreadyQueued = "You're already in line for a sales agent; they'll join this chat shortly. " + LeaveHint;

    public const string AlreadyWithAgent = "A sales agent is already in this chat with you.";

    public const string WaitingForHub = "I'm connecting you with our sales team — someone will be with you shortly. " + LeaveHint;

    public const string HubAccepted = "A sales agent from 8x8 has joined and will take it from here.";

    public const string HubCompleted = "Thanks for talking with our sales team — I'm back. Let's pick up where we were:";

    public const string EndedByCustomer = "OK, I've let the sales agent know you've gone back to the bot. Back to where we were:";

    public const string AskPhone =
        "What phone number should our sales team call? Include the area code, for example 408-555-0100. " +
        "(Say \"cancel\" to go back.)";

    public const string PhoneNotRecognized =
        "I couldn't find a full phone number in that. Please type it with the area code, for example 408-555-0100 — or say \"cancel\".";

    public const string TimeNotRecognized =
        "When should we call? You can say things like \"tomorrow at 9\" or \"Monday morning\" — or \"cancel\".";

    public const string CallbackCancelled = "No problem — no callback was booked. Back to where we were:";

    public const string ConfirmNotRecognized = "Please answer \"yes\" to book that time, or \"no\" to pick another.";

    public static string Queued(int position, TimeSpan expectedWait) => string.Create(
        CultureInfo.InvariantCulture,
        $"I've asked a sales agent to join this chat. You're number {position} in line; the expected wait is about {Minutes(expectedWait)}. " +
        $"Type anything you'd like them to know while you wait. {LeaveHint}");

    public static string AgentJoined(string agentName) => $"{agentName} from 8x8 Sales joined the chat.";

    /// <summary>The note when an agent sends a prepared cart: they leave, and the bot takes the customer through checkout.</summary>
    public static string AgentSentCart(string agentName) =>
        $"{agentName} from 8x8 Sales sent you a cart and left the chat. Say \"agent\" any time to talk to sales again.";

    public static string AgentSays(string agentName, string text) => $"{agentName}: {text}";

    public static string AgentEnded(string agentName, string? note, bool resume) =>
        $"{agentName} has left the chat." +
        (string.IsNullOrWhiteSpace(note) ? "" : $" Their note: {note.Trim()}") +
        (resume ? " I'm back — let's pick up where we were:" : " I'm back — let's start fresh.");

    public static string Closed(SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return $"Our sales team is away right now — we open again {hours.Describe(hours.NextOpening())} ({hours.DescribeHours()}). " +
            $"You can call {hours.Phone} then, or I can ask sales to call you back. {AskPhone}";
    }

    public static string NoAgentInTime(SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return $"Sorry — no sales agent was free to join in time. You can call {hours.Phone} ({hours.DescribeHours()}), " +
            $"or I can ask sales to call you back. {AskPhone}";
    }

    public static string HubFailed(SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return $"Sorry — I couldn't reach a sales agent. You can call {hours.Phone} ({hours.DescribeHours()}), or I can ask sales to call you back. {AskPhone}";
    }

    public static string AskTime(SalesHours hours, CallbackPhone phone)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(phone);
        return $"Thanks — we'll call {phone.Text}. When suits you? Sales calls {hours.DescribeHours()}; " +
            "say something like \"tomorrow at 9\" or \"Monday morning\".";
    }

    public static string ProposeTime(SalesHours hours, CallbackTime time)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(time);
        return $"Sales isn't working {hours.Describe(time.Requested)} ({hours.DescribeHours()}). " +
            $"The nearest time I can book is {hours.Describe(time.Proposed)}. Shall I book that? (yes/no)";
    }

    public static string CallbackGaveUp(SalesHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return $"Sorry — I still couldn't read that, so no callback was booked. You can call sales at {hours.Phone} ({hours.DescribeHours()}), " +
            "or say \"call me back\" to try again. Back to where we were:";
    }

    public static string CallbackBooked(SalesHours hours, string reference, CallbackPhone phone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(phone);
        return $"Done — sales will call you at {phone.Text} {hours.Describe(at)} (request {reference}). " +
            $"If you need us sooner, call {hours.Phone}. Back to where we were:";
    }

    private static string Minutes(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return minutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{minutes} minutes");
    }
}
