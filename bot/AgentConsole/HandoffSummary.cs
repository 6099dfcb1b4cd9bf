using System.Globalization;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Languages;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// The summary at the top of a conversation in the console, built from facts only (the handoff's reason and its
/// numbers, the account and cards as the ordering service had them, eligibility, the step reached, and the
/// customer's messages the bot answered with "I didn't catch that"), never from free text the bot wrote; after a
/// transfer, who handed the conversation over and their note for the agent who has it now.
/// </summary>
public sealed record HandoffSummary(
    string Reason,
    IReadOnlyList<string> ReasonFacts,
    string StepReached,
    IReadOnlyList<string> NotUnderstood,
    IReadOnlyList<Fact> Customer,
    IReadOnlyList<Fact> Account,
    IReadOnlyList<string> Cards,
    string Eligibility,
    IReadOnlyList<string> EligibilityProblems,
    string Language,
    HandoffTransfer? Transfer = null,
    string? TransferText = null)
{
    // The bot's replies that mean it could not read the customer's previous message, in each language the bot speaks
    // (the summary is read in the desk's language; the transcript is in the customer's).
    private static readonly string[] NotUnderstoodReplies = [.. InEachLanguage(() =>
        [SalesTexts.NotUnderstood, SalesTexts.WhichProductsToAdd, SalesTexts.WhatToChange, SalesTexts.TooManyFailures, SalesTexts.OfferAgentAtStep])];

    public static HandoffSummary For(HandoffSession session, IReadOnlyList<TranscriptEntry> transcript)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(transcript);
        var customer = Present(
            ("Name", session.Customer.Name),
            ("Email", session.Customer.Email),
            ("Portal user", session.Customer.UserId),
            ("Account", session.Customer.AccountName is { } name ? $"{name} ({session.Customer.AccountId})" : session.Customer.AccountId));
        var account = session.Account is { } a
            ? Present(
                ("Profile", a.Profile),
                ("Product family", a.ProductFamily),
                ("Country", a.Country),
                ("Reseller (wholesale)", AgentConsoleTexts.YesNo(a.IsWholesale)),
                ("Payment method", a.PaymentMethod),
                ("Lines on account", a.Lines.ToString(CultureInfo.InvariantCulture)),
                ("Lines with a phone", a.LinesWithDevice.ToString(CultureInfo.InvariantCulture)),
                ("Lines without a phone", a.LinesWithoutDevice.ToString(CultureInfo.InvariantCulture)))
            : [];
        var cards = session.Account is { } withCards
            ? withCards.Cards.Count == 0 ? [AgentConsoleTexts.NoCards] : [.. withCards.Cards.Select(AgentConsoleTexts.Card)]
            : (IReadOnlyList<string>)[];
        var eligibility = session.Eligibility switch
        {
            null => AgentConsoleTexts.EligibilityUnknown,
            { IsEligible: true } => AgentConsoleTexts.Eligible,
            _ => AgentConsoleTexts.NotEligible,
        };

        return new HandoffSummary(
            AgentConsoleTexts.Reason(session.Reason),
            session.ReasonFacts,
            AgentConsoleTexts.Step(session.StepReached),
            NotUnderstoodIn(transcript),
            customer,
            account,
            cards,
            eligibility,
            session.Eligibility?.FailedRules ?? [],
            AgentConsoleTexts.Language(session.CustomerLanguage),
            session.Transfers.Count > 0 ? session.Transfers[^1] : null,
            session.Transfers.Count > 0 ? AgentTransferTexts.TransferredFrom(session.Transfers[^1]) : null);
    }

    /// <summary>Each customer message the bot's very next reply said it could not read.</summary>
    internal static IReadOnlyList<string> NotUnderstoodIn(IReadOnlyList<TranscriptEntry> transcript)
    {
        var found = new List<string>();
        for (var i = 0; i < transcript.Count - 1; i++)
        {
            if (transcript[i].Role != TranscriptRole.Customer)
            {
                continue;
            }

            var reply = transcript.Skip(i + 1).FirstOrDefault(e => e.Role != TranscriptRole.Customer);
            if (reply is { Role: TranscriptRole.Bot } && NotUnderstoodReplies.Any(r => reply.Text.Contains(r, StringComparison.Ordinal)))
            {
                found.Add(transcript[i].Text);
            }
        }

        return found;
    }

    private static IEnumerable<string> InEachLanguage(Func<string[]> texts)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            return [.. new[] { SalesLanguage.English, SalesLanguage.Spanish }.SelectMany(culture =>
            {
                CultureInfo.CurrentUICulture = culture;
                return texts();
            }).Distinct(StringComparer.Ordinal)];
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static List<Fact> Present(params (string Label, string? Value)[] facts) =>
        [.. facts.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => new Fact(f.Label, f.Value!))];
}
