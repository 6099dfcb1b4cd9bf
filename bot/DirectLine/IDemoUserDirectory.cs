namespace My8x8.SalesBot.DirectLine;

/// <summary>A demo user the Development page offers, and the case it demonstrates.</summary>
public sealed record DemoUserEntry(string Id, string DisplayName, string Demonstrates);

/// <summary>The demo users the Development page's picker lists (the embedded ordering service's seed data).</summary>
public interface IDemoUserDirectory
{
    IReadOnlyList<DemoUserEntry> Users { get; }
}

/// <summary>A tiny stand-in until the host registers a directory over the ordering service's seeded demo users.</summary>
internal sealed class DefaultDemoUserDirectory : IDemoUserDirectory
{
    public IReadOnlyList<DemoUserEntry> Users { get; } =
    [
        new("ava.ordering", "Ava Martinez", "Happy path: eligible, pays by credit card, a valid card on file."),
        new("dan.enduser", "Dan Whitaker", "Plain end user profile: not eligible to order."),
    ];
}
