#include "config/json_config.h"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <system_error>
#include <type_traits>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/validation.h"

#include "platform/durable_file.h"

namespace sb::config {

namespace {

using nlohmann::json;
using store::Configuration;

// Enough for thousands of extensions; anything bigger is not a configuration
// file and should not be read into memory whole.
constexpr std::uintmax_t kMaxFileBytes = 16u * 1024u * 1024u;

// A user with many mistakes wants to see them all, but not a screenful.
constexpr size_t kMaxReportedErrors = 20;

std::string typeName(const json& j) {
    if (j.is_null()) return "null";
    if (j.is_boolean()) return "true/false";
    if (j.is_number()) return "a number";
    if (j.is_string()) return "a string";
    if (j.is_array()) return "an array";
    return j.is_object() ? "an object" : "an unsupported value";
}

std::string joinErrors(const std::vector<FieldError>& errors) {
    std::string out;
    const size_t shown = std::min(errors.size(), kMaxReportedErrors);
    for (size_t i = 0; i < shown; ++i) {
        if (i) out += '\n';
        out += errors[i].toString();
    }
    if (errors.size() > shown) out += "\n... and " + std::to_string(errors.size() - shown) + " more";
    return out;
}

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diag = up;
        }
    }
    return row[b.size()];
}

/// Tracks where the parser is so a repeated key can be reported by path:
/// nlohmann keeps the last of two equal keys silently, which would hide a
/// copy-paste mistake in a hand-edited file.
class DuplicateKeyFinder {
public:
    bool onEvent(json::parse_event_t event, const json& parsed) {
        using E = json::parse_event_t;
        if (event == E::object_start || event == E::array_start) {
            push(event == E::array_start);
        } else if (event == E::object_end || event == E::array_end) {
            if (!m_stack.empty()) m_stack.pop_back();
        } else if (m_stack.empty()) {
            // a scalar document: nothing to track
        } else if (event == E::key && parsed.is_string()) {
            Frame& top = m_stack.back();
            top.key = parsed.get<std::string>();
            if (!top.keys.insert(top.key).second && !m_duplicate)
                m_duplicate = FieldError{memberPath(top.path, top.key), "duplicate key"};
        } else if (event == E::value && m_stack.back().isArray) {
            ++m_stack.back().index;
        }
        return true;
    }
    const std::optional<FieldError>& duplicate() const { return m_duplicate; }

private:
    struct Frame {
        bool isArray = false;
        size_t index = 0;
        std::string path;
        std::string key;
        std::set<std::string> keys;
    };

    void push(bool isArray) {
        std::string path;
        if (!m_stack.empty()) {
            Frame& top = m_stack.back();
            path = top.isArray ? indexPath(top.path, top.index++) : memberPath(top.path, top.key);
        }
        m_stack.push_back(Frame{isArray, 0, std::move(path), {}, {}});
    }

    std::vector<Frame> m_stack;
    std::optional<FieldError> m_duplicate;
};

std::string syntaxError(std::string_view text, const json::parse_error& e) {
    // Position from the byte offset rather than from what() so the wording
    // does not depend on the nlohmann version.
    const size_t pos = std::min(e.byte > 0 ? e.byte - 1 : 0, text.size());
    const std::string_view before = text.substr(0, pos);
    const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
    const size_t lastNewline = before.rfind('\n');
    const size_t column = lastNewline == std::string_view::npos ? pos + 1 : pos - lastNewline;

    std::string detail = e.what();
    const size_t colon = detail.find(": ", detail.find("parse error"));
    if (colon != std::string::npos) detail = detail.substr(colon + 2);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) detail = "the document is empty";
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + detail;
}

/// Reads one JSON object into a record, remembering which keys it asked for
/// so that finish() can reject every other key (typo protection).
class ObjectReader {
public:
    ObjectReader(std::vector<FieldError>& errors, const json& j, std::string path)
        : m_errors(errors), m_json(j), m_path(std::move(path)) {
        if (!j.is_object()) fail(m_path, "expected an object, got " + typeName(j));
    }

    bool ok() const { return m_json.is_object(); }
    std::vector<FieldError>& errors() { return m_errors; }
    std::string path(std::string_view key) const { return memberPath(m_path, key); }

    /// Marks key as known; nullptr when absent (the record keeps its default).
    const json* take(const char* key) {
        m_known.push_back(key);
        if (!ok()) return nullptr;
        auto it = m_json.find(key);
        return it == m_json.end() ? nullptr : &*it;
    }

    void read(const char* key, std::string& out) {
        if (const json* v = take(key)) readString(*v, path(key), out);
    }

    void read(const char* key, bool& out) {
        const json* v = take(key);
        if (!v) return;
        if (v->is_boolean())
            out = v->get<bool>();
        else
            fail(path(key), "expected true or false, got " + typeName(*v));
    }

    template <class T>
    requires std::is_integral_v<T>
    void read(const char* key, T& out) {
        const json* v = take(key);
        if (!v) return;
        const auto lo = static_cast<int64_t>(std::numeric_limits<T>::min());
        const auto hi = static_cast<int64_t>(
            std::min<uint64_t>(std::numeric_limits<T>::max(), std::numeric_limits<int64_t>::max()));
        if (auto n = readInteger(*v, path(key))) {
            if (*n < lo || *n > hi)
                fail(path(key),
                     "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
            else
                out = static_cast<T>(*n);
        }
    }

    /// Every uint16_t in the records is a port.
    void read(const char* key, uint16_t& out) {
        const json* v = take(key);
        if (!v) return;
        if (auto n = readInteger(*v, path(key))) {
            if (auto why = checkPort(*n))
                fail(path(key), *why);
            else
                out = static_cast<uint16_t>(*n);
        }
    }

    void read(const char* key, store::Transport& out) {
        std::string name;
        const json* v = take(key);
        if (!v || !readString(*v, path(key), name)) return;
        if (!store::parseTransport(name, out)) fail(path(key), "expected \"udp\", \"tcp\" or \"tls\"");
    }

    void read(const char* key, std::vector<std::string>& out) {
        const json* v = take(key);
        if (!v) return;
        if (!v->is_array()) return fail(path(key), "expected an array of strings, got " + typeName(*v));
        out.assign(v->size(), {});
        for (size_t i = 0; i < v->size(); ++i) readString((*v)[i], indexPath(path(key), i), out[i]);
    }

    void read(const char* key, std::map<std::string, std::string>& out) {
        const json* v = take(key);
        if (!v) return;
        if (!v->is_object()) return fail(path(key), "expected an object, got " + typeName(*v));
        out.clear();
        for (const auto& [k, item] : v->items()) readString(item, keyPath(path(key), k), out[k]);
    }

    /// Report keys nobody asked for, with a hint when one is a near miss.
    void finish() {
        if (!ok()) return;
        for (const auto& [key, value] : m_json.items()) {
            if (std::find(m_known.begin(), m_known.end(), key) != m_known.end()) continue;
            std::string reason = "unknown key";
            const std::string* best = nullptr;
            size_t bestDistance = 3;  // more than two edits is not a typo
            for (const auto& known : m_known) {
                const size_t d = editDistance(key, known);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = &known;
                }
            }
            if (best) reason += " (did you mean \"" + *best + "\"?)";
            fail(path(key), reason);
        }
    }

    void fail(std::string path, std::string reason) {
        m_errors.push_back({std::move(path), std::move(reason)});
    }

private:
    bool readString(const json& v, const std::string& at, std::string& out) {
        if (v.is_string()) {
            out = v.get<std::string>();
            return true;
        }
        fail(at, "expected a string, got " + typeName(v));
        return false;
    }

    std::optional<int64_t> readInteger(const json& v, const std::string& at) {
        if (v.is_number_unsigned()) {
            const auto u = v.get<uint64_t>();
            if (u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                return static_cast<int64_t>(u);
            fail(at, "number is too large");
            return std::nullopt;
        }
        if (v.is_number_integer()) return v.get<int64_t>();
        fail(at, "expected an integer, got " + typeName(v));
        return std::nullopt;
    }

    std::vector<FieldError>& m_errors;
    const json& m_json;
    std::string m_path;
    std::vector<std::string> m_known;
};

/// One JSON key bound to one record member. A single table per record drives
/// both reading and writing, so the two cannot disagree on a name.
template <class R>
struct FieldSpec {
    const char* key;
    std::variant<std::string R::*, bool R::*, uint16_t R::*, uint32_t R::*, int R::*, store::Transport R::*,
                 std::vector<std::string> R::*, std::map<std::string, std::string> R::*>
        member;
};

using store::ExternalLine, store::Extension, store::Route, store::Settings, store::SipTrunk;

// Key order here is the order of the written file and of docs/config.md.
// clang-format off
const FieldSpec<Settings> kSettingsFields[] = {
    {"domain", &Settings::domain}, {"bind", &Settings::bindAddress},
    {"sip_port", &Settings::sipPort}, {"tls_port", &Settings::tlsPort},
    {"rtp_port_min", &Settings::rtpPortMin}, {"rtp_port_max", &Settings::rtpPortMax},
    {"outgroup_prefix", &Settings::outgroupPrefix}, {"ringback", &Settings::ringback},
    {"log_level", &Settings::logLevel}, {"auth_algorithms", &Settings::authAlgorithms},
    {"min_expires", &Settings::minExpiresS}, {"max_expires", &Settings::maxExpiresS},
    {"default_expires", &Settings::defaultExpiresS}, {"max_contacts", &Settings::maxContacts},
    {"nonce_lifetime", &Settings::nonceLifetimeS}, {"qualify_interval", &Settings::qualifyIntervalS},
    {"tls_certificate", &Settings::tlsCertificate}, {"tls_private_key", &Settings::tlsPrivateKey},
    {"media_timeout", &Settings::mediaTimeoutS}, {"prack_auto_disable", &Settings::prackAutoDisable},
    {"trace_file", &Settings::traceFile}, {"trace_file_max_mb", &Settings::traceFileMaxMb},
    {"auth_fail_limit", &Settings::authFailLimit}, {"auth_fail_window", &Settings::authFailWindowS},
    {"ban_time", &Settings::banTimeS}, {"allow_list", &Settings::allowList},
    {"drop_scanners", &Settings::dropScanners}, {"rate_limit", &Settings::rateLimit},
    {"max_calls", &Settings::maxCalls}, {"codecs", &Settings::codecs},
    {"tls_ca_file", &Settings::tlsCaFile}, {"tcp_max_per_address", &Settings::tcpMaxPerAddress},
    {"tcp_idle_timeout", &Settings::tcpIdleTimeoutS}, {"max_open_files", &Settings::maxOpenFiles},
    {"max_memory_mb", &Settings::maxMemoryMb},
    {"prompt_language", &Settings::promptLanguage}, {"music_on_hold", &Settings::musicOnHold},
    {"voicemail_max_messages", &Settings::voicemailMaxMessages},
};
const FieldSpec<Extension> kExtensionFields[] = {
    {"number", &Extension::number}, {"password", &Extension::password}, {"name", &Extension::name},
    {"enabled", &Extension::enabled}, {"qualify", &Extension::qualify}, {"ring_timeout", &Extension::ringTimeoutS},
    {"voicemail", &Extension::voicemail}, {"voicemail_pin", &Extension::voicemailPin},
    {"voicemail_greeting", &Extension::voicemailGreeting}, {"voicemail_max_length", &Extension::voicemailMaxS},
};
const FieldSpec<ExternalLine> kLineFields[] = {
    {"name", &ExternalLine::name}, {"domain", &ExternalLine::domain},
    {"account", &ExternalLine::account}, {"auth_id", &ExternalLine::authId},
    {"password", &ExternalLine::password}, {"auth_id_includes_address", &ExternalLine::authIdIncludesAddress},
    {"proxy", &ExternalLine::proxy}, {"transport", &ExternalLine::transport},
    {"register", &ExternalLine::registerEnabled}, {"expires", &ExternalLine::expiresS},
    {"disable_100rel", &ExternalLine::disable100rel}, {"user_phone", &ExternalLine::userPhone},
    {"incoming_extension", &ExternalLine::incomingExtension}, {"enabled", &ExternalLine::enabled},
    {"caller_id", &ExternalLine::callerId}, {"tls_verify", &ExternalLine::tlsVerify},
};
const FieldSpec<SipTrunk> kTrunkFields[] = {
    {"name", &SipTrunk::name}, {"host", &SipTrunk::host}, {"port", &SipTrunk::port},
    {"transport", &SipTrunk::transport}, {"proxy", &SipTrunk::proxy},
    {"request_uri_params", &SipTrunk::requestUriParams}, {"disable_100rel", &SipTrunk::disable100rel},
    {"allowed_addresses", &SipTrunk::allowedAddresses}, {"dids", &SipTrunk::dids},
    {"enabled", &SipTrunk::enabled}, {"auth_user", &SipTrunk::authUser},
    {"auth_password", &SipTrunk::authPassword}, {"caller_id", &SipTrunk::callerId},
    {"caller_id_prefix", &SipTrunk::callerIdPrefix}, {"default_extension", &SipTrunk::defaultExtension},
    {"tls_verify", &SipTrunk::tlsVerify},
};
const FieldSpec<Route> kRouteFields[] = {
    {"pattern", &Route::pattern}, {"strip", &Route::strip}, {"prepend", &Route::prepend},
    {"target", &Route::target}, {"failover", &Route::failover},
    {"allowed_extensions", &Route::allowedExtensions},
};
// clang-format on

template <class R, size_t N>
void readRecord(ObjectReader& o, const FieldSpec<R> (&fields)[N], R& record) {
    for (const auto& f : fields) std::visit([&](auto member) { o.read(f.key, record.*member); }, f.member);
    o.finish();
}

template <class R, size_t N>
void readRecords(ObjectReader& parent, const char* key, const FieldSpec<R> (&fields)[N],
                 std::vector<R>& out) {
    const json* v = parent.take(key);
    if (!v) return;
    if (!v->is_array()) return parent.fail(parent.path(key), "expected an array, got " + typeName(*v));
    out.assign(v->size(), R{});
    for (size_t i = 0; i < v->size(); ++i) {
        ObjectReader o(parent.errors(), (*v)[i], indexPath(parent.path(key), i));
        readRecord(o, fields, out[i]);
    }
}

std::vector<FieldError> readConfiguration(const json& root, Configuration& config) {
    std::vector<FieldError> errors;
    ObjectReader o(errors, root, "");
    o.take("version");  // checked by the caller before anything else
    if (const json* s = o.take("settings")) {
        ObjectReader settings(errors, *s, "settings");
        readRecord(settings, kSettingsFields, config.settings);
    }
    readRecords(o, "extensions", kExtensionFields, config.extensions);
    readRecords(o, "lines", kLineFields, config.lines);
    readRecords(o, "trunks", kTrunkFields, config.trunks);
    readRecords(o, "routes", kRouteFields, config.routes);
    o.finish();
    return errors;
}

using ojson = nlohmann::ordered_json;  // keeps the documented key order, so exports diff cleanly

template <class T>
ojson toJsonValue(const T& value) {
    return value;
}

ojson toJsonValue(store::Transport t) {
    return checkTransport(t) ? "invalid" : store::transportName(t);
}

template <class R, size_t N>
ojson writeRecord(const R& record, const FieldSpec<R> (&fields)[N]) {
    ojson out = ojson::object();
    for (const auto& f : fields)
        std::visit([&](auto member) { out[f.key] = toJsonValue(record.*member); }, f.member);
    return out;
}

template <class R, size_t N>
ojson writeRecords(const std::vector<R>& records, const FieldSpec<R> (&fields)[N]) {
    ojson out = ojson::array();
    for (const auto& r : records) out.push_back(writeRecord(r, fields));
    return out;
}

/// The version gate runs before anything else so that a newer file is
/// reported as newer, not as a list of "unknown key" errors.
std::optional<std::string> checkVersion(const json& root, int& version) {
    auto it = root.find("version");
    if (it == root.end())
        return "version: required (this Switchboard reads version " +
               std::to_string(kConfigurationJsonVersion) + ")";
    if (!it->is_number_integer()) return "version: expected an integer, got " + typeName(*it);
    // nlohmann stores every non-negative integer as unsigned.
    const bool tooNew = it->is_number_unsigned()
                            ? it->get<uint64_t>() > static_cast<uint64_t>(kConfigurationJsonVersion)
                            : it->get<int64_t>() > kConfigurationJsonVersion;
    if (tooNew)
        return "version " + it->dump() + " is newer than this Switchboard understands (" +
               std::to_string(kConfigurationJsonVersion) + ")";
    if (it->get<int64_t>() < kConfigurationJsonVersion) return "version: expected 1, got " + it->dump();
    version = kConfigurationJsonVersion;
    return std::nullopt;
}

Error fileError(const std::filesystem::path& path, const std::string& what, int code) {
    return makeError(path.string() + ": " + what + ": " + std::generic_category().message(code), code);
}

}  // namespace

Result<Configuration> parseConfigurationJson(std::string_view text) {
    try {
        DuplicateKeyFinder duplicates;
        json::parser_callback_t callback = [&](int, json::parse_event_t event, json& parsed) {
            return duplicates.onEvent(event, parsed);
        };
        const json root = json::parse(text.begin(), text.end(), callback);
        if (duplicates.duplicate()) return makeError(duplicates.duplicate()->toString());
        if (!root.is_object()) return makeError("document: expected a JSON object, got " + typeName(root));

        Configuration config;
        if (auto why = checkVersion(root, config.version)) return makeError(*why);
        if (auto errors = readConfiguration(root, config); !errors.empty())
            return makeError(joinErrors(errors));
        if (auto errors = validate(config); !errors.empty()) return makeError(joinErrors(errors));
        return config;
    } catch (const json::parse_error& e) {
        return makeError(syntaxError(text, e));
    } catch (const std::exception& e) {
        // Not expected (every access above is type-checked first), but no
        // exception may leave this module.
        return makeError(std::string("internal error while reading the configuration: ") + e.what());
    }
}

std::string configurationToJson(const Configuration& config) {
    ojson root;
    root["version"] = config.version;
    root["settings"] = writeRecord(config.settings, kSettingsFields);
    root["extensions"] = writeRecords(config.extensions, kExtensionFields);
    root["lines"] = writeRecords(config.lines, kLineFields);
    root["trunks"] = writeRecords(config.trunks, kTrunkFields);
    root["routes"] = writeRecords(config.routes, kRouteFields);
    // replace: a non-UTF-8 byte from the database must not make export throw.
    return root.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

Result<Configuration> readConfigurationFile(const std::filesystem::path& path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) return fileError(path, "cannot read", ENOENT);
    if (std::filesystem::is_directory(status)) return fileError(path, "cannot read", EISDIR);
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return fileError(path, "cannot read", ec.value());
    if (size > kMaxFileBytes) return makeError(path.string() + ": too large for a configuration file", EFBIG);

    std::ifstream in(path, std::ios::binary);
    if (!in) return fileError(path, "cannot open", errno ? errno : EIO);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return fileError(path, "cannot read", EIO);

    auto parsed = parseConfigurationJson(buffer.str());
    if (!parsed) return makeError(path.string() + ": " + parsed.error().message, EINVAL);
    return parsed;
}

namespace {

std::string temporaryName(const std::filesystem::path& target) {
    std::random_device rd;
    std::ostringstream name;
    name << "." << target.filename().string() << ".tmp-" << std::hex << rd() << rd();
    return name.str();
}

}  // namespace

Result<void> writeConfigurationFile(const std::filesystem::path& path, const Configuration& config) {
    try {
        const std::string text = configurationToJson(config);
        if (path.filename().empty()) return makeError(path.string() + ": not a file name", EINVAL);
        const std::filesystem::path dir =
            path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
        const std::filesystem::path tmp = dir / temporaryName(path);

        if (int err = platform::writeNewFileDurably(tmp, text)) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            return fileError(path, "cannot write", err);
        }
        std::error_code ec;
        std::filesystem::rename(tmp, path, ec);
        if (ec) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            return fileError(path, "cannot replace", ec.value());
        }
        platform::syncDirectory(dir);  // the rename itself
        return {};
    } catch (const std::exception& e) {
        return makeError(path.string() + ": cannot write: " + e.what(), EIO);
    }
}

}  // namespace sb::config
