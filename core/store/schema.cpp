#include "store/schema.h"

#include <array>
#include <string>
#include <string_view>

#include "store/sqlite_support.h"
#include "store/store.h"

namespace sb::store::schema {

namespace {

/// One forward step. Its SQL must end by setting PRAGMA user_version to
/// `version` (pragmas take no bound parameters, so the number is written
/// into the literal; migrateForward() checks it matches).
struct Migration {
    int version;
    std::string_view sql;
};

// Append new steps at the end; never edit a step that has shipped, files in
// the field were made by it. Columns added later need a DEFAULT so the
// existing rows stay valid.
constexpr std::array kMigrations{
    Migration{1, R"sql(
-- One typed row: the CHECKs catch a hand-edited file that a key/value
-- table would let through.
CREATE TABLE settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    config_version  INTEGER NOT NULL,
    domain          TEXT    NOT NULL,
    bind_address    TEXT    NOT NULL,
    sip_port        INTEGER NOT NULL CHECK (sip_port BETWEEN 0 AND 65535),
    tls_port        INTEGER NOT NULL CHECK (tls_port BETWEEN 0 AND 65535),
    rtp_port_min    INTEGER NOT NULL CHECK (rtp_port_min BETWEEN 0 AND 65535),
    rtp_port_max    INTEGER NOT NULL CHECK (rtp_port_max BETWEEN 0 AND 65535),
    outgroup_prefix TEXT    NOT NULL,
    ringback        TEXT    NOT NULL,
    log_level       TEXT    NOT NULL
);

-- position keeps the order the person gave them in (the GUI lists them so).
CREATE TABLE extensions (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    number   TEXT    NOT NULL UNIQUE,
    password TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    enabled  INTEGER NOT NULL CHECK (enabled IN (0, 1))
);

CREATE TABLE lines (
    id                       INTEGER PRIMARY KEY,
    position                 INTEGER NOT NULL UNIQUE,
    name                     TEXT    NOT NULL UNIQUE,
    domain                   TEXT    NOT NULL,
    account                  TEXT    NOT NULL,
    auth_id                  TEXT    NOT NULL,
    password                 TEXT    NOT NULL,
    auth_id_includes_address INTEGER NOT NULL CHECK (auth_id_includes_address IN (0, 1)),
    proxy                    TEXT    NOT NULL,
    transport                TEXT    NOT NULL CHECK (transport IN ('udp', 'tcp', 'tls')),
    register_enabled         INTEGER NOT NULL CHECK (register_enabled IN (0, 1)),
    expires_s                INTEGER NOT NULL CHECK (expires_s BETWEEN 0 AND 4294967295),
    disable_100rel           INTEGER NOT NULL CHECK (disable_100rel IN (0, 1)),
    user_phone               INTEGER NOT NULL CHECK (user_phone IN (0, 1)),
    incoming_extension       TEXT    NOT NULL,
    enabled                  INTEGER NOT NULL CHECK (enabled IN (0, 1))
);

CREATE TABLE trunks (
    id                 INTEGER PRIMARY KEY,
    position           INTEGER NOT NULL UNIQUE,
    name               TEXT    NOT NULL UNIQUE,
    host               TEXT    NOT NULL,
    port               INTEGER NOT NULL CHECK (port BETWEEN 0 AND 65535),
    transport          TEXT    NOT NULL CHECK (transport IN ('udp', 'tcp', 'tls')),
    proxy              TEXT    NOT NULL,
    request_uri_params TEXT    NOT NULL,
    disable_100rel     INTEGER NOT NULL CHECK (disable_100rel IN (0, 1)),
    enabled            INTEGER NOT NULL CHECK (enabled IN (0, 1))
);

CREATE TABLE trunk_allowed_addresses (
    trunk_id INTEGER NOT NULL REFERENCES trunks (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    address  TEXT    NOT NULL,
    PRIMARY KEY (trunk_id, position)
);

-- A DID is unique per trunk, not globally: two carriers may both deliver
-- the same number.
CREATE TABLE trunk_dids (
    trunk_id  INTEGER NOT NULL REFERENCES trunks (id) ON DELETE CASCADE,
    did       TEXT    NOT NULL,
    extension TEXT    NOT NULL,
    PRIMARY KEY (trunk_id, did)
);

-- Outbound routes are tried by position: order is the dial plan's priority.
CREATE TABLE routes (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    pattern  TEXT    NOT NULL,
    strip    INTEGER NOT NULL,
    prepend  TEXT    NOT NULL,
    target   TEXT    NOT NULL,
    failover TEXT    NOT NULL
);

-- Call history outlives the configuration it was made under, so route names
-- are copied text, not references. disposition uses storage tokens of its
-- own (see store.cpp) so renaming a display name never orphans old rows.
CREATE TABLE cdr (
    id          INTEGER PRIMARY KEY,
    start_ms    INTEGER NOT NULL,
    answer_ms   INTEGER NOT NULL,
    end_ms      INTEGER NOT NULL,
    caller      TEXT    NOT NULL,
    callee      TEXT    NOT NULL,
    route       TEXT    NOT NULL,
    disposition TEXT    NOT NULL
                CHECK (disposition IN ('answered', 'busy', 'no_answer', 'cancelled', 'failed')),
    sip_code    INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    codec       TEXT    NOT NULL,
    call_id     TEXT    NOT NULL
);
CREATE INDEX cdr_by_start ON cdr (start_ms);

PRAGMA application_id = 1398227524;
PRAGMA user_version = 1;
)sql"},

    Migration{2, R"sql(
-- Registrar settings and per-extension OPTIONS qualify. Each DEFAULT equals
-- the default in records.h, so a schema 1 file reads back as if nobody had
-- touched the new fields.
ALTER TABLE settings ADD COLUMN auth_algorithms TEXT NOT NULL DEFAULT 'MD5,SHA-256';
ALTER TABLE settings ADD COLUMN min_expires_s INTEGER NOT NULL DEFAULT 60
    CHECK (min_expires_s BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN max_expires_s INTEGER NOT NULL DEFAULT 3600
    CHECK (max_expires_s BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN default_expires_s INTEGER NOT NULL DEFAULT 3600
    CHECK (default_expires_s BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN max_contacts INTEGER NOT NULL DEFAULT 5
    CHECK (max_contacts BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN nonce_lifetime_s INTEGER NOT NULL DEFAULT 300
    CHECK (nonce_lifetime_s BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN qualify_interval_s INTEGER NOT NULL DEFAULT 30
    CHECK (qualify_interval_s BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN tls_certificate TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN tls_private_key TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN media_timeout_s INTEGER NOT NULL DEFAULT 60
    CHECK (media_timeout_s BETWEEN 0 AND 4294967295);

ALTER TABLE extensions ADD COLUMN qualify INTEGER NOT NULL DEFAULT 0 CHECK (qualify IN (0, 1));
ALTER TABLE extensions ADD COLUMN ring_timeout_s INTEGER NOT NULL DEFAULT 30
    CHECK (ring_timeout_s BETWEEN 0 AND 4294967295);

-- Registrar bindings, so phones stay reachable across a restart. Not tied to
-- extensions by a foreign key: the configuration is replaced wholesale, and
-- the registrar drops bindings of extensions that are gone when it loads.
CREATE TABLE bindings (
    extension     TEXT    NOT NULL,
    contact       TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    transport     TEXT    NOT NULL,
    user_agent    TEXT    NOT NULL,
    call_id       TEXT    NOT NULL,
    cseq          INTEGER NOT NULL CHECK (cseq BETWEEN 0 AND 4294967295),
    expires_at_ms INTEGER NOT NULL,
    PRIMARY KEY (extension, contact)
);

PRAGMA user_version = 2;
)sql"},

    Migration{3, R"sql(
-- PRACK auto-disable switch, SIP trace file; caller-ID rules, trunk
-- credentials and default extension; per-route extension permission. Each
-- DEFAULT equals the default in records.h.
ALTER TABLE settings ADD COLUMN prack_auto_disable INTEGER NOT NULL DEFAULT 1
    CHECK (prack_auto_disable IN (0, 1));
ALTER TABLE settings ADD COLUMN trace_file TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN trace_file_max_mb INTEGER NOT NULL DEFAULT 10
    CHECK (trace_file_max_mb BETWEEN 0 AND 4294967295);

ALTER TABLE lines ADD COLUMN caller_id TEXT NOT NULL DEFAULT '';

ALTER TABLE trunks ADD COLUMN auth_user TEXT NOT NULL DEFAULT '';
ALTER TABLE trunks ADD COLUMN auth_password TEXT NOT NULL DEFAULT '';
ALTER TABLE trunks ADD COLUMN caller_id TEXT NOT NULL DEFAULT '';
ALTER TABLE trunks ADD COLUMN caller_id_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE trunks ADD COLUMN default_extension TEXT NOT NULL DEFAULT '';

-- Extension numbers separated by commas (numbers are digits only); empty
-- means every extension may use the route.
ALTER TABLE routes ADD COLUMN allowed_extensions TEXT NOT NULL DEFAULT '';

PRAGMA user_version = 3;
)sql"},

    Migration{4, R"sql(
-- Brute-force and scanner defence (issue: robustness). Each DEFAULT equals
-- the default in records.h. allow_list: CIDR blocks separated by commas.
ALTER TABLE settings ADD COLUMN auth_fail_limit INTEGER NOT NULL DEFAULT 10
    CHECK (auth_fail_limit BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN auth_fail_window_s INTEGER NOT NULL DEFAULT 60
    CHECK (auth_fail_window_s BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN ban_time_s INTEGER NOT NULL DEFAULT 3600
    CHECK (ban_time_s BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN allow_list TEXT NOT NULL DEFAULT '127.0.0.0/8,::1';
ALTER TABLE settings ADD COLUMN drop_scanners INTEGER NOT NULL DEFAULT 1 CHECK (drop_scanners IN (0, 1));
ALTER TABLE settings ADD COLUMN rate_limit INTEGER NOT NULL DEFAULT 200
    CHECK (rate_limit BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN max_calls INTEGER NOT NULL DEFAULT 2000
    CHECK (max_calls BETWEEN 0 AND 4294967295);
-- Codec names in order of preference, separated by commas; empty = as offered.
ALTER TABLE settings ADD COLUMN codecs TEXT NOT NULL DEFAULT '';

-- Addresses banned for failed authentications; they outlive a restart.
CREATE TABLE bans (
    address  TEXT    PRIMARY KEY,
    reason   TEXT    NOT NULL,
    since_ms INTEGER NOT NULL,
    until_ms INTEGER NOT NULL
);

PRAGMA user_version = 4;
)sql"},

    Migration{5, R"sql(
-- Resource limits and TLS peer verification (issue: robustness). Each
-- DEFAULT equals the default in records.h.
ALTER TABLE settings ADD COLUMN tls_ca_file TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN tcp_max_per_address INTEGER NOT NULL DEFAULT 32
    CHECK (tcp_max_per_address BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN tcp_idle_timeout_s INTEGER NOT NULL DEFAULT 30
    CHECK (tcp_idle_timeout_s BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN max_open_files INTEGER NOT NULL DEFAULT 0
    CHECK (max_open_files BETWEEN 0 AND 4294967295);
ALTER TABLE settings ADD COLUMN max_memory_mb INTEGER NOT NULL DEFAULT 0
    CHECK (max_memory_mb BETWEEN 0 AND 4294967295);

ALTER TABLE lines ADD COLUMN tls_verify INTEGER NOT NULL DEFAULT 1 CHECK (tls_verify IN (0, 1));
ALTER TABLE trunks ADD COLUMN tls_verify INTEGER NOT NULL DEFAULT 1 CHECK (tls_verify IN (0, 1));

PRAGMA user_version = 5;
)sql"},

    Migration{6, R"sql(
-- Issue 19: phones on stacks without SHA-256 (baresip 1.0 on libre 1.1)
-- fail at once when a 401 also offers SHA-256, so the default is now MD5
-- alone. A database still holding the old default gets the new one; any
-- other list was chosen by someone and stays. SQLite cannot change the
-- column's DEFAULT: a schema 1 file gets the old value from step 2 and this
-- step corrects it; every later write names the column.
UPDATE settings SET auth_algorithms = 'MD5' WHERE auth_algorithms = 'MD5,SHA-256';

PRAGMA user_version = 6;
)sql"},

    Migration{7, R"sql(
-- Services of the media engine: prompts, music on hold, voicemail (issue 15:
-- media engine). Each DEFAULT equals the default in records.h.
ALTER TABLE settings ADD COLUMN prompt_language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE settings ADD COLUMN music_on_hold TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN voicemail_max_messages INTEGER NOT NULL DEFAULT 100
    CHECK (voicemail_max_messages BETWEEN 0 AND 4294967295);

ALTER TABLE extensions ADD COLUMN voicemail INTEGER NOT NULL DEFAULT 0 CHECK (voicemail IN (0, 1));
ALTER TABLE extensions ADD COLUMN voicemail_pin TEXT NOT NULL DEFAULT '';
ALTER TABLE extensions ADD COLUMN voicemail_greeting TEXT NOT NULL DEFAULT '';
ALTER TABLE extensions ADD COLUMN voicemail_max_s INTEGER NOT NULL DEFAULT 120
    CHECK (voicemail_max_s BETWEEN 0 AND 4294967295);

-- Messages left in mailboxes; the audio is a WAV file in the data folder
-- (voicemail/<mailbox>/), named by file relative to that folder.
CREATE TABLE voicemail_messages (
    id          INTEGER PRIMARY KEY,
    mailbox     TEXT    NOT NULL,
    caller      TEXT    NOT NULL,
    received_ms INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    file        TEXT    NOT NULL,
    heard       INTEGER NOT NULL DEFAULT 0 CHECK (heard IN (0, 1))
);
CREATE INDEX voicemail_by_mailbox ON voicemail_messages (mailbox, received_ms);

PRAGMA user_version = 7;
)sql"},

    Migration{8, R"sql(
-- Diagnostics (issue 17), both JSON arrays, '' when none, deleted with
-- their CDR row: what the explainer found on a call (rule, what, fix,
-- setting), and the call's message flow (at most 48 items).
ALTER TABLE cdr ADD COLUMN diagnosis TEXT NOT NULL DEFAULT '';
ALTER TABLE cdr ADD COLUMN ladder TEXT NOT NULL DEFAULT '';

PRAGMA user_version = 8;
)sql"},

    Migration{9, R"sql(
-- Auto attendant (issue 15: IVR). Destinations are text ("extension:101",
-- "voicemail:101", "menu:501", "hangup"), checked by validation like every
-- other reference; open_days is a comma list of "mon".."sun", '' = always open.
CREATE TABLE ivr_menus (
    id                   INTEGER PRIMARY KEY,
    position             INTEGER NOT NULL UNIQUE,
    number               TEXT    NOT NULL UNIQUE,
    name                 TEXT    NOT NULL,
    prompt               TEXT    NOT NULL,
    timeout_s            INTEGER NOT NULL CHECK (timeout_s BETWEEN 0 AND 4294967295),
    timeout_destination  TEXT    NOT NULL,
    invalid_retries      INTEGER NOT NULL CHECK (invalid_retries BETWEEN 0 AND 4294967295),
    invalid_destination  TEXT    NOT NULL,
    fallback_destination TEXT    NOT NULL,
    open_days            TEXT    NOT NULL,
    open_from            TEXT    NOT NULL,
    open_to              TEXT    NOT NULL,
    closed_destination   TEXT    NOT NULL
);

CREATE TABLE ivr_options (
    menu_id     INTEGER NOT NULL REFERENCES ivr_menus (id) ON DELETE CASCADE,
    digit       TEXT    NOT NULL,
    destination TEXT    NOT NULL,
    PRIMARY KEY (menu_id, digit)
);

PRAGMA user_version = 9;
)sql"},

    Migration{10, R"sql(
-- Call features (issue 16): forwarding and do not disturb per extension,
-- the header that tells a carrier who forwarded, the blacklist, and the
-- forwards a call went through in its CDR row. DEFAULTs equal records.h.
ALTER TABLE extensions ADD COLUMN forward_always TEXT NOT NULL DEFAULT '';
ALTER TABLE extensions ADD COLUMN forward_busy TEXT NOT NULL DEFAULT '';
ALTER TABLE extensions ADD COLUMN forward_no_answer TEXT NOT NULL DEFAULT '';
ALTER TABLE extensions ADD COLUMN forward_no_answer_s INTEGER NOT NULL DEFAULT 20
    CHECK (forward_no_answer_s BETWEEN 0 AND 4294967295);
ALTER TABLE extensions ADD COLUMN dnd INTEGER NOT NULL DEFAULT 0 CHECK (dnd IN (0, 1));

ALTER TABLE lines ADD COLUMN forward_header TEXT NOT NULL DEFAULT 'diversion'
    CHECK (forward_header IN ('none', 'diversion', 'history-info'));
ALTER TABLE trunks ADD COLUMN forward_header TEXT NOT NULL DEFAULT 'diversion'
    CHECK (forward_header IN ('none', 'diversion', 'history-info'));

-- Comma-separated like allow_list: prefixes are digits, '+', or "anonymous".
ALTER TABLE settings ADD COLUMN blacklist TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN blacklist_answer INTEGER NOT NULL DEFAULT 603
    CHECK (blacklist_answer BETWEEN 0 AND 699);

ALTER TABLE cdr ADD COLUMN forwards TEXT NOT NULL DEFAULT '';

PRAGMA user_version = 10;
)sql"},

    Migration{11, R"sql(
-- Conference rooms set up in advance (issue 15): a PIN and a name. Rooms
-- not listed here still work without setup. pin is '' or 4-12 digits.
CREATE TABLE conference_rooms (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    number   TEXT    NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 8),
    pin      TEXT    NOT NULL DEFAULT '',
    name     TEXT    NOT NULL DEFAULT ''
);

PRAGMA user_version = 11;
)sql"},

    Migration{12, R"sql(
-- Ring groups (issue 16). strategy: 1 simultaneous, 2 sequential
-- (store::RingStrategy); final_destination is spelt like an IVR destination.
CREATE TABLE ring_groups (
    id                INTEGER PRIMARY KEY,
    position          INTEGER NOT NULL UNIQUE,
    number            TEXT    NOT NULL UNIQUE,
    name              TEXT    NOT NULL,
    strategy          INTEGER NOT NULL CHECK (strategy IN (1, 2)),
    final_destination TEXT    NOT NULL
);

CREATE TABLE ring_group_members (
    group_id  INTEGER NOT NULL REFERENCES ring_groups (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    extension TEXT    NOT NULL,
    timeout_s INTEGER NOT NULL CHECK (timeout_s BETWEEN 0 AND 4294967295),
    PRIMARY KEY (group_id, position)
);

PRAGMA user_version = 12;
)sql"},

    Migration{13, R"sql(
-- Transfers a call went through (issue 16), like forwards: who handed
-- the call to whom, blind or attended.
ALTER TABLE cdr ADD COLUMN transfers TEXT NOT NULL DEFAULT '';

PRAGMA user_version = 13;
)sql"},
};

static_assert(kMigrations.back().version == Store::kSchemaVersion,
              "Store::kSchemaVersion must name the last migration");
static_assert(kApplicationId == 1398227524, "migration 1 writes kApplicationId as a literal");

constexpr bool versionsAscendByOne() {
    for (size_t i = 0; i < kMigrations.size(); ++i)
        if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
    return true;
}
static_assert(versionsAscendByOne(), "migration versions must be 1, 2, 3, ... in order");

}  // namespace

int latestVersion() {
    return kMigrations.back().version;
}

Result<void> migrateForward(sqlite3* db, const std::filesystem::path& path, int targetVersion) {
    for (const Migration& step : kMigrations) {
        if (step.version > targetVersion) break;
        const std::string doing = "upgrade the database to schema version " + std::to_string(step.version);
        sqlite::Transaction tx(db);
        if (const int rc = tx.beginWrite(); rc != SQLITE_OK) return sqlite::storeError(path, db, rc, doing);
        // Read inside the write lock: another Switchboard starting at the same
        // moment may have applied this step already.
        int64_t current = 0;
        if (const int rc = sqlite::queryInt(db, "PRAGMA user_version", current); rc != SQLITE_OK)
            return sqlite::storeError(path, db, rc, doing);
        if (current >= step.version) continue;
        if (const int rc = sqlite::execScript(db, step.sql); rc != SQLITE_OK)
            return sqlite::storeError(path, db, rc, doing);
        int64_t reached = 0;
        if (const int rc = sqlite::queryInt(db, "PRAGMA user_version", reached); rc != SQLITE_OK)
            return sqlite::storeError(path, db, rc, doing);
        if (reached != step.version)
            return sqlite::storeError(path, StoreErrorKind::Io,
                                      "could not " + doing + " (the step left user_version at " +
                                          std::to_string(reached) + "; this is a bug in Switchboard)");
        if (const int rc = tx.commit(); rc != SQLITE_OK) return sqlite::storeError(path, db, rc, doing);
    }
    return {};
}

}  // namespace sb::store::schema
