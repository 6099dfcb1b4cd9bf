using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace My8x8.SalesBot.Tests.Topology;

/// <summary>
/// Debian's nginx as a child process, running the project's own routing (<c>deployment/nginx/salesbot/*.conf</c>, the
/// files compose mounts) in front of upstreams on loopback ports: plain HTTP on one port and TLS (a throwaway
/// self-signed certificate) on another, so the hosts see both forwarded schemes. Everything it writes stays in a
/// temporary folder, including its error log, which a failing test prints.
/// </summary>
public sealed class NginxLoadBalancer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxLoadBalancer(Process process, string directory, int httpPort, int httpsPort, X509Certificate2 certificate)
    {
        _process = process;
        _directory = directory;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        HttpsAddress = new Uri($"https://127.0.0.1:{httpsPort}/");
        Certificate = certificate;
    }

    /// <summary>nginx to run; <c>SALESBOT_NGINX</c> overrides the Debian path.</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("SALESBOT_NGINX") is { Length: > 0 } path ? path : "/usr/sbin/nginx";

    /// <summary>Why the load-balancer tests cannot run here, or null when they can.</summary>
    public static string? MissingReason => File.Exists(ExecutablePath)
        ? null
        : $"Load balancer test skipped: nginx is not installed at {ExecutablePath} (install it with: apt-get install -y --no-install-recommends nginx; "
          + "or set SALESBOT_NGINX to an nginx binary). .ci/run installs it.";

    public Uri HttpAddress { get; }

    public Uri HttpsAddress { get; }

    /// <summary>The certificate the TLS listener presents (clients in the test trust exactly this one).</summary>
    public X509Certificate2 Certificate { get; }

    public string ErrorLog => ReadLog("error.log");

    /// <summary>Every request nginx passed on so far (a WebSocket's line is written when it closes, with status 101).</summary>
    public string AccessLog => ReadLog("access.log");

    private string ReadLog(string name)
    {
        var path = Path.Combine(_directory, name);
        if (!File.Exists(path))
        {
            return $"(no {name})";
        }

        // nginx keeps the file open for writing; read it beside that.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Starts nginx in front of <paramref name="upstreamPorts"/> and waits until both listeners accept connections.</summary>
    public static async Task<NginxLoadBalancer> StartAsync(IReadOnlyList<int> upstreamPorts, CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("salesbot-nginx-").FullName;
        var routing = Path.Combine(RepositoryRoot(), "deployment", "nginx", "salesbot");
        Directory.CreateDirectory(Path.Combine(directory, "salesbot"));
        Directory.CreateDirectory(Path.Combine(directory, "temp"));
        foreach (var file in Directory.GetFiles(routing, "*.conf"))
        {
            File.Copy(file, Path.Combine(directory, "salesbot", Path.GetFileName(file)));
        }

        var certificate = CreateCertificate();
        await File.WriteAllTextAsync(Path.Combine(directory, "tls.crt"), certificate.ExportCertificatePem(), cancellationToken);
        using (var key = certificate.GetECDsaPrivateKey()!)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "tls.key"), key.ExportPkcs8PrivateKeyPem(), cancellationToken);
        }

        var (httpPort, httpsPort) = (FreePort(), FreePort());
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(directory, upstreamPorts, httpPort, httpsPort), cancellationToken);

        var start = new ProcessStartInfo(ExecutablePath)
        {
            ArgumentList = { "-p", directory, "-e", Path.Combine(directory, "error.log"), "-c", config, "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var nginx = new NginxLoadBalancer(process, directory, httpPort, httpsPort, certificate);
        try
        {
            await nginx.WaitUntilListeningAsync(httpPort, cancellationToken);
            await nginx.WaitUntilListeningAsync(httpsPort, cancellationToken);
            return nginx;
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The same layout as deployment/nginx/nginx.conf — upstreams bot_any and bot_sticky, then the shared includes —
    /// with the replicas on loopback instead of Docker's DNS, and every path nginx writes inside the folder.
    /// </summary>
    private static string Configuration(string directory, IReadOnlyList<int> upstreamPorts, int httpPort, int httpsPort)
    {
        var servers = string.Concat(upstreamPorts.Select(port => string.Create(CultureInfo.InvariantCulture, $"        server 127.0.0.1:{port};\n")));
        var temp = Path.Combine(directory, "temp");
        // Run as root (a container, CI), nginx's workers would otherwise drop to "nobody" and lose the private folder.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {{user}}worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log info;
            events { worker_connections 256; }

            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;

                upstream bot_any {
            {{servers}}        keepalive 8;
                }

                upstream bot_sticky {
                    hash $remote_addr consistent;
            {{servers}}    }

                include salesbot/http.conf;

                server {
                    listen 127.0.0.1:{{httpPort}};
                    include salesbot/routes.conf;
                }

                server {
                    listen 127.0.0.1:{{httpsPort}} ssl;
                    ssl_certificate {{directory}}/tls.crt;
                    ssl_certificate_key {{directory}}/tls.key;
                    include salesbot/routes.conf;
                }
            }

            """);
    }

    private async Task WaitUntilListeningAsync(int port, CancellationToken cancellationToken)
    {
        // Bounded: nginx binds within milliseconds, or has failed and says why in its error log.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync(cancellationToken)}\n{ErrorLog}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                // Another process gives no signal when it is ready; a short pause between connection attempts.
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"nginx did not listen on port {port} within 15 s.\n{ErrorLog}");
            }
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    /// <summary>A free 127.0.0.1 port, for nginx's listeners and the hosts behind it.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "My8x8.SalesBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with My8x8.SalesBot.sln) was not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Certificate.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
