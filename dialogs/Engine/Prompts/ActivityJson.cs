using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// Saved prompt activities as JSON. Reading an activity with Newtonsoft's serializer sends each attachment through
/// the Bot Framework's AttachmentMemoryStreamConverter, which for an Adaptive Card of a few KB costs about a
/// millisecond and 2 MB of garbage; here the attachments are rebuilt from the parsed JSON directly, so a copy costs
/// a small fraction of that and the card content stays the same JSON.
/// </summary>
internal static class ActivityJson
{
    private static readonly JsonSerializerSettings Settings = new() { NullValueHandling = NullValueHandling.Ignore, MaxDepth = 128 };
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    public static string Write(Activity activity) => JsonConvert.SerializeObject(activity, Settings);

    public static Activity Read(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { MaxDepth = 128, DateParseHandling = DateParseHandling.None };
        var data = JObject.Load(reader);
        var attachments = data["attachments"] as JArray;
        data.Remove("attachments");
        var activity = data.ToObject<Activity>(Serializer) ?? throw new JsonSerializationException("A saved activity is empty.");
        if (attachments is not null)
        {
            activity.Attachments = [.. attachments.OfType<JObject>().Select(ToAttachment)];
        }

        return activity;
    }

    /// <summary>A deep copy, so that stamping or decorating it for sending leaves the original untouched.</summary>
    public static Activity Copy(Activity activity) => Read(Write(activity));

    private static Attachment ToAttachment(JObject attachment) => new(
        contentType: (string?)attachment["contentType"],
        contentUrl: (string?)attachment["contentUrl"],
        content: attachment["content"],
        name: (string?)attachment["name"],
        thumbnailUrl: (string?)attachment["thumbnailUrl"]);
}
