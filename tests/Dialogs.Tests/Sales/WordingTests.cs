using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>One voice: quick replies look alike everywhere in the conversation.</summary>
public sealed class WordingTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Theory]
    [InlineData("test")]
    [InlineData("sms")]
    public async Task Every_suggested_action_of_a_whole_order_is_in_sentence_case(string channel)
    {
        using var chat = new SalesConversation(DemoUsers.Ivy, channelId: channel, world: _world);

        await chat.SayAllAsync("hi", "catalog", "add 1 X2 line and 1 Poly VVX 250", "cart", "help", "empty cart",
            "add 1 X2 line and 1 Poly VVX 250", "checkout", "done");
        using var kim = new SalesConversation(DemoUsers.Kim, channelId: channel, world: _world);
        await kim.SayAllAsync("hi", "add 1 X2 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue", "I agree");

        var suggestions = chat.Transcript.Concat(kim.Transcript).Suggestions();
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, title => Assert.True(char.IsUpper(title[0]) || char.IsDigit(title[0]), $"\"{title}\" is not in sentence case"));
    }

    public void Dispose() => _world.Dispose();
}
