using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using My8x8.SalesBot.Storage;
using Npgsql;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// ASP.NET Core Data Protection keys in the shared PostgreSQL database, so an agent console cookie or antiforgery token
/// issued by one instance is read by every other. Data Protection calls this synchronously and rarely (when it loads or
/// refreshes its key ring, and when it creates a key, every 90 days by default).
/// </summary>
public sealed class PostgresDataProtectionKeys(NpgsqlDataSource dataSource, PostgresSchema schema) : IXmlRepository
{
    /// <summary>The table; created at start-up by <see cref="PostgresSchema"/>.</summary>
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS data_protection_keys (
            name       text PRIMARY KEY,
            xml        text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        schema.EnsureCreatedAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        schema.EnsureCreatedAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using var command = dataSource.CreateCommand(
            "INSERT INTO data_protection_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml");
        command.Parameters.Add(new NpgsqlParameter { Value = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
