using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// Base of the prompts: sends <see cref="PromptOptions.Prompt"/>, recognizes the answer, runs the
/// validator, retries with <see cref="PromptOptions.RetryPrompt"/>, and after
/// <see cref="PromptOptions.MaxAttempts"/> refused answers ends with a <see cref="PromptAttemptsExhausted"/>.
/// Begin it with <see cref="DialogContext.PromptAsync"/>.
/// </summary>
/// <typeparam name="T">The recognized value's type.</typeparam>
/// <param name="dialogId">The prompt's id.</param>
/// <param name="validator">Optional extra validation.</param>
public abstract class Prompt<T>(string dialogId, PromptValidator<T>? validator = null) : Dialog(dialogId), IAnswerReader
{
    private const string OptionsKey = "options";
    private const string AttemptsKey = "attempts";

    // The prompt activities (often with an Adaptive Card of several KB) are kept as JSON strings beside the small
    // options (deflated when long, see ActivityJson.Save), and turned back into activities only to send them again
    // (retry, reprompt) or for a validator. As a JSON tree they were converted between JSON, JObjects and objects
    // several times in every turn the prompt waited, which dominated the CPU and allocations of a sales turn.
    private const string PromptKey = "prompt";
    private const string RetryPromptKey = "retryPrompt";

    /// <inheritdoc />
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var promptOptions = options as PromptOptions
            ?? throw new ArgumentException($"Prompt '{Id}' must be begun with {nameof(PromptOptions)} (use PromptAsync).", nameof(options));
        var instance = dc.ActiveDialog!;
        instance.State[OptionsKey] = StateValues.ToJson(new PromptOptions
        {
            Choices = promptOptions.Choices,
            Validations = promptOptions.Validations,
            MaxAttempts = promptOptions.MaxAttempts,
        });
        instance.State[PromptKey] = promptOptions.Prompt is null ? null : ActivityJson.Save(promptOptions.Prompt);
        instance.State[RetryPromptKey] = promptOptions.RetryPrompt is null ? null : ActivityJson.Save(promptOptions.RetryPrompt);
        instance.State[AttemptsKey] = 0;

        // The caller's activities were saved above, before sending stamps and decorates them, so the saved copies
        // stay clean. Retries and reprompts read fresh ones from the state, so they need no copy either.
        await OnPromptAsync(dc.Context, promptOptions, isRetry: false, cancellationToken);
        return EndOfTurn;
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var instance = dc.ActiveDialog!;
        var options = GetOptions(instance, withActivities: validator is not null);
        var attempts = StateValues.Get<int>(instance.State, AttemptsKey) + 1;
        instance.State[AttemptsKey] = attempts;

        var recognized = await OnRecognizeAsync(dc.Context, options, cancellationToken);
        var respondedBefore = dc.Context.Responded;
        Activity? retryPrompt = null;
        var valid = recognized.Succeeded;
        if (validator is not null)
        {
            // Like the Bot Builder SDK, the validator also sees unrecognized input, so it can explain what it expects.
            var validatorContext = new PromptValidatorContext<T>(dc.Context, recognized, options, attempts);
            valid = await validator(validatorContext, cancellationToken) && recognized.Succeeded;
            retryPrompt = validatorContext.RetryPrompt;
        }

        if (valid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);
        }

        if (options.MaxAttempts > 0 && attempts >= options.MaxAttempts)
        {
            return await dc.EndDialogAsync(new PromptAttemptsExhausted(Id, attempts), cancellationToken);
        }

        LoadActivities(instance, options);

        if (retryPrompt is not null)
        {
            // Through OnPromptAsync, so a choice prompt still lists its choices under the validator's message.
            var specific = new PromptOptions
            {
                Prompt = options.Prompt,
                RetryPrompt = retryPrompt,
                Choices = options.Choices,
                Validations = options.Validations,
                MaxAttempts = options.MaxAttempts,
            };
            await OnPromptAsync(dc.Context, specific, isRetry: true, cancellationToken);
        }
        else if (respondedBefore || !dc.Context.Responded)
        {
            // The validator did not answer the user itself: send the retry prompt.
            await OnPromptAsync(dc.Context, options, isRetry: true, cancellationToken);
        }

        return EndOfTurn;
    }

    /// <inheritdoc />
    public async Task<bool> ReadsAsAnswerAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (ReadsAnyText && validator is null)
        {
            return false;
        }

        var instance = dc.ActiveDialog!;
        var options = GetOptions(instance, withActivities: validator is not null);
        var recognized = await OnRecognizeAsync(dc.Context, options, cancellationToken);
        if (!recognized.Succeeded || validator is null)
        {
            return recognized.Succeeded;
        }

        var attempts = StateValues.Get<int>(instance.State, AttemptsKey) + 1;
        return await validator(new PromptValidatorContext<T>(dc.Context, recognized, options, attempts), cancellationToken);
    }

    /// <summary>Whether any text passes recognition (a free-text prompt): then only a validator makes a message an answer.</summary>
    protected virtual bool ReadsAnyText => false;

    /// <summary>Something ran above the prompt and ended: ask again and keep waiting.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return EndOfTurn;
    }

    /// <inheritdoc />
    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return OnPromptAsync(turnContext, GetOptions(instance, withActivities: true), isRetry: false, cancellationToken);
    }

    /// <summary>
    /// Sends the prompt (or the retry prompt). Override to decorate it, e.g. with the list of choices. The activities
    /// in <paramref name="options"/> are free to change: what was saved for later was saved before they were sent.
    /// </summary>
    protected virtual Task OnPromptAsync(ITurnContext turnContext, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var activity = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;
        return activity is null ? Task.CompletedTask : SendAsync(turnContext, activity, cancellationToken);
    }

    /// <summary>Recognizes the prompt's value in the user's message.</summary>
    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// A copy of a saved activity to decorate and send: sending stamps conversation details on the
    /// activity, and those must not leak into the saved options.
    /// </summary>
    protected static Activity Copy(Activity activity) => ActivityJson.Copy(activity);

    private static async Task SendAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        // A prompt waits for an answer (speech channels open the microphone); MessageFactory defaults to AcceptingInput.
        activity.InputHint = InputHints.ExpectingInput;
        await turnContext.SendActivityAsync(activity, cancellationToken);
    }

    private static PromptOptions GetOptions(DialogInstance instance, bool withActivities)
    {
        var options = StateValues.Get<PromptOptions>(instance.State, OptionsKey)
            ?? throw new DialogStackIncompatibleException("A saved prompt has no options.");
        if (withActivities)
        {
            LoadActivities(instance, options);
        }

        return options;
    }

    /// <summary>Fills in the saved prompt activities (stacks saved before they were kept apart carry them in the options).</summary>
    private static void LoadActivities(DialogInstance instance, PromptOptions options)
    {
        options.Prompt ??= ReadActivity(instance, PromptKey);
        options.RetryPrompt ??= ReadActivity(instance, RetryPromptKey);
    }

    private static Activity? ReadActivity(DialogInstance instance, string key)
    {
        var json = StateValues.Get<string>(instance.State, key);
        try
        {
            return json is null ? null : ActivityJson.Load(json);
        }
        catch (JsonException ex)
        {
            throw new DialogStackIncompatibleException($"Saved prompt activity '{key}' cannot be read.", ex);
        }
    }
}
