using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

public sealed class TermsState
{
    public string? Version { get; set; }
}

/// <summary>The customer's answer to the terms: agreed to a version at a time, or declined (null).</summary>
public sealed record TermsAgreement(string Version, DateTimeOffset AcceptedAt);

/// <summary>Shows the Terms and Conditions and requires an explicit "I agree" (Agree &amp; Buy) before the order is placed.</summary>
public sealed partial class TermsDialog : WaterfallDialog<TermsState>
{
    public const string AgreePromptId = "termsAgreement";
    private readonly IOrderingService _ordering;
    private readonly SalesMessages _messages;
    private readonly TimeProvider _clock;
    private readonly RepeatedFailures _failures;

    public TermsDialog(IOrderingService ordering, SalesMessages messages, TimeProvider clock, RepeatedFailures failures)
        : base(nameof(TermsDialog))
    {
        _failures = failures;
        _ordering = ordering;
        _messages = messages;
        _clock = clock;
        AddStep(ShowStepAsync);
        AddStep(AgreedStepAsync);
    }

    /// <summary>True for an explicit agreement, false for a step back; not recognized otherwise.</summary>
    public static bool? Recognize(string? text)
    {
        var normalized = (text ?? "").Trim().ToLowerInvariant();
        if (Decline().IsMatch(normalized))
        {
            return false;
        }

        return Agree().IsMatch(normalized) ? true : null;
    }

    internal static Task<bool> ValidateAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        var recognized = Recognize(prompt.Recognized.Value);
        if (recognized is null)
        {
            prompt.RetryPrompt = MessageFactory.Text(SalesTexts.TermsNotAgreed);
        }

        return Task.FromResult(recognized is not null);
    }

    private async Task<DialogTurnResult> ShowStepAsync(WaterfallStepContext<TermsState> step, CancellationToken cancellationToken)
    {
        var terms = await _ordering.GetTermsAsync(cancellationToken);
        step.State.Version = terms.Version;
        var totalDueToday = step.GetOptions<decimal?>();
        return await step.PromptAsync(AgreePromptId, new PromptOptions
        {
            Prompt = await _messages.TermsAsync(step.Context, terms, totalDueToday, cancellationToken),
            RetryPrompt = MessageFactory.Text(SalesTexts.TermsNotAgreed),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AgreedStepAsync(WaterfallStepContext<TermsState> step, CancellationToken cancellationToken)
    {
        if (step.Result is PromptAttemptsExhausted)
        {
            return await _failures.OfferAgentAndAskAgainAsync(step, HandoffReason.RepeatedFailures, "terms", cancellationToken);
        }

        var agreed = step.Result is string text && Recognize(text) == true;
        return await step.EndDialogAsync(agreed ? new TermsAgreement(step.State.Version!, _clock.GetUtcNow()) : null, cancellationToken);
    }

    [GeneratedRegex(@"\b(?:disagree|do not agree|don'?t agree|not agree|decline|change (?:my |the )?cart|go back|back|no|nope)\b")]
    private static partial Regex Decline();

    [GeneratedRegex(@"\b(?:i agree|agree|agreed|i accept|accept|agree (?:&|and) buy|yes,? i agree)\b")]
    private static partial Regex Agree();
}
