using System.Text.Json;

namespace My8x8.SalesBot.Ordering;

/// <summary>JSON settings shared by the REST API's request parsing and the HTTP client.</summary>
public static class OrderingJson
{
    /// <summary>Web defaults, strict about nulls and required members so bad input is refused rather than half-read.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
