using System.Collections.Frozen;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Understanding.Prediction;

namespace My8x8.SalesBot.Dialogs.Understanding;

/// <summary>
/// The intent recognizer over the models embedded in this assembly (one per language, <c>Models/intents.{lang}.zip</c>).
/// A model loads on first use or at <see cref="WarmUp"/>, once, whichever thread asks first; loading costs a few
/// hundred milliseconds of JIT, which is why it is kept off the host's start-up path.
/// </summary>
public sealed partial class IntentRecognizer : IIntentRecognizer
{
    private const string DefaultLanguage = "en";

    private readonly FrozenDictionary<string, Lazy<IntentModel?>> _models;
    private readonly IntentOptions _options;
    private readonly ILogger _logger;

    public IntentRecognizer(IOptions<IntentOptions> options, ILogger<IntentRecognizer> logger)
        : this(EmbeddedModels(), options?.Value ?? throw new ArgumentNullException(nameof(options)), logger)
    {
    }

    internal IntentRecognizer(IReadOnlyDictionary<string, Func<Stream>> modelFiles, IntentOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _models = modelFiles.ToFrozenDictionary(
            pair => pair.Key,
            pair => new Lazy<IntentModel?>(() => Load(pair.Key, pair.Value), LazyThreadSafetyMode.ExecutionAndPublication),
            StringComparer.OrdinalIgnoreCase);
        Languages = [.. _models.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyCollection<string> Languages { get; }

    public IntentResult Recognize(string? text, string? culture = null)
    {
        var language = LanguageOf(culture);
        if (!_models.TryGetValue(language, out var model) || model.Value is not { } loaded)
        {
            // No model for this language: the dialogs' own recognizers still run, so guessing with another
            // language's model would only add wrong answers.
            return IntentResult.Unrecognized(language: null);
        }

        return loaded.Classify(text, _options);
    }

    public void WarmUp()
    {
        foreach (var model in _models.Values)
        {
            model.Value?.Classify("hello", _options);
        }
    }

    internal static string LanguageOf(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return DefaultLanguage;
        }

        var separator = culture.AsSpan().IndexOfAny('-', '_');
        return (separator < 0 ? culture : culture[..separator]).Trim().ToLowerInvariant();
    }

    private IntentModel? Load(string language, Func<Stream> open)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var stream = open();
            var model = IntentModel.Load(stream);
            LogLoaded(_logger, language, watch.ElapsedMilliseconds, model.Manifest?.Examples ?? 0);
            return model;
        }
#pragma warning disable CA1031 // A broken model must not break conversations: they fall back to the steps' own handling.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogLoadFailed(_logger, ex, language);
            return null;
        }
    }

    private static Dictionary<string, Func<Stream>> EmbeddedModels()
    {
        var assembly = typeof(IntentRecognizer).Assembly;
        var models = new Dictionary<string, Func<Stream>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var match = ModelResource().Match(name);
            if (match.Success)
            {
                models[match.Groups["language"].Value] = () => assembly.GetManifestResourceStream(name)
                    ?? throw new InvalidOperationException($"Embedded model {name} is missing.");
            }
        }

        return models;
    }

    [GeneratedRegex(@"^My8x8\.SalesBot\.Dialogs\.Understanding\.Models\.intents\.(?<language>[a-z]{2})\.zip$")]
    private static partial Regex ModelResource();

    [LoggerMessage(Level = LogLevel.Information, Message = "Intent model {Language} loaded in {ElapsedMs} ms ({Examples} examples)")]
    private static partial void LogLoaded(ILogger logger, string language, long elapsedMs, int examples);

    [LoggerMessage(Level = LogLevel.Error, Message = "Intent model {Language} could not be loaded; free text falls back to the steps' own handling")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string language);
}
