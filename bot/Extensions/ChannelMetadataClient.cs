using Microsoft.Bot.Connector.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace My8x8.SalesBot.Extensions;

/// <summary>
/// The HttpClient channel-token validation fetches the channel's OpenID metadata and signing keys with.
/// The SDK (4.23.1) validates with a static <see cref="HttpClient"/> of its own: 100 seconds of timeout (far beyond the
/// channels' 15-second retry window) and no handler the host can configure; the <see cref="IHttpClientFactory"/> it is
/// given serves only the bot's outbound calls. But it keeps one configuration manager per metadata URL for the whole
/// process, built with the client of the first <see cref="JwtTokenExtractor"/> created for that URL. So the host
/// creates that first extractor itself, before any request is validated, with the named client below.
/// </summary>
internal static class ChannelMetadataClient
{
    public const string HttpClientName = "BotFrameworkMetadata";

    /// <summary>
    /// The metadata URLs the SDK validates channel, emulator and skill tokens against with this configuration: the
    /// configured ones (the SDK's parameterized mode, when any of its endpoint settings is set), otherwise the public
    /// or US Government cloud's.
    /// </summary>
    public static IReadOnlyList<string> MetadataUrls(IConfiguration configuration)
    {
        string[] parameterized = ["ToChannelFromBotLoginUrl", "ToChannelFromBotOAuthScope", "ToBotFromChannelTokenIssuer", "OAuthUrl",
            "ToBotFromChannelOpenIdMetadataUrl", "ToBotFromEmulatorOpenIdMetadataUrl", "CallerId"];
        if (parameterized.Any(key => !string.IsNullOrEmpty(configuration[key])))
        {
            return new[] { configuration["ToBotFromChannelOpenIdMetadataUrl"], configuration["ToBotFromEmulatorOpenIdMetadataUrl"] }
                .OfType<string>().Where(url => url.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        }

        return configuration["ChannelService"] == GovernmentAuthenticationConstants.ChannelService
            ? [GovernmentAuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl, GovernmentAuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl]
            : [AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl, AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl];
    }

    /// <summary>Makes the SDK fetch metadata for these URLs through <paramref name="client"/> (first one per URL in the process wins).</summary>
    public static void Adopt(HttpClient client, IEnumerable<string> metadataUrls)
    {
        foreach (var url in metadataUrls)
        {
            _ = new JwtTokenExtractor(client, new TokenValidationParameters(), url, allowedSigningAlgorithms: null);
        }
    }
}
