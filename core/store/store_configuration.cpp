// Store: the configuration half (settings, extensions, lines, trunks, routes,
// conference rooms).

#include "store/store.h"

#include <cstdint>
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

Transport readTransport(RowReader& row) {
    const std::string name = row.text();
    Transport t = Transport::Udp;
    if (!parseTransport(name, t)) row.reject("column transport holds the unknown value \"" + name + "\"");
    return t;
}

// Extension numbers, CIDR blocks and codec names (validation) never contain a comma.
std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        if (comma > start) out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

std::string joinList(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
}

}  // namespace

Result<Configuration> Store::loadConfiguration() {
    Operation op{m_db, m_path, "read the configuration", {}};
    Transaction tx(m_db);
    if (const int rc = tx.beginRead(); rc != SQLITE_OK) return op.fail(rc);

    Configuration config;
    Statement q;
    int rc =
        q.prepare(m_db,
                  "SELECT config_version, domain, bind_address, sip_port, tls_port, rtp_port_min,"
                  " rtp_port_max, outgroup_prefix, ringback, log_level, auth_algorithms, min_expires_s,"
                  " max_expires_s, default_expires_s, max_contacts, nonce_lifetime_s, qualify_interval_s,"
                  " tls_certificate, tls_private_key, media_timeout_s, prack_auto_disable, trace_file,"
                  " trace_file_max_mb, auth_fail_limit, auth_fail_window_s, ban_time_s, allow_list, drop_scanners,"
                  " rate_limit, max_calls, codecs, tls_ca_file, tcp_max_per_address, tcp_idle_timeout_s,"
                  " max_open_files, max_memory_mb, prompt_language, music_on_hold, voicemail_max_messages,"
                  " blacklist, blacklist_answer FROM settings WHERE id = 1");
    if (rc == SQLITE_OK)  // no row yet: the defaults of Settings stand
        rc = op.readRows(q, [&](RowReader& r) {
            Settings& s = config.settings;
            config.version = r.integer<int>();
            s.domain = r.text();
            s.bindAddress = r.text();
            s.sipPort = r.integer<uint16_t>();
            s.tlsPort = r.integer<uint16_t>();
            s.rtpPortMin = r.integer<uint16_t>();
            s.rtpPortMax = r.integer<uint16_t>();
            s.outgroupPrefix = r.text();
            s.ringback = r.text();
            s.logLevel = r.text();
            s.authAlgorithms = r.text();
            s.minExpiresS = r.integer<uint32_t>();
            s.maxExpiresS = r.integer<uint32_t>();
            s.defaultExpiresS = r.integer<uint32_t>();
            s.maxContacts = r.integer<uint32_t>();
            s.nonceLifetimeS = r.integer<uint32_t>();
            s.qualifyIntervalS = r.integer<uint32_t>();
            s.tlsCertificate = r.text();
            s.tlsPrivateKey = r.text();
            s.mediaTimeoutS = r.integer<uint32_t>();
            s.prackAutoDisable = r.flag();
            s.traceFile = r.text();
            s.traceFileMaxMb = r.integer<uint32_t>();
            s.authFailLimit = r.integer<uint32_t>();
            s.authFailWindowS = r.integer<uint32_t>();
            s.banTimeS = r.integer<uint32_t>();
            s.allowList = splitList(r.text());
            s.dropScanners = r.flag();
            s.rateLimit = r.integer<uint32_t>();
            s.maxCalls = r.integer<uint32_t>();
            s.codecs = splitList(r.text());
            s.tlsCaFile = r.text();
            s.tcpMaxPerAddress = r.integer<uint32_t>();
            s.tcpIdleTimeoutS = r.integer<uint32_t>();
            s.maxOpenFiles = r.integer<uint32_t>();
            s.maxMemoryMb = r.integer<uint32_t>();
            s.promptLanguage = r.text();
            s.musicOnHold = r.text();
            s.voicemailMaxMessages = r.integer<uint32_t>();
            s.blacklist = splitList(r.text());
            s.blacklistAnswer = r.integer<uint32_t>();
        });
    if (rc != SQLITE_DONE) return op.fail(rc);

    rc = q.prepare(m_db, "SELECT number, password, name, enabled, qualify, ring_timeout_s, voicemail, voicemail_pin,"
                         " voicemail_greeting, voicemail_max_s, forward_always, forward_busy, forward_no_answer,"
                         " forward_no_answer_s, dnd FROM extensions ORDER BY position");
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            Extension& e = config.extensions.emplace_back();
            e.number = r.text();
            e.password = r.text();
            e.name = r.text();
            e.enabled = r.flag();
            e.qualify = r.flag();
            e.ringTimeoutS = r.integer<uint32_t>();
            e.voicemail = r.flag();
            e.voicemailPin = r.text();
            e.voicemailGreeting = r.text();
            e.voicemailMaxS = r.integer<uint32_t>();
            e.forwardAlways = r.text();
            e.forwardBusy = r.text();
            e.forwardNoAnswer = r.text();
            e.forwardNoAnswerS = r.integer<uint32_t>();
            e.dnd = r.flag();
        });
    if (rc != SQLITE_DONE) return op.fail(rc);

    rc = q.prepare(
        m_db,
        "SELECT name, domain, account, auth_id, password, auth_id_includes_address, proxy, transport,"
        " register_enabled, expires_s, disable_100rel, user_phone, incoming_extension, enabled, caller_id,"
        " tls_verify, forward_header FROM lines ORDER BY position");
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            ExternalLine& l = config.lines.emplace_back();
            l.name = r.text();
            l.domain = r.text();
            l.account = r.text();
            l.authId = r.text();
            l.password = r.text();
            l.authIdIncludesAddress = r.flag();
            l.proxy = r.text();
            l.transport = readTransport(r);
            l.registerEnabled = r.flag();
            l.expiresS = r.integer<uint32_t>();
            l.disable100rel = r.flag();
            l.userPhone = r.flag();
            l.incomingExtension = r.text();
            l.enabled = r.flag();
            l.callerId = r.text();
            l.tlsVerify = r.flag();
            l.forwardHeader = r.text();
        });
    if (rc != SQLITE_DONE) return op.fail(rc);

    std::vector<int64_t> trunkIds;
    rc =
        q.prepare(m_db,
                  "SELECT id, name, host, port, transport, proxy, request_uri_params, disable_100rel, enabled,"
                  " auth_user, auth_password, caller_id, caller_id_prefix, default_extension,"
                  " tls_verify, forward_header FROM trunks ORDER BY position");
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            trunkIds.push_back(r.integer<int64_t>());
            SipTrunk& t = config.trunks.emplace_back();
            t.name = r.text();
            t.host = r.text();
            t.port = r.integer<uint16_t>();
            t.transport = readTransport(r);
            t.proxy = r.text();
            t.requestUriParams = r.text();
            t.disable100rel = r.flag();
            t.enabled = r.flag();
            t.authUser = r.text();
            t.authPassword = r.text();
            t.callerId = r.text();
            t.callerIdPrefix = r.text();
            t.defaultExtension = r.text();
            t.tlsVerify = r.flag();
            t.forwardHeader = r.text();
        });
    if (rc != SQLITE_DONE) return op.fail(rc);

    Statement addresses;
    Statement dids;
    rc = addresses.prepare(
        m_db, "SELECT address FROM trunk_allowed_addresses WHERE trunk_id = ?1 ORDER BY position");
    if (rc == SQLITE_OK) rc = dids.prepare(m_db, "SELECT did, extension FROM trunk_dids WHERE trunk_id = ?1");
    for (size_t i = 0; rc == SQLITE_OK && i < trunkIds.size(); ++i) {
        SipTrunk& t = config.trunks[i];
        rc = addresses.bindAll(trunkIds[i]);
        if (rc == SQLITE_OK)
            rc = op.readRows(addresses, [&](RowReader& r) { t.allowedAddresses.push_back(r.text()); });
        if (rc == SQLITE_DONE) rc = dids.bindAll(trunkIds[i]);
        if (rc == SQLITE_OK)
            rc = op.readRows(dids, [&](RowReader& r) {
                std::string did = r.text();
                t.dids[std::move(did)] = r.text();
            });
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) return op.fail(rc);

    rc = q.prepare(m_db, "SELECT pattern, strip, prepend, target, failover, allowed_extensions FROM routes ORDER BY position");
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            Route& route = config.routes.emplace_back();
            route.pattern = r.text();
            route.strip = r.integer<int>();
            route.prepend = r.text();
            route.target = r.text();
            route.failover = r.text();
            route.allowedExtensions = splitList(r.text());
        });
    if (rc != SQLITE_DONE) return op.fail(rc);

    if (rc = readMenus(op, config.menus); rc != SQLITE_OK) return op.fail(rc);
    rc = q.prepare(m_db, "SELECT number, pin, name FROM conference_rooms ORDER BY position");
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            ConferenceRoom& room = config.conferenceRooms.emplace_back();
            room.number = r.text();
            room.pin = r.text();
            room.name = r.text();
        });
    if (rc != SQLITE_DONE) return op.fail(rc);

    if (rc = readGroups(op, config.groups); rc != SQLITE_OK) return op.fail(rc);
    if (rc = tx.commit(); rc != SQLITE_OK) return op.fail(rc);
    return config;
}

Result<void> Store::replaceConfiguration(const Configuration& config) {
    Operation op{m_db, m_path, "save the configuration", {}};
    Transaction tx(m_db);
    int rc = tx.beginWrite();
    if (rc == SQLITE_OK)
        // Children first, so the foreign keys never see an orphan.
        rc = sqlite::execScript(
            m_db,
            "DELETE FROM conference_rooms; DELETE FROM ring_group_members; DELETE FROM ring_groups;"
            " DELETE FROM ivr_options; DELETE FROM ivr_menus;"
            " DELETE FROM routes; DELETE FROM trunk_dids; DELETE FROM trunk_allowed_addresses;"
            " DELETE FROM trunks; DELETE FROM lines; DELETE FROM extensions;"
            " DELETE FROM settings;");
    if (rc != SQLITE_OK) return op.fail(rc);

    Statement ins;
    const Settings& s = config.settings;
    rc = ins.prepare(m_db,
                     "INSERT INTO settings (id, config_version, domain, bind_address, sip_port, tls_port,"
                     " rtp_port_min, rtp_port_max, outgroup_prefix, ringback, log_level, auth_algorithms,"
                     " min_expires_s, max_expires_s, default_expires_s, max_contacts, nonce_lifetime_s,"
                     " qualify_interval_s, tls_certificate, tls_private_key, media_timeout_s, prack_auto_disable,"
                     " trace_file, trace_file_max_mb, auth_fail_limit, auth_fail_window_s, ban_time_s, allow_list,"
                     " drop_scanners, rate_limit, max_calls, codecs, tls_ca_file, tcp_max_per_address,"
                     " tcp_idle_timeout_s, max_open_files, max_memory_mb, prompt_language, music_on_hold,"
                     " voicemail_max_messages, blacklist, blacklist_answer)"
                     " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
                     " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36,"
                     " ?37, ?38, ?39, ?40, ?41)");
    if (rc == SQLITE_OK)
        rc = ins.run(config.version, s.domain, s.bindAddress, s.sipPort, s.tlsPort, s.rtpPortMin,
                     s.rtpPortMax, s.outgroupPrefix, s.ringback, s.logLevel, s.authAlgorithms, s.minExpiresS,
                     s.maxExpiresS, s.defaultExpiresS, s.maxContacts, s.nonceLifetimeS, s.qualifyIntervalS,
                     s.tlsCertificate, s.tlsPrivateKey, int64_t{s.mediaTimeoutS}, s.prackAutoDisable, s.traceFile,
                     int64_t{s.traceFileMaxMb}, int64_t{s.authFailLimit}, int64_t{s.authFailWindowS},
                     int64_t{s.banTimeS}, joinList(s.allowList), s.dropScanners, int64_t{s.rateLimit},
                     int64_t{s.maxCalls}, joinList(s.codecs), s.tlsCaFile, int64_t{s.tcpMaxPerAddress},
                     int64_t{s.tcpIdleTimeoutS}, int64_t{s.maxOpenFiles}, int64_t{s.maxMemoryMb}, s.promptLanguage,
                     s.musicOnHold, int64_t{s.voicemailMaxMessages}, joinList(s.blacklist),
                     int64_t{s.blacklistAnswer});
    if (rc != SQLITE_DONE) return op.fail(rc);

    rc = ins.prepare(m_db,
                     "INSERT INTO extensions (position, number, password, name, enabled, qualify, ring_timeout_s,"
                     " voicemail, voicemail_pin, voicemail_greeting, voicemail_max_s, forward_always, forward_busy,"
                     " forward_no_answer, forward_no_answer_s, dnd)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    for (size_t i = 0; rc == SQLITE_OK && i < config.extensions.size(); ++i) {
        const Extension& e = config.extensions[i];
        rc = ins.run(i, e.number, e.password, e.name, e.enabled, e.qualify, int64_t{e.ringTimeoutS}, e.voicemail,
                     e.voicemailPin, e.voicemailGreeting, int64_t{e.voicemailMaxS}, e.forwardAlways, e.forwardBusy,
                     e.forwardNoAnswer, int64_t{e.forwardNoAnswerS}, e.dnd);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) return op.fail(rc);

    rc = ins.prepare(
        m_db,
        "INSERT INTO lines (position, name, domain, account, auth_id, password,"
        " auth_id_includes_address, proxy, transport, register_enabled, expires_s, disable_100rel,"
        " user_phone, incoming_extension, enabled, caller_id, tls_verify, forward_header)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
    for (size_t i = 0; rc == SQLITE_OK && i < config.lines.size(); ++i) {
        const ExternalLine& l = config.lines[i];
        rc = ins.run(i, l.name, l.domain, l.account, l.authId, l.password, l.authIdIncludesAddress, l.proxy,
                     transportName(l.transport), l.registerEnabled, l.expiresS, l.disable100rel, l.userPhone,
                     l.incomingExtension, l.enabled, l.callerId, l.tlsVerify, l.forwardHeader);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) return op.fail(rc);

    Statement address;
    Statement did;
    rc = ins.prepare(m_db,
                     "INSERT INTO trunks (position, name, host, port, transport, proxy, request_uri_params,"
                     " disable_100rel, enabled, auth_user, auth_password, caller_id, caller_id_prefix, default_extension,"
                     " tls_verify, forward_header)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    if (rc == SQLITE_OK)
        rc = address.prepare(
            m_db, "INSERT INTO trunk_allowed_addresses (trunk_id, position, address) VALUES (?1, ?2, ?3)");
    if (rc == SQLITE_OK)
        rc = did.prepare(m_db, "INSERT INTO trunk_dids (trunk_id, did, extension) VALUES (?1, ?2, ?3)");
    for (size_t i = 0; rc == SQLITE_OK && i < config.trunks.size(); ++i) {
        const SipTrunk& t = config.trunks[i];
        rc = ins.run(i, t.name, t.host, t.port, transportName(t.transport), t.proxy, t.requestUriParams,
                     t.disable100rel, t.enabled, t.authUser, t.authPassword, t.callerId, t.callerIdPrefix,
                     t.defaultExtension, t.tlsVerify, t.forwardHeader);
        if (rc != SQLITE_DONE) break;
        rc = SQLITE_OK;
        const sqlite3_int64 trunkId = sqlite3_last_insert_rowid(m_db);
        for (size_t a = 0; rc == SQLITE_OK && a < t.allowedAddresses.size(); ++a)
            if (rc = address.run(trunkId, a, t.allowedAddresses[a]); rc == SQLITE_DONE) rc = SQLITE_OK;
        for (auto it = t.dids.begin(); rc == SQLITE_OK && it != t.dids.end(); ++it)
            if (rc = did.run(trunkId, it->first, it->second); rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) return op.fail(rc);

    rc = ins.prepare(m_db,
                     "INSERT INTO routes (position, pattern, strip, prepend, target, failover, allowed_extensions)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (size_t i = 0; rc == SQLITE_OK && i < config.routes.size(); ++i) {
        const Route& r = config.routes[i];
        if (rc = ins.run(i, r.pattern, r.strip, r.prepend, r.target, r.failover, joinList(r.allowedExtensions)); rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    if (rc == SQLITE_OK) rc = writeMenus(config.menus);
    if (rc != SQLITE_OK) return op.fail(rc);

    rc = ins.prepare(m_db,
                     "INSERT INTO conference_rooms (position, number, pin, name) VALUES (?1, ?2, ?3, ?4)");
    for (size_t i = 0; rc == SQLITE_OK && i < config.conferenceRooms.size(); ++i) {
        const ConferenceRoom& room = config.conferenceRooms[i];
        if (rc = ins.run(i, room.number, room.pin, room.name); rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc == SQLITE_OK) rc = writeGroups(config.groups);
    if (rc == SQLITE_OK) rc = tx.commit();
    if (rc != SQLITE_OK) return op.fail(rc);
    return {};
}

}  // namespace sb::store
