using System.ComponentModel.DataAnnotations;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>Settings of the conversation under "SalesBot:Dialogs".</summary>
public sealed class SalesDialogOptions
{
    public const string Section = "SalesBot:Dialogs";

    /// <summary>
    /// The longest message the bot reads. Longer ones (a pasted document, a log) get a polite "that's too long" and
    /// are not parsed: no cart request is that long, and the recognizers' cost grows with the text.
    /// </summary>
    [Range(50, 100_000)]
    public int MaxMessageLength { get; set; } = 500;
}
