// Store: the ring groups, read and written inside the transactions of
// loadConfiguration() and replaceConfiguration().

#include <string>
#include <vector>

#include "store/sqlite_support.h"
#include "store/store.h"

namespace sb::store {

using sqlite::RowReader;
using sqlite::Statement;

int Store::readGroups(sqlite::Operation& op, std::vector<RingGroup>& out) {
    std::vector<int64_t> ids;
    Statement q;
    int rc = q.prepare(
        m_db, "SELECT id, number, name, strategy, final_destination FROM ring_groups ORDER BY position");
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            ids.push_back(r.integer<int64_t>());
            RingGroup& g = out.emplace_back();
            g.number = r.text();
            g.name = r.text();
            // The table's CHECK keeps the value 1 or 2.
            g.strategy = r.integer<int>() == 2 ? RingStrategy::Sequential : RingStrategy::Simultaneous;
            g.finalDestination = r.text();
        });
    if (rc != SQLITE_DONE) return rc;
    Statement members;
    rc = members.prepare(
        m_db, "SELECT extension, timeout_s FROM ring_group_members WHERE group_id = ?1 ORDER BY position");
    for (size_t i = 0; rc == SQLITE_OK && i < ids.size(); ++i) {
        rc = members.bindAll(ids[i]);
        if (rc == SQLITE_OK)
            rc = op.readRows(members, [&](RowReader& r) {
                GroupMember& m = out[i].members.emplace_back();
                m.extension = r.text();
                m.timeoutS = r.integer<uint32_t>();
            });
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    return rc;
}

int Store::writeGroups(const std::vector<RingGroup>& groups) {
    Statement ins;
    Statement member;
    int rc = ins.prepare(m_db,
                         "INSERT INTO ring_groups (position, number, name, strategy, final_destination)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (rc == SQLITE_OK)
        rc = member.prepare(m_db,
                            "INSERT INTO ring_group_members (group_id, position, extension, timeout_s)"
                            " VALUES (?1, ?2, ?3, ?4)");
    for (size_t i = 0; rc == SQLITE_OK && i < groups.size(); ++i) {
        const RingGroup& g = groups[i];
        rc = ins.run(i, g.number, g.name, static_cast<int>(g.strategy), g.finalDestination);
        if (rc != SQLITE_DONE) break;
        rc = SQLITE_OK;
        const sqlite3_int64 groupId = sqlite3_last_insert_rowid(m_db);
        for (size_t k = 0; rc == SQLITE_OK && k < g.members.size(); ++k)
            if (rc = member.run(groupId, k, g.members[k].extension, int64_t{g.members[k].timeoutS});
                rc == SQLITE_DONE)
                rc = SQLITE_OK;
    }
    return rc;
}

}  // namespace sb::store
