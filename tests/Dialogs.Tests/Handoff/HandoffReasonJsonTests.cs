using System.Text.Json;
using My8x8.SalesBot.Dialogs.Handoff;

namespace My8x8.SalesBot.Dialogs.Tests.Handoff;

/// <summary>Handoff reasons are stored by name; a renamed reason still reads from what an earlier release stored.</summary>
public sealed class HandoffReasonJsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void The_former_name_MoreThanFiveLines_reads_as_above_the_sales_assist_lines()
    {
        var request = JsonSerializer.Deserialize<HandoffRequest>("""{"reason":"MoreThanFiveLines","userId":"ava.ordering","detail":"Adding 7 lines."}""", Web);

        Assert.Equal(HandoffReason.AboveSalesAssistLines, request!.Reason);
    }

    [Fact]
    public void Reasons_are_written_under_names_without_a_configurable_number()
    {
        var json = JsonSerializer.Serialize(new HandoffRequest(HandoffReason.AboveSalesAssistLines, "ava.ordering", "x"), Web);

        Assert.Contains("\"AboveSalesAssistLines\"", json, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]|Five|Ten", string.Join(",", Enum.GetNames<HandoffReason>()));
    }

    [Theory]
    [InlineData("\"CustomerAsked\"", HandoffReason.CustomerAsked)]
    [InlineData("\"overSelfServiceLimits\"", HandoffReason.OverSelfServiceLimits)]
    [InlineData("4", HandoffReason.DevicesExceedLines)]
    public void Current_names_and_numbers_read_as_before(string json, HandoffReason expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<HandoffReason>(json, Web));

    [Fact]
    public void An_unknown_name_is_refused_rather_than_read_as_some_reason() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<HandoffReason>("\"NoSuchReason\"", Web));
}
