#include "config/json_config.h"

#include <cerrno>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/json_groups.h"
#include "config/json_reader.h"
#include "config/validation.h"

namespace sb::config {

namespace {

using nlohmann::json;
using store::Configuration;

// Enough for thousands of extensions; anything bigger is not a configuration
// file and should not be read into memory whole.
constexpr std::uintmax_t kMaxFileBytes = 16u * 1024u * 1024u;

/// One JSON key bound to one record member. A single table per record drives
/// both reading and writing, so the two cannot disagree on a name.
template <class R>
struct FieldSpec {
    const char* key;
    std::variant<std::string R::*, bool R::*, uint16_t R::*, uint32_t R::*, int R::*, store::Transport R::*,
                 std::vector<std::string> R::*, std::map<std::string, std::string> R::*>
        member;
};

using store::ConferenceRoom, store::ExternalLine, store::Extension, store::IvrMenu, store::Route, store::Settings,
    store::SipTrunk;

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
    {"blacklist", &Settings::blacklist}, {"blacklist_answer", &Settings::blacklistAnswer},
};
const FieldSpec<Extension> kExtensionFields[] = {
    {"number", &Extension::number}, {"password", &Extension::password}, {"name", &Extension::name},
    {"enabled", &Extension::enabled}, {"qualify", &Extension::qualify}, {"ring_timeout", &Extension::ringTimeoutS},
    {"voicemail", &Extension::voicemail}, {"voicemail_pin", &Extension::voicemailPin},
    {"voicemail_greeting", &Extension::voicemailGreeting}, {"voicemail_max_length", &Extension::voicemailMaxS},
    {"forward_always", &Extension::forwardAlways}, {"forward_busy", &Extension::forwardBusy},
    {"forward_no_answer", &Extension::forwardNoAnswer},
    {"forward_no_answer_timeout", &Extension::forwardNoAnswerS}, {"dnd", &Extension::dnd},
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
    {"forward_header", &ExternalLine::forwardHeader},
};
const FieldSpec<SipTrunk> kTrunkFields[] = {
    {"name", &SipTrunk::name}, {"host", &SipTrunk::host}, {"port", &SipTrunk::port},
    {"transport", &SipTrunk::transport}, {"proxy", &SipTrunk::proxy},
    {"request_uri_params", &SipTrunk::requestUriParams}, {"disable_100rel", &SipTrunk::disable100rel},
    {"allowed_addresses", &SipTrunk::allowedAddresses}, {"dids", &SipTrunk::dids},
    {"enabled", &SipTrunk::enabled}, {"auth_user", &SipTrunk::authUser},
    {"auth_password", &SipTrunk::authPassword}, {"caller_id", &SipTrunk::callerId},
    {"caller_id_prefix", &SipTrunk::callerIdPrefix}, {"default_extension", &SipTrunk::defaultExtension},
    {"tls_verify", &SipTrunk::tlsVerify}, {"forward_header", &SipTrunk::forwardHeader},
};
const FieldSpec<Route> kRouteFields[] = {
    {"pattern", &Route::pattern}, {"strip", &Route::strip}, {"prepend", &Route::prepend},
    {"target", &Route::target}, {"failover", &Route::failover},
    {"allowed_extensions", &Route::allowedExtensions},
};
const FieldSpec<IvrMenu> kMenuFields[] = {
    {"number", &IvrMenu::number}, {"name", &IvrMenu::name}, {"prompt", &IvrMenu::prompt},
    {"options", &IvrMenu::options}, {"timeout", &IvrMenu::timeoutS},
    {"timeout_destination", &IvrMenu::timeoutDestination}, {"invalid_retries", &IvrMenu::invalidRetries},
    {"invalid_destination", &IvrMenu::invalidDestination},
    {"fallback_destination", &IvrMenu::fallbackDestination}, {"open_days", &IvrMenu::openDays},
    {"open_from", &IvrMenu::openFrom}, {"open_to", &IvrMenu::openTo},
    {"closed_destination", &IvrMenu::closedDestination},
};

const FieldSpec<ConferenceRoom> kConferenceRoomFields[] = {
    {"number", &ConferenceRoom::number}, {"pin", &ConferenceRoom::pin}, {"name", &ConferenceRoom::name},
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
    if (!v->is_array()) return parent.fail(parent.path(key), "expected an array, got " + jsonTypeName(*v));
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
    readRecords(o, "ivr_menus", kMenuFields, config.menus);
    readRecords(o, "conference_rooms", kConferenceRoomFields, config.conferenceRooms);
    readRingGroups(o, config.groups);
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
    if (!it->is_number_integer()) return "version: expected an integer, got " + jsonTypeName(*it);
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


}  // namespace

Result<Configuration> parseConfigurationJson(std::string_view text) {
    try {
        auto document = parseJsonDocument(text);
        if (!document) return document.error();
        const json& root = document.value();
        if (!root.is_object()) return makeError("document: expected a JSON object, got " + jsonTypeName(root));

        Configuration config;
        if (auto why = checkVersion(root, config.version)) return makeError(*why);
        if (auto errors = readConfiguration(root, config); !errors.empty())
            return makeError(joinErrors(errors));
        if (auto errors = validate(config); !errors.empty()) return makeError(joinErrors(errors));
        return config;
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
    root["ivr_menus"] = writeRecords(config.menus, kMenuFields);
    // Left out when there are none, so files from before rooms existed
    // export unchanged.
    if (!config.conferenceRooms.empty())
        root["conference_rooms"] = writeRecords(config.conferenceRooms, kConferenceRoomFields);
    root["ring_groups"] = writeRingGroups(config.groups);
    // replace: a non-UTF-8 byte from the database must not make export throw.
    return root.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

Result<Configuration> readConfigurationFile(const std::filesystem::path& path) {
    auto text = readSmallFile(path, kMaxFileBytes, "a configuration file");
    if (!text) return text.error();
    auto parsed = parseConfigurationJson(text.value());
    if (!parsed) return makeError(path.string() + ": " + parsed.error().message, EINVAL);
    return parsed;
}

Result<void> writeConfigurationFile(const std::filesystem::path& path, const Configuration& config) {
    try {
        return writeFileAtomically(path, configurationToJson(config));
    } catch (const std::exception& e) {
        return makeError(path.string() + ": cannot write: " + e.what(), EIO);
    }
}

}  // namespace sb::config
