using System.Diagnostics;
using Microsoft.Bot.Builder;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Dialogs.Understanding;
using Newtonsoft.Json;

namespace My8x8.SalesBot.Diagnostics;

/// <summary>
/// Pays the first-use costs in the background right after start-up, not in a customer's first turn: the
/// Microsoft.Recognizers.Text number models (hundreds of regular expressions built on first use), the catalog and
/// its phrase table (which also creates and opens the embedded ordering database), state storage, the
/// Newtonsoft contracts of Bot Framework activities, and the intent model (loading it is mostly JIT, about half a
/// second on a cold process). Start-up itself does not wait for it.
/// </summary>
internal sealed class WarmUpService(CatalogCache catalog, IStorage storage, IIntentRecognizer intents, ILogger<WarmUpService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (Kestrel listening) before taking CPU.
        await Task.Yield();
        var watch = Stopwatch.StartNew();
        try
        {
            var recognizers = Task.Run(WarmUpRecognizers, stoppingToken);
            var snapshot = await catalog.GetAsync(stoppingToken);
            snapshot.Parser.Parse("add 2 X4 lines and one Yealink T54W");
            await storage.ReadAsync(["salesbot-warm-up"], stoppingToken);
            JsonConvert.SerializeObject(MessageFactory.Text("warm-up"));
            JsonConvert.DeserializeObject<Microsoft.Bot.Schema.Activity>("""{"type":"message","text":"warm-up","channelData":{"a":1}}""");
            await recognizers;
            // Last: every first turn needs the parts above, while only words no shortcut reads need the model, and
            // on two cores its load (mostly JIT) would otherwise compete with them.
            await Task.Run(intents.WarmUp, stoppingToken);
            logger.LogInformation("Warm-up finished in {ElapsedMs} ms", watch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Warm-up is an optimization: the first turn pays the cost instead.
            logger.LogWarning(ex, "Warm-up failed after {ElapsedMs} ms", watch.ElapsedMilliseconds);
        }
    }

    private static void WarmUpRecognizers()
    {
        NumberRecognizer.RecognizeNumber("two hundred and 3", Culture.English);
        NumberRecognizer.RecognizeOrdinal("the second one", Culture.English);
        ChoiceRecognizer.Recognize("the second one", [new Choice("Ground"), new Choice("Two-day")]);
        SalesCommandRecognizer.Recognize("show my cart");
    }
}
