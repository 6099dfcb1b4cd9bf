using My8x8.SalesBot.Migrations;

namespace My8x8.SalesBot.Storage;

/// <summary>
/// The schemas of the bot's own stores, as numbered scripts per dialect (see <see cref="SchemaMigrations"/>):
/// conversation and user state in <c>Storage/Migrations</c>, handoffs, transcripts, callbacks (and, on PostgreSQL, the
/// agent console's Data Protection keys) in <c>Handoff/Migrations</c>, the shipment notices' bookkeeping (the
/// conversation each order was placed in, each notice's outcome, the status feed's cursor) in <c>Notices/Migrations</c>.
/// All journal in <see cref="JournalTable"/>, never
/// in the ordering database's <c>schemaversions</c>: on PostgreSQL all of them share one schema, and on SQLite a store's
/// file may be pointed at another's. The scripts' resource names are fixed in the project file, so moving the files
/// does not make an upgraded database run them again.
/// </summary>
internal static class StoreMigrations
{
    public const string JournalTable = "bot_schemaversions";

    public static SchemaMigrations State { get; } =
        new(typeof(StoreMigrations).Assembly, "My8x8.SalesBot.Stores.State", JournalTable, "conversation state database");

    public static SchemaMigrations Handoff { get; } =
        new(typeof(StoreMigrations).Assembly, "My8x8.SalesBot.Stores.Handoff", JournalTable, "handoff database");

    /// <summary>The shipment notices' tables: in the state database (its SQLite file, or the shared PostgreSQL schema).</summary>
    public static SchemaMigrations Notices { get; } =
        new(typeof(StoreMigrations).Assembly, "My8x8.SalesBot.Stores.Notices", JournalTable, "order notices database");

    /// <summary>The sales funnel per day (the supervisor view's counts): its own SQLite file, or the shared PostgreSQL schema.</summary>
    public static SchemaMigrations Funnel { get; } =
        new(typeof(StoreMigrations).Assembly, "My8x8.SalesBot.Stores.Funnel", JournalTable, "sales funnel database");

    /// <summary>Every set, in the order they apply to a shared PostgreSQL schema.</summary>
    public static IReadOnlyList<SchemaMigrations> All { get; } = [State, Handoff, Notices, Funnel];
}
