using System.Text.RegularExpressions;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>
/// The words a customer uses to step out of a handoff (leave the queue, cancel a callback), read the same way by the
/// handoff layer and by the callback dialog.
/// </summary>
public static partial class HandoffWords
{
    /// <summary>Lower case, apostrophes dropped, punctuation as spaces, single spaces: "Never mind!" reads as "never mind".</summary>
    public static string Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : Spaces().Replace(Punctuation().Replace(text.ToLowerInvariant().Replace("'", "", StringComparison.Ordinal), " "), " ").Trim();

    /// <summary>"cancel", "bot", "leave the queue", "never mind"… in <see cref="Normalize"/>d words.</summary>
    public static bool IsLeave(string words) => LeaveWords().IsMatch(words);

    [GeneratedRegex(@"^(?:please )?(?:cancel|bot|back to (?:the )?bot|go back to (?:the )?bot|leave|leave (?:the )?queue|never ?mind|stop|quit|exit)(?: please)?$")]
    private static partial Regex LeaveWords();

    [GeneratedRegex(@"[^\w\s]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
