// Fuzzes Switchboard's SDP parser and everything the call layer does with
// a parsed SDP (core/media/sdp.h). Input: an SDP body as it arrives in an
// INVITE, 18x, 200, UPDATE or ACK.
//
// Properties:
// - render(parse(x)) parses again, and rendering that gives the same text
//   (the B2BUA forwards what it parsed; a peer must be able to read it);
// - rewriteForLeg() output renders to an SDP that parses, puts our address
//   and port in the first audio stream, disables every other stream, and
//   keeps the version when the same SDP is stamped twice (RFC 3264 §8);
// - negotiate() of an SDP with itself and with fixed offers/answers never
//   crashes; an accepted negotiation always has a codec.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "media/sdp.h"

using namespace sb::media;

namespace {

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            std::fprintf(stderr, "fuzz_sdp: property failed: %s (%s:%d)\n", #cond,         \
                         __FILE__, __LINE__);                                              \
            std::abort();                                                                  \
        }                                                                                  \
    } while (0)

#define FUZZ_CHECK_PARSES(result, text)                                                      \
    do {                                                                                     \
        if (!(result)) {                                                                     \
            std::fprintf(stderr, "fuzz_sdp: rendered SDP does not parse: %s\n--- SDP ---\n%s", \
                         (result).error().message.c_str(), std::string(text).c_str());       \
            std::abort();                                                                    \
        }                                                                                    \
    } while (0)

const char* const kOffer =
    "v=0\r\n"
    "o=- 1 1 IN IP4 192.0.2.1\r\n"
    "s=-\r\n"
    "c=IN IP4 192.0.2.1\r\n"
    "t=0 0\r\n"
    "m=audio 4000 RTP/AVP 8 0 18 101\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-15\r\n"
    "a=sendrecv\r\n";

const char* const kAnswer =
    "v=0\r\n"
    "o=- 2 2 IN IP4 198.51.100.9\r\n"
    "s=-\r\n"
    "c=IN IP4 198.51.100.9\r\n"
    "t=0 0\r\n"
    "m=audio 5000 RTP/AVP 0 101\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=sendrecv\r\n";

void queries(const SessionDescription& sdp) {
    (void)firstAudioCodecName(sdp);
    (void)audioEndpoint(sdp);
    for (const MediaSection& m : sdp.media) {
        (void)effectiveDirection(sdp, m);
        (void)m.isRtp();
        (void)findPayloadType(m, "PCMA", 8000);
        (void)findPayloadType(m, "telephone-event", 8000);
        for (const Format& f : m.formats) {
            (void)f.payloadType();
            (void)resolveRtpMap(f);
            (void)m.findFormat(f.id);
        }
    }
}

void checkNegotiation(const sb::Result<Negotiation>& n) {
    if (!n) return;
    if (n->accepted) FUZZ_CHECK(!n->codecs.empty());
    (void)n->primaryCodecName();
}

void rewrite(const SessionDescription& sdp, const Endpoint& ours) {
    LegOrigin origin("switchboard", 42, 1000);
    const SessionDescription out = rewriteForLeg(sdp, ours, origin);
    const std::string text = renderSdp(out);
    auto again = parseSdp(text);
    FUZZ_CHECK_PARSES(again, text);
    FUZZ_CHECK(out.connection && out.connection->address == ours.address);
    const auto audio = firstAudioIndex(sdp);
    for (size_t i = 0; i < out.media.size(); ++i) {
        if (audio && i == *audio)
            FUZZ_CHECK(out.media[i].port == ours.port);
        else
            FUZZ_CHECK(out.media[i].port == 0);
    }
    if (audio) {
        const auto ep = audioEndpoint(*again);
        FUZZ_CHECK(ep && ep->address == ours.address && ep->port == ours.port);
    }
    // The same SDP stamped again keeps its version; the 18x and the 200
    // carrying one answer must agree (RFC 3262 §5).
    const uint64_t version = origin.version();
    const SessionDescription out2 = rewriteForLeg(sdp, ours, origin);
    FUZZ_CHECK(origin.version() == version);
    FUZZ_CHECK(renderSdp(out2) == text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = parseSdp(text);
    if (!parsed) {
        FUZZ_CHECK(!parsed.error().message.empty());
        return 0;
    }
    const SessionDescription& sdp = *parsed;
    queries(sdp);

    // Round trip: what we forward must parse, and be stable.
    const std::string rendered = renderSdp(sdp);
    auto reparsed = parseSdp(rendered);
    FUZZ_CHECK_PARSES(reparsed, rendered);
    const std::string rendered2 = renderSdp(*reparsed);
    if (rendered2 != rendered) {
        std::fprintf(stderr, "fuzz_sdp: render(parse(render(x))) != render(x)\n--- first ---\n%s--- second ---\n%s",
                     rendered.c_str(), rendered2.c_str());
        std::abort();
    }

    static const SessionDescription offer = *parseSdp(kOffer);
    static const SessionDescription answer = *parseSdp(kAnswer);
    checkNegotiation(negotiate(sdp, sdp));
    checkNegotiation(negotiate(offer, sdp));
    checkNegotiation(negotiate(sdp, answer));

    rewrite(sdp, Endpoint{"203.0.113.10", 40000});
    rewrite(sdp, Endpoint{"2001:db8::10", 40002});
    return 0;
}
