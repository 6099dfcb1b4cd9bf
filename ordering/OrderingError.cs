using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace My8x8.SalesBot.Ordering;

/// <summary>Machine-readable reason an ordering operation was refused. The REST API carries it as the ProblemDetails "code".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderingError>))]
public enum OrderingError
{
    InvalidRequest,
    UnknownUser,
    NotEligible,
    UnknownSku,
    InvalidQuantity,
    ItemNotInCart,
    CartNotFound,
    CartExpired,
    CartNotOpen,
    CartEmpty,
    TooManyLines,
    TooManyDevices,
    DevicesExceedAvailableLines,
    ShippingNotAllowed,
    ShippingMethodRequired,
    UnknownShippingMethod,
    CardNotFound,
    CardExpired,
    NoValidCard,
    QuoteNotFound,
    QuoteExpired,
    QuoteStale,
    TermsVersionMismatch,
    TermsAcceptanceInvalid,
    IdempotencyKeyRequired,
    IdempotencyKeyReused,
    OrderNotFound,
    CardSetupLinkInvalid,
    CardSetupLinkExpired,
    CardSetupLinkUsed,

    /// <summary>An order status change its lifecycle does not allow (backwards, or off its path).</summary>
    IllegalStatusTransition,

    /// <summary>An order event id already used for a different event.</summary>
    OrderEventIdReused,

    /// <summary>The remote ordering service could not be reached or failed; raised by the HTTP client only.</summary>
    ServiceUnavailable,
}

/// <summary>
/// A refused ordering operation: <see cref="Error"/> says which rule and <see cref="Details"/> carries the data behind
/// it (for example "devices", "newLines", "linesWithoutDevice"). It holds no customer wording: the conversation words
/// refusals (<c>dialogs/Sales/RefusalTexts.cs</c>) and the REST API its problem details (<c>ordering/Api/ProblemTexts.cs</c>);
/// <see cref="Exception.Message"/> is the code and data, for logs.
/// </summary>
public sealed class OrderingException : Exception
{
    public OrderingException(OrderingError error, IReadOnlyDictionary<string, string>? details = null, Exception? innerException = null)
        : base(Describe(error, details), innerException)
    {
        Error = error;
        Details = details ?? new Dictionary<string, string>();
    }

    public OrderingError Error { get; }

    public IReadOnlyDictionary<string, string> Details { get; }

    /// <summary>Reads a detail, or null when absent.</summary>
    public string? Detail(string key) => Details.TryGetValue(key, out var value) ? value : null;

    /// <summary>Reads a numeric detail, or null when absent.</summary>
    public int? DetailAsInt(string key) =>
        Details.TryGetValue(key, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The HTTP status the REST API uses for <see cref="Error"/>.</summary>
    public int StatusCode => StatusCodeFor(Error);

    /// <summary>Maps an error to its HTTP status: 400 bad input, 403 not eligible, 404 not found, 409 conflict, 410 expired, 422 rule broken.</summary>
    public static int StatusCodeFor(OrderingError error) => error switch
    {
        OrderingError.InvalidRequest or OrderingError.UnknownSku or OrderingError.InvalidQuantity
            or OrderingError.UnknownShippingMethod or OrderingError.IdempotencyKeyRequired
            or OrderingError.TermsAcceptanceInvalid => StatusCodes.Status400BadRequest,
        OrderingError.NotEligible => StatusCodes.Status403Forbidden,
        OrderingError.UnknownUser or OrderingError.ItemNotInCart or OrderingError.CartNotFound or OrderingError.CardNotFound
            or OrderingError.QuoteNotFound or OrderingError.OrderNotFound or OrderingError.CardSetupLinkInvalid => StatusCodes.Status404NotFound,
        OrderingError.CartNotOpen or OrderingError.QuoteStale or OrderingError.TermsVersionMismatch
            or OrderingError.IdempotencyKeyReused or OrderingError.IllegalStatusTransition
            or OrderingError.OrderEventIdReused => StatusCodes.Status409Conflict,
        OrderingError.CartExpired or OrderingError.QuoteExpired or OrderingError.CardSetupLinkExpired
            or OrderingError.CardSetupLinkUsed => StatusCodes.Status410Gone,
        OrderingError.ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string Describe(OrderingError error, IReadOnlyDictionary<string, string>? details) =>
        details is not { Count: > 0 } ? error.ToString() : $"{error} ({string.Join(", ", details.Select(d => $"{d.Key}={d.Value}"))})";
}
