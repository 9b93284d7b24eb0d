// Store: the call-history half.

#include "store/store.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite_support.h"

namespace sb::store {

using sqlite::Operation;
using sqlite::RowReader;
using sqlite::Statement;
using sqlite::Transaction;

namespace {

// Storage tokens for Disposition, separate from the display names so that
// renaming a display name never orphans rows already written.
constexpr std::array<std::pair<Disposition, const char*>, 5> kDispositionTokens{{
    {Disposition::Answered, "answered"},
    {Disposition::Busy, "busy"},
    {Disposition::NoAnswer, "no_answer"},
    {Disposition::Cancelled, "cancelled"},
    {Disposition::Failed, "failed"},
}};

const char* dispositionToken(Disposition d) {
    for (const auto& [value, token] : kDispositionTokens)
        if (value == d) return token;
    return "";  // fails the schema's CHECK, so a bad value is refused, not stored
}

Disposition readDisposition(RowReader& row) {
    const std::string token = row.text();
    for (const auto& [value, name] : kDispositionTokens)
        if (token == name) return value;
    row.reject("column disposition holds the unknown value \"" + token + "\"");
    return Disposition::Failed;
}

}  // namespace

Result<void> Store::appendCdrs(const std::vector<CdrRecord>& records) {
    if (records.empty()) return {};
    Operation op{m_db, m_path, "save call history", {}};
    Transaction tx(m_db);
    Statement ins;
    int rc = tx.beginWrite();
    if (rc == SQLITE_OK)
        // id is left to SQLite: it is the store that assigns it.
        rc = ins.prepare(m_db,
                         "INSERT INTO cdr (start_ms, answer_ms, end_ms, caller, callee, route, disposition,"
                         " sip_code, reason, codec, call_id, diagnosis, ladder, forwards, transfers)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    for (size_t i = 0; rc == SQLITE_OK && i < records.size(); ++i) {
        const CdrRecord& c = records[i];
        rc = ins.run(c.startMs, c.answerMs, c.endMs, c.caller, c.callee, c.route,
                     dispositionToken(c.disposition), c.sipCode, c.reason, c.codec, c.callId,
                     diagnostics::findingsToJson(c.findings), diagnostics::ladderToJson(c.ladder), c.forwards,
                     c.transfers);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc == SQLITE_OK) rc = tx.commit();
    if (rc != SQLITE_OK) return op.fail(rc);
    return {};
}

Result<std::vector<CdrRecord>> Store::cdrsBetween(int64_t fromMs, int64_t toMs) {
    Operation op{m_db, m_path, "read call history", {}};
    std::vector<CdrRecord> out;
    Statement q;
    int rc = q.prepare(m_db,
                       "SELECT id, start_ms, answer_ms, end_ms, caller, callee, route, disposition, sip_code,"
                       " reason, codec, call_id, diagnosis, forwards, transfers FROM cdr WHERE start_ms >= ?1 AND start_ms < ?2"
                       " ORDER BY start_ms, id");
    if (rc == SQLITE_OK) rc = q.bindAll(fromMs, toMs);
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            CdrRecord& c = out.emplace_back();
            c.id = r.integer<int64_t>();
            c.startMs = r.integer<int64_t>();
            c.answerMs = r.integer<int64_t>();
            c.endMs = r.integer<int64_t>();
            c.caller = r.text();
            c.callee = r.text();
            c.route = r.text();
            c.disposition = readDisposition(r);
            c.sipCode = r.integer<int>();
            c.reason = r.text();
            c.codec = r.text();
            c.callId = r.text();
            c.findings = diagnostics::findingsFromJson(r.text());
            c.forwards = r.text();
            c.transfers = r.text();
        });
    if (rc != SQLITE_DONE) return op.fail(rc);
    return out;
}

Result<diagnostics::Ladder> Store::cdrLadder(int64_t id) {
    Operation op{m_db, m_path, "read a call's message flow", {}};
    diagnostics::Ladder out;
    Statement q;
    int rc = q.prepare(m_db, "SELECT ladder FROM cdr WHERE id = ?1");
    if (rc == SQLITE_OK) rc = q.bindAll(id);
    if (rc == SQLITE_OK) rc = op.readRows(q, [&](RowReader& r) { out = diagnostics::ladderFromJson(r.text()); });
    if (rc != SQLITE_DONE) return op.fail(rc);
    return out;
}

}  // namespace sb::store
