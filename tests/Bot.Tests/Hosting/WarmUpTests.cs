using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using My8x8.SalesBot.Bot.Tests.Authentication;
using My8x8.SalesBot.Dialogs.Understanding;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

public sealed class WarmUpTests
{
    [Fact]
    public async Task The_background_warm_up_loads_the_intent_model_so_the_first_turn_does_not()
    {
        var entries = new ConcurrentQueue<LogEntry>();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var factory = new LoggingFactory(entries, finished);
        using var client = factory.CreateClient();

        // Signalled by the warm-up's own last log line; the bound only keeps a broken host from hanging the run.
        await finished.Task.WaitAsync(TimeSpan.FromMinutes(2));

        var loads = entries.Where(e => e.Category == typeof(IntentRecognizer).FullName && e.Message.StartsWith("Intent model en loaded", StringComparison.Ordinal)).ToList();
        Assert.Single(loads);
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning && e.Category.Contains("WarmUp", StringComparison.Ordinal));
        var recognizer = factory.Services.GetRequiredService<IIntentRecognizer>();
        Assert.Equal(Intent.Agent, recognizer.Recognize("is there a real person?", "en-US").Intent);
        Assert.Single(entries, e => e.Message.StartsWith("Intent model en loaded", StringComparison.Ordinal));
    }

    private sealed class LoggingFactory(ConcurrentQueue<LogEntry> entries, TaskCompletionSource finished) : SalesBotFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SalesBot:Performance:WarmUp", "true");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new SignallingProvider(entries, finished)));
        }
    }

    private sealed class SignallingProvider(ConcurrentQueue<LogEntry> entries, TaskCompletionSource finished) : ILoggerProvider
    {
        private readonly RecordingLoggerProvider _inner = new(entries);

        public ILogger CreateLogger(string categoryName) => new Signalling(_inner.CreateLogger(categoryName), finished);

        public void Dispose() => _inner.Dispose();

        private sealed class Signalling(ILogger inner, TaskCompletionSource finished) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => inner.BeginScope(state);

            public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                var message = formatter(state, exception);
                if (message.StartsWith("Warm-up finished", StringComparison.Ordinal) || message.StartsWith("Warm-up failed", StringComparison.Ordinal))
                {
                    finished.TrySetResult();
                }
            }
        }
    }
}
