using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Identity;

/// <summary>The demo users of the embedded ordering service, for the Development page's picker.</summary>
internal sealed class OrderingDemoUserDirectory : IDemoUserDirectory
{
    public IReadOnlyList<DemoUserEntry> Users { get; } =
        [.. DemoUsers.All.Select(user => new DemoUserEntry(user.Id, user.DisplayName, user.Demonstrates))];
}
