#include "config/carrier_profile.h"

#include <cerrno>

#include "config/json_reader.h"
#include "config/validation.h"

namespace sb::config {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;  // keeps the documented key order

constexpr const char* kFormatKey = "switchboard_carrier_profile";
// A profile is a few hundred bytes; anything much bigger is not one.
constexpr std::uintmax_t kMaxProfileBytes = 64u * 1024u;

/// Read @p key into @p out only when the document has it.
template <class T>
void readOptional(ObjectReader& reader, const json& object, const char* key, std::optional<T>& out) {
    T value{};
    const bool present = object.is_object() && object.contains(key);
    const size_t errorsBefore = reader.errors().size();
    reader.read(key, value);
    if (present && reader.errors().size() == errorsBefore) out = std::move(value);
}

std::optional<std::string> checkFormat(const json& root) {
    auto it = root.find(kFormatKey);
    if (it == root.end()) return std::string("not a carrier profile (it has no \"") + kFormatKey + "\" key)";
    if (!it->is_number_integer())
        return std::string(kFormatKey) + ": expected an integer, got " + jsonTypeName(*it);
    const bool tooNew = it->is_number_unsigned()
                            ? it->get<uint64_t>() > static_cast<uint64_t>(kCarrierProfileVersion)
                            : it->get<int64_t>() > kCarrierProfileVersion;
    if (tooNew)
        return "profile format " + it->dump() + " is newer than this Switchboard understands (" +
               std::to_string(kCarrierProfileVersion) + ")";
    if (it->get<int64_t>() < kCarrierProfileVersion)
        return std::string(kFormatKey) + ": expected 1, got " + it->dump();
    return std::nullopt;
}

void readAppliesTo(ObjectReader& root, CarrierProfile& p) {
    std::vector<std::string> targets{"line", "trunk"};
    root.read("applies_to", targets);
    p.forLines = p.forTrunks = false;
    for (size_t i = 0; i < targets.size(); ++i) {
        if (targets[i] == "line") {
            p.forLines = true;
        } else if (targets[i] == "trunk") {
            p.forTrunks = true;
        } else {
            root.fail(indexPath(root.path("applies_to"), i), "expected \"line\" or \"trunk\"");
        }
    }
    if (!p.forLines && !p.forTrunks)
        root.fail(root.path("applies_to"), "names neither \"line\" nor \"trunk\"");
}

void readSettings(ObjectReader& root, CarrierProfile& p) {
    const json* settings = root.take("settings");
    if (!settings) return root.fail(root.path("settings"), "required");
    ObjectReader s(root.errors(), *settings, root.path("settings"));
    readOptional(s, *settings, "disable_100rel", p.disable100rel);
    readOptional(s, *settings, "user_phone", p.userPhone);
    readOptional(s, *settings, "auth_id_includes_address", p.authIdIncludesAddress);
    readOptional(s, *settings, "expires", p.expiresS);
    readOptional(s, *settings, "request_uri_params", p.requestUriParams);
    readOptional(s, *settings, "proxy", p.proxy);
    readOptional(s, *settings, "transport", p.transport);
    readOptional(s, *settings, "tls_verify", p.tlsVerify);
    s.finish();

    if (p.expiresS)
        if (auto why = checkExpires(*p.expiresS)) s.fail(s.path("expires"), *why);
    if (p.requestUriParams)
        if (auto why = checkUriParams(*p.requestUriParams)) s.fail(s.path("request_uri_params"), *why);
    if (p.proxy && !p.proxy->empty())
        if (auto why = checkHostPort(*p.proxy)) s.fail(s.path("proxy"), *why);
    // A setting the profile's targets do not have would be dropped silently
    // when applied: say so instead.
    if (!p.forLines) {
        for (const char* key : {"user_phone", "auth_id_includes_address", "expires"})
            if (settings->is_object() && settings->contains(key))
                s.fail(s.path(key), "only lines have it, and this profile applies to trunks only");
    }
    if (!p.forTrunks && settings->is_object() && settings->contains("request_uri_params"))
        s.fail(s.path("request_uri_params"), "only trunks have it, and this profile applies to lines only");
}

}  // namespace

Result<CarrierProfile> parseCarrierProfile(std::string_view text) {
    try {
        auto document = parseJsonDocument(text);
        if (!document) return document.error();
        const json& doc = document.value();
        if (!doc.is_object()) return makeError("document: expected a JSON object, got " + jsonTypeName(doc));
        if (auto why = checkFormat(doc)) return makeError(*why);

        std::vector<FieldError> errors;
        ObjectReader root(errors, doc, "");
        (void)root.take(kFormatKey);
        CarrierProfile p;
        root.read("name", p.name);
        if (!doc.contains("name")) {
            root.fail("name", "required");
        } else if (auto why = checkName(p.name)) {
            root.fail("name", *why);
        }
        root.read("description", p.description);
        root.read("notes", p.notes);
        readAppliesTo(root, p);
        readSettings(root, p);
        root.finish();
        if (auto why = checkText(p.description, 1024)) root.fail("description", *why);
        if (auto why = checkText(p.notes, 1024)) root.fail("notes", *why);
        if (!errors.empty()) return makeError(joinErrors(errors));
        return p;
    } catch (const std::exception& e) {
        // Every access above is type-checked first; no exception may leave core.
        return makeError(std::string("internal error while reading the profile: ") + e.what());
    }
}

std::string carrierProfileToJson(const CarrierProfile& p) {
    ojson root;
    root[kFormatKey] = kCarrierProfileVersion;
    root["name"] = p.name;
    if (!p.description.empty()) root["description"] = p.description;
    if (!p.notes.empty()) root["notes"] = p.notes;
    ojson targets = ojson::array();
    if (p.forLines) targets.push_back("line");
    if (p.forTrunks) targets.push_back("trunk");
    root["applies_to"] = targets;
    ojson s = ojson::object();
    if (p.disable100rel) s["disable_100rel"] = *p.disable100rel;
    if (p.userPhone) s["user_phone"] = *p.userPhone;
    if (p.authIdIncludesAddress) s["auth_id_includes_address"] = *p.authIdIncludesAddress;
    if (p.expiresS) s["expires"] = *p.expiresS;
    if (p.requestUriParams) s["request_uri_params"] = *p.requestUriParams;
    if (p.proxy) s["proxy"] = *p.proxy;
    if (p.transport) s["transport"] = store::transportName(*p.transport);
    if (p.tlsVerify) s["tls_verify"] = *p.tlsVerify;
    root["settings"] = s;
    return root.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

Result<CarrierProfile> readCarrierProfileFile(const std::filesystem::path& path) {
    auto text = readSmallFile(path, kMaxProfileBytes, "a carrier profile");
    if (!text) return text.error();
    auto parsed = parseCarrierProfile(text.value());
    if (!parsed) return makeError(path.string() + ": " + parsed.error().message, EINVAL);
    return parsed;
}

Result<void> writeCarrierProfileFile(const std::filesystem::path& path, const CarrierProfile& profile) {
    return writeFileAtomically(path, carrierProfileToJson(profile));
}

void applyCarrierProfile(const CarrierProfile& p, store::ExternalLine& line) {
    if (p.disable100rel) line.disable100rel = *p.disable100rel;
    if (p.userPhone) line.userPhone = *p.userPhone;
    if (p.authIdIncludesAddress) line.authIdIncludesAddress = *p.authIdIncludesAddress;
    if (p.expiresS) line.expiresS = *p.expiresS;
    if (p.proxy) line.proxy = *p.proxy;
    if (p.transport) line.transport = *p.transport;
    if (p.tlsVerify) line.tlsVerify = *p.tlsVerify;
}

void applyCarrierProfile(const CarrierProfile& p, store::SipTrunk& trunk) {
    if (p.disable100rel) trunk.disable100rel = *p.disable100rel;
    if (p.requestUriParams) trunk.requestUriParams = *p.requestUriParams;
    if (p.proxy) trunk.proxy = *p.proxy;
    if (p.transport) trunk.transport = *p.transport;
    if (p.tlsVerify) trunk.tlsVerify = *p.tlsVerify;
}

CarrierProfile carrierProfileOf(const store::ExternalLine& line, std::string name) {
    CarrierProfile p;
    p.name = std::move(name);
    p.forTrunks = false;
    p.disable100rel = line.disable100rel;
    p.userPhone = line.userPhone;
    p.authIdIncludesAddress = line.authIdIncludesAddress;
    p.expiresS = line.expiresS;
    p.proxy = line.proxy;
    p.transport = line.transport;
    p.tlsVerify = line.tlsVerify;
    return p;
}

CarrierProfile carrierProfileOf(const store::SipTrunk& trunk, std::string name) {
    CarrierProfile p;
    p.name = std::move(name);
    p.forLines = false;
    p.disable100rel = trunk.disable100rel;
    p.requestUriParams = trunk.requestUriParams;
    p.proxy = trunk.proxy;
    p.transport = trunk.transport;
    p.tlsVerify = trunk.tlsVerify;
    return p;
}

}  // namespace sb::config
