// Store: the auto-attendant menus, read and written inside the transactions
// of loadConfiguration() and replaceConfiguration().

#include <string>
#include <vector>

#include "store/sqlite_support.h"
#include "store/store.h"

namespace sb::store {

using sqlite::RowReader;
using sqlite::Statement;

namespace {

// Day names ("mon") never contain a comma.
std::vector<std::string> splitDays(const std::string& text) {
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

std::string joinDays(const std::vector<std::string>& days) {
    std::string out;
    for (const auto& d : days) out += (out.empty() ? "" : ",") + d;
    return out;
}

}  // namespace

int Store::readMenus(sqlite::Operation& op, std::vector<IvrMenu>& out) {
    std::vector<int64_t> ids;
    Statement q;
    int rc = q.prepare(m_db,
                       "SELECT id, number, name, prompt, timeout_s, timeout_destination, invalid_retries,"
                       " invalid_destination, fallback_destination, open_days, open_from, open_to,"
                       " closed_destination FROM ivr_menus ORDER BY position");
    if (rc == SQLITE_OK)
        rc = op.readRows(q, [&](RowReader& r) {
            ids.push_back(r.integer<int64_t>());
            IvrMenu& m = out.emplace_back();
            m.number = r.text();
            m.name = r.text();
            m.prompt = r.text();
            m.timeoutS = r.integer<uint32_t>();
            m.timeoutDestination = r.text();
            m.invalidRetries = r.integer<uint32_t>();
            m.invalidDestination = r.text();
            m.fallbackDestination = r.text();
            m.openDays = splitDays(r.text());
            m.openFrom = r.text();
            m.openTo = r.text();
            m.closedDestination = r.text();
        });
    if (rc != SQLITE_DONE) return rc;
    Statement options;
    rc = options.prepare(m_db, "SELECT digit, destination FROM ivr_options WHERE menu_id = ?1");
    for (size_t i = 0; rc == SQLITE_OK && i < ids.size(); ++i) {
        rc = options.bindAll(ids[i]);
        if (rc == SQLITE_OK)
            rc = op.readRows(options, [&](RowReader& r) {
                std::string digit = r.text();
                out[i].options[std::move(digit)] = r.text();
            });
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    return rc;
}

int Store::writeMenus(const std::vector<IvrMenu>& menus) {
    Statement ins;
    Statement option;
    int rc =
        ins.prepare(m_db,
                    "INSERT INTO ivr_menus (position, number, name, prompt, timeout_s, timeout_destination,"
                    " invalid_retries, invalid_destination, fallback_destination, open_days, open_from,"
                    " open_to, closed_destination)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    if (rc == SQLITE_OK)
        rc =
            option.prepare(m_db, "INSERT INTO ivr_options (menu_id, digit, destination) VALUES (?1, ?2, ?3)");
    for (size_t i = 0; rc == SQLITE_OK && i < menus.size(); ++i) {
        const IvrMenu& m = menus[i];
        rc = ins.run(i, m.number, m.name, m.prompt, int64_t{m.timeoutS}, m.timeoutDestination,
                     int64_t{m.invalidRetries}, m.invalidDestination, m.fallbackDestination,
                     joinDays(m.openDays), m.openFrom, m.openTo, m.closedDestination);
        if (rc != SQLITE_DONE) break;
        rc = SQLITE_OK;
        const sqlite3_int64 menuId = sqlite3_last_insert_rowid(m_db);
        for (auto it = m.options.begin(); rc == SQLITE_OK && it != m.options.end(); ++it)
            if (rc = option.run(menuId, it->first, it->second); rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    return rc;
}

}  // namespace sb::store
