// Store: the index of voicemail messages (the audio lives in WAV files).

#include <string>
#include <vector>

#include "store/sqlite_support.h"
#include "store/store.h"

namespace sb::store {

using sqlite::Operation;
using sqlite::RowReader;
using sqlite::Statement;

Result<std::vector<VoicemailMessage>> Store::loadVoicemail() {
    Operation op{m_db, m_path, "read the voicemail index", {}};
    std::vector<VoicemailMessage> out;
    Statement q;
    int rc = q.prepare(m_db,
                       "SELECT id, mailbox, caller, received_ms, duration_ms, file, heard FROM voicemail_messages"
                       " ORDER BY received_ms, id");
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            VoicemailMessage& m = out.emplace_back();
            m.id = r.integer<int64_t>();
            m.mailbox = r.text();
            m.caller = r.text();
            m.receivedMs = r.integer<int64_t>();
            m.durationMs = r.integer<uint64_t>();
            m.file = r.text();
            m.heard = r.flag();
        });
    if (rc != SQLITE_DONE) return op.fail(rc);
    return out;
}

Result<void> Store::saveVoicemail(const VoicemailMessage& m) {
    Operation op{m_db, m_path, "save a voicemail message", {}};
    Statement put;
    int rc = put.prepare(m_db,
                         "INSERT OR REPLACE INTO voicemail_messages (id, mailbox, caller, received_ms, duration_ms,"
                         " file, heard) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (rc == SQLITE_OK)
        rc = put.run(m.id, m.mailbox, m.caller, m.receivedMs, static_cast<int64_t>(m.durationMs), m.file, m.heard);
    if (rc != SQLITE_DONE) return op.fail(rc);
    return {};
}

Result<void> Store::removeVoicemail(int64_t id) {
    Operation op{m_db, m_path, "remove a voicemail message", {}};
    Statement del;
    int rc = del.prepare(m_db, "DELETE FROM voicemail_messages WHERE id = ?1");
    if (rc == SQLITE_OK) rc = del.run(id);
    if (rc != SQLITE_DONE) return op.fail(rc);
    return {};
}

}  // namespace sb::store
