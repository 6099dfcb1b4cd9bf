using Microsoft.Extensions.Options;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Extensions;

/// <summary>
/// Every <see cref="DirectLineOptions.SweepInterval"/>: the embedded Direct Line's conversations idle past
/// <see cref="DirectLineOptions.ConversationIdleTimeout"/> leave memory (when its store keeps them itself). A job of
/// <see cref="SweepLoop"/>.
/// </summary>
internal sealed class DirectLineSweeper(IDirectLineStore store, IOptions<DirectLineOptions> options) : ISweepJob
{
    public string Name => "Direct Line conversations";

    public TimeSpan Interval => options.Value.SweepInterval;

    public Task<int> SweepAsync(CancellationToken cancellationToken) =>
        store is IDirectLineRetention retention ? retention.RemoveIdleConversationsAsync(cancellationToken) : Task.FromResult(0);
}
