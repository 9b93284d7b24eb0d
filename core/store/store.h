#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/records.h"

struct sqlite3;

namespace sb::store {

namespace sqlite {
struct Operation;
}

/// Why a database could not be opened or used.
enum class StoreErrorKind : int {
    Corrupt = 1,  ///< not a database, or integrity check failed
    ReadOnly,     ///< file or folder not writable
    NewerSchema,  ///< written by a newer Switchboard (user_version too high)
    Locked,       ///< another process holds it
    Io,           ///< anything else from the file system / SQLite
};

/// The SQLite store: single source of truth for configuration and call history.
/// Only the engine thread uses a Store; it is not thread-safe.
/// Every error message names the file and the problem; a bad file is never
/// replaced or repaired silently.
class Store {
public:
    /// Current schema version written to PRAGMA user_version.
    static constexpr int kSchemaVersion = 13;

    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// Open (creating if missing) and migrate forward. WAL journal mode.
    /// @param path  database file; its folder is created if missing
    /// @return the store, or an error whose message names the file and the
    ///         problem and whose code is a StoreErrorKind
    static Result<std::unique_ptr<Store>> open(const std::filesystem::path& path);

    const std::filesystem::path& path() const { return m_path; }
    /// True when open() created the schema just now: the file was missing,
    /// empty, or an SQLite database without any tables (user_version 0).
    bool createdNow() const { return m_createdNow; }

    Result<Configuration> loadConfiguration();
    /// Replace the whole configuration in one transaction (nothing half-written).
    Result<void> replaceConfiguration(const Configuration& config);

    /// Append call records in one transaction (the store writer batches them).
    Result<void> appendCdrs(const std::vector<CdrRecord>& records);
    /// Records whose start lies in [fromMs, toMs), oldest first (without
    /// their ladders).
    Result<std::vector<CdrRecord>> cdrsBetween(int64_t fromMs, int64_t toMs);
    /// The message flow of the call record @p id (empty when it has none or
    /// there is no such record).
    Result<diagnostics::Ladder> cdrLadder(int64_t id);

    /// Bindings that had not expired at @p nowMs.
    Result<std::vector<BindingRecord>> loadBindings(int64_t nowMs);
    /// Insert or replace @p upserts and delete @p removals (extension, contact)
    /// in one transaction; expired rows are swept at the same time.
    Result<void> saveBindings(const std::vector<BindingRecord>& upserts,
                              const std::vector<std::pair<std::string, std::string>>& removals, int64_t nowMs);

    /// Banned addresses, expired ones included (the engine drops those).
    Result<std::vector<BanRecord>> loadBans();
    Result<void> saveBan(const BanRecord& ban);  ///< insert or replace by address
    Result<void> removeBan(const std::string& address);

    /// Voicemail messages, oldest first (store_voicemail.cpp).
    Result<std::vector<VoicemailMessage>> loadVoicemail();
    Result<void> saveVoicemail(const VoicemailMessage& message);  ///< insert or replace by id
    Result<void> removeVoicemail(int64_t id);

    /// Give back the memory of cached pages no statement is using (after a
    /// burst of call records the page cache stays at its 2 MB cap).
    void releaseMemory();
    /// Bytes this connection's page cache holds now.
    size_t cacheBytes() const;

private:
    Store(std::filesystem::path path, sqlite3* db);
    Result<void> migrate();
    // store_ivr.cpp: the auto-attendant half of load/replaceConfiguration,
    // inside their transactions; SQLite result codes (SQLITE_OK on success).
    int readMenus(sqlite::Operation& op, std::vector<IvrMenu>& out);
    int writeMenus(const std::vector<IvrMenu>& menus);
    // store_groups.cpp: the ring groups, the same way.
    int readGroups(sqlite::Operation& op, std::vector<RingGroup>& out);
    int writeGroups(const std::vector<RingGroup>& groups);

    std::filesystem::path m_path;
    sqlite3* m_db = nullptr;
    bool m_createdNow = false;
};

/// The per-user default database path: %APPDATA%\Switchboard\switchboard.db on
/// Windows, $XDG_DATA_HOME/switchboard/switchboard.db (~/.local/share) elsewhere.
/// Empty when no per-user folder can be found (open() then reports that).
std::filesystem::path defaultDatabasePath();

}  // namespace sb::store
