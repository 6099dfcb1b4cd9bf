using System.Text.RegularExpressions;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>Commands that work at every step of the conversation.</summary>
public enum SalesCommand
{
    None,
    Help,
    ShowCart,
    StartOver,
    Cancel,
    Agent,
    Hours,
}

/// <summary>
/// Recognizes the global commands. Deliberately conservative: a command is the whole message (give or take
/// politeness), so "cancel the headset" stays a cart change and "help me add lines" stays a request.
/// </summary>
public static partial class SalesCommandRecognizer
{
    public static SalesCommand Recognize(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return SalesCommand.None;
        }

        return normalized switch
        {
            "help" or "?" or "what can you do" or "menu" or "options" or "commands" => SalesCommand.Help,
            "cart" or "show cart" or "view cart" or "my cart" or "show my cart" or "view my cart" or "whats in my cart"
                or "what is in my cart" or "show me my cart" or "basket" => SalesCommand.ShowCart,
            "start over" or "restart" or "start again" or "begin again" or "reset" or "new order" => SalesCommand.StartOver,
            "cancel" or "stop" or "quit" or "exit" or "never mind" or "nevermind" or "cancel order" or "cancel my order" => SalesCommand.Cancel,
            "hours" or "sales hours" or "business hours" or "opening hours" or "when are you open" or "are you open"
                or "when is sales open" or "when do you open" or "are you open now" or "is sales open" => SalesCommand.Hours,
            _ when AgentPattern().IsMatch(normalized) => SalesCommand.Agent,
            _ => SalesCommand.None,
        };
    }

    internal static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var lowered = text.Trim().ToLowerInvariant().Replace("’", "'", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        lowered = Punctuation().Replace(lowered, " ");
        lowered = Politeness().Replace(lowered, " ");
        lowered = Spaces().Replace(lowered, " ").Trim();
        // A lone "?" asks for help; a question mark after words is just punctuation.
        return lowered.Length > 1 ? lowered.TrimEnd('?', ' ') : lowered;
    }

    [GeneratedRegex(@"^(?:(?:i want to|i would like to|id like to|can i|could i|let me|i need to|please)\s+)?(?:(?:talk|speak|chat)\s+(?:to|with)\s+|connect me (?:to|with)\s+|get me\s+|transfer me to\s+)?(?:a |an |the |someone (?:in|from) |somebody (?:in|from) )?(?:agent|live agent|sales agent|person|real person|human|sales|sales team|salesperson|representative|rep|someone|somebody)$")]
    private static partial Regex AgentPattern();

    [GeneratedRegex(@"[^\w\s?]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\b(?:please|thanks|thank you|pls|hey|hi|hello)\b")]
    private static partial Regex Politeness();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
