using System.Text.Json;
using System.Text.Json.Serialization;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>
/// Why the bot hands a customer to a person. Handoff sessions and callbacks store it by name (System.Text.Json), the
/// conversation's pending agent offer by number (Newtonsoft): keep members in place and rename only with a former name.
/// </summary>
[JsonConverter(typeof(HandoffReasonJsonConverter))]
public enum HandoffReason
{
    CustomerAsked,
    NotEligible,
    UnknownUser,
    OverSelfServiceLimits,
    DevicesExceedLines,
    /// <summary>
    /// More new lines than <c>SalesBot:Ordering:SalesAssistAboveLines</c>: sales help is offered. Stored before as
    /// "MoreThanFiveLines" (a configurable number in a name), which still reads as this.
    /// </summary>
    AboveSalesAssistLines,
    UpgradeRequest,
    RepeatedFailures,
    PaymentProblem,
}

/// <summary>
/// Reads and writes <see cref="HandoffReason"/> by name, and reads the names earlier releases stored, so handoff
/// sessions and callbacks saved before a rename still load.
/// </summary>
public sealed class HandoffReasonJsonConverter : JsonConverter<HandoffReason>
{
    // Built once: creating the name converter on every read built its table of names each time, and a list of handoffs
    // reads one reason per handoff. It has no naming policy, so the options it is made with do not change what it reads.
    private static readonly JsonConverter<HandoffReason> Names =
        (JsonConverter<HandoffReason>)new JsonStringEnumConverter<HandoffReason>().CreateConverter(typeof(HandoffReason), JsonSerializerOptions.Default);

    /// <summary>Names stored by earlier releases, and what they mean now.</summary>
    public static IReadOnlyDictionary<string, HandoffReason> FormerNames { get; } =
        new Dictionary<string, HandoffReason>(StringComparer.OrdinalIgnoreCase) { ["MoreThanFiveLines"] = HandoffReason.AboveSalesAssistLines };

    public override HandoffReason Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && FormerNames.TryGetValue(name, out var renamed))
        {
            return renamed;
        }

        return Names.Read(ref reader, typeToConvert, options);
    }

    public override void Write(Utf8JsonWriter writer, HandoffReason value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
