// Fuzzes dial-pattern compilation and matching, the dial plan built over a
// configuration holding the fuzzed pattern, inbound recognition by source
// address and DID, and the IP/CIDR parsers behind it
// (core/routing/dial_pattern.h, dial_plan.h, address_match.h).
//
// Input, one item per line:
//   line 1  a route pattern ("9NXXXXXX", "0[1-9].", ...) from the configuration
//   line 2  a dialled number (an INVITE's Request-URI user) or an incoming
//           Request-URI (`tel:+86...`, `sip:013...@pbx;user=phone`)
//   line 3  the source address of an incoming request ("203.0.113.5:5060")
//   line 4  a trunk's allowed_addresses entry ("198.51.100.0/24") or a DID
//
// Properties:
// - every pattern the configuration validator accepts compiles;
// - a compiled pattern matches a number built from its own elements;
// - a route match never yields an empty number and every attempt's
//   Request-URI is `sip:`;
// - an inbound DID match names a DID of that trunk and its extension.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/validation.h"
#include "routing/address_match.h"
#include "routing/dial_pattern.h"
#include "routing/dial_plan.h"
#include "routing/party.h"

using namespace sb;
using namespace sb::routing;

namespace {

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            std::fprintf(stderr, "fuzz_dial_plan: property failed: %s (%s:%d)\n", #cond,   \
                         __FILE__, __LINE__);                                              \
            std::abort();                                                                  \
        }                                                                                  \
    } while (0)

std::vector<std::string> splitLines(std::string_view text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= text.size() && out.size() < 6) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string line(text.substr(pos, nl - pos));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(std::move(line));
        pos = nl + 1;
    }
    return out;
}

/// A number the pattern must match, read off the pattern text: each element
/// gives one of the characters it accepts, a final '.' one more digit.
/// nullopt for text this reader does not understand (compile refused it).
std::optional<std::string> witness(std::string_view pattern) {
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if ((c >= '0' && c <= '9') || c == '*' || c == '#' || c == '+') {
            out += c;
        } else if (c == 'X') {
            out += '7';
        } else if (c == 'Z') {
            out += '1';
        } else if (c == 'N') {
            out += '9';
        } else if (c == '.') {
            out += "42";
        } else if (c == '[') {
            if (i + 1 >= pattern.size()) return std::nullopt;
            out += pattern[i + 1];  // first digit of the set: always a member
            const size_t close = pattern.find(']', i);
            if (close == std::string_view::npos) return std::nullopt;
            i = close;
        } else {
            return std::nullopt;
        }
    }
    return out;
}

store::Configuration makeConfig(const std::string& pattern, const std::string& number,
                                const std::string& block, int strip) {
    store::Configuration c;
    c.settings.domain = "pbx.example.com";
    c.extensions.push_back({"100", "secret", "Reception", true, false, 30});
    c.extensions.push_back({"101", "secret", "", true, false, 30});

    store::ExternalLine ims;
    ims.name = "ims";
    ims.domain = "ims.example.net";
    ims.account = "+8613901088888";
    ims.proxy = "192.0.2.1:5060";
    ims.incomingExtension = "100";
    c.lines.push_back(ims);
    store::ExternalLine off = ims;
    off.name = "off";
    off.account = number;
    off.proxy = block;
    off.enabled = number.size() % 2 == 0;
    c.lines.push_back(off);

    store::SipTrunk trunk;
    trunk.name = "carrier";
    trunk.host = "203.0.113.5";
    trunk.requestUriParams = "user=phone";
    trunk.allowedAddresses = {block, "198.51.100.0/24"};
    trunk.dids = {{"+8613901088888", "100"}, {"02012345678", "101"}, {block, "101"}};
    c.trunks.push_back(trunk);
    store::SipTrunk second = trunk;
    second.name = "second";
    second.host = block;
    second.allowedAddresses.clear();
    second.requestUriParams = ";npdi;rn=+861390;user=ip";
    second.dids = {{number, "100"}};
    c.trunks.push_back(second);

    c.routes.push_back({pattern, strip, "0", "carrier", "ims", {}});
    c.routes.push_back({"9.", 1, "", "ims", "carrier", {"100"}});
    c.routes.push_back({"0.", 0, "+86", "second", "off", {}});
    c.routes.push_back({pattern, 0, "", "nowhere", "off", {}});
    return c;
}

void checkPlan(const DialPlan& plan, const std::string& number) {
    const OutgoingPlan out = plan.plan(number, "100");
    if (out.route) {
        FUZZ_CHECK(!out.route->number.empty());
        for (const Attempt& a : out.attempts) {
            FUZZ_CHECK(a.requestUri.rfind("sip:", 0) == 0);
            (void)a.nextHopUri();
        }
    } else {
        FUZZ_CHECK(out.attempts.empty());
    }
    (void)plan.explain(number, "100");
    (void)plan.explain(number, "");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 4096) return 0;  // configuration fields and header values
    const auto lines = splitLines(std::string_view(reinterpret_cast<const char*>(data), size));
    auto line = [&](size_t i) { return i < lines.size() ? lines[i] : std::string(); };
    const std::string pattern = line(0), number = line(1), source = line(2), block = line(3);

    // Pattern compile and match.
    auto compiled = DialPattern::compile(pattern);
    if (!config::checkRoutePattern(pattern)) {
        if (!compiled) {
            std::fprintf(stderr, "fuzz_dial_plan: validator accepts \"%s\", compile refuses: %s\n",
                         pattern.c_str(), compiled.error().message.c_str());
            std::abort();
        }
    }
    if (compiled) {
        FUZZ_CHECK(compiled->text() == pattern);
        (void)compiled->matches(number);
        (void)compiled->matches(source);
        if (auto w = witness(pattern)) {
            if (!compiled->matches(*w)) {
                std::fprintf(stderr, "fuzz_dial_plan: pattern \"%s\" does not match \"%s\"\n", pattern.c_str(),
                             w->c_str());
                std::abort();
            }
        }
    }

    // Addresses.
    const auto ip = parseIp(source);
    const auto endpoint = parseEndpointAddress(source);
    if (ip) FUZZ_CHECK(endpoint && *endpoint == *ip);
    if (endpoint) {
        (void)addressInBlock(*endpoint, block);
        (void)addressInBlock(*endpoint, pattern);
    }
    (void)config::checkAddress(block);
    (void)config::checkIpAddress(source);

    // The dial plan over a configuration holding the input.
    const int strip = pattern.empty() ? 0 : static_cast<unsigned char>(pattern.back()) % 4;
    const DialPlan plan(makeConfig(pattern, number, block, strip));
    checkPlan(plan, number);
    checkPlan(plan, "9" + number);
    checkPlan(plan, source);

    // Inbound: the number as a URI (TEL, SIP) or as dialled digits.
    auto uri = fromUri(number);
    const Party requestUri = uri ? *uri : fromNumber(number);
    const Party to = fromNumber(block);
    for (const std::string& from : {source, std::string("203.0.113.5:5060"), std::string("[::ffff:198.51.100.7]:5060")}) {
        if (auto in = plan.inbound(from, requestUri, to)) {
            if (in->reason == InboundReason::TrunkDid) FUZZ_CHECK(!in->did.empty() && !in->extension.empty());
        }
    }
    std::map<std::string, std::string> dids{{"+8613901088888", "100"}, {block, "101"}, {pattern, "102"}};
    if (auto did = findDid(dids, number)) FUZZ_CHECK(dids.count(*did) == 1);
    return 0;
}
