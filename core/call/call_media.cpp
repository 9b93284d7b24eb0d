#include "call/call_media.h"

#include <strings.h>

#include <algorithm>

namespace sb::call {

using media::Leg;

namespace {

std::optional<uint8_t> telephoneEventOf(const media::SessionDescription& sdp) {
    const auto audio = media::firstAudioIndex(sdp);
    if (!audio) return std::nullopt;
    return media::findPayloadType(sdp.media[*audio], "telephone-event", 8000);
}

/// Add telephone-event/8000 (keys 0-16) to the first audio stream, as @p pt
/// when given and free, else the first free dynamic payload type.
void addTelephoneEvent(media::SessionDescription& sdp, std::optional<uint8_t> wanted) {
    const auto audio = media::firstAudioIndex(sdp);
    if (!audio) return;
    media::MediaSection& m = sdp.media[*audio];
    if (!m.isRtp()) return;
    auto used = [&](int n) { return m.findFormat(std::to_string(n)) != nullptr; };
    int pt = wanted ? int{*wanted} : -1;
    if (pt < 0 || used(pt)) {
        pt = -1;
        for (int n : {101, 100, 102, 96, 97, 98, 99, 110, 120, 127}) {
            if (!used(n)) {
                pt = n;
                break;
            }
        }
        if (pt < 0) return;
    }
    m.formats.push_back(
        {std::to_string(pt), media::RtpMap{"telephone-event", 8000, ""}, std::string("0-16")});
}

void removeTelephoneEvent(media::SessionDescription& sdp) {
    const auto audio = media::firstAudioIndex(sdp);
    if (!audio) return;
    auto& formats = sdp.media[*audio].formats;
    std::erase_if(formats, [](const media::Format& f) {
        const auto map = media::resolveRtpMap(f);
        return map && map->clockRate == 8000 && map->encoding.size() == 15 &&
               strncasecmp(map->encoding.c_str(), "telephone-event", 15) == 0;
    });
}

bool isEncoding(const media::Format& f, const std::string& name) {
    const auto map = media::resolveRtpMap(f);
    return map && strcasecmp(map->encoding.c_str(), name.c_str()) == 0;
}

/// The relay does not transcode: keep only @p codec (and telephone-event)
/// in the first audio stream. False (nothing kept) when @p codec is not there.
bool keepOnlyCodec(media::SessionDescription& sdp, const std::string& codec) {
    const auto audio = media::firstAudioIndex(sdp);
    if (!audio) return false;
    auto& formats = sdp.media[*audio].formats;
    if (std::none_of(formats.begin(), formats.end(), [&](const media::Format& f) { return isEncoding(f, codec); }))
        return false;
    std::erase_if(formats, [&](const media::Format& f) {
        return !isEncoding(f, codec) && !isEncoding(f, "telephone-event");
    });
    return true;
}

}  // namespace

void CallMedia::agreeTelephoneEvent(Leg from, const media::SessionDescription& received,
                                    media::SessionDescription& rewritten, bool isOffer) {
    const Leg to = media::otherLeg(from);
    const auto te = telephoneEventOf(received);
    if (isOffer) {
        m_offeredTe[media::indexOf(from)] = te;
        m_offerSeen[media::indexOf(from)] = true;
        // Offered to the other leg either way: whichever leg can send
        // RFC 4733 does, and Switchboard turns it into SIP INFO where needed.
        if (!te) addTelephoneEvent(rewritten, std::nullopt);
        return;
    }
    if (!m_offerSeen[media::indexOf(to)]) {
        // An answer to nothing we saw offered: both legs see the same SDP.
        m_relay->setTelephoneEvent(from, te);
        m_relay->setTelephoneEvent(to, te);
        return;
    }
    const auto offered = m_offeredTe[media::indexOf(to)];
    // RFC 3264 §6: the answer toward the offerer lists only what it offered;
    // telephone-event it offered is accepted by Switchboard, whatever the
    // other leg answered.
    if (offered && !te) addTelephoneEvent(rewritten, offered);
    if (!offered && te) removeTelephoneEvent(rewritten);
    m_relay->setTelephoneEvent(to, offered);
    m_relay->setTelephoneEvent(from, te);
}

Result<std::unique_ptr<CallMedia>> CallMedia::create(media::PortPool& pool, const std::string& localAddress,
                                                     std::string ringbackPreset) {
    auto relay = media::RtpRelay::create(pool, localAddress);
    if (!relay) return relay.error();
    return std::unique_ptr<CallMedia>(new CallMedia(std::move(relay.value()), std::move(ringbackPreset)));
}

CallMedia::CallMedia(std::unique_ptr<media::RtpRelay> relay, std::string ringbackPreset)
    : m_relay(std::move(relay)), m_preset(std::move(ringbackPreset)), m_created(media::RtpRelay::Clock::now()) {
    m_relay->setFirstRtpHandler([this](Leg leg) {
        // Real media from the callee replaces the tone at once.
        if (leg == Leg::B) {
            m_graceTimer.cancel();
            stopRingback();
        }
    });
}

Result<media::SessionDescription> CallMedia::apply(Leg from, const sip::Body& body) {
    if (body.type != "application/sdp") return makeError("unsupported body type " + body.type);
    auto sdp = media::parseSdp(body.content);
    if (!sdp) return sdp.error();
    auto endpoint = media::audioEndpoint(sdp.value());
    auto audio = media::firstAudioIndex(sdp.value());
    if (!endpoint || !audio) return makeError("the SDP has no usable audio stream");
    if (auto set = m_relay->setRemote(from, *endpoint); !set) return set.error();
    m_relay->setDirection(from, media::effectiveDirection(sdp.value(), sdp->media[*audio]));
    if (auto name = media::firstAudioCodecName(sdp.value()); !name.empty()) m_codec = name;
    return sdp;
}

Result<sip::Body> CallMedia::relay(Leg from, const sip::Body& body, bool isOffer) {
    if (body.empty()) return body;
    auto sdp = apply(from, body);
    if (!sdp) return sdp.error();
    const Leg to = media::otherLeg(from);
    // Before the rewrite, so that o= is stamped once, on what is sent.
    media::SessionDescription toSend = sdp.value();
    agreeTelephoneEvent(from, sdp.value(), toSend, isOffer);
    auto rewritten =
        media::rewriteForLeg(toSend, m_relay->localEndpoint(to), to == Leg::A ? m_originA : m_originB);
    if (isOffer) media::preferCodecs(rewritten, m_codecPreference);
    if (to == Leg::A) {
        m_towardCaller = rewritten;
        if (!m_answered) m_callerHasEarlyMedia = true;
    } else {
        m_towardCallee = rewritten;
    }
    return sip::Body::sdp(media::renderSdp(rewritten));
}

sip::Body CallMedia::ownOffer(Leg to) {
    const media::Endpoint ours = m_relay->localEndpoint(to);
    media::SessionDescription sdp;
    sdp.connection = media::Connection{"IN", ours.address.find(':') == std::string::npos ? "IP4" : "IP6",
                                       ours.address};
    media::MediaSection audio;
    audio.media = "audio";
    audio.port = ours.port;
    audio.proto = "RTP/AVP";
    audio.formats = {{"0", media::RtpMap{"PCMU", 8000, ""}, std::nullopt},
                     {"8", media::RtpMap{"PCMA", 8000, ""}, std::nullopt},
                     {"101", media::RtpMap{"telephone-event", 8000, ""}, std::string("0-16")}};
    audio.direction = media::Direction::SendRecv;
    sdp.media.push_back(std::move(audio));
    media::preferCodecs(sdp, m_codecPreference);
    (to == Leg::A ? m_originA : m_originB).stamp(sdp, ours.address);
    // Offered on the caller's behalf: the caller agrees telephone-event
    // in its ACK (takeAnswer).
    m_offeredTe[media::indexOf(media::otherLeg(to))] = 101;
    m_offerSeen[media::indexOf(media::otherLeg(to))] = true;
    return sip::Body::sdp(media::renderSdp(sdp));
}

sip::Body CallMedia::freshOffer(Leg to) {
    const auto& last = to == Leg::A ? m_towardCaller : m_towardCallee;
    if (!last || !media::firstAudioIndex(*last)) return ownOffer(to);
    media::SessionDescription sdp = *last;
    const size_t audio = *media::firstAudioIndex(sdp);
    if (!m_codec.empty() && !keepOnlyCodec(sdp, m_codec)) return ownOffer(to);
    sdp.direction.reset();
    sdp.media[audio].direction = media::Direction::SendRecv;
    const media::Endpoint ours = m_relay->localEndpoint(to);
    sdp = media::rewriteForLeg(sdp, ours, to == Leg::A ? m_originA : m_originB);
    (to == Leg::A ? m_towardCaller : m_towardCallee) = sdp;
    return sip::Body::sdp(media::renderSdp(sdp));
}

bool CallMedia::holdSentToward(Leg to) const {
    const auto& last = to == Leg::A ? m_towardCaller : m_towardCallee;
    if (!last) return false;
    const auto audio = media::firstAudioIndex(*last);
    if (!audio) return false;
    const media::Direction d = media::effectiveDirection(*last, last->media[*audio]);
    return d == media::Direction::SendOnly || d == media::Direction::Inactive;
}

Result<void> CallMedia::takeAnswer(Leg from, const sip::Body& answer) {
    if (answer.empty()) return makeError("no SDP answer");
    auto sdp = apply(from, answer);
    if (!sdp) return sdp.error();
    m_relay->setTelephoneEvent(from, telephoneEventOf(sdp.value()));
    return {};
}

Result<sip::Body> CallMedia::answerLocally(Leg from, const sip::Body& offer, bool codecInUseOnly) {
    const std::string inUse = codecInUseOnly ? m_codec : std::string();
    if (!inUse.empty()) {
        // A newcomer must speak what the other side already sends; checked
        // on a copy before apply() moves the relay.
        auto parsed = media::parseSdp(offer.content);
        if (!parsed || !keepOnlyCodec(parsed.value(), inUse))
            return makeError("the offer lacks " + inUse + ", the codec of the call");
    }
    auto sdp = apply(from, offer);
    if (!sdp) return sdp.error();
    if (!inUse.empty()) {
        (void)keepOnlyCodec(sdp.value(), inUse);
        m_codec = inUse;
    }
    // The answer mirrors the offer, telephone-event included.
    m_relay->setTelephoneEvent(from, telephoneEventOf(sdp.value()));
    const size_t audio = *media::firstAudioIndex(sdp.value());  // apply() made sure there is one
    const media::Direction offered = media::effectiveDirection(sdp.value(), sdp->media[audio]);
    // Our answer mirrors the offer from the relay's side; directions turn round.
    auto answer = media::rewriteForLeg(sdp.value(), m_relay->localEndpoint(from), from == Leg::A ? m_originA : m_originB);
    media::Direction mine = offered;
    if (offered == media::Direction::SendOnly) mine = media::Direction::RecvOnly;
    if (offered == media::Direction::RecvOnly) mine = media::Direction::SendOnly;
    answer.direction.reset();
    answer.media[audio].direction = mine;
    return sip::Body::sdp(media::renderSdp(answer));
}

void CallMedia::calleeRinging() {
    if (m_callerHasEarlyMedia && !m_answered) startRingback();
}

void CallMedia::calleeEarlyMedia(uint64_t graceMs) {
    if (m_answered || m_relay->latched(Leg::B)) return;
    m_graceTimer.start(graceMs, [this] {
        if (!m_answered && !m_relay->latched(Leg::B)) startRingback();
    });
}

void CallMedia::answered() {
    m_answered = true;
    m_graceTimer.cancel();
    stopRingback();
}

namespace {
/// The G.711 payload type and law of the first audio stream of @p sdp.
std::optional<std::pair<uint8_t, media::G711Law>> g711Of(const std::optional<media::SessionDescription>& sdp) {
    if (!sdp) return std::nullopt;
    auto audio = media::firstAudioIndex(*sdp);
    if (!audio) return std::nullopt;
    const auto& m = sdp->media[*audio];
    if (auto pt = media::findPayloadType(m, "PCMU", 8000)) return std::pair{*pt, media::G711Law::MuLaw};
    if (auto pt = media::findPayloadType(m, "PCMA", 8000)) return std::pair{*pt, media::G711Law::ALaw};
    return std::nullopt;
}
}  // namespace

void CallMedia::startRingback() {
    if (m_relay->tonePlaying(Leg::A)) return;
    // The tone goes out in the G.711 law the caller's early session uses.
    auto codec = g711Of(m_towardCaller);
    if (!codec) return;
    if (m_relay->startTone(Leg::A, codec->first, codec->second, m_preset) && m_toneHandler) m_toneHandler(true);
}

void CallMedia::musicOn(Leg leg, std::shared_ptr<const media::AudioClip> music) {
    const size_t i = media::indexOf(leg);
    if (m_music[i] || !music) return;
    auto codec = g711Of(leg == Leg::A ? m_towardCaller : m_towardCallee);
    if (!codec) return;
    // The relay stops relaying toward the leg while it plays: the holder
    // sends nothing anyway, and what it may send must not mix in.
    if (m_relay->startAudio(leg, codec->first, codec->second, music->samples)) m_music[i] = true;
}

void CallMedia::musicOff(Leg leg) {
    const size_t i = media::indexOf(leg);
    if (!m_music[i]) return;
    m_relay->stopTone(leg);
    m_music[i] = false;
}

void CallMedia::stopRingback() {
    if (!m_relay->tonePlaying(Leg::A) || m_music[0]) return;  // music on hold is not ring-back
    m_relay->stopTone(Leg::A);
    if (m_toneHandler) m_toneHandler(false);
}

bool CallMedia::tonePlaying() const { return m_relay->tonePlaying(Leg::A); }

int64_t CallMedia::silentMs(Leg leg) const {
    const auto last = m_relay->lastPacketAt(leg).value_or(m_created);
    return std::chrono::duration_cast<std::chrono::milliseconds>(media::RtpRelay::Clock::now() - last).count();
}

}  // namespace sb::call
