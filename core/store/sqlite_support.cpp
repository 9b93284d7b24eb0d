#include "store/sqlite_support.h"

#include <cerrno>

namespace sb::store::sqlite {

std::string utf8Path(const std::filesystem::path& path) {
    const std::u8string u8 = path.u8string();
    return std::string(u8.begin(), u8.end());
}

namespace {

StoreErrorKind classify(sqlite3* db, int rc) {
    switch (rc & 0xff) {
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT:
            return StoreErrorKind::Corrupt;
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return StoreErrorKind::ReadOnly;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return StoreErrorKind::Locked;
        case SQLITE_CANTOPEN: {
            // SQLite says only "unable to open"; the OS error tells a protected
            // file or folder apart from, say, a path that names a directory.
            const int sysErr = db ? sqlite3_system_errno(db) : 0;
            if (sysErr == EACCES || sysErr == EPERM || sysErr == EROFS) return StoreErrorKind::ReadOnly;
            return StoreErrorKind::Io;
        }
        default:
            return StoreErrorKind::Io;
    }
}

}  // namespace

Error storeError(const std::filesystem::path& path, StoreErrorKind kind, std::string_view detail) {
    const std::string file = utf8Path(path);
    std::string message;
    switch (kind) {
        case StoreErrorKind::Corrupt:
            message = file + " is not a Switchboard database or is damaged: ";
            break;
        case StoreErrorKind::ReadOnly:
            message = file + " cannot be written: ";
            break;
        case StoreErrorKind::Locked:
            message = file + " is locked by another program (is another Switchboard running?): ";
            break;
        case StoreErrorKind::NewerSchema:
            message = file + " was written by a newer version of Switchboard: ";
            break;
        case StoreErrorKind::Io:
            message = file + ": ";
            break;
    }
    message += detail;
    return makeError(std::move(message), static_cast<int>(kind));
}

Error storeError(const std::filesystem::path& path, sqlite3* db, int rc, std::string_view doing) {
    // sqlite3_errmsg describes the latest failing call on db; without a
    // handle (or when it is stale) the generic text for rc is all we have.
    const char* detail = db && sqlite3_extended_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    std::string text = "could not ";
    text += doing;
    text += " (";
    text += detail ? detail : "unknown error";
    text += ")";
    return storeError(path, classify(db, rc), text);
}

int Statement::prepare(sqlite3* db, std::string_view sql, std::string_view* tail) {
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    const char* end = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, &end);
    if (tail)
        *tail =
            rc == SQLITE_OK && end ? sql.substr(static_cast<size_t>(end - sql.data())) : std::string_view{};
    return rc;
}

std::string RowReader::text() {
    const int col = m_col++;
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    const int n = sqlite3_column_bytes(m_stmt, col);
    if (!p) {
        // Every text column is NOT NULL in the schema, so NULL means tampering.
        noteBad(col);
        return {};
    }
    return std::string(p, static_cast<size_t>(n));
}

bool RowReader::flag() {
    const int col = m_col;
    const auto v = integer<int>();
    if (v != 0 && v != 1) noteBad(col);
    return v == 1;
}

void RowReader::noteBad(int col) {
    if (!m_problem.empty()) return;
    const char* name = sqlite3_column_name(m_stmt, col);
    m_problem =
        std::string("column ") + (name ? name : "?") + " holds a value of the wrong type or out of range";
}

int execScript(sqlite3* db, std::string_view sql) {
    while (!sql.empty()) {
        Statement stmt;
        std::string_view tail;
        if (const int rc = stmt.prepare(db, sql, &tail); rc != SQLITE_OK) return rc;
        if (stmt.empty())  // only whitespace or comments were left
            break;
        int rc = SQLITE_ROW;
        while (rc == SQLITE_ROW) rc = stmt.step();
        if (rc != SQLITE_DONE) return rc;
        sql = tail;
    }
    return SQLITE_OK;
}

int queryInt(sqlite3* db, std::string_view sql, int64_t& out) {
    Statement stmt;
    if (const int rc = stmt.prepare(db, sql); rc != SQLITE_OK) return rc;
    const int rc = stmt.step();
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
    out = sqlite3_column_int64(stmt.get(), 0);
    return SQLITE_OK;
}

Transaction::~Transaction() {
    if (m_open) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

int Transaction::begin(std::string_view sql) {
    const int rc = execScript(m_db, sql);
    m_open = rc == SQLITE_OK;
    return rc;
}

int Transaction::commit() {
    const int rc = execScript(m_db, "COMMIT");
    // A failed COMMIT (e.g. SQLITE_BUSY) leaves the transaction open; the
    // destructor's ROLLBACK then restores the previous state.
    if (rc == SQLITE_OK) m_open = false;
    return rc;
}

}  // namespace sb::store::sqlite
