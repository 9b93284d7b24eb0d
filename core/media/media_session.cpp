#include "media/media_session.h"

#include <re.h>
#include <rem.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <numbers>

namespace sb::media {

namespace {

// RFC 4733 events are sent at the audio packet time.
constexpr uint32_t kEventPtimeMs = 20;
// In-band digits when the peer agreed no telephone-event: 100 ms of tone,
// 100 ms of silence (ITU-T Q.24 asks for at least 40 ms of each).
constexpr uint32_t kInbandToneSamples = 800;
constexpr uint32_t kInbandGapSamples = 800;

bool toSa(const Endpoint& e, struct sa& out) {
    return !e.address.empty() && e.port != 0 && sa_set_str(&out, e.address.c_str(), e.port) == 0 &&
           !sa_is_any(&out);
}

// The two frequencies of a DTMF digit (ITU-T Q.23).
std::optional<std::pair<double, double>> dtmfFrequencies(char digit) {
    static const char* kKeys = "123A456B789C*0#D";
    static const double kLow[] = {697, 770, 852, 941};
    static const double kHigh[] = {1209, 1336, 1477, 1633};
    const char* at = std::strchr(kKeys, std::toupper(static_cast<unsigned char>(digit)));
    if (!at || !*at) return std::nullopt;
    const auto index = static_cast<size_t>(at - kKeys);
    return std::pair{kLow[index / 4], kHigh[index % 4]};
}

}  // namespace

std::string_view toString(DtmfMethod method) {
    switch (method) {
    case DtmfMethod::Rfc4733: return "RFC 4733";
    case DtmfMethod::InBand: return "in-band";
    case DtmfMethod::SipInfo: return "SIP INFO";
    }
    return "?";
}

MediaSession::MediaSession(PortPair pair, const LegMediaParams& params, Callbacks callbacks)
    : m_pair(std::move(pair)), m_params(params), m_callbacks(std::move(callbacks)) {}

MediaSession::~MediaSession() {
    if (m_pair.rtpSocket()) udp_handler_set(m_pair.rtpSocket(), nullptr, nullptr);
}

Result<std::unique_ptr<MediaSession>> MediaSession::create(PortPair pair, const LegMediaParams& params,
                                                           Callbacks callbacks) {
    if (!pair.valid()) return makeError("no RTP port for the media session", EINVAL);
    std::unique_ptr<MediaSession> s(new MediaSession(std::move(pair), params, std::move(callbacks)));
    struct ::telev* tel = nullptr;
    if (int err = telev_alloc(&tel, kEventPtimeMs)) return makeError("cannot set up RFC 4733 events", err);
    s->m_televOut.reset(tel);
    tel = nullptr;
    if (int err = telev_alloc(&tel, kEventPtimeMs)) return makeError("cannot set up RFC 4733 events", err);
    s->m_televIn.reset(tel);
    struct ::dtmf_dec* dec = nullptr;
    if (int err = dtmf_dec_alloc(
            &dec, kMediaSampleRate, 1,
            [](char digit, void* arg) { static_cast<MediaSession*>(arg)->reportDigit(digit, DtmfMethod::InBand); },
            s.get()))
        return makeError("cannot set up DTMF detection", err);
    s->m_inband.reset(dec);
    udp_handler_set(s->m_pair.rtpSocket(), &MediaSession::onRtp, s.get());
    // RTCP from the peer is read and dropped; reports of ours are a known gap.
    udp_handler_set(s->m_pair.rtcpSocket(), [](const struct ::sa*, struct ::mbuf*, void*) {}, nullptr);
    return s;
}

void MediaSession::update(const LegMediaParams& params) {
    if (!(params.remote == m_params.remote)) m_latched.reset();  // the phone moved: follow it (RFC 4961)
    m_params = params;
}

void MediaSession::play(std::vector<std::shared_ptr<const AudioClip>> clips, bool loop, uint64_t token) {
    std::erase_if(clips, [](const auto& c) { return !c || c->samples.empty(); });
    m_playlist = std::move(clips);
    m_clip = 0;
    m_offset = 0;
    m_loop = loop;
    m_playToken = token;
    if (m_playlist.empty() && m_callbacks.playDone) m_callbacks.playDone(token);
}

void MediaSession::stopPlaying() {
    m_playlist.clear();
    m_clip = m_offset = 0;
}

void MediaSession::sendDigits(const std::string& digits) {
    for (char d : digits) {
        if (m_params.telephoneEvent) {
            const int code = telev_digit2code(d);
            if (code < 0) continue;
            (void)telev_send(m_televOut.get(), code, false);
            (void)telev_send(m_televOut.get(), code, true);
        } else if (dtmfFrequencies(d)) {
            m_inbandDigits.push_back(d);
        }
    }
}

void MediaSession::onRtp(const struct ::sa* src, struct ::mbuf* mb, void* arg) {
    static_cast<MediaSession*>(arg)->receive(*src, {mbuf_buf(mb), mbuf_get_left(mb)});
}

void MediaSession::receive(const struct ::sa& src, std::span<const uint8_t> datagram) {
    auto rtp = parseRtp(datagram);
    if (!rtp) {
        ++m_stats.ignoredIn;
        return;
    }
    char host[64] = {};
    (void)sa_ntop(&src, host, sizeof(host));
    const Endpoint from{host, sa_port(&src)};
    if (!m_latched) {
        m_latched = from;  // symmetric RTP (RFC 4961): answer where it comes from
    } else if (!(*m_latched == from)) {
        ++m_stats.ignoredIn;  // another source: RTP bleed or an attack
        return;
    }
    ++m_stats.packetsIn;
    if (m_params.telephoneEvent && rtp->payloadType == *m_params.telephoneEvent) {
        receiveEvent(rtp->payload);
        return;
    }
    if (rtp->payloadType != m_params.payloadType) {
        ++m_stats.ignoredIn;  // comfort noise or a codec not agreed
        return;
    }
    decodeG711(m_params.law, rtp->payload, m_pcm);
    // RFC 4733 agreed: tones in the audio are the peer's business, not digits.
    if (!m_params.telephoneEvent) dtmf_dec_probe(m_inband.get(), m_pcm.data(), m_pcm.size());
    if (m_member) m_member->put(m_pcm);
    if (m_bridgeOut) {
        auto& pipe = m_bridgeOut->samples;
        pipe.insert(pipe.end(), m_pcm.begin(), m_pcm.end());
        constexpr auto kept = static_cast<std::ptrdiff_t>(BridgePipe::kMaxSamples);
        if (std::ssize(pipe) > kept) pipe.erase(pipe.begin(), pipe.end() - kept);
    }
    if (m_tap) m_tap(m_pcm);
    if (m_echo && receives(m_params.peerDirection)) {
        sendPayload(m_params.payloadType, false, m_sender.timestamp(), rtp->payload);
        m_sender.advance(static_cast<uint32_t>(rtp->payload.size()));
    }
}

void MediaSession::receiveEvent(std::span<const uint8_t> payload) {
    struct ::mbuf mb {};
    mb.buf = const_cast<uint8_t*>(payload.data());  // read only
    mb.size = mb.end = payload.size();
    int event = -1;
    bool end = false;
    if (telev_recv(m_televIn.get(), &mb, &event, &end) != 0) return;  // a repeat of what we know
    const int digit = telev_code2digit(event);
    if (digit < 0) return;  // a tone or signal other than a DTMF key
    // Report at the start of the event; an end whose start was lost counts too.
    if (!end) {
        m_lastEventIn = event;
        reportDigit(static_cast<char>(digit), DtmfMethod::Rfc4733);
    } else {
        if (m_lastEventIn != event) reportDigit(static_cast<char>(digit), DtmfMethod::Rfc4733);
        m_lastEventIn = -1;
    }
}

void MediaSession::reportDigit(char digit, DtmfMethod method) {
    ++m_stats.digits;
    if (m_callbacks.digit) m_callbacks.digit(digit, method);
}

void MediaSession::sendPayload(uint8_t payloadType, bool marker, uint32_t timestamp,
                               std::span<const uint8_t> payload) {
    const Endpoint& to = m_latched ? *m_latched : m_params.remote;
    struct sa dst;
    if (!toSa(to, dst)) return;
    m_sender.write(m_packet, payloadType, marker, timestamp, payload);
    struct ::mbuf mb {};
    mb.buf = m_packet.data();
    mb.size = mb.end = m_packet.size();
    if (udp_send(m_pair.rtpSocket(), &dst, &mb) == 0) ++m_stats.packetsOut;
}

void MediaSession::nextFrame(std::span<int16_t> out) {
    std::fill(out.begin(), out.end(), int16_t{0});
    if (!m_playlist.empty()) {
        size_t filled = 0;
        while (filled < out.size() && !m_playlist.empty()) {
            const auto& clip = *m_playlist[m_clip];
            const size_t n = std::min(out.size() - filled, clip.samples.size() - m_offset);
            std::copy_n(clip.samples.begin() + static_cast<std::ptrdiff_t>(m_offset), n, out.begin() + filled);
            filled += n;
            m_offset += n;
            if (m_offset < clip.samples.size()) continue;
            m_offset = 0;
            if (++m_clip < m_playlist.size()) continue;
            m_clip = 0;
            if (m_loop) continue;
            m_playlist.clear();
            if (m_callbacks.playDone) m_callbacks.playDone(m_playToken);  // may call play() again
        }
    } else if (m_member) {
        m_member->read(out);
    } else if (m_bridgeIn && m_bridgeIn->samples.size() >= out.size()) {
        // Whole frames only: a partial one would be padded with silence.
        auto& pipe = m_bridgeIn->samples;
        std::copy_n(pipe.begin(), out.size(), out.begin());
        pipe.erase(pipe.begin(), pipe.begin() + static_cast<std::ptrdiff_t>(out.size()));
    }
    if (m_toneSamplesLeft == 0 && !m_inbandDigits.empty()) {
        m_toneDigit = m_inbandDigits.front();
        m_inbandDigits.pop_front();
        m_toneSamplesLeft = kInbandToneSamples + kInbandGapSamples;
        m_tonePhase = 0;
    }
    if (m_toneSamplesLeft > 0) {
        const auto f = dtmfFrequencies(m_toneDigit);
        for (auto& sample : out) {
            if (m_toneSamplesLeft > kInbandGapSamples && f) {
                const double t = static_cast<double>(m_tonePhase++) / kMediaSampleRate;
                sample = static_cast<int16_t>(6000 * (std::sin(2 * std::numbers::pi * f->first * t) +
                                                      std::sin(2 * std::numbers::pi * f->second * t)));
            } else {
                sample = 0;
            }
            if (--m_toneSamplesLeft == 0) break;
        }
    }
}

void MediaSession::tick() {
    if (!receives(m_params.peerDirection)) {
        m_sender.advance(kFrameSamples);  // on hold: time goes on, nothing is sent (RFC 3264 §5.1)
        return;
    }
    bool marker = false;
    struct ::mbuf* eventBuf = mbuf_alloc(8);
    if (eventBuf && m_params.telephoneEvent && telev_poll(m_televOut.get(), &marker, eventBuf) == 0) {
        // An RFC 4733 event replaces the audio of this frame; all its
        // packets carry the timestamp of its start (RFC 4733 §2.5.1.2).
        if (marker || !m_eventTimestamp) m_eventTimestamp = m_sender.timestamp();
        sendPayload(*m_params.telephoneEvent, marker, *m_eventTimestamp, {eventBuf->buf, eventBuf->end});
        mem_deref(eventBuf);
        m_sender.advance(kFrameSamples);
        std::array<int16_t, kFrameSamples> skipped{};
        nextFrame(skipped);  // the playlist and the mixer move on meanwhile
        return;
    }
    mem_deref(eventBuf);
    m_eventTimestamp.reset();
    if (m_echo) return;  // the echo answers each packet as it comes
    std::array<int16_t, kFrameSamples> frame{};
    nextFrame(frame);
    encodeG711(m_params.law, frame, m_coded);
    sendPayload(m_params.payloadType, false, m_sender.timestamp(), m_coded);
    m_sender.advance(kFrameSamples);
}

}  // namespace sb::media
