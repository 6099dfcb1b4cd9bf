using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Handoff;

/// <summary>One ready-made reply an agent inserts into the reply box: a short title to find it by, and the text sent.</summary>
public sealed class AgentQuickReply
{
    public string Title { get; set; } = "";

    public string Text { get; set; } = "";
}

/// <summary>
/// Settings under <c>SalesBot:AgentConsole</c>: the quick replies every agent shares (the agent's own ones stay in their
/// browser). Checked at start so a typo in the settings stops the host instead of showing agents an empty or broken list.
/// </summary>
public sealed class AgentQuickReplyOptions
{
    public const string Section = "SalesBot:AgentConsole";

    /// <summary>At most this many shared quick replies.</summary>
    public const int MaxQuickReplies = 50;

    /// <summary>The longest title a quick reply may have.</summary>
    public const int MaxTitleLength = 80;

    /// <summary>The longest text a quick reply may send.</summary>
    public const int MaxTextLength = 1000;

    /// <summary>The shared quick replies, in the order the console lists them.</summary>
    public List<AgentQuickReply> QuickReplies { get; set; } = [];
}

/// <summary>Refuses shared quick replies the console could not show or send: too many, untitled, empty or too long.</summary>
public sealed class AgentQuickReplyOptionsValidator : IValidateOptions<AgentQuickReplyOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentQuickReplyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Key = AgentQuickReplyOptions.Section + ":QuickReplies";
        var failures = new List<string>();
        if (options.QuickReplies.Count > AgentQuickReplyOptions.MaxQuickReplies)
        {
            failures.Add($"{Key} has {options.QuickReplies.Count} entries; at most {AgentQuickReplyOptions.MaxQuickReplies} are allowed.");
        }

        for (var i = 0; i < options.QuickReplies.Count; i++)
        {
            var reply = options.QuickReplies[i];
            if (string.IsNullOrWhiteSpace(reply.Title) || reply.Title.Length > AgentQuickReplyOptions.MaxTitleLength)
            {
                failures.Add($"{Key}:{i}:Title must be 1 to {AgentQuickReplyOptions.MaxTitleLength} characters.");
            }

            if (string.IsNullOrWhiteSpace(reply.Text) || reply.Text.Length > AgentQuickReplyOptions.MaxTextLength)
            {
                failures.Add($"{Key}:{i}:Text must be 1 to {AgentQuickReplyOptions.MaxTextLength} characters.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
