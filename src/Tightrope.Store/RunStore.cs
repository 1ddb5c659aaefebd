using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Tightrope.Reports;

namespace Tightrope.Store;

/// <summary>
/// The store of runs: one embedded DuckDB file holding every run's manifest and result tables. Runs are only ever
/// inserted, each in one transaction, so a crash mid-write loses at most the run being written. One connection per
/// store, used by one caller at a time: DuckDB admits a single writing process per file.
/// </summary>
public sealed class RunStore : IDisposable
{
    /// <summary>Environment variable that moves the default store file.</summary>
    public const string EnvironmentVariable = "TIGHTROPE_STORE";

    private const int RecentLimit = 512;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly DuckDBConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Runs are immutable once stored and this process is the file's only writer, so recent ones are kept in memory too.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StoredRun> _recent = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _byInput = new(StringComparer.Ordinal);

    private RunStore(string path, DuckDBConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The store file.</summary>
    public string Path { get; }

    /// <summary>The default store file: <c>$TIGHTROPE_STORE</c> (unless "off"), else tightrope/runs.duckdb in the user's data folder.</summary>
    public static string DefaultPath()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        // "off" only stops the CLI from recording; a server still needs a file.
        if (!string.IsNullOrWhiteSpace(fromEnv) && !fromEnv.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return System.IO.Path.GetFullPath(fromEnv);
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(data))
        {
            data = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return System.IO.Path.Combine(data, "tightrope", "runs.duckdb");
    }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>.</summary>
    /// <exception cref="StoreException">The file cannot be opened, e.g. another process holds it.</exception>
    public static RunStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new DuckDBConnection($"Data Source={full}");
        try
        {
            connection.Open();
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw new StoreException($"run store {full}: cannot open it ({FirstLine(e.Message)}).");
        }

        var store = new RunStore(full, connection);
        store.Execute("""
            CREATE TABLE IF NOT EXISTS runs (
              id VARCHAR PRIMARY KEY, created VARCHAR NOT NULL, scenario VARCHAR NOT NULL, model VARCHAR NOT NULL,
              origin VARCHAR NOT NULL, input_hash VARCHAR NOT NULL, manifest VARCHAR NOT NULL);
            CREATE TABLE IF NOT EXISTS run_tables (
              run_id VARCHAR NOT NULL, ordinal INTEGER NOT NULL, name VARCHAR NOT NULL, cells VARCHAR NOT NULL,
              PRIMARY KEY (run_id, name));
            """);
        return store;
    }

    /// <summary>The SHA-256 of a scenario's JSON text, used to recognise repeated inputs.</summary>
    public static string HashInput(string scenarioJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scenarioJson)));

    /// <summary>A new time-ordered run identifier.</summary>
    public static string NewId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>Records a run and its tables in one transaction; never replaces a stored run.</summary>
    public async Task AddAsync(StoredRun run, CancellationToken cancellation = default)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            using var tx = _connection.BeginTransaction();
            var m = run.Manifest;
            Execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)", m.Id, m.Created.ToString("O", CultureInfo.InvariantCulture), m.Scenario, m.Model, m.Origin, m.InputHash, JsonSerializer.Serialize(m, Json));
            var k = 0;
            foreach (var table in run.Tables)
            {
                Execute("INSERT INTO run_tables VALUES (?, ?, ?, ?)", m.Id, k++, table.Info.Name, JsonSerializer.Serialize(table.Cells, Json));
            }

            tx.Commit();
            Remember(run);
        }
        catch (DuckDBException e)
        {
            throw new StoreException($"run store {Path}: could not record run {run.Manifest.Id} ({FirstLine(e.Message)}).");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records a run synchronously (the CLI's path).</summary>
    public void Add(StoredRun run) => AddAsync(run).GetAwaiter().GetResult();

    /// <summary>The manifests of the most recent runs, newest first.</summary>
    public async Task<IReadOnlyList<RunManifest>> ListAsync(int limit = 100, string? scenario = null, CancellationToken cancellation = default)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = scenario is null
                ? "SELECT manifest FROM runs ORDER BY created DESC, id DESC LIMIT ?"
                : "SELECT manifest FROM runs WHERE scenario = ? ORDER BY created DESC, id DESC LIMIT ?";
            if (scenario is not null)
            {
                cmd.Parameters.Add(new DuckDBParameter(scenario));
            }

            cmd.Parameters.Add(new DuckDBParameter(limit));
            var list = new List<RunManifest>();
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                list.Add(JsonSerializer.Deserialize<RunManifest>(reader.GetString(0), Json)!);
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A run with its tables, or null when no run has this id.</summary>
    public async Task<StoredRun?> GetAsync(string id, CancellationToken cancellation = default)
    {
        if (_recent.TryGetValue(id, out var cached))
        {
            return cached;
        }

        await _gate.WaitAsync(cancellation);
        try
        {
            return Remember(Load("id = ?", id));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The most recent run whose input hash is <paramref name="inputHash"/>, or null.</summary>
    public async Task<StoredRun?> FindByInputAsync(string inputHash, CancellationToken cancellation = default)
    {
        if (_byInput.TryGetValue(inputHash, out var id) && _recent.TryGetValue(id, out var cached))
        {
            return cached;
        }

        await _gate.WaitAsync(cancellation);
        try
        {
            return Remember(Load("input_hash = ?", inputHash));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Synchronous <see cref="GetAsync"/> for the CLI.</summary>
    public StoredRun? Get(string id) => GetAsync(id).GetAwaiter().GetResult();

    /// <summary>Number of stored runs.</summary>
    public long Count()
    {
        _gate.Wait();
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM runs";
            return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes a stored table as Parquet at <paramref name="path"/> (numbers as DOUBLE, text as VARCHAR).</summary>
    public void ExportParquet(StoredTable table, string path)
    {
        var csv = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"tightrope-{Guid.NewGuid():N}.csv");
        try
        {
            CsvReportWriter.Write(table.ToReportTable(), csv);
            var columns = string.Join(", ", table.Info.Columns.Select(c => $"{Quote(c.Name)}: {Quote(c.Kind == ColumnKind.Number ? "DOUBLE" : "VARCHAR")}"));
            _gate.Wait();
            try
            {
                Execute($"COPY (SELECT * FROM read_csv({Quote(csv)}, header = true, quote = '\"', escape = '\"', columns = {{{columns}}})) TO {Quote(System.IO.Path.GetFullPath(path))} (FORMAT parquet)");
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            File.Delete(csv);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private StoredRun? Remember(StoredRun? run)
    {
        if (run is null)
        {
            return null;
        }

        if (_recent.Count >= RecentLimit)
        {
            _recent.Clear();
            _byInput.Clear();
        }

        _recent[run.Manifest.Id] = run;
        _byInput[run.Manifest.InputHash] = run.Manifest.Id;
        return run;
    }

    private StoredRun? Load(string where, string value)
    {
        RunManifest manifest;
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = $"SELECT manifest FROM runs WHERE {where} ORDER BY created DESC LIMIT 1";
            cmd.Parameters.Add(new DuckDBParameter(value));
            if (cmd.ExecuteScalar() is not string json)
            {
                return null;
            }

            manifest = JsonSerializer.Deserialize<RunManifest>(json, Json)!;
        }

        var cells = new Dictionary<string, List<List<string>>>();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name, cells FROM run_tables WHERE run_id = ? ORDER BY ordinal";
            cmd.Parameters.Add(new DuckDBParameter(manifest.Id));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                cells[reader.GetString(0)] = JsonSerializer.Deserialize<List<List<string>>>(reader.GetString(1), Json)!;
            }
        }

        var tables = manifest.Tables
            .Select(info => new StoredTable(info, cells.TryGetValue(info.Name, out var c) ? c.Select(r => (IReadOnlyList<string>)r).ToList() : []))
            .ToList();
        return new StoredRun(manifest, tables);
    }

    private void Execute(string sql, params object[] parameters)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(new DuckDBParameter(p));
        }

        cmd.ExecuteNonQuery();
    }

    private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}

/// <summary>The store cannot be opened or written; the message names the file.</summary>
public sealed class StoreException(string message) : Exception(message);
