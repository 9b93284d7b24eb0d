// Store: registrar bindings.

#include <string>
#include <utility>
#include <vector>

#include "store/sqlite_support.h"
#include "store/store.h"

namespace sb::store {

using sqlite::Operation;
using sqlite::RowReader;
using sqlite::Statement;
using sqlite::Transaction;

Result<std::vector<BindingRecord>> Store::loadBindings(int64_t nowMs) {
    Operation op{m_db, m_path, "read registrations", {}};
    std::vector<BindingRecord> out;
    Statement q;
    int rc = q.prepare(m_db,
                       "SELECT extension, contact, source, transport, user_agent, call_id, cseq, expires_at_ms"
                       " FROM bindings WHERE expires_at_ms > ?1 ORDER BY extension, expires_at_ms");
    if (rc == SQLITE_OK) rc = q.bindAll(nowMs);
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            BindingRecord& b = out.emplace_back();
            b.extension = r.text();
            b.contact = r.text();
            b.source = r.text();
            b.transport = r.text();
            b.userAgent = r.text();
            b.callId = r.text();
            b.cseq = r.integer<uint32_t>();
            b.expiresAtMs = r.integer<int64_t>();
        });
    if (rc != SQLITE_DONE) return op.fail(rc);
    return out;
}

Result<void> Store::saveBindings(const std::vector<BindingRecord>& upserts,
                                 const std::vector<std::pair<std::string, std::string>>& removals, int64_t nowMs) {
    Operation op{m_db, m_path, "save registrations", {}};
    Transaction tx(m_db);
    Statement put, del, sweep;
    int rc = tx.beginWrite();
    if (rc == SQLITE_OK)
        rc = put.prepare(m_db,
                         "INSERT OR REPLACE INTO bindings (extension, contact, source, transport, user_agent,"
                         " call_id, cseq, expires_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (rc == SQLITE_OK) rc = del.prepare(m_db, "DELETE FROM bindings WHERE extension = ?1 AND contact = ?2");
    if (rc == SQLITE_OK) rc = sweep.prepare(m_db, "DELETE FROM bindings WHERE expires_at_ms <= ?1");
    for (size_t i = 0; rc == SQLITE_OK && i < upserts.size(); ++i) {
        const BindingRecord& b = upserts[i];
        rc = put.run(b.extension, b.contact, b.source, b.transport, b.userAgent, b.callId, int64_t{b.cseq},
                     b.expiresAtMs);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    for (size_t i = 0; rc == SQLITE_OK && i < removals.size(); ++i) {
        rc = del.run(removals[i].first, removals[i].second);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc == SQLITE_OK) {
        rc = sweep.run(nowMs);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc == SQLITE_OK) rc = tx.commit();
    if (rc != SQLITE_OK) return op.fail(rc);
    return {};
}

}  // namespace sb::store
