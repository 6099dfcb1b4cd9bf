using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Sqlite;

namespace My8x8.SalesBot.Ordering.Embedded;

/// <summary>
/// Where the embedded ordering service keeps its data: runs each operation in a transaction, and on first use brings
/// the schema up to date (<see cref="OrderingMigrations"/>) and seeds a new database. The SQL is written once, with $name parameters, for SQLite and PostgreSQL alike.
/// </summary>
internal abstract class OrderingDatabase : IDisposable
{
    /// <summary>Runs <paramref name="work"/> in a transaction; writers are serialized, readers see one consistent snapshot.</summary>
    public abstract Task<T> RunAsync<T>(bool write, Func<DbSession, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// A read that runs exactly one command (<see cref="DbSession.QueryManyAsync"/> for several statements), which
    /// sees one consistent snapshot. On PostgreSQL the command carries its own BEGIN and COMMIT: one round trip in all.
    /// </summary>
    public abstract Task<T> ReadInOneCommandAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a write that reads and changes only the data of <paramref name="userId"/>'s account (its users' carts,
    /// quotes, orders, cards and lines). It is serialized with every other write of that account and with the writes
    /// of <see cref="RunAsync"/>; a database that can (PostgreSQL) lets writes of other accounts run beside it. Rules
    /// across accounts (unique order numbers and idempotency keys) are unique constraints there, and a write that loses
    /// such a race runs again, so it must be safe to repeat: only database work inside.
    /// </summary>
    public virtual Task<T> RunForUserAsync<T>(string userId, Func<DbSession, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(write: true, work, cancellationToken);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    /// <summary>
    /// Seeds a database the migrations just created (no catalog yet), and adds any missing load-test users. Earlier
    /// releases seeded at creation too, so their databases are left as they are.
    /// </summary>
    protected static async Task SeedIfEmptyAsync(DbSession s, int loadTestUsers)
    {
        if (await s.ScalarAsync<long>("SELECT COUNT(*) FROM products") == 0)
        {
            await SeedAsync(s);
        }

        if (await s.ScalarAsync<long>("SELECT COUNT(*) FROM plan_features") == 0)
        {
            // New databases, and those of releases before plan features, get the seed's features for the plans
            // their catalog has; features an operator has since changed are left alone.
            await SeedPlanFeaturesAsync(s);
        }

        if (loadTestUsers > 0)
        {
            await SeedLoadTestUsersAsync(s, loadTestUsers);
        }
    }

    /// <summary>The catalog, shipping methods, tax rates, terms and the demo accounts, users and cards.</summary>
    private static async Task SeedAsync(DbSession s)
    {
        var order = 0;
        foreach (var p in SeedData.Products)
        {
            await s.ExecuteAsync(
                "INSERT INTO products (sku, kind, category, name, description, price_cents, requires_line, keywords, sort_order) VALUES ($sku, $kind, $cat, $name, $desc, $price, $req, $kw, $sort)",
                ("$sku", p.Sku), ("$kind", p.Kind.ToString()), ("$cat", p.Category.ToString()), ("$name", p.Name), ("$desc", p.Description),
                ("$price", p.PriceCents), ("$req", p.RequiresLine), ("$kw", p.Keywords), ("$sort", order++));
        }

        order = 0;
        foreach (var m in SeedData.ShippingMethods)
        {
            await s.ExecuteAsync(
                "INSERT INTO shipping_methods (code, name, price_cents, min_days, max_days, sort_order) VALUES ($code, $name, $price, $min, $max, $sort)",
                ("$code", m.Code), ("$name", m.Name), ("$price", Money.ToCents(m.Price)), ("$min", m.MinBusinessDays), ("$max", m.MaxBusinessDays), ("$sort", order++));
        }

        foreach (var (state, rate) in SeedData.TaxRates)
        {
            await s.ExecuteAsync("INSERT INTO tax_rates (state, rate_basis_points) VALUES ($s, $r)", ("$s", state), ("$r", rate));
        }

        foreach (var t in SeedData.Terms)
        {
            await s.ExecuteAsync("INSERT INTO terms (version, effective_at, summary, body) VALUES ($v, $e, $s, $b)",
                ("$v", t.Version), ("$e", DbSession.FormatTime(t.EffectiveAt)), ("$s", t.Summary), ("$b", t.Text));
        }

        foreach (var a in SeedData.Accounts)
        {
            await s.ExecuteAsync(
                """
                INSERT INTO accounts (id, name, product_family, country, is_wholesale, default_payment_method, lines, lines_with_device,
                    ship_name, ship_street, ship_city, ship_state, ship_postal_code, ship_country, aad_tenant_id)
                VALUES ($id, $name, $family, $country, $wholesale, $payment, $lines, $withDevice, $sn, $ss, $sc, $st, $sp, $sco, $tenant)
                """,
                ("$id", a.Id), ("$name", a.Name), ("$family", a.Family.ToString()), ("$country", a.Country), ("$wholesale", a.Wholesale),
                ("$payment", a.Payment.ToString()), ("$lines", a.Lines), ("$withDevice", a.LinesWithDevice),
                ("$sn", a.ShipTo.Name), ("$ss", a.ShipTo.Street), ("$sc", a.ShipTo.City), ("$st", a.ShipTo.State),
                ("$sp", a.ShipTo.PostalCode), ("$sco", a.ShipTo.Country), ("$tenant", a.TenantId));
        }

        var names = DemoUsers.All.ToDictionary(u => u.Id, u => u.DisplayName);
        foreach (var u in SeedData.Users)
        {
            await s.ExecuteAsync(
                "INSERT INTO users (id, account_id, display_name, email, profile, aad_object_id) VALUES ($id, $acct, $name, $email, $profile, $oid)",
                ("$id", u.Id), ("$acct", u.AccountId), ("$name", names[u.Id]), ("$email", u.Email), ("$profile", u.Profile.ToString()), ("$oid", u.AadObjectId));
        }

        foreach (var c in SeedData.Cards)
        {
            await s.ExecuteAsync(
                "INSERT INTO cards (id, account_id, added_by, vault_token, brand, last4, exp_month, exp_year, added_at) VALUES ($id, $acct, NULL, $tok, $brand, $last4, $m, $y, $at)",
                ("$id", c.Id), ("$acct", c.AccountId), ("$tok", "tok_seed_" + c.Id), ("$brand", c.Brand), ("$last4", c.Last4),
                ("$m", c.ExpiryMonth), ("$y", c.ExpiryYear), ("$at", "2024-01-01T00:00:00.0000000+00:00"));
        }
    }

    private static async Task SeedPlanFeaturesAsync(DbSession s)
    {
        var order = 0;
        foreach (var f in SeedData.PlanFeatures)
        {
            await s.ExecuteAsync(
                """
                INSERT INTO plan_features (sku, code, name, included, value, sort_order)
                SELECT $sku, $code, $name, $included, $value, $sort WHERE EXISTS (SELECT 1 FROM products WHERE sku = $sku)
                """,
                ("$sku", f.Sku), ("$code", f.Code), ("$name", f.Name), ("$included", f.Included), ("$value", f.Value), ("$sort", order++));
        }
    }

    /// <summary>Load-test users (see <see cref="OrderingOptions.LoadTestUsers"/>); idempotent, so an existing file gets any missing ones.</summary>
    private static async Task SeedLoadTestUsersAsync(DbSession s, int count)
    {
        foreach (var (a, u, c) in SeedData.LoadTestUsers(count))
        {
            await s.ExecuteAsync(
                """
                INSERT INTO accounts (id, name, product_family, country, is_wholesale, default_payment_method, lines, lines_with_device,
                    ship_name, ship_street, ship_city, ship_state, ship_postal_code, ship_country, aad_tenant_id)
                VALUES ($id, $name, $family, $country, FALSE, $payment, $lines, $withDevice, $sn, $ss, $sc, $st, $sp, $sco, NULL)
                ON CONFLICT DO NOTHING
                """,
                ("$id", a.Id), ("$name", a.Name), ("$family", a.Family.ToString()), ("$country", a.Country), ("$payment", a.Payment.ToString()),
                ("$lines", a.Lines), ("$withDevice", a.LinesWithDevice), ("$sn", a.ShipTo.Name), ("$ss", a.ShipTo.Street), ("$sc", a.ShipTo.City),
                ("$st", a.ShipTo.State), ("$sp", a.ShipTo.PostalCode), ("$sco", a.ShipTo.Country));
            await s.ExecuteAsync(
                "INSERT INTO users (id, account_id, display_name, email, profile, aad_object_id) VALUES ($id, $acct, $name, $email, $profile, NULL) ON CONFLICT DO NOTHING",
                ("$id", u.Id), ("$acct", u.AccountId), ("$name", a.Name), ("$email", u.Email), ("$profile", u.Profile.ToString()));
            await s.ExecuteAsync(
                "INSERT INTO cards (id, account_id, added_by, vault_token, brand, last4, exp_month, exp_year, added_at) VALUES ($id, $acct, NULL, $tok, $brand, $last4, $m, $y, $at) ON CONFLICT DO NOTHING",
                ("$id", c.Id), ("$acct", c.AccountId), ("$tok", "tok_seed_" + c.Id), ("$brand", c.Brand), ("$last4", c.Last4),
                ("$m", c.ExpiryMonth), ("$y", c.ExpiryYear), ("$at", "2024-01-01T00:00:00.0000000+00:00"));
        }
    }
}

/// <summary>Opens pooled connections to the embedded SQLite file and creates and seeds it on first use.</summary>
internal sealed class SqliteOrderingDatabase(string path, int loadTestUsers = 0) : OrderingDatabase
{
    private readonly string _connectionString = ConnectionString(path);

    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        // Foreign keys are switched on per native connection in OpenAsync, once, not by the connection string
        // (which repeats the PRAGMA on every open).
        DefaultTimeout = 30,
    }.ToString();

    // The native connections already set up. The pool hands the same native connection back on every open, and
    // these settings stay with it.
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly SqliteConnectionPool _pool = new(ConnectionString(path), ConfigureAsync);

    // SQLite has one writer at a time anyway; queueing writers of this process here avoids busy-retry churn,
    // and BEGIN IMMEDIATE still serializes writers from other processes sharing the file.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile bool _initialized;

    public string Path { get; } = path;

    /// <summary>Runs <paramref name="work"/> in a transaction. Writers take BEGIN IMMEDIATE so they queue instead of failing on upgrade.</summary>
    public override Task<T> RunAsync<T>(bool write, Func<DbSession, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(write, singleCommand: false, work, cancellationToken);

    public override Task<T> ReadInOneCommandAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(write: false, singleCommand: true, work, cancellationToken);

    private async Task<T> RunAsync<T>(bool write, bool singleCommand, Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        if (write)
        {
            await _writeLock.WaitAsync(cancellationToken);
        }

        try
        {
            return await _pool.RunAsync(async connection =>
            {
                await using var transaction = connection.Connection.BeginTransaction(deferred: !write);
                var session = singleCommand
                    ? DbSession.SingleCommand(connection.Connection, transaction, prepared: connection)
                    : new DbSession(connection.Connection, transaction, prepared: connection);
                var result = await work(session);
                await session.FlushAsync();
                transaction.Commit();
                return result;
            }, cancellationToken);
        }
        finally
        {
            if (write)
            {
                _writeLock.Release();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pool.Dispose();
            _initLock.Dispose();
            _writeLock.Dispose();
        }
    }

    /// <summary>Releases pooled connections so the file can be deleted (tests).</summary>
    public void ClearPool()
    {
        _pool.Clear();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ConfigureAsync(connection);
        return connection;
    }

    private static async Task ConfigureAsync(SqliteConnection connection)
    {
        if (connection.Handle is { } handle && !Configured.TryGetValue(handle, out _))
        {
            // Both are per connection (only journal_mode is stored in the file). synchronous: with WAL, NORMAL syncs
            // at checkpoints instead of on every commit, and a crash still cannot corrupt the database.
            await new DbSession(connection, null).ExecuteAsync("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
            Configured.AddOrUpdate(handle, handle);
        }
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var connection = await OpenAsync(cancellationToken);
            // WAL lets readers proceed while one writer commits; the setting is stored in the file.
            await new DbSession(connection, null).ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            OrderingMigrations.UpgradeSqlite(_connectionString);
            await using (var transaction = connection.BeginTransaction(deferred: false))
            {
                var session = new DbSession(connection, transaction);
                await SeedIfEmptyAsync(session, loadTestUsers);
                await session.FlushAsync();
                transaction.Commit();
            }

            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }
}

/// <summary>
/// A connection and its transaction, with small helpers for parameterized SQL. SQL is written with $name parameters
/// (SQLite's style); for PostgreSQL (<paramref name="atParameters"/>) they are rewritten to Npgsql's @name once per
/// distinct statement. Several statements in one command (<see cref="QueryManyAsync"/>) are one round trip on
/// PostgreSQL, where each round trip costs the turn more than the statement.
/// </summary>
internal sealed partial class DbSession(DbConnection connection, DbTransaction? transaction, bool atParameters = false, PreparedConnection? prepared = null)
{
    private static readonly ConcurrentDictionary<string, string> Rewritten = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<(string Sql, int Position), string> Renamed = new();

    private readonly List<(string Sql, int ResultSets, (string Name, object? Value)[] Parameters)> _queued = [];
    private bool _singleCommand;
    private int _commands;
    private string? _trailer;

    public static string FormatTime(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>
    /// A session that runs exactly one command, whose statements see one snapshot: those of the read transaction
    /// <paramref name="transaction"/>, or on PostgreSQL those between <paramref name="begin"/> and <paramref name="end"/>,
    /// which the command itself carries. A second command is a bug in the caller, and is refused rather than run
    /// outside that snapshot.
    /// </summary>
    public static DbSession SingleCommand(
        DbConnection connection, DbTransaction? transaction = null, bool atParameters = false, PreparedConnection? prepared = null, string? begin = null, string? end = null)
    {
        var session = new DbSession(connection, transaction, atParameters, prepared) { _singleCommand = true, _trailer = end };
        if (begin is not null)
        {
            session.Lead(begin, resultSets: 0);
        }

        return session;
    }

    /// <summary>
    /// Queues a statement that changes data and returns no rows: it runs at the head of this session's next command,
    /// in the same round trip, or at <see cref="FlushAsync"/>, which the database runs before it commits. A failure
    /// surfaces there and rolls the whole transaction back, as it would have here.
    /// </summary>
    public void ExecuteLater(string sql, params (string Name, object? Value)[] parameters) => _queued.Add((sql, 0, parameters));

    /// <summary>Queues statements that return <paramref name="resultSets"/> result sets (the write's advisory locks) to run first; their results are skipped.</summary>
    public DbSession Lead(string sql, int resultSets, params (string Name, object? Value)[] parameters)
    {
        _queued.Add((sql, resultSets, parameters));
        return this;
    }

    /// <summary>Runs whatever is queued.</summary>
    public async Task FlushAsync()
    {
        if (_queued.Count > 0)
        {
            var (sql, parameters, _) = TakeQueued(null, []);
            await using var command = Create(sql, parameters);
            await command.Command.ExecuteNonQueryAsync();
        }
    }

    public async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        var (text, all, _) = TakeQueued(sql, parameters);
        await using var command = Create(text, all);
        await command.Command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        if (_queued.Exists(q => q.ResultSets > 0))
        {
            // The scalar is the first value of the first result set, which must be this statement's.
            await FlushAsync();
        }

        var (text, all, _) = TakeQueued(sql, parameters);
        await using var command = Create(text, all);
        var value = await command.Command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        await using var results = await QueryManyAsync(sql, parameters);
        return await results.ReadAsync(map);
    }

    public async Task<T?> QuerySingleAsync<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await QueryAsync(sql, map, parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Runs the statements of <paramref name="sql"/> (separated by semicolons, sharing <paramref name="parameters"/>)
    /// as one command, after anything queued; read their result sets in order with <see cref="Results.ReadAsync"/>.
    /// </summary>
    public async Task<Results> QueryManyAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        var (text, all, skip) = TakeQueued(sql, parameters);
        var command = Create(text, all);
        try
        {
            var reader = await command.Command.ExecuteReaderAsync();
            for (var i = 0; i < skip; i++)
            {
                await reader.NextResultAsync();
            }

            return new Results(command, reader);
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The queued statements, then <paramref name="sql"/>, as one command text. Each queued statement's parameters get
    /// a suffix of its position, so statements of the same shape with different values do not collide.
    /// </summary>
    private (string Sql, (string Name, object? Value)[] Parameters, int Skip) TakeQueued(string? sql, (string Name, object? Value)[] parameters)
    {
        if (_queued.Count == 0 && (sql is null || _trailer is null))
        {
            return (sql!, parameters, 0);
        }

        var text = new StringBuilder();
        var all = new List<(string Name, object? Value)>();
        var skip = 0;
        for (var i = 0; i < _queued.Count; i++)
        {
            var (queuedSql, resultSets, queuedParameters) = _queued[i];
            var suffix = "_q" + i.ToString(CultureInfo.InvariantCulture);
            text.Append(Renamed.GetOrAdd((queuedSql, i), static key => DollarParameter().Replace(key.Sql, "$$${1}_q" + key.Position.ToString(CultureInfo.InvariantCulture))));
            text.Append(";\n");
            foreach (var (name, value) in queuedParameters)
            {
                all.Add((name + suffix, value));
            }

            skip += resultSets;
        }

        _queued.Clear();
        if (sql is null)
        {
            text.Length -= 2;
        }
        else
        {
            text.Append(sql);
            all.AddRange(parameters);
            if (_trailer is not null)
            {
                text.Append(";\n").Append(_trailer);
                _trailer = null;
            }
        }

        return (text.ToString(), [.. all], skip);
    }

    private CommandLease Create(string sql, (string Name, object? Value)[] parameters)
    {
        if (_singleCommand && ++_commands > 1)
        {
            throw new InvalidOperationException("A single-command read ran a second command, which would not see the first one's snapshot.");
        }

        // Statements of a transaction reuse the connection's prepared commands; setup statements (PRAGMAs, schema) do not.
        var cached = transaction is null ? null : prepared?.Command(sql, (SqliteTransaction)transaction);
        var command = cached ?? connection.CreateCommand();
        if (cached is null)
        {
            command.CommandText = atParameters ? Rewritten.GetOrAdd(sql, static s => DollarParameter().Replace(s, "@$1")) : sql;
        }

        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = atParameters ? name[1..] : name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return new CommandLease(command, Owned: cached is null);
    }

    /// <summary>The result sets of one command, read in order; disposing it ends the command.</summary>
    public sealed class Results : IAsyncDisposable
    {
        private readonly CommandLease _command;
        private readonly DbDataReader _reader;
        private bool _started;

        internal Results(CommandLease command, DbDataReader reader) => (_command, _reader) = (command, reader);

        /// <summary>The rows of the next result set.</summary>
        public async Task<List<T>> ReadAsync<T>(Func<DbDataReader, T> map)
        {
            if (_started && !await _reader.NextResultAsync())
            {
                throw new InvalidOperationException("The command has fewer result sets than were read.");
            }

            _started = true;
            var rows = new List<T>();
            while (await _reader.ReadAsync())
            {
                rows.Add(map(_reader));
            }

            return rows;
        }

        /// <summary>The single row of the next result set, or null.</summary>
        public async Task<T?> ReadSingleAsync<T>(Func<DbDataReader, T> map)
            where T : class
        {
            var rows = await ReadAsync(map);
            return rows.Count == 0 ? null : rows[0];
        }

        public async ValueTask DisposeAsync()
        {
            await _reader.DisposeAsync();
            await _command.DisposeAsync();
        }
    }

    /// <summary>A command for one statement: disposed after use unless it is a connection's prepared command.</summary>
    internal readonly record struct CommandLease(DbCommand Command, bool Owned) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Owned ? Command.DisposeAsync() : ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex DollarParameter();
}

internal static class DataReaderExtensions
{
    public static string Str(this DbDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    public static string? StrOrNull(this DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static int Int(this DbDataReader reader, string column) => reader.GetInt32(reader.GetOrdinal(column));

    public static int? IntOrNull(this DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
    }

    public static long Long(this DbDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column));

    /// <summary>SQLite keeps booleans as integers, PostgreSQL as booleans.</summary>
    public static bool Bool(this DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.GetFieldType(ordinal) == typeof(bool) ? reader.GetBoolean(ordinal) : reader.GetInt64(ordinal) != 0;
    }

    public static DateTimeOffset Time(this DbDataReader reader, string column) => DbSession.ParseTime(reader.Str(column));

    public static TEnum Enum<TEnum>(this DbDataReader reader, string column)
        where TEnum : struct, Enum => System.Enum.Parse<TEnum>(reader.Str(column));
}
