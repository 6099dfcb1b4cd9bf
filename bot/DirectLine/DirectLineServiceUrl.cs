using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.DirectLine;

/// <summary>
/// The <c>serviceUrl</c> of the embedded channel: this host's own address plus the secret connector path, where the bot's
/// connector client posts its replies (and proactive messages).
/// </summary>
internal sealed class DirectLineServiceUrl(IServer server, DirectLineKeys keys, IOptions<DirectLineOptions> options)
{
    public const string ConnectorPrefix = "/directline/connector";

    private string? _resolved;

    public string Get(HttpRequest request) => _resolved ??= $"{ResolveBase(request).TrimEnd('/')}{ConnectorPrefix}/{keys.ConnectorPathKey}/";

    private string ResolveBase(HttpRequest request)
    {
        if (options.Value.ServiceUrl is { } configured)
        {
            return configured.ToString();
        }

        // The address Kestrel actually bound (port 0 resolved), reachable from this process; http preferred on loopback.
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (address is not null)
        {
            return ReplaceWildcardHost(address);
        }

        // No listening addresses (an in-memory test server): the best guess is the address the request came in on.
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    internal static string ReplaceWildcardHost(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal) + 3;
        var hostEnd = address.LastIndexOf(':');
        if (schemeEnd < 3 || hostEnd < schemeEnd)
        {
            return address;
        }

        var host = address[schemeEnd..hostEnd];
        var loopback = host switch
        {
            "+" or "*" => "localhost",
            "0.0.0.0" => "127.0.0.1",
            "[::]" => "[::1]",
            _ => host,
        };
        return $"{address[..schemeEnd]}{loopback}{address[hostEnd..]}";
    }
}
