using System.ComponentModel.DataAnnotations;

namespace My8x8.SalesBot.Storage;

/// <summary>Where conversation and user state live.</summary>
public sealed class StorageOptions
{
    public const string Section = "SalesBot:Storage";

    /// <summary>SQLite connection string; a relative data source is resolved against the host's content root.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/salesbot-state.db";
}
