using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.DirectLine;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Redaction;

/// <summary>
/// A card number typed into the website chat (in the text, in the display name, in a card submit) is on no byte the
/// host keeps — not in the SQLite files (state, transcripts, handoffs, ordering) — and not in what the embedded Direct
/// Line serves back; the customer is told not to do that.
/// </summary>
public sealed class CardNumbersAtRestTests(LoopbackSalesBotFactory factory) : IClassFixture<LoopbackSalesBotFactory>
{
    private static readonly string[] Digits = ["4111111111111111", "378282246310005", "5555555555554444", "6011000000000000001"];

    [Fact]
    public async Task A_card_number_typed_into_the_chat_is_not_stored_nor_served_back()
    {
        var client = factory.CreateDirectLineClient();
        var (conversationId, token) = await client.StartConversationAsync(DemoUsers.Ava);

        Assert.Equal(HttpStatusCode.OK, (await client.SayAsync(conversationId, token, "hi")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SayAsync(conversationId, token, "my card is 4111 1111 1111 1111 12/29 123")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(conversationId, token, new JsonObject
        {
            ["type"] = "message",
            ["text"] = "amex 3782-822463-10005 exp 11/28 cid 1234",
            ["from"] = new JsonObject { ["id"] = "whoever", ["name"] = "Ava 5555.5555.5555.4444" },
            ["value"] = new JsonObject { ["note"] = "6011 0000 0000 0000 001" },
        })).StatusCode);

        var (activities, _) = await client.GetActivitiesAsync(conversationId, token);
        var served = string.Join('\n', activities.Select(a => a.ToJsonString()));
        AssertNoCardNumber(served, "what the Direct Line serves");
        Assert.Contains(activities, a => (string?)a["text"] == SalesTexts.CardNumberRedacted);
        Assert.Contains(activities, a => ((string?)a["text"])?.Contains(My8x8.SalesBot.Redaction.CardNumberRedactor.Replacement, StringComparison.Ordinal) == true);

        foreach (var file in Directory.EnumerateFiles(factory.DataPath, "*", SearchOption.AllDirectories))
        {
            // SQLite removes a database's -shm and -wal files when its last connection closes: one listed a moment ago
            // may be gone, and what is gone holds nothing.
            if (await ReadSharedAsync(file) is not { } bytes)
            {
                continue;
            }

            AssertNoCardNumber(Encoding.UTF8.GetString(bytes), file);
            AssertNoCardNumber(Encoding.Unicode.GetString(bytes), file);
        }
    }

    private static void AssertNoCardNumber(string content, string where)
    {
        var digitsOnly = new string(content.Where(c => char.IsAsciiDigit(c) || c == '\n').ToArray());
        foreach (var number in Digits)
        {
            Assert.False(digitsOnly.Contains(number, StringComparison.Ordinal), $"{number} found in {where}");
        }

        Assert.DoesNotContain("12/29 123", content, StringComparison.Ordinal);
    }

    private static async Task<byte[]?> ReadSharedAsync(string path)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
