using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Faults;

/// <summary>
/// The bot host is killed (SIGKILL) after the ordering service placed the order and before the host heard back, so
/// it never saved the turn's state nor answered. The host is started again on the same state database; whatever
/// reaches it next — the channel's retry of "I agree", or the customer asking what happened — is answered with the
/// order that was placed, and nothing is ordered twice.
/// </summary>
public sealed class HostKilledMidOrderTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] UpToTerms = ["hi", "add 1 X4 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue"];

    private readonly TempDirectory _data = new();
    private SalesBotFactory _orderingService = null!;
    private OrderingProxy _proxy = null!;
    private ChannelSink _sink = null!;

    public async Task InitializeAsync()
    {
        // The real ordering service (the embedded one, over its REST API), reached by the bot only through the proxy.
        _orderingService = new SalesBotFactory();
        _proxy = await OrderingProxy.StartAsync(_orderingService.CreateClient());
        _sink = await ChannelSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _sink.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    public void Dispose()
    {
        _orderingService.Dispose();
        _data.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_the_host_is_killed_between_the_order_and_saving_the_restarted_host_confirms_that_order(bool channelRetriesTheActivity)
    {
        var conversation = $"killed-{channelRetriesTheActivity}";
        JsonObject agree;
        using (var first = await BotProcess.StartAsync(_data.Path, _proxy.Url))
        {
            foreach (var text in UpToTerms)
            {
                Assert.Equal(HttpStatusCode.OK, (await first.PostAsync(Message(conversation, text))).StatusCode);
            }

            _sink.TakeAll();
            _proxy.KillAfterOrder(first);
            agree = Message(conversation, "I agree");
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => first.PostAsync(agree));
            await _proxy.Killed.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(first.HasExited);
        }

        var placed = Assert.Single(await OrdersAsync());
        Assert.DoesNotContain(_sink.TakeAll(), a => ((string?)a["text"])?.Contains((string)placed!["number"]!, StringComparison.Ordinal) == true);

        using var restarted = await BotProcess.StartAsync(_data.Path, _proxy.Url);
        var next = channelRetriesTheActivity ? agree : Message(conversation, "hello? did my order go through?");
        Assert.Equal(HttpStatusCode.OK, (await restarted.PostAsync(next)).StatusCode);
        var reply = Text(_sink.TakeAll());

        var order = Assert.Single(await OrdersAsync())!;
        Assert.Contains($"Order number: {order["number"]}", reply);
        Assert.DoesNotContain("Nothing was charged", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nothing was ordered", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("something went wrong", reply, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Kim's message as the embedded Direct Line delivers it: with its proof of the sender, so the host knows who she is
    /// (a client-chosen id identifies nobody when the ordering service is remote).
    /// </summary>
    private static JsonObject Message(string conversation, string text, string serviceUrl)
    {
        var message = ActivityBuilder.Message(serviceUrl, conversation, DemoUsers.Kim, text, channelId: DirectLineConversations.ChannelId);
        message[DirectLineKeys.SenderProofProperty] = SenderKeys.ProveSender(conversation, DemoUsers.Kim);
        return message;
    }

    private JsonObject Message(string conversation, string text) => Message(conversation, text, _sink.ServiceUrl);

    private static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static readonly DirectLineKeys SenderKeys = new(Microsoft.Extensions.Options.Options.Create(new DirectLineOptions { SigningKey = SigningKey }));

    private async Task<JsonArray> OrdersAsync() =>
        (await _orderingService.CreateClient().GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Kim}"))!;

    private static string Text(IEnumerable<JsonObject> activities) => string.Join("\n", activities
        .Where(a => (string?)a["type"] == "message")
        .Select(a => $"{a["text"]}\n{(a["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["content"]?["fallbackText"] : null)}"));

    /// <summary>The bot host as its own process, on a free loopback port, its data in a folder that outlives it.</summary>
    private sealed class BotProcess : IDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http;

        private BotProcess(Process process, string url)
        {
            _process = process;
            _http = new HttpClient { BaseAddress = new Uri(url) };
        }

        public bool HasExited => _process.HasExited;

        public static async Task<BotProcess> StartAsync(string dataPath, string orderingUrl)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dataPath };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "My8x8.SalesBot.Bot.dll"));
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["environment"] = "Development",
                ["contentRoot"] = dataPath,
                ["SalesBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(dataPath, "state.db")}",
                ["SalesBot:Ordering:BaseUrl"] = orderingUrl,
                ["SalesBot:Ordering:DatabasePath"] = Path.Combine(dataPath, "unused-ordering.db"),
                ["SalesBot:Performance:WarmUp"] = "false",
                ["SalesBot:DirectLine:SigningKey"] = SigningKey,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            })
            {
                info.ArgumentList.Add($"--{key}={value}");
            }

            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            var process = Process.Start(info) ?? throw new InvalidOperationException("The bot host did not start.");
            // The host says where it listens once it is ready; that line is the signal, not a timer.
            var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Trim() is { } line && line.StartsWith("Now listening on: ", StringComparison.Ordinal))
                {
                    listening.TrySetResult(line["Now listening on: ".Length..]);
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The bot host exited before it listened."));
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                return new BotProcess(process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)));
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }
        }

        public Task<HttpResponseMessage> PostAsync(JsonObject activity) => _http.PostActivityAsync(activity);

        /// <summary>SIGKILL: no shutdown, no flush, nothing saved.</summary>
        public void KillNow()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                KillNow();
            }

            _process.Dispose();
            _http.Dispose();
        }
    }

    /// <summary>
    /// A loopback HTTP proxy in front of the ordering service's REST API. Armed, it lets the order POST through to the
    /// service and, once the service has answered (the order is placed), kills the bot before passing the answer back.
    /// </summary>
    private sealed class OrderingProxy : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private BotProcess? _victim;

        private OrderingProxy(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public void KillAfterOrder(BotProcess bot) => _victim = bot;

        private readonly TaskCompletionSource _killed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the bot was killed (after the order was placed, before the bot heard of it).</summary>
        public Task Killed => _killed.Task;

        public static async Task<OrderingProxy> StartAsync(HttpClient service)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var proxy = new OrderingProxy(app);
            app.Map("/{**path}", async (HttpContext http) =>
            {
                using var forward = new HttpRequestMessage(new HttpMethod(http.Request.Method), http.Request.Path + http.Request.QueryString);
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                if (body.Length > 0)
                {
                    forward.Content = new ByteArrayContent(body.ToArray());
                    forward.Content.Headers.TryAddWithoutValidation("Content-Type", http.Request.ContentType);
                }

                foreach (var header in http.Request.Headers.Where(h => h.Key is "Idempotency-Key" or "X-Api-Key"))
                {
                    forward.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
                }

                using var answer = await service.SendAsync(forward);
                var content = await answer.Content.ReadAsByteArrayAsync();
                if (http.Request.Method == "POST" && http.Request.Path == "/ordering/v1/orders" && answer.IsSuccessStatusCode
                    && Interlocked.Exchange(ref proxy._victim, null) is { } victim)
                {
                    victim.KillNow();
                    proxy._killed.TrySetResult();
                }

                http.Response.StatusCode = (int)answer.StatusCode;
                http.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
                await http.Response.Body.WriteAsync(content);
            });
            await app.StartAsync();
            proxy.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
            return proxy;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
