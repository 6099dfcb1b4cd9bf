using System.Net.WebSockets;

namespace My8x8.SalesBot.DirectLine;

/// <summary>
/// The conversation stream over WebSocket (Direct Line's <c>streamUrl</c>): each message is an activity set
/// (<c>{"activities":[…],"watermark":"…"}</c>); an empty message is a keep-alive. Read-only: visitors post over HTTP.
/// </summary>
internal static class DirectLineStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(
        HttpContext context,
        string conversationId,
        string? watermark,
        string? t,
        DirectLineTokenService tokens,
        IDirectLineStore store,
        TimeProvider time,
        IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", "Connect with a WebSocket.").ExecuteAsync(context);
            return;
        }

        // Browsers cannot set headers on a WebSocket, so the token travels in the query (as with Azure's streamUrl).
        if (!DirectLineEndpoints.TryAuthorize(t ?? DirectLineEndpoints.BearerToken(context.Request), conversationId, tokens, out _, out var failure))
        {
            await failure.ExecuteAsync(context);
            return;
        }

        if (!DirectLineEndpoints.TryParseWatermark(watermark, out var mark) || !await store.ExistsAsync(conversationId, context.RequestAborted))
        {
            await DirectLineEndpoints.Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.").ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var reading = DrainUntilClosedAsync(socket, stop);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var set = await store.GetActivitiesAsync(conversationId, mark, stop.Token);
                if (set is null)
                {
                    break;
                }

                if (set.Activities.Count > 0)
                {
                    await DirectLineEndpoints.SendTextAsync(socket, DirectLineEndpoints.ActivitySetJson(set), stop.Token);
                }

                mark = set.Watermark;
                try
                {
                    await store.WaitForActivitiesAsync(conversationId, set.Watermark, stop.Token).WaitAsync(KeepAlive, time, stop.Token);
                }
                catch (TimeoutException)
                {
                    await DirectLineEndpoints.SendTextAsync(socket, string.Empty, stop.Token);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The visitor went away or the host is stopping.
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }

        await CloseAsync(socket);
    }

    private static async Task CloseAsync(WebSocket socket)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Stream closed.", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Reads (and ignores) what the client sends, to notice when it closes.</summary>
    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closed or aborted: either way the stream is over.
        }

        await stop.CancelAsync();
    }
}
