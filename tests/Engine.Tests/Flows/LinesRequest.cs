namespace My8x8.SalesBot.Dialogs.Tests.Engine.Flows;

/// <summary>The typed state of <see cref="AddLinesDialog"/>'s waterfall.</summary>
internal sealed class LinesRequest
{
    public string? Name { get; set; }

    public int Lines { get; set; }

    public string? Phone { get; set; }

    public List<string> Steps { get; set; } = [];
}

/// <summary>Validator settings travelling in <c>PromptOptions.Validations</c>.</summary>
internal sealed record LineLimits(int Min, int Max);
