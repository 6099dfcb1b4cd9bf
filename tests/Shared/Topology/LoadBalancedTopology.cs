using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Tests.Postgres;

namespace My8x8.SalesBot.Tests.Topology;

/// <summary>
/// The deployed shape on this machine: two bot hosts (real Kestrel on loopback ports) on one throwaway PostgreSQL
/// schema, behind Debian's nginx running the project's routing. The hosts are configured as compose configures its
/// replicas: the public address is nginx's, and every replica signs Direct Line tokens with the same key.
/// </summary>
public sealed class LoadBalancedTopology : IAsyncDisposable
{
    /// <summary>The ordering REST API's service key (outside loopback callers need one; nginx's requests are forwarded).</summary>
    public const string OrderingApiKey = "topology-test-ordering-api-key-0123456789";

    /// <summary>The Direct Line signing key every replica shares (as compose's DIRECT_LINE_SIGNING_KEY).</summary>
    private static readonly byte[] SigningKey = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    private readonly PostgresTestDatabase _database;
    private readonly PostgresSalesBotFactory?[] _hosts;

    private LoadBalancedTopology(PostgresTestDatabase database, PostgresSalesBotFactory[] hosts, NginxLoadBalancer nginx)
    {
        _database = database;
        _hosts = hosts;
        Nginx = nginx;
    }

    public NginxLoadBalancer Nginx { get; }

    /// <summary>Why the topology cannot run here (nginx or PostgreSQL missing), or null.</summary>
    public static string? MissingReason => NginxLoadBalancer.MissingReason ?? PostgresTestDatabase.SkipReason;

    /// <summary>Starts PostgreSQL's schema, nginx and both hosts; <paramref name="configure"/> adds settings of the caller's to each host.</summary>
    public static async Task<LoadBalancedTopology> StartAsync(Action<IWebHostBuilder>? configure = null)
    {
        var database = await PostgresTestDatabase.CreateAsync();
        int[] ports = [NginxLoadBalancer.FreePort(), NginxLoadBalancer.FreePort()];
        // nginx first: its address is the public one the hosts write into links.
        var nginx = await NginxLoadBalancer.StartAsync(ports);
        var hosts = ports.Select(port =>
        {
            var host = new PostgresSalesBotFactory(database.ConnectionString, builder =>
            {
                Configure(builder, nginx);
                configure?.Invoke(builder);
            });
            host.UseKestrel(port);
            return host;
        }).ToArray();
        foreach (var host in hosts)
        {
            host.CreateClient().Dispose();
        }

        return new LoadBalancedTopology(database, hosts, nginx);
    }

    private static void Configure(IWebHostBuilder builder, NginxLoadBalancer nginx)
    {
        builder.UseSetting("SalesBot:PublicBaseUrl", nginx.HttpsAddress.ToString().TrimEnd('/'));
        builder.UseSetting("SalesBot:DirectLine:SigningKey", Convert.ToBase64String(SigningKey));
        builder.UseSetting("SalesBot:Ordering:ApiKey", OrderingApiKey);
        // A Tuesday morning in Pacific time: sales agents are at work, whatever the real clock says.
        builder.UseSetting("SalesBot:Clock:Now", "2026-11-24T09:00:00-08:00");
    }

    /// <summary>A client of the public address (nginx), plain HTTP or TLS; it trusts exactly nginx's test certificate.</summary>
    public HttpClient Client(bool https = false, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, _) => TrustsNginx(certificate) },
        };
        return new HttpClient(handler) { BaseAddress = https ? Nginx.HttpsAddress : Nginx.HttpAddress };
    }

    /// <summary>A client of one host directly (its loopback caller counts as a known proxy, as nginx does).</summary>
    public HttpClient HostClient(int index) =>
        (_hosts[index] ?? throw new InvalidOperationException($"Host {index} is stopped.")).CreateClient();

    public bool TrustsNginx(System.Security.Cryptography.X509Certificates.X509Certificate? certificate) =>
        certificate is not null && certificate.GetCertHashString() == Nginx.Certificate.GetCertHashString();

    /// <summary>The running host whose embedded Direct Line holds <paramref name="conversationId"/> in memory.</summary>
    public async Task<int> HostHoldingAsync(string conversationId)
    {
        for (var i = 0; i < _hosts.Length; i++)
        {
            if (_hosts[i] is { } host && await host.Services.GetRequiredService<IDirectLineStore>().ExistsAsync(conversationId, CancellationToken.None))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No running host holds the Direct Line conversation {conversationId}.");
    }

    /// <summary>Stops a host as an orchestrator would (its port closes); nginx finds out on its next request there.</summary>
    public async Task StopHostAsync(int index)
    {
        if (_hosts[index] is { } host)
        {
            _hosts[index] = null;
            await host.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _hosts.Length; i++)
        {
            await StopHostAsync(i);
        }

        await Nginx.DisposeAsync();
        await _database.DisposeAsync();
    }
}
