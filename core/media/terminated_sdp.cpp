#include "media/terminated_sdp.h"

#include <cerrno>

#include "routing/text_util.h"

namespace sb::media {

namespace {

constexpr uint8_t kOwnTelephoneEvent = 101;

Connection connectionFor(const Endpoint& ours) {
    return Connection{"IN", ours.address.find(':') == std::string::npos ? "IP4" : "IP6", ours.address};
}

/// Codec and telephone-event of @p audio, in its order of preference.
Result<LegMediaParams> paramsOf(const SessionDescription& sdp, size_t index) {
    const MediaSection& audio = sdp.media[index];
    LegMediaParams p;
    bool codec = false;
    for (const Format& f : audio.formats) {
        const auto map = resolveRtpMap(f);
        const auto pt = f.payloadType();
        if (!map || !pt || map->clockRate != 8000) continue;
        if (!codec && routing::equalsIgnoreCase(map->encoding, "PCMU")) {
            p.payloadType = *pt;
            p.law = G711Law::MuLaw;
            codec = true;
        } else if (!codec && routing::equalsIgnoreCase(map->encoding, "PCMA")) {
            p.payloadType = *pt;
            p.law = G711Law::ALaw;
            codec = true;
        }
    }
    if (!codec) return makeError("the offer has no G.711 (PCMU or PCMA), which this service needs", EPROTO);
    p.telephoneEvent = findPayloadType(audio, "telephone-event", 8000);
    if (auto endpoint = audioEndpoint(sdp)) p.remote = *endpoint;
    p.peerDirection = effectiveDirection(sdp, audio);
    return p;
}

}  // namespace

Result<TerminatedAnswer> answerAsEndpoint(const SessionDescription& offer, const Endpoint& ours,
                                          LegOrigin& origin) {
    const auto index = firstAudioIndex(offer);
    if (!index) return makeError("the offer has no audio stream", EPROTO);
    auto params = paramsOf(offer, *index);
    if (!params) return params.error();
    TerminatedAnswer a;
    a.params = params.value();
    a.sdp.connection = connectionFor(ours);
    // One m= line per offered one (RFC 3264 §6); all but the audio refused.
    for (size_t i = 0; i < offer.media.size(); ++i) {
        MediaSection m;
        m.media = offer.media[i].media;
        m.proto = offer.media[i].proto;
        if (i != *index) {
            m.port = 0;
            m.formats = {offer.media[i].formats.empty() ? Format{"0", std::nullopt, std::nullopt}
                                                        : Format{offer.media[i].formats.front().id, std::nullopt,
                                                                 std::nullopt}};
            a.sdp.media.push_back(std::move(m));
            continue;
        }
        m.port = ours.port;
        m.formats.push_back(Format{std::to_string(a.params.payloadType),
                                   RtpMap{a.params.law == G711Law::MuLaw ? "PCMU" : "PCMA", 8000, ""},
                                   std::nullopt});
        if (a.params.telephoneEvent)
            m.formats.push_back(Format{std::to_string(*a.params.telephoneEvent),
                                       RtpMap{"telephone-event", 8000, ""}, std::string("0-16")});
        m.ptimeMs = 20;
        m.direction = mirrored(a.params.peerDirection);
        a.sdp.media.push_back(std::move(m));
    }
    origin.stamp(a.sdp, ours.address);
    return a;
}

SessionDescription offerAsEndpoint(const Endpoint& ours, LegOrigin& origin) {
    SessionDescription sdp;
    sdp.connection = connectionFor(ours);
    MediaSection audio;
    audio.media = "audio";
    audio.port = ours.port;
    audio.proto = "RTP/AVP";
    audio.formats = {{"0", RtpMap{"PCMU", 8000, ""}, std::nullopt},
                     {"8", RtpMap{"PCMA", 8000, ""}, std::nullopt},
                     {std::to_string(kOwnTelephoneEvent), RtpMap{"telephone-event", 8000, ""}, std::string("0-16")}};
    audio.ptimeMs = 20;
    audio.direction = Direction::SendRecv;
    sdp.media.push_back(std::move(audio));
    origin.stamp(sdp, ours.address);
    return sdp;
}

Result<LegMediaParams> paramsFromAnswer(const SessionDescription& answer) {
    const auto index = firstAudioIndex(answer);
    if (!index) return makeError("the answer accepts no audio stream", EPROTO);
    return paramsOf(answer, *index);
}

}  // namespace sb::media
