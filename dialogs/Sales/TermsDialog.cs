using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;
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
    private readonly SalesUnderstanding _understanding;

    public TermsDialog(IOrderingService ordering, SalesMessages messages, TimeProvider clock, RepeatedFailures failures, SalesUnderstanding understanding)
        : base(nameof(TermsDialog))
    {
        _understanding = understanding;
        _failures = failures;
        _ordering = ordering;
        _messages = messages;
        _clock = clock;
        AddStep(ShowStepAsync);
        AddStep(AgreedStepAsync);
    }

    /// <summary>
    /// True for an explicit agreement, false for a decline or a step back; not recognized otherwise. Agreement and
    /// decline are the conversation's one yes/no recognizer ("I agree, no changes" agrees; a bare "ok" is not an
    /// agreement to buy); only going back to the cart ("change cart", "go back") is this step's own words, like the
    /// card's Change cart button.
    /// </summary>
    public bool? Recognize(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var normalized = (turnContext.Activity.Text ?? "").Trim().ToLowerInvariant();
        return BackToCart().IsMatch(normalized) ? false : _understanding.Agree(turnContext);
    }

    internal Task<bool> ValidateAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        var recognized = Recognize(prompt.Context);
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

        var agreed = step.Result is string && Recognize(step.Context) == true;
        return await step.EndDialogAsync(agreed ? new TermsAgreement(step.State.Version!, _clock.GetUtcNow()) : null, cancellationToken);
    }

    [GeneratedRegex(@"\b(?:change (?:my |the )?cart|go back|back)\b")]
    private static partial Regex BackToCart();
}
