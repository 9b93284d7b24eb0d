// Fuzzes the URI / name-addr normalisation every caller and callee goes
// through (core/routing/party.h). Input: lines of header values or URIs as
// carriers send them: `sip:`, `sips:`, `tel:` URIs, `"Name" <uri>;tag=x`.
//
//   line 1  a URI or name-addr (also: P-Asserted-Identity for callerNumber)
//   line 2  Remote-Party-ID for callerNumber (empty line = header absent)
//   line 3  From for callerNumber
//   line 4  a trunk's "additional parameter of Request-URI" for toSipUri
// The whole input is also tried as one URI and one header value.
//
// Properties:
// - toSipUri() always writes a `sip:` URI, never `tel:` (Switchboard never
//   sends a TEL URI), and with a valid domain and valid extra parameters
//   Switchboard can read back what it wrote: same number, no parameter
//   name written twice;
// - fromUri/fromNameAddr results are self-consistent (a global number
//   starts with `+`, a phone number has a number, TEL parties have no host);
// - a Refer-To (sip/refer.h) that parses names a number, and its Replaces
//   has a Call-ID and both tags, none with a line break in it.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "routing/party.h"
#include "sip/refer.h"

using namespace sb::routing;

namespace {

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            std::fprintf(stderr, "fuzz_party: property failed: %s (%s:%d)\n", #cond,       \
                         __FILE__, __LINE__);                                              \
            std::abort();                                                                  \
        }                                                                                  \
    } while (0)

std::vector<std::string> splitLines(std::string_view text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= text.size() && out.size() < 8) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string line(text.substr(pos, nl - pos));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(std::move(line));
        pos = nl + 1;
    }
    return out;
}

void checkParty(const Party& p) {
    if (p.isGlobal) FUZZ_CHECK(p.isPhoneNumber && !p.number.empty() && p.number.front() == '+');
    if (p.isPhoneNumber) FUZZ_CHECK(!p.number.empty());
    if (p.scheme == UriScheme::Tel) FUZZ_CHECK(p.host.empty() && p.port == 0 && p.isPhoneNumber);
    for (const auto& [name, value] : p.params) {
        FUZZ_CHECK(!name.empty());
        (void)value;
        (void)p.param(name);
    }
    (void)significantDigits(p.number);
    (void)sameNumber(p.number, p.user);
}

/// Extra parameters the configuration validator would let through:
/// `name[=value](;name[=value])*` of URI-safe characters.
bool plainParams(std::string_view s) {
    if (s.size() > 256) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("-_.!~*'()+;=").find(c) != std::string_view::npos;
    });
}

void checkSipUri(const Party& party, const std::string& domain, bool userPhone, const std::string& extra) {
    const std::string uri = toSipUri(party, domain, userPhone, extra);
    FUZZ_CHECK(uri.rfind("sip:", 0) == 0);
    FUZZ_CHECK(uri.rfind("tel:", 0) != 0);
    if (!plainParams(extra)) return;
    // fromUri refuses escaped control characters on purpose (no CR/LF
    // smuggling); a dialled "number" holding one cannot come back.
    if (std::any_of(party.number.begin(), party.number.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
        return;
    auto back = fromUri(uri);
    if (!back) {
        std::fprintf(stderr, "fuzz_party: toSipUri wrote a URI Switchboard cannot read: %s\n  %s\n",
                     uri.c_str(), back.error().message.c_str());
        std::abort();
    }
    FUZZ_CHECK(back->scheme == UriScheme::Sip);
    // The number survives the trip, unless an operator's `user=phone` made a
    // user part that is no phone number read as one (separators dropped).
    const bool forcedPhone = !party.isPhoneNumber && back->isPhoneNumber;
    if (!forcedPhone) FUZZ_CHECK(back->number == party.number);
    std::set<std::string> names;
    for (const auto& [name, value] : back->params) FUZZ_CHECK(names.insert(name).second || name.empty());
}

void exercise(std::string_view text, const std::string& extra) {
    (void)removeVisualSeparators(text);
    (void)looksLikePhoneNumber(text);
    (void)significantDigits(text);
    const Party number = fromNumber(text);
    checkParty(number);
    checkSipUri(number, "ims.example.net", true, extra);

    // A URI reads the same bare and as a name-addr `<uri>`, and callerNumber
    // of a one-entry header gives that URI's number.
    if (auto bare = fromUri(text)) {
        const std::string bracketed = "<" + std::string(text) + ">";
        auto named = fromNameAddr(bracketed);
        if (!named) {
            std::fprintf(stderr, "fuzz_party: fromUri accepts \"%.*s\" but fromNameAddr refuses it in <>: %s\n",
                         static_cast<int>(text.size()), text.data(), named.error().message.c_str());
            std::abort();
        }
        FUZZ_CHECK(*named == *bare);
        const auto caller = callerNumber(bracketed, std::nullopt, std::nullopt);
        if (!bare->number.empty()) FUZZ_CHECK(caller == bare->number);
    }

    if (auto refer = sb::sip::parseReferTo(text)) {
        FUZZ_CHECK(!refer->number.empty());
        if (refer->replaces) {
            const auto& r = *refer->replaces;
            FUZZ_CHECK(!r.callId.empty() && !r.toTag.empty() && !r.fromTag.empty());
            for (const std::string* part : {&r.callId, &r.toTag, &r.fromTag})
                FUZZ_CHECK(part->find_first_of("\r\n") == std::string::npos);
        }
    }

    for (auto parsed : {fromUri(text), fromNameAddr(text)}) {
        if (!parsed) continue;
        checkParty(*parsed);
        checkSipUri(*parsed, "203.0.113.5:5060", false, extra);
        checkSipUri(*parsed, "ims.example.net", true, extra);
        checkSipUri(*parsed, "[2001:db8::1]:5061", true, "");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 16 * 1024) return 0;  // header values, not files
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto lines = splitLines(text);
    auto line = [&](size_t i) -> std::optional<std::string> {
        if (i >= lines.size() || lines[i].empty()) return std::nullopt;
        return lines[i];
    };
    const std::string extra = line(3).value_or("user=phone");

    exercise(text, extra);
    if (lines.size() > 1)
        for (const auto& l : lines) exercise(l, extra);

    if (auto number = callerNumber(line(0), line(1), line(2))) FUZZ_CHECK(!number->empty());
    return 0;
}
