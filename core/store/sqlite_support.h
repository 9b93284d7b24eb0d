#pragma once

// Private to core/store: the one place that touches sqlite3_stmt, transactions
// and the mapping from SQLite result codes to the errors a person reads.

#include <sqlite3.h>

#include <concepts>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "common/result.h"
#include "store/store.h"

namespace sb::store::sqlite {

/// The path as UTF-8, which is what SQLite and our messages want on every OS
/// (path::string() would use the ANSI code page on Windows).
std::string utf8Path(const std::filesystem::path& path);

/// An Error for a failed SQLite call, worded for the person who owns the file.
/// @param rc     the result code that failed (extended codes are honoured)
/// @param doing  what we were doing, e.g. "save the configuration"
Error storeError(const std::filesystem::path& path, sqlite3* db, int rc, std::string_view doing);

/// An Error of a given kind whose detail did not come from SQLite.
Error storeError(const std::filesystem::path& path, StoreErrorKind kind, std::string_view detail);

/// Owner of one prepared statement. Values are only ever bound, never spliced
/// into SQL text.
class Statement {
public:
    Statement() = default;
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(Statement&& other) noexcept : m_stmt(std::exchange(other.m_stmt, nullptr)) {}
    Statement& operator=(Statement&& other) noexcept {
        if (this != &other) {
            sqlite3_finalize(m_stmt);
            m_stmt = std::exchange(other.m_stmt, nullptr);
        }
        return *this;
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// Prepare the first statement of sql; *tail (if given) receives the rest.
    int prepare(sqlite3* db, std::string_view sql, std::string_view* tail = nullptr);

    /// Bind values to ?1..?N in order; returns the first failing code or SQLITE_OK.
    template <class... Values>
    int bindAll(const Values&... values) {
        sqlite3_reset(m_stmt);
        int index = 0;
        int rc = SQLITE_OK;
        ((rc = (rc == SQLITE_OK ? bindOne(++index, values) : rc)), ...);
        return rc;
    }

    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_stmt); }
    /// Bind, then run a statement that returns no rows; SQLITE_DONE means success.
    template <class... Values>
    int run(const Values&... values) {
        const int rc = bindAll(values...);
        return rc == SQLITE_OK ? step() : rc;
    }

    sqlite3_stmt* get() const { return m_stmt; }
    bool empty() const { return m_stmt == nullptr; }

private:
    int bindOne(int index, std::string_view text) {
        return sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    int bindOne(int index, const std::string& text) { return bindOne(index, std::string_view(text)); }
    int bindOne(int index, const char* text) { return bindOne(index, std::string_view(text)); }
    int bindOne(int index, bool flag) { return sqlite3_bind_int(m_stmt, index, flag ? 1 : 0); }
    template <std::integral Int>
    int bindOne(int index, Int value) {
        return sqlite3_bind_int64(m_stmt, index, static_cast<sqlite3_int64>(value));
    }

    sqlite3_stmt* m_stmt = nullptr;
};

/// Reads the columns of the current row left to right. A value that does not
/// fit its C++ type is remembered rather than truncated: such a value can
/// only come from a damaged or hand-edited file.
class RowReader {
public:
    explicit RowReader(const Statement& stmt) : m_stmt(stmt.get()) {}

    std::string text();
    bool flag();
    template <std::integral Int>
    Int integer() {
        const int col = m_col++;
        const sqlite3_int64 v = sqlite3_column_int64(m_stmt, col);
        if (sqlite3_column_type(m_stmt, col) != SQLITE_INTEGER || !std::in_range<Int>(v)) {
            noteBad(col);
            return Int{};
        }
        return static_cast<Int>(v);
    }

    /// Record a value that was read fine but means nothing (an unknown name).
    void reject(std::string problem) {
        if (m_problem.empty()) m_problem = std::move(problem);
    }
    /// Empty when every column read so far was valid; else names the first bad one.
    const std::string& problem() const { return m_problem; }

private:
    void noteBad(int col);

    sqlite3_stmt* m_stmt;
    int m_col = 0;
    std::string m_problem;
};

/// What one operation is doing, so every failure inside it is worded alike.
struct Operation {
    sqlite3* db;
    const std::filesystem::path& path;
    std::string_view doing;
    std::string problem;  // a stored value that makes no sense, found while reading

    Error fail(int rc) const {
        if (!problem.empty()) return storeError(path, StoreErrorKind::Corrupt, problem);
        return storeError(path, db, rc, doing);
    }

    /// Step q to its end, handing each row to read(RowReader&).
    /// @return SQLITE_DONE, or the failing code (problem set for a bad value)
    template <class Read>
    int readRows(Statement& q, Read&& read) {
        int rc = SQLITE_ROW;
        while ((rc = q.step()) == SQLITE_ROW) {
            RowReader row(q);
            read(row);
            if (!row.problem().empty()) {
                problem = row.problem();
                return SQLITE_CORRUPT;
            }
        }
        return rc;
    }
};

/// Run a script of fixed SQL (schema DDL, pragmas): never used for values.
int execScript(sqlite3* db, std::string_view sql);

/// A single integer from a query without parameters (PRAGMA user_version, ...).
int queryInt(sqlite3* db, std::string_view sql, int64_t& out);

/// Rolls back on destruction unless commit() succeeded, so an early return on
/// any failure leaves the database as it was.
class Transaction {
public:
    explicit Transaction(sqlite3* db) : m_db(db) {}
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// IMMEDIATE takes the write lock up front, so a busy database fails here
    /// (after busy_timeout) instead of half-way through the writes.
    int beginWrite() { return begin("BEGIN IMMEDIATE"); }
    /// A read snapshot: several SELECTs see one consistent state.
    int beginRead() { return begin("BEGIN DEFERRED"); }
    int commit();

private:
    int begin(std::string_view sql);

    sqlite3* m_db;
    bool m_open = false;
};

}  // namespace sb::store::sqlite
