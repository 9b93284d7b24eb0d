#include "diagnostics/evidence.h"

#include <re.h>

#include <algorithm>
#include <cctype>

#include "media/sdp.h"
#include "sip/message.h"
#include "sip/sip_stack.h"

namespace sb::diagnostics {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool anyHasTag(const std::vector<std::string>& values, const std::string& tag) {
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& v) { return hasOptionTag(v, tag); });
}

}  // namespace

bool hasOptionTag(const std::string& list, const std::string& token) {
    const std::string want = lower(token);
    size_t start = 0;
    while (start <= list.size()) {
        const size_t comma = list.find(',', start);
        const std::string item =
            trimmed(list.substr(start, comma == std::string::npos ? comma : comma - start));
        if (lower(item) == want) return true;
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return false;
}

PeerSettings peerSettingsOf(const store::ExternalLine& line, const store::Settings& settings) {
    PeerSettings p;
    p.kind = PeerKind::Line;
    p.name = line.name;
    p.transport = line.transport;
    p.domain = line.domain;
    p.proxy = line.proxy;
    p.disable100rel = line.disable100rel;
    p.userPhone = line.userPhone;
    p.authIdIncludesAddress = line.authIdIncludesAddress;
    p.tlsVerify = line.tlsVerify;
    p.prackAutoDisable = settings.prackAutoDisable;
    p.codecPreference = settings.codecs;
    return p;
}

PeerSettings peerSettingsOf(const store::SipTrunk& trunk, const store::Settings& settings) {
    PeerSettings p;
    p.kind = PeerKind::Trunk;
    p.name = trunk.name;
    p.transport = trunk.transport;
    p.domain = trunk.host;
    p.proxy = trunk.proxy;
    p.disable100rel = trunk.disable100rel;
    p.requestUriParams = trunk.requestUriParams;
    p.tlsVerify = trunk.tlsVerify;
    p.prackAutoDisable = settings.prackAutoDisable;
    p.codecPreference = settings.codecs;
    return p;
}

PeerSettings peerSettingsOf(const store::Configuration& config, const std::string& name) {
    for (const auto& line : config.lines)
        if (line.name == name) return peerSettingsOf(line, config.settings);
    for (const auto& trunk : config.trunks)
        if (trunk.name == name) return peerSettingsOf(trunk, config.settings);
    PeerSettings p;
    p.name = name;
    p.prackAutoDisable = config.settings.prackAutoDisable;
    p.codecPreference = config.settings.codecs;
    return p;
}

void appendBounded(std::vector<WireMessage>& messages, WireMessage message, size_t* dropped) {
    if (messages.size() >= kMaxMessages) {
        if (dropped) ++*dropped;
        return;
    }
    messages.push_back(std::move(message));
}

std::vector<std::string> audioCodecs(const std::string& sdp) {
    // A line scan, not media::parseSdp: this runs for every SDP of every
    // call, and the names are all it needs (bench/calls showed the parse).
    std::vector<std::string> out;
    size_t m = sdp.rfind("m=audio ", 0) == 0 ? 0 : sdp.find("\nm=audio ");
    if (m == std::string::npos) return out;
    if (sdp[m] == '\n') ++m;
    const size_t eol = sdp.find_first_of("\r\n", m);
    const std::string line = sdp.substr(m, eol == std::string::npos ? std::string::npos : eol - m);
    size_t pos = 0;
    for (int field = 0; field < 3 && pos != std::string::npos; ++field) pos = line.find(' ', pos + 1);
    while (pos != std::string::npos && out.size() < 16) {
        const size_t next = line.find(' ', pos + 1);
        const std::string pt = line.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
        pos = next;
        if (pt.empty()) continue;
        const std::string key = "a=rtpmap:" + pt + " ";
        if (const size_t a = sdp.find(key); a != std::string::npos) {
            const size_t start = a + key.size();
            out.push_back(sdp.substr(start, sdp.find_first_of("/\r\n", start) - start));
        } else if (auto map = media::resolveRtpMap(media::Format{pt, std::nullopt, std::nullopt})) {
            out.push_back(map->encoding);  // RFC 3551 static payload types
        } else {
            out.push_back(pt);
        }
    }
    return out;
}

WireMessage wireMessageOf(const ::sip_msg& msg, bool outgoing, int64_t timeMs) {
    WireMessage m;
    m.timeMs = timeMs;
    m.outgoing = outgoing;
    m.code = msg.req ? 0 : msg.scode;
    m.method = msg.req ? sip::toString(msg.met) : sip::toString(msg.cseq.met);
    if (msg.req) {
        m.requestUri = sip::toString(msg.ruri);
    } else {
        m.reason = sip::toString(msg.reason);
    }
    m.requires100rel = anyHasTag(sip::headerValues(msg, SIP_HDR_REQUIRE), "100rel");
    m.supports100rel = anyHasTag(sip::headerValues(msg, SIP_HDR_SUPPORTED), "100rel");
    const size_t bodyLength = msg.mb ? mbuf_get_left(msg.mb) : 0;
    if (bodyLength > 0 && pl_strcasecmp(&msg.ctyp.subtype, "sdp") == 0) {
        m.hasSdp = true;
        m.codecs = audioCodecs(std::string(reinterpret_cast<const char*>(mbuf_buf(msg.mb)), bodyLength));
    }
    return m;
}

}  // namespace sb::diagnostics
