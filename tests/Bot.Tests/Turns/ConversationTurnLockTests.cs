using My8x8.SalesBot.Turns;

namespace My8x8.SalesBot.Bot.Tests.Turns;

public sealed class ConversationTurnLockTests
{
    [Fact]
    public async Task A_second_turn_of_the_same_conversation_waits_for_the_first()
    {
        var turnLock = new InProcessConversationTurnLock();
        var first = await turnLock.AcquireAsync("test/c1", CancellationToken.None);

        var second = turnLock.AcquireAsync("test/c1", CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var secondLease = await second;
        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Different_conversations_do_not_wait_for_each_other()
    {
        var turnLock = new InProcessConversationTurnLock();
        await using var first = await turnLock.AcquireAsync("test/c1", CancellationToken.None);

        var other = turnLock.AcquireAsync("test/c2", CancellationToken.None);

        Assert.True(other.IsCompleted);
        await (await other).DisposeAsync();
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_lock_usable_and_nothing_behind()
    {
        var turnLock = new InProcessConversationTurnLock();
        var first = await turnLock.AcquireAsync("test/c1", CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var waiter = turnLock.AcquireAsync("test/c1", cancellation.Token).AsTask();

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        await first.DisposeAsync();

        Assert.Equal(0, turnLock.ActiveConversations);
        await (await turnLock.AcquireAsync("test/c1", CancellationToken.None)).DisposeAsync();
    }
}
