// Store: addresses banned for failed authentications.

#include <string>
#include <vector>

#include "store/sqlite_support.h"
#include "store/store.h"

namespace sb::store {

using sqlite::Operation;
using sqlite::RowReader;
using sqlite::Statement;

Result<std::vector<BanRecord>> Store::loadBans() {
    Operation op{m_db, m_path, "read the banned addresses", {}};
    std::vector<BanRecord> out;
    Statement q;
    int rc = q.prepare(m_db, "SELECT address, reason, since_ms, until_ms FROM bans ORDER BY since_ms");
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            BanRecord& b = out.emplace_back();
            b.address = r.text();
            b.reason = r.text();
            b.sinceMs = r.integer<int64_t>();
            b.untilMs = r.integer<int64_t>();
        });
    if (rc != SQLITE_DONE) return op.fail(rc);
    return out;
}

Result<void> Store::saveBan(const BanRecord& ban) {
    Operation op{m_db, m_path, "save a banned address", {}};
    Statement put;
    int rc = put.prepare(m_db,
                         "INSERT OR REPLACE INTO bans (address, reason, since_ms, until_ms) VALUES (?1, ?2, ?3, ?4)");
    if (rc == SQLITE_OK) rc = put.run(ban.address, ban.reason, ban.sinceMs, ban.untilMs);
    if (rc != SQLITE_DONE) return op.fail(rc);
    return {};
}

Result<void> Store::removeBan(const std::string& address) {
    Operation op{m_db, m_path, "remove a banned address", {}};
    Statement del;
    int rc = del.prepare(m_db, "DELETE FROM bans WHERE address = ?1");
    if (rc == SQLITE_OK) rc = del.run(address);
    if (rc != SQLITE_DONE) return op.fail(rc);
    return {};
}

}  // namespace sb::store
