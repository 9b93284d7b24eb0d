#include "config/validation.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "config/check_chars.h"
#include "config/ivr_rules.h"

namespace sb::config {

using detail::isAlnum;

namespace {

bool equalsIgnoreCaseAscii(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::string FieldError::toString() const {
    return path + ": " + reason;
}

std::string indexPath(std::string_view array, size_t index) {
    return std::string(array) + "[" + std::to_string(index) + "]";
}

std::string memberPath(std::string_view parent, std::string_view key) {
    const bool plain =
        !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return isAlnum(c) || c == '_'; });
    if (!plain) return keyPath(parent, key);
    return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

std::string keyPath(std::string_view parent, std::string_view key) {
    std::string out(parent);
    out += "[\"";
    for (char c : key) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    out += "\"]";
    return out;
}

namespace {

class Validator {
public:
    explicit Validator(const store::Configuration& config) : m_config(config) {}

    std::vector<FieldError> run() {
        if (m_config.version != 1) add("version", "expected 1, got " + std::to_string(m_config.version));
        settings();
        for (size_t i = 0; i < m_config.extensions.size(); ++i) extension(i);
        for (size_t i = 0; i < m_config.lines.size(); ++i) line(i);
        for (size_t i = 0; i < m_config.trunks.size(); ++i) trunk(i);
        for (size_t i = 0; i < m_config.routes.size(); ++i) route(i);
        for (size_t i = 0; i < m_config.menus.size(); ++i) menu(i);
        for (size_t i = 0; i < m_config.conferenceRooms.size(); ++i) conferenceRoom(i);
        for (size_t i = 0; i < m_config.groups.size(); ++i) group(i);
        return std::move(m_errors);
    }

private:
    void add(std::string path, std::string reason) {
        m_errors.push_back({std::move(path), std::move(reason)});
    }
    void check(const std::string& path, const Check& result) {
        if (result) add(path, *result);
    }
    void range(const std::string& path, int64_t value, int64_t lo, int64_t hi, const char* unit) {
        if (value < lo || value > hi)
            add(path, "expected " + std::to_string(lo) + " to " + std::to_string(hi) + unit);
    }
    void checkOptional(const std::string& path, std::string_view value, Check (*fn)(std::string_view)) {
        if (!value.empty()) check(path, fn(value));
    }

    bool extensionExists(const std::string& number) const {
        return std::any_of(m_config.extensions.begin(), m_config.extensions.end(),
                           [&](const store::Extension& e) { return e.number == number; });
    }
    bool menuExists(const std::string& number) const {
        return std::any_of(m_config.menus.begin(), m_config.menus.end(),
                           [&](const store::IvrMenu& m) { return m.number == number; });
    }
    bool groupExists(const std::string& number) const {
        return std::any_of(m_config.groups.begin(), m_config.groups.end(),
                           [&](const store::RingGroup& g) { return g.number == number; });
    }
    /// Where an incoming call may ring: an extension, an auto-attendant menu or a ring group.
    bool inboundTargetExists(const std::string& number) const {
        return extensionExists(number) || menuExists(number) || groupExists(number);
    }
    bool lineOrTrunkExists(const std::string& name) const {
        return std::any_of(m_config.lines.begin(), m_config.lines.end(),
                           [&](const store::ExternalLine& l) { return l.name == name; }) ||
               std::any_of(m_config.trunks.begin(), m_config.trunks.end(),
                           [&](const store::SipTrunk& t) { return t.name == name; });
    }

    void settings() {
        const auto& s = m_config.settings;
        check("settings.domain", checkDomain(s.domain));
        check("settings.bind", checkIpAddress(s.bindAddress));
        check("settings.sip_port", checkPort(s.sipPort));
        check("settings.tls_port", checkPort(s.tlsPort));
        if (s.tlsPort == s.sipPort && s.sipPort != 0)
            add("settings.tls_port", "must differ from sip_port (" + std::to_string(s.sipPort) + ")");
        check("settings.rtp_port_min", checkPort(s.rtpPortMin));
        check("settings.rtp_port_max", checkPort(s.rtpPortMax));
        if (s.rtpPortMin >= s.rtpPortMax)
            add("settings.rtp_port_min",
                "must be less than rtp_port_max (" + std::to_string(s.rtpPortMax) + ")");
        else if (s.sipPort >= s.rtpPortMin && s.sipPort <= s.rtpPortMax)
            // SIP and RTP are both UDP on the same address: a media relay
            // socket could take the signalling port.
            add("settings.sip_port", "lies inside the RTP port range " + std::to_string(s.rtpPortMin) + "-" +
                                         std::to_string(s.rtpPortMax));
        check("settings.outgroup_prefix", checkOutgroupPrefix(s.outgroupPrefix));
        check("settings.ringback", checkRingback(s.ringback));
        check("settings.log_level", checkLogLevel(s.logLevel));
        check("settings.auth_algorithms", checkAuthAlgorithms(s.authAlgorithms));
        range("settings.min_expires", s.minExpiresS, 1, 86400, " seconds");
        range("settings.max_expires", s.maxExpiresS, 1, 86400, " seconds");
        if (s.minExpiresS > s.maxExpiresS)
            add("settings.min_expires",
                "must not exceed max_expires (" + std::to_string(s.maxExpiresS) + ")");
        else if (s.defaultExpiresS < s.minExpiresS || s.defaultExpiresS > s.maxExpiresS)
            add("settings.default_expires", "must lie between min_expires and max_expires (" +
                                                std::to_string(s.minExpiresS) + "-" +
                                                std::to_string(s.maxExpiresS) + ")");
        range("settings.max_contacts", s.maxContacts, 1, 100, "");
        range("settings.nonce_lifetime", s.nonceLifetimeS, 1, 86400, " seconds");
        range("settings.qualify_interval", s.qualifyIntervalS, 1, 3600, " seconds");
        check("settings.tls_certificate", checkFilePath(s.tlsCertificate));
        check("settings.tls_private_key", checkFilePath(s.tlsPrivateKey));
        if (!s.tlsPrivateKey.empty() && s.tlsCertificate.empty())
            add("settings.tls_private_key", "needs tls_certificate (a key alone cannot be used)");
        range("settings.media_timeout", s.mediaTimeoutS, 0, 86400, " seconds");
        check("settings.trace_file", checkFilePath(s.traceFile));
        range("settings.trace_file_max_mb", s.traceFileMaxMb, 1, 1024, " MB");
        range("settings.auth_fail_limit", s.authFailLimit, 0, 1000, "");
        range("settings.auth_fail_window", s.authFailWindowS, 1, 86400, " seconds");
        range("settings.ban_time", s.banTimeS, 1, 30 * 86400, " seconds");
        for (size_t k = 0; k < s.allowList.size(); ++k)
            check(indexPath("settings.allow_list", k), checkAddress(s.allowList[k]));
        range("settings.rate_limit", s.rateLimit, 0, 100000, " requests per second");
        range("settings.max_calls", s.maxCalls, 0, 100000, " calls");
        for (size_t k = 0; k < s.codecs.size(); ++k) {
            check(indexPath("settings.codecs", k), checkCodecName(s.codecs[k]));
            for (size_t j = 0; j < k; ++j)
                if (equalsIgnoreCaseAscii(s.codecs[j], s.codecs[k]))
                    add(indexPath("settings.codecs", k), s.codecs[k] + " is listed twice");
        }
        check("settings.tls_ca_file", checkFilePath(s.tlsCaFile));
        range("settings.tcp_max_per_address", s.tcpMaxPerAddress, 0, 100000, " connections");
        range("settings.tcp_idle_timeout", s.tcpIdleTimeoutS, 0, 86400, " seconds");
        // Below 256 descriptors the SIP sockets, database and log leave no room for calls.
        if (s.maxOpenFiles != 0) range("settings.max_open_files", s.maxOpenFiles, 256, 1048576, " descriptors");
        if (s.maxMemoryMb != 0) range("settings.max_memory_mb", s.maxMemoryMb, 64, 1048576, " MB");
        if (s.promptLanguage != "en" && s.promptLanguage != "zh")
            add("settings.prompt_language", "must be en (English) or zh (Chinese)");
        check("settings.music_on_hold", checkFilePath(s.musicOnHold));
        range("settings.voicemail_max_messages", s.voicemailMaxMessages, 1, 10000, " messages");
        for (size_t k = 0; k < s.blacklist.size(); ++k)
            check(indexPath("settings.blacklist", k), checkBlacklistEntry(s.blacklist[k]));
        if (s.blacklistAnswer != 403 && s.blacklistAnswer != 480 && s.blacklistAnswer != 486 &&
            s.blacklistAnswer != 603)
            add("settings.blacklist_answer", "must be 403, 480, 486 or 603");
    }

    void forwardTarget(const std::string& path, const std::string& owner, const std::string& target) {
        if (target.empty()) return;
        if (auto why = checkForwardTarget(target)) return add(path, *why);
        if (target == owner) add(path, "an extension cannot forward to itself");
        // "*97" + number names a mailbox: it must be an extension's.
        if (target.size() > 3 && target.compare(0, 3, "*97") == 0 && !extensionExists(target.substr(3)))
            add(path, "no extension " + target.substr(3) + " (whose voicemail?)");
    }

    void extension(size_t i) {
        const auto& e = m_config.extensions[i];
        const std::string base = indexPath("extensions", i);
        check(base + ".number", checkExtensionNumber(e.number));
        if (!e.number.empty()) {
            auto [it, inserted] = m_extensionNumbers.emplace(e.number, i);
            if (!inserted)
                add(base + ".number",
                    e.number + " is already used by " + indexPath("extensions", it->second));
        }
        check(base + ".password", checkPassword(e.password));
        check(base + ".name", checkText(e.name, 64));
        range(base + ".ring_timeout", e.ringTimeoutS, 1, 600, " seconds");
        if (e.voicemailPin.size() > 12 || e.voicemailPin.find_first_not_of("0123456789") != std::string::npos)
            add(base + ".voicemail_pin", "a voicemail PIN is up to 12 digits (0-9), or empty for none");
        check(base + ".voicemail_greeting", checkFilePath(e.voicemailGreeting));
        range(base + ".voicemail_max_length", e.voicemailMaxS, 5, 3600, " seconds");
        forwardTarget(base + ".forward_always", e.number, e.forwardAlways);
        forwardTarget(base + ".forward_busy", e.number, e.forwardBusy);
        forwardTarget(base + ".forward_no_answer", e.number, e.forwardNoAnswer);
        range(base + ".forward_no_answer_timeout", e.forwardNoAnswerS, 5, 600, " seconds");
    }

    void uniqueName(const std::string& base, const std::string& name) {
        if (name.empty()) return;
        auto [it, inserted] = m_lineTrunkNames.emplace(name, base);
        if (!inserted) add(base + ".name", "\"" + name + "\" is already used by " + it->second);
    }

    void line(size_t i) {
        const auto& l = m_config.lines[i];
        const std::string base = indexPath("lines", i);
        check(base + ".name", checkName(l.name));
        uniqueName(base, l.name);
        check(base + ".domain", checkDomain(l.domain));
        check(base + ".account", checkAccount(l.account));
        check(base + ".auth_id", checkAuthId(l.authId));
        check(base + ".password", checkText(l.password, 128));
        checkOptional(base + ".proxy", l.proxy, checkHostPort);
        check(base + ".transport", checkTransport(l.transport));
        check(base + ".expires", checkExpires(l.expiresS));
        if (!l.incomingExtension.empty() && !inboundTargetExists(l.incomingExtension))
            add(base + ".incoming_extension", "no extension " + l.incomingExtension);
        checkOptional(base + ".caller_id", l.callerId, checkDidNumber);
        check(base + ".forward_header", checkForwardHeader(l.forwardHeader));
    }

    void trunk(size_t i) {
        const auto& t = m_config.trunks[i];
        const std::string base = indexPath("trunks", i);
        check(base + ".name", checkName(t.name));
        uniqueName(base, t.name);
        check(base + ".host", checkDomain(t.host));
        check(base + ".port", checkPort(t.port));
        check(base + ".transport", checkTransport(t.transport));
        checkOptional(base + ".proxy", t.proxy, checkHostPort);
        check(base + ".request_uri_params", checkUriParams(t.requestUriParams));
        for (size_t k = 0; k < t.allowedAddresses.size(); ++k)
            check(indexPath(base + ".allowed_addresses", k), checkAddress(t.allowedAddresses[k]));
        for (const auto& [did, extension] : t.dids) {
            const std::string path = keyPath(base + ".dids", did);
            if (auto why = checkDidNumber(did))
                add(path, "DID " + *why);
            else if (!inboundTargetExists(extension))
                add(path, "no extension " + (extension.empty() ? std::string("\"\"") : extension));
        }
        check(base + ".auth_user", checkAuthId(t.authUser));
        check(base + ".auth_password", checkText(t.authPassword, 128));
        if (!t.authPassword.empty() && t.authUser.empty())
            add(base + ".auth_user", "required when auth_password is set");
        checkOptional(base + ".caller_id", t.callerId, checkDidNumber);
        check(base + ".caller_id_prefix", checkPrepend(t.callerIdPrefix));
        if (!t.defaultExtension.empty() && !inboundTargetExists(t.defaultExtension))
            add(base + ".default_extension", "no extension " + t.defaultExtension);
        check(base + ".forward_header", checkForwardHeader(t.forwardHeader));
    }

    void route(size_t i) {
        const auto& r = m_config.routes[i];
        const std::string base = indexPath("routes", i);
        check(base + ".pattern", checkRoutePattern(r.pattern));
        if (r.strip < 0) add(base + ".strip", "must not be negative");
        check(base + ".prepend", checkPrepend(r.prepend));
        if (r.target.empty())
            add(base + ".target", "required");
        else if (!lineOrTrunkExists(r.target))
            add(base + ".target", "no line or trunk named \"" + r.target + "\"");
        if (!r.failover.empty()) {
            if (!lineOrTrunkExists(r.failover))
                add(base + ".failover", "no line or trunk named \"" + r.failover + "\"");
            else if (r.failover == r.target)
                add(base + ".failover", "names the same line or trunk as target");
        }
        for (size_t k = 0; k < r.allowedExtensions.size(); ++k)
            if (!extensionExists(r.allowedExtensions[k]))
                add(indexPath(base + ".allowed_extensions", k), "no extension " + r.allowedExtensions[k]);
    }

    void destination(const std::string& path, const std::string& text) {
        if (auto why = checkIvrDestination(text)) return add(path, *why);
        const auto d = parseIvrDestination(text);
        using Kind = IvrDestination::Kind;
        if (d->kind == Kind::Extension || d->kind == Kind::Voicemail) {
            const auto it = std::find_if(m_config.extensions.begin(), m_config.extensions.end(),
                                         [&](const store::Extension& e) { return e.number == d->target; });
            if (it == m_config.extensions.end()) return add(path, "no extension " + d->target);
            if (d->kind == Kind::Voicemail && !it->voicemail)
                add(path, "extension " + d->target + " has no voicemail (turn it on in the extension first)");
        } else if (d->kind == Kind::Menu && !menuExists(d->target)) {
            add(path, "no auto-attendant menu " + d->target);
        } else if (d->kind == Kind::Group && !groupExists(d->target)) {
            add(path, "no ring group " + d->target);
        }
    }

    void group(size_t i) {
        const auto& g = m_config.groups[i];
        const std::string base = indexPath("ring_groups", i);
        check(base + ".number", checkExtensionNumber(g.number));
        if (!g.number.empty()) {
            if (auto e = m_extensionNumbers.find(g.number); e != m_extensionNumbers.end())
                add(base + ".number", g.number + " is already used by " + indexPath("extensions", e->second));
            if (auto m = m_menuNumbers.find(g.number); m != m_menuNumbers.end())
                add(base + ".number", g.number + " is already used by " + indexPath("ivr_menus", m->second));
            auto [it, inserted] = m_groupNumbers.emplace(g.number, i);
            if (!inserted)
                add(base + ".number", g.number + " is already used by " + indexPath("ring_groups", it->second));
        }
        check(base + ".name", checkText(g.name, 64));
        if (g.strategy != store::RingStrategy::Simultaneous && g.strategy != store::RingStrategy::Sequential)
            add(base + ".strategy", "expected simultaneous or sequential");
        if (g.members.empty()) add(base + ".members", "a group needs at least one member");
        for (size_t k = 0; k < g.members.size(); ++k) {
            const auto& m = g.members[k];
            const std::string path = indexPath(base + ".members", k);
            if (!extensionExists(m.extension))
                add(path + ".extension",
                    "no extension " + (m.extension.empty() ? std::string("\"\"") : m.extension));
            for (size_t j = 0; j < k; ++j)
                if (g.members[j].extension == m.extension)
                    add(path + ".extension", "extension " + m.extension + " is already a member (" +
                                                 indexPath(base + ".members", j) + ")");
            range(path + ".timeout", m.timeoutS, 1, 600, " seconds");
        }
        destination(base + ".final_destination", g.finalDestination);
        // A group leading to a group could ring in a circle for ever.
        if (const auto d = parseIvrDestination(g.finalDestination); d && d->kind == IvrDestination::Kind::Group)
            add(base + ".final_destination",
                "cannot be another ring group; use an extension, voicemail, a menu or hangup");
    }

    void menu(size_t i) {
        const auto& m = m_config.menus[i];
        const std::string base = indexPath("ivr_menus", i);
        check(base + ".number", checkExtensionNumber(m.number));
        if (!m.number.empty()) {
            if (auto e = m_extensionNumbers.find(m.number); e != m_extensionNumbers.end())
                add(base + ".number", m.number + " is already used by " + indexPath("extensions", e->second));
            auto [it, inserted] = m_menuNumbers.emplace(m.number, i);
            if (!inserted)
                add(base + ".number", m.number + " is already used by " + indexPath("ivr_menus", it->second));
        }
        check(base + ".name", checkText(m.name, 64));
        check(base + ".prompt", checkFilePath(m.prompt));
        for (const auto& [key, target] : m.options) {
            const std::string path = keyPath(base + ".options", key);
            if (auto why = checkIvrKey(key))
                add(path, *why);
            else
                destination(path, target);
        }
        range(base + ".timeout", m.timeoutS, 1, 300, " seconds");
        destination(base + ".timeout_destination", m.timeoutDestination);
        range(base + ".invalid_retries", m.invalidRetries, 0, 10, " replays");
        destination(base + ".invalid_destination", m.invalidDestination);
        destination(base + ".fallback_destination", m.fallbackDestination);
        std::vector<int> seen;
        for (size_t k = 0; k < m.openDays.size(); ++k) {
            const auto day = parseWeekday(m.openDays[k]);
            if (!day)
                add(indexPath(base + ".open_days", k),
                    "\"" + m.openDays[k] + "\" is not a day; expected mon, tue, wed, thu, fri, sat or sun");
            else if (std::find(seen.begin(), seen.end(), *day) != seen.end())
                add(indexPath(base + ".open_days", k), m.openDays[k] + " is listed twice");
            else
                seen.push_back(*day);
        }
        const auto from = parseClockTime(m.openFrom);
        const auto to = parseClockTime(m.openTo);
        if (!from) add(base + ".open_from", "expected a time HH:MM from 00:00 to 23:59");
        if (!to) add(base + ".open_to", "expected a time HH:MM from 00:00 to 23:59");
        if (from && to && *from >= *to)
            add(base + ".open_to", "must be later than open_from (" + m.openFrom +
                                       "); for hours past midnight use a second menu");
        destination(base + ".closed_destination", m.closedDestination);
    }

    void conferenceRoom(size_t i) {
        const auto& room = m_config.conferenceRooms[i];
        const std::string base = indexPath("conference_rooms", i);
        check(base + ".number", checkConferenceRoomNumber(room.number));
        if (!room.number.empty()) {
            auto [it, inserted] = m_roomNumbers.emplace(room.number, i);
            if (!inserted)
                add(base + ".number", "room " + room.number + " is already set up by " +
                                          indexPath("conference_rooms", it->second));
        }
        check(base + ".pin", checkConferencePin(room.pin));
        check(base + ".name", checkText(room.name, 64));
    }

    const store::Configuration& m_config;
    std::map<std::string, size_t> m_menuNumbers;
    std::map<std::string, size_t> m_groupNumbers;
    std::vector<FieldError> m_errors;
    std::map<std::string, size_t> m_roomNumbers;
    std::map<std::string, size_t> m_extensionNumbers;
    std::map<std::string, std::string> m_lineTrunkNames;
};

}  // namespace

std::vector<FieldError> validate(const store::Configuration& config) {
    return Validator(config).run();
}

}  // namespace sb::config
