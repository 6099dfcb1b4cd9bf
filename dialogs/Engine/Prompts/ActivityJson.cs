using System.IO.Compression;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// Saved prompt activities as JSON. Reading an activity with Newtonsoft's serializer sends each attachment through
/// the Bot Framework's AttachmentMemoryStreamConverter, which for an Adaptive Card of a few KB costs about a
/// millisecond and 2 MB of garbage; here the attachments are rebuilt directly, with their content kept as raw JSON
/// text, so a copy costs a small fraction of that and the card content stays the same JSON.
/// </summary>
internal static class ActivityJson
{
    private static readonly JsonSerializerSettings Settings = new() { NullValueHandling = NullValueHandling.Ignore, MaxDepth = 128 };
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);
    private static readonly JsonLoadSettings NoLineInfo = new() { LineInfoHandling = LineInfoHandling.Ignore };

    // Saved activities longer than this are deflated: a prompt's card is 5–10 KB of JSON that every turn reads and
    // writes with the conversation state while the prompt waits, and is needed only to ask again.
    private const int PackAbove = 2048;
    private const string PackedPrefix = "deflate:";

    public static string Write(Activity activity) => JsonConvert.SerializeObject(activity, Settings);

    /// <summary>The activity as it is kept in dialog state: its JSON, deflated and base64-encoded when long.</summary>
    public static string Save(Activity activity)
    {
        var json = Write(activity);
        if (json.Length <= PackAbove)
        {
            return json;
        }

        var utf8 = Encoding.UTF8.GetBytes(json);
        using var packed = new MemoryStream(utf8.Length / 3);
        using (var deflate = new DeflateStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(utf8);
        }

        return PackedPrefix + Convert.ToBase64String(packed.GetBuffer(), 0, (int)packed.Length);
    }

    /// <summary>An activity saved by <see cref="Save"/> (or plain JSON, as older state has it).</summary>
    public static Activity Load(string saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (!saved.StartsWith(PackedPrefix, StringComparison.Ordinal))
        {
            return Read(saved);
        }

        byte[] packed;
        try
        {
            packed = Convert.FromBase64String(saved[PackedPrefix.Length..]);
        }
        catch (FormatException ex)
        {
            throw new JsonSerializationException("A saved activity is not valid base64.", ex);
        }

        using var deflate = new DeflateStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var text = new StreamReader(deflate, Encoding.UTF8);
        try
        {
            return Read(text.ReadToEnd());
        }
        catch (InvalidDataException ex)
        {
            throw new JsonSerializationException("A saved activity cannot be inflated.", ex);
        }
    }

    public static Activity Read(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { MaxDepth = 128, DateParseHandling = DateParseHandling.None };
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonSerializationException("A saved activity is not a JSON object.");
        }

        var data = new JObject();
        List<Attachment>? attachments = null;
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            reader.Read();
            if (name == "attachments" && reader.TokenType == JsonToken.StartArray)
            {
                attachments = ReadAttachments(reader);
            }
            else
            {
                data[name] = JToken.ReadFrom(reader, NoLineInfo);
            }
        }

        var activity = data.ToObject<Activity>(Serializer) ?? throw new JsonSerializationException("A saved activity is empty.");
        activity.Attachments = attachments;
        return activity;
    }

    /// <summary>A deep copy, so that stamping or decorating it for sending leaves the original untouched.</summary>
    public static Activity Copy(Activity activity) => Read(Write(activity));

    /// <summary>
    /// Attachments with their content kept as raw JSON text (<see cref="JRaw"/>): an Adaptive Card is written out
    /// as it is when the activity is sent or saved again, instead of being built into a tree and walked.
    /// </summary>
    private static List<Attachment> ReadAttachments(JsonReader reader)
    {
        var attachments = new List<Attachment>();
        while (reader.Read() && reader.TokenType == JsonToken.StartObject)
        {
            var attachment = new Attachment();
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                reader.Read();
                switch (name)
                {
                    case "content":
                        attachment.Content = reader.TokenType is JsonToken.StartObject or JsonToken.StartArray ? JRaw.Create(reader) : JToken.ReadFrom(reader, NoLineInfo);
                        break;
                    case "contentType":
                        attachment.ContentType = (string?)reader.Value;
                        break;
                    case "contentUrl":
                        attachment.ContentUrl = (string?)reader.Value;
                        break;
                    case "name":
                        attachment.Name = (string?)reader.Value;
                        break;
                    case "thumbnailUrl":
                        attachment.ThumbnailUrl = (string?)reader.Value;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            attachments.Add(attachment);
        }

        return attachments;
    }
}
