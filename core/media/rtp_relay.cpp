#include "media/rtp_relay.h"

#include <re.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <vector>

#include "media/dtmf_interworking.h"
#include "media/rtp_packet.h"

namespace sb::media {

namespace {

// RFC 3550 §5.1: version 2 and at least the fixed header.
bool looksLikeRtp(const uint8_t* p, size_t n) {
    return n >= 12 && (p[0] >> 6) == 2;
}

// RFC 3550 §6.4: version 2, 8-byte minimum; RFC 5761 §4: RTCP packet types 192..223.
bool looksLikeRtcp(const uint8_t* p, size_t n) {
    return n >= 8 && (p[0] >> 6) == 2 && p[1] >= 192 && p[1] <= 223;
}

Endpoint toEndpoint(const struct sa& address) {
    char text[64] = {0};
    if (sa_ntop(&address, text, sizeof(text)) != 0) text[0] = '\0';
    return Endpoint{text, sa_port(&address)};
}

}  // namespace

std::string_view toString(Leg leg) {
    return leg == Leg::A ? "A" : "B";
}

struct RtpRelay::Impl {
    struct SocketContext {
        Impl* impl = nullptr;
        Leg leg = Leg::A;
        bool rtcp = false;
    };

    struct LegState {
        PortPair ports;
        SocketContext rtpContext;
        SocketContext rtcpContext;
        std::optional<struct sa> remoteRtp;
        std::optional<struct sa> remoteRtcp;
        std::optional<struct sa> latchedRtp;
        std::optional<struct sa> latchedRtcp;
        Direction direction = Direction::SendRecv;
        RelayStats stats;
        std::optional<Clock::time_point> lastPacket;
        bool firstRtpReported = false;
        RePtr<struct mbuf> toneBuffer;
        // DTMF interworking (see the class comment). interceptPt is the
        // telephone-event payload type of this leg's packets that must not
        // pass as they are (-1: none, the common case); rewritePt the peer's
        // number for them, or -1 to turn them into keys for SIP INFO.
        std::optional<uint8_t> telephoneEvent;
        int interceptPt = -1;
        int rewritePt = -1;
        DtmfReceiver dtmfIn;
        DtmfInjector dtmfOut;  ///< keys to write into the stream toward this leg
        std::vector<uint8_t> dtmfPacket;
        RePtr<struct mbuf> dtmfBuffer;
        uint64_t lastTonePackets = 0;
        // Last, so it is destroyed first: its timer must stop before the sockets close.
        std::unique_ptr<TonePlayer> tone;

        const struct sa* rtpDestination() const {
            if (latchedRtp) return &*latchedRtp;
            return remoteRtp ? &*remoteRtp : nullptr;
        }
        const struct sa* rtcpDestination() const {
            if (latchedRtcp) return &*latchedRtcp;
            return remoteRtcp ? &*remoteRtcp : nullptr;
        }
    };

    std::array<LegState, 2> legs;
    std::vector<struct sa> ownAddresses;  // our four sockets
    FirstRtpHandler onFirstRtp;
    DtmfHandler onDtmf;

    void updateInterworking() {
        for (LegState* l : {&legs[0], &legs[1]}) {
            const LegState& peer = l == &legs[0] ? legs[1] : legs[0];
            l->interceptPt = -1;
            l->rewritePt = -1;
            if (!l->telephoneEvent) continue;
            if (!peer.telephoneEvent) {
                l->interceptPt = *l->telephoneEvent;
            } else if (*peer.telephoneEvent != *l->telephoneEvent) {
                l->interceptPt = *l->telephoneEvent;
                l->rewritePt = *peer.telephoneEvent;
            }
        }
    }

    bool isOwnAddress(const struct sa& address) const {
        return std::any_of(ownAddresses.begin(), ownAddresses.end(),
                           [&](const struct sa& own) { return sa_cmp(&own, &address, SA_ALL); });
    }

    LegState& leg(Leg l) { return legs[indexOf(l)]; }
    const LegState& leg(Leg l) const { return legs[indexOf(l)]; }

    static void onPacket(const struct sa* src, struct mbuf* mb, void* arg) {
        const auto* context = static_cast<const SocketContext*>(arg);
        context->impl->receive(context->leg, context->rtcp, *src, *mb);
    }

    void receive(Leg fromLeg, bool rtcp, const struct sa& src, struct mbuf& mb);
    /// The packet to forward instead of @p mb (an injected event), @p mb
    /// itself, or null when it is not to be forwarded (a key for SIP INFO).
    struct mbuf* interwork(LegState& from, LegState& to, struct mbuf& mb, std::optional<DtmfKey>& key);
    void sendTone(Leg toward, const uint8_t* data, size_t size);
};

void RtpRelay::Impl::receive(Leg fromLeg, bool rtcp, const struct sa& src, struct mbuf& mb) {
    LegState& from = leg(fromLeg);
    LegState& to = leg(otherLeg(fromLeg));
    const uint8_t* data = mbuf_buf(&mb);
    const size_t size = mbuf_get_left(&mb);

    std::optional<struct sa>& latch = rtcp ? from.latchedRtcp : from.latchedRtp;
    bool reportFirstRtp = false;
    if (latch) {
        if (!sa_cmp(&*latch, &src, SA_ALL)) {
            ++from.stats.dropped;
            ++from.stats.droppedForeign;
            return;
        }
    } else {
        // Only real RTP/RTCP may decide where the leg is: a stray STUN probe or
        // garbage must not steer the call's media, and neither may our own
        // other leg (an SDP pointing a leg at the relay itself would loop).
        if (!(rtcp ? looksLikeRtcp(data, size) : looksLikeRtp(data, size)) || isOwnAddress(src)) {
            ++from.stats.dropped;
            return;
        }
        latch = src;
        if (!rtcp && !from.firstRtpReported) {
            from.firstRtpReported = true;
            reportFirstRtp = static_cast<bool>(onFirstRtp);
        }
    }
    from.lastPacket = Clock::now();

    // Only legs set up for DTMF conversion leave this one branch.
    std::optional<DtmfKey> key;
    struct mbuf* out = &mb;
    if (!rtcp && (from.interceptPt >= 0 || to.dtmfOut.active())) out = interwork(from, to, mb, key);
    if (!out) {
        ++from.stats.dtmfToInfo;
        if (key && onDtmf) {
            const DtmfHandler handler = onDtmf;
            handler(fromLeg, key->key, key->durationMs);
        }
        if (reportFirstRtp) {
            const FirstRtpHandler handler = onFirstRtp;
            handler(fromLeg);
        }
        return;
    }

    const bool toneTowardOther = !rtcp && to.tone && to.tone->playing();
    const struct sa* destination = rtcp ? to.rtcpDestination() : to.rtpDestination();
    struct ::udp_sock* socket = rtcp ? to.ports.rtcpSocket() : to.ports.rtpSocket();
    if (!sends(from.direction) || !receives(to.direction) || toneTowardOther || !destination ||
        udp_send(socket, destination, out) != 0) {
        ++from.stats.dropped;
    } else if (rtcp) {
        ++from.stats.rtcpPackets;
        from.stats.rtcpBytes += size;
    } else {
        ++from.stats.rtpPackets;
        from.stats.rtpBytes += size;
    }

    if (reportFirstRtp) {
        // Last: the handler may destroy the relay (and this Impl) right here.
        const FirstRtpHandler handler = onFirstRtp;
        handler(fromLeg);
    }
}

struct mbuf* RtpRelay::Impl::interwork(LegState& from, LegState& to, struct mbuf& mb,
                                       std::optional<DtmfKey>& key) {
    uint8_t* data = mbuf_buf(&mb);
    const size_t size = mbuf_get_left(&mb);
    if (size < 12) return &mb;
    if (from.interceptPt >= 0 && (data[1] & 0x7F) == from.interceptPt) {
        if (from.rewritePt >= 0) {
            data[1] = static_cast<uint8_t>((data[1] & 0x80) | from.rewritePt);
            return &mb;
        }
        if (auto rtp = parseRtp({data, size})) key = from.dtmfIn.feed(rtp->timestamp, rtp->payload);
        return nullptr;
    }
    if (!to.dtmfOut.active() || !to.telephoneEvent || !to.dtmfBuffer) return &mb;
    if (!to.dtmfOut.replace({data, size}, *to.telephoneEvent, to.dtmfPacket)) return &mb;
    struct mbuf* buffer = to.dtmfBuffer.get();
    mbuf_rewind(buffer);
    if (mbuf_write_mem(buffer, to.dtmfPacket.data(), to.dtmfPacket.size()) != 0) return &mb;
    mbuf_set_pos(buffer, 0);
    ++from.stats.dtmfInjected;
    return buffer;
}

void RtpRelay::Impl::sendTone(Leg toward, const uint8_t* data, size_t size) {
    LegState& l = leg(toward);
    const struct sa* destination = l.rtpDestination();
    if (!destination || !l.toneBuffer) return;
    struct mbuf* mb = l.toneBuffer.get();
    mbuf_rewind(mb);
    if (mbuf_write_mem(mb, data, size) != 0) return;
    mbuf_set_pos(mb, 0);
    (void)udp_send(l.ports.rtpSocket(), destination, mb);
}

RtpRelay::RtpRelay(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

RtpRelay::~RtpRelay() = default;

Result<std::unique_ptr<RtpRelay>> RtpRelay::create(PortPool& pool, const std::string& localAddress) {
    auto impl = std::make_unique<Impl>();
    for (const Leg l : {Leg::A, Leg::B}) {
        auto pair = pool.allocate(localAddress);
        if (!pair)
            return makeError("media relay leg " + std::string(toString(l)) + ": " + pair.error().message,
                             pair.error().code);
        Impl::LegState& state = impl->leg(l);
        state.ports = std::move(*pair);
        state.rtpContext = {impl.get(), l, false};
        state.rtcpContext = {impl.get(), l, true};
        udp_handler_set(state.ports.rtpSocket(), &Impl::onPacket, &state.rtpContext);
        udp_handler_set(state.ports.rtcpSocket(), &Impl::onPacket, &state.rtcpContext);
        for (struct ::udp_sock* sock : {state.ports.rtpSocket(), state.ports.rtcpSocket()}) {
            struct sa own;
            if (udp_local_get(sock, &own) == 0) impl->ownAddresses.push_back(own);
        }
        state.toneBuffer.reset(mbuf_alloc(kRtpHeaderSize + kToneSamplesPerPacket));
        state.dtmfBuffer.reset(mbuf_alloc(64));
        if (!state.toneBuffer || !state.dtmfBuffer)
            return makeError("out of memory creating the media relay", ENOMEM);
    }
    return std::unique_ptr<RtpRelay>(new RtpRelay(std::move(impl)));
}

Endpoint RtpRelay::localEndpoint(Leg leg) const {
    return m_impl->leg(leg).ports.rtpEndpoint();
}

Result<void> RtpRelay::setRemote(Leg leg, const Endpoint& rtp, std::optional<Endpoint> rtcp) {
    auto resolve = [](const Endpoint& e, std::optional<struct sa>& out) -> Result<void> {
        struct sa address;
        if (sa_set_str(&address, e.address.c_str(), e.port) != 0) {
            return makeError("media address \"" + e.address + "\" is not a numeric IP address", EINVAL);
        }
        // RFC 3264 §8.4: c=0.0.0.0 means "do not send to me"; port 0 is a rejected stream.
        if (sa_is_any(&address) || e.port == 0) {
            out.reset();
        } else {
            out = address;
        }
        return {};
    };
    std::optional<struct sa> rtpAddress, rtcpAddress;
    if (auto ok = resolve(rtp, rtpAddress); !ok) return ok;
    const Endpoint rtcpEndpoint =
        rtcp.value_or(Endpoint{rtp.address, static_cast<uint16_t>(rtp.port == 65535 ? 0 : rtp.port + 1)});
    if (auto ok = resolve(rtcpEndpoint, rtcpAddress); !ok) return ok;

    Impl::LegState& state = m_impl->leg(leg);
    state.remoteRtp = rtpAddress;
    state.remoteRtcp = rtcpAddress;
    state.latchedRtp.reset();
    state.latchedRtcp.reset();
    state.firstRtpReported = false;
    return {};
}

void RtpRelay::setDirection(Leg leg, Direction direction) {
    m_impl->leg(leg).direction = direction;
}

Direction RtpRelay::direction(Leg leg) const {
    return m_impl->leg(leg).direction;
}

void RtpRelay::setFirstRtpHandler(FirstRtpHandler handler) {
    m_impl->onFirstRtp = std::move(handler);
}

void RtpRelay::setDtmfHandler(DtmfHandler handler) {
    m_impl->onDtmf = std::move(handler);
}

void RtpRelay::setTelephoneEvent(Leg leg, std::optional<uint8_t> payloadType) {
    m_impl->leg(leg).telephoneEvent = payloadType;
    m_impl->updateInterworking();
}

std::optional<uint8_t> RtpRelay::telephoneEvent(Leg leg) const {
    return m_impl->leg(leg).telephoneEvent;
}

bool RtpRelay::sendDtmf(Leg toward, char key, unsigned durationMs) {
    Impl::LegState& state = m_impl->leg(toward);
    if (!state.telephoneEvent) return false;
    return state.dtmfOut.add(key, durationMs);
}

Result<void> RtpRelay::startTone(Leg leg, uint8_t payloadType, G711Law law, std::string_view presetName) {
    auto tone = RingbackTone::create(presetName, law, payloadType);
    if (!tone) return tone.error();
    return play(leg, std::move(tone.value()));
}

Result<void> RtpRelay::startAudio(Leg leg, uint8_t payloadType, G711Law law, std::span<const int16_t> pcm) {
    auto tone = RingbackTone::fromAudio(pcm, law, payloadType);
    if (!tone) return tone.error();
    return play(leg, std::move(tone.value()));
}

Result<void> RtpRelay::play(Leg leg, RingbackTone tone) {
    Impl::LegState& state = m_impl->leg(leg);
    stopTone(leg);
    Impl* impl = m_impl.get();
    state.tone = std::make_unique<TonePlayer>(
        std::move(tone), [impl, leg](const uint8_t* data, size_t size) { impl->sendTone(leg, data, size); });
    state.tone->start();
    return {};
}

void RtpRelay::stopTone(Leg leg) {
    Impl::LegState& state = m_impl->leg(leg);
    if (!state.tone) return;
    state.tone->stop();
    state.lastTonePackets = state.tone->packetsSent();
    state.tone.reset();
}

bool RtpRelay::tonePlaying(Leg leg) const {
    const auto& tone = m_impl->leg(leg).tone;
    return tone && tone->playing();
}

uint64_t RtpRelay::tonePacketsSent(Leg leg) const {
    const Impl::LegState& state = m_impl->leg(leg);
    return state.tone ? state.tone->packetsSent() : state.lastTonePackets;
}

const RelayStats& RtpRelay::stats(Leg from) const {
    return m_impl->leg(from).stats;
}

std::optional<RtpRelay::Clock::time_point> RtpRelay::lastPacketAt(Leg leg) const {
    return m_impl->leg(leg).lastPacket;
}

bool RtpRelay::latched(Leg leg) const {
    return m_impl->leg(leg).latchedRtp.has_value();
}

std::optional<Endpoint> RtpRelay::rtpDestination(Leg leg) const {
    const struct sa* d = m_impl->leg(leg).rtpDestination();
    return d ? std::optional<Endpoint>(toEndpoint(*d)) : std::nullopt;
}

std::optional<Endpoint> RtpRelay::rtcpDestination(Leg leg) const {
    const struct sa* d = m_impl->leg(leg).rtcpDestination();
    return d ? std::optional<Endpoint>(toEndpoint(*d)) : std::nullopt;
}

}  // namespace sb::media
