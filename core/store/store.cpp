// Store: opening a file safely, session settings and migration. The
// configuration and call history halves live in store_configuration.cpp and
// store_cdr.cpp.

#include "store/store.h"

#include <cstdint>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

#include "platform/paths.h"
#include "store/schema.h"
#include "store/sqlite_support.h"

namespace sb::store {

using sqlite::Operation;
using sqlite::RowReader;
using sqlite::Statement;

namespace {

// Short: the engine thread must not stall behind another process; a held
// database is reported as Locked instead.
constexpr int kBusyTimeoutMs = 200;

struct ConnectionCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

Error folderError(const std::filesystem::path& path, const std::error_code& ec) {
    const bool denied = ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted ||
                        ec == std::errc::read_only_file_system;
    return sqlite::storeError(
        path, denied ? StoreErrorKind::ReadOnly : StoreErrorKind::Io,
        "could not create its folder " + sqlite::utf8Path(path.parent_path()) + " (" + ec.message() + ")");
}

/// Everything that must hold before open() writes a single byte: the file is
/// writable, a readable SQLite database, undamaged, ours, and not newer than
/// this program. A file that fails is left exactly as it was.
/// @return true when the database is still empty (no schema at all)
Result<bool> checkBeforeWriting(sqlite3* db, const std::filesystem::path& path) {
    Operation op{db, path, "read the database", {}};
    // SQLite quietly falls back to read-only when the file refuses writes;
    // the engine would then fail on its first save instead of at start-up.
    if (sqlite3_db_readonly(db, "main") == 1)
        return sqlite::storeError(path, StoreErrorKind::ReadOnly, "the file is read-only");

    // The first read of the content: a foreign or garbage file (NOTADB) or a
    // lock held by someone else (BUSY) surfaces here.
    int64_t objects = 0;
    if (const int rc = sqlite::queryInt(db, "SELECT count(*) FROM sqlite_master", objects); rc != SQLITE_OK)
        return op.fail(rc);

    // quick_check reads every page, so truncation and torn pages are caught at
    // start-up rather than in the middle of a call.
    Statement check;
    if (const int rc = check.prepare(db, "PRAGMA quick_check(5)"); rc != SQLITE_OK) return op.fail(rc);
    std::string findings;
    const int rc = op.readRows(check, [&](RowReader& row) {
        std::string line = row.text();
        if (line != "ok") findings += (findings.empty() ? "" : "; ") + line;
    });
    if (rc != SQLITE_DONE) return op.fail(rc);
    if (!findings.empty())
        return sqlite::storeError(path, StoreErrorKind::Corrupt, "the integrity check failed: " + findings);

    int64_t appId = 0;
    int64_t version = 0;
    if (const int r = sqlite::queryInt(db, "PRAGMA application_id", appId); r != SQLITE_OK) return op.fail(r);
    if (const int r = sqlite::queryInt(db, "PRAGMA user_version", version); r != SQLITE_OK) return op.fail(r);

    // Every Switchboard schema stamps the application id, so a database with
    // content but without our id belongs to another program; migrating it
    // would write our tables into someone else's file.
    const bool empty = objects == 0 && version == 0;
    if (!empty && appId != schema::kApplicationId)
        return sqlite::storeError(
            path, StoreErrorKind::Corrupt,
            appId == 0 ? std::string("it holds the tables of another program")
                       : "it belongs to another program (application id " + std::to_string(appId) + ")");
    if (version < 0)
        return sqlite::storeError(path, StoreErrorKind::Corrupt,
                                  "its schema version " + std::to_string(version) + " is invalid");
    if (version > Store::kSchemaVersion)
        return sqlite::storeError(path, StoreErrorKind::NewerSchema,
                                  "the file has schema version " + std::to_string(version) +
                                      ", but this program supports schema version " +
                                      std::to_string(Store::kSchemaVersion) +
                                      " and older. Install the newer Switchboard to use this file.");
    return empty;
}

/// Session settings that make every later statement behave as designed.
Result<void> configure(sqlite3* db, const std::filesystem::path& path) {
    Operation op{db, path, "prepare the database", {}};
    // Readers (the GUI's history view through the engine, a backup tool) never
    // block the writer, and a crash cannot leave a half-written page behind.
    Statement journal;
    if (const int rc = journal.prepare(db, "PRAGMA journal_mode = WAL"); rc != SQLITE_OK) return op.fail(rc);
    std::string mode;
    const int rc = op.readRows(journal, [&](RowReader& row) { mode = row.text(); });
    if (rc != SQLITE_DONE) return op.fail(rc);
    if (mode != "wal")
        return sqlite::storeError(path, StoreErrorKind::Io,
                                  "could not switch to write-ahead logging (journal mode stays \"" + mode +
                                      "\"; is the folder on a network share?)");

    // Off by default in SQLite; without it ON DELETE CASCADE silently does nothing.
    int64_t fk = 0;
    if (const int r = sqlite::execScript(db, "PRAGMA foreign_keys = ON"); r != SQLITE_OK) return op.fail(r);
    if (sqlite::queryInt(db, "PRAGMA foreign_keys", fk) != SQLITE_OK || fk != 1)
        return sqlite::storeError(path, StoreErrorKind::Io,
                                  "this SQLite library cannot enforce foreign keys");
    return {};
}

}  // namespace

Store::Store(std::filesystem::path path, sqlite3* db) : m_path(std::move(path)), m_db(db) {}

Store::~Store() {
    sqlite3_close_v2(m_db);
}

void Store::releaseMemory() { (void)sqlite3_db_release_memory(m_db); }

size_t Store::cacheBytes() const {
    int current = 0, highwater = 0;
    if (sqlite3_db_status(m_db, SQLITE_DBSTATUS_CACHE_USED, &current, &highwater, 0) != SQLITE_OK) return 0;
    return static_cast<size_t>(current);
}

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& path) {
    if (path.empty()) return makeError("No database file was given.", static_cast<int>(StoreErrorKind::Io));

    std::error_code ec;
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) return folderError(path, ec);
    }
    if (std::filesystem::is_directory(path, ec))
        return sqlite::storeError(path, StoreErrorKind::Io, "it is a folder, not a database file");

    // SQLite reports a protected folder as "unable to open database file" and
    // a protected file not at all (it falls back to read-only), so ask the OS
    // first. The folder matters even for an existing file: the write-ahead
    // log and its index are created beside it.
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    if (!platform::canWrite(folder))
        return sqlite::storeError(path, StoreErrorKind::ReadOnly,
                                  "its folder " + sqlite::utf8Path(folder) + " is read-only");
    if (std::filesystem::exists(path, ec) && !platform::canWrite(path))
        return sqlite::storeError(path, StoreErrorKind::ReadOnly, "the file is read-only");

    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(sqlite::utf8Path(path).c_str(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Connection db(raw);
    if (rc != SQLITE_OK) return sqlite::storeError(path, raw, rc, "open the database");
    sqlite3_extended_result_codes(db.get(), 1);
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
    // A crafted file could otherwise corrupt itself through writable_schema,
    // or run functions from its own triggers and views.
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);

    auto checked = checkBeforeWriting(db.get(), path);
    if (!checked) return checked.error();
    const bool empty = *checked;
    if (auto configured = configure(db.get(), path); !configured) return configured.error();

    std::unique_ptr<Store> store(new Store(path, db.release()));
    if (auto migrated = store->migrate(); !migrated) return migrated.error();
    // Judged by content, not by whether the file existed: a zero-byte file, or
    // one left by a first start that failed before the schema was committed,
    // still needs the default configuration seeded.
    store->m_createdNow = empty;
    return store;
}

Result<void> Store::migrate() {
    return schema::migrateForward(m_db, m_path, kSchemaVersion);
}

std::filesystem::path defaultDatabasePath() {
    const std::filesystem::path dir = platform::userDataDirectory();
    return dir.empty() ? dir : dir / "switchboard.db";
}

}  // namespace sb::store
