using System.Xml.Linq;
using Dapper;
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
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        schema.EnsureCreatedAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using var connection = dataSource.OpenConnection();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, name").Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        schema.EnsureCreatedAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using var connection = dataSource.OpenConnection();
        connection.Execute(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml",
            new { name = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
