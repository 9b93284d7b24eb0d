#pragma once

// Helpers for media tests: a libre loop spun in the test thread with a bound,
// plain UDP sockets standing in for phones, RTP packet builders and a Goertzel
// power measure for tone checks.

#include <re.h>
#include <rem.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <mutex>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "common/re_ptr.h"
#include "media/media_types.h"

namespace sb::media::test {

/// libre's process-wide init, once (the Engine may also have called it; it is
/// idempotent in 1.1.0 but we do not rely on that).
inline void initLibreOnce() {
    static std::once_flag once;
    std::call_once(once, [] { ASSERT_EQ(libre_init(), 0); });
}

/// Gives the test thread its own libre loop context for the test's lifetime.
/// Declare it first in a test so sockets and timers are destroyed before it.
class LoopScope {
public:
    LoopScope() {
        initLibreOnce();
        EXPECT_EQ(re_thread_init(), 0);
    }
    ~LoopScope() { re_thread_close(); }
    LoopScope(const LoopScope&) = delete;
    LoopScope& operator=(const LoopScope&) = delete;
};

/// Spin the loop until @p done() is true or @p limit passes (checked every 2 ms).
/// @return whether done() became true.
inline bool runUntil(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    struct State {
        std::function<bool()> done;
        std::chrono::steady_clock::time_point until;
        struct tmr tmr;
        bool met = false;

        static void check(void* arg) {
            auto* s = static_cast<State*>(arg);
            if (s->done && s->done()) {
                s->met = true;
                re_cancel();
            } else if (std::chrono::steady_clock::now() >= s->until) {
                re_cancel();
            } else {
                tmr_start(&s->tmr, 2, &State::check, s);
            }
        }
    };
    State state{done, std::chrono::steady_clock::now() + limit, {}, false};
    tmr_init(&state.tmr);
    tmr_start(&state.tmr, 0, &State::check, &state);
    (void)re_main(nullptr);
    tmr_cancel(&state.tmr);
    return state.met;
}

/// Spin the loop for @p duration.
inline void runFor(std::chrono::milliseconds duration) {
    (void)runUntil([] { return false; }, duration);
}

/// One datagram a TestPhone received.
struct Datagram {
    Endpoint from;
    std::vector<uint8_t> data;
};

/// A plain UDP socket on 127.0.0.1 standing in for a phone.
class TestPhone {
public:
    explicit TestPhone(uint16_t port = 0, const char* address = "127.0.0.1") {
        struct sa local;
        EXPECT_EQ(sa_set_str(&local, address, port), 0);
        struct ::udp_sock* sock = nullptr;
        EXPECT_EQ(udp_listen(&sock, &local, &TestPhone::onPacket, this), 0)
            << "bind " << address << ":" << port;
        m_sock.reset(sock);
        struct sa bound;
        if (sock && udp_local_get(sock, &bound) == 0) {
            char text[64] = {0};
            sa_ntop(&bound, text, sizeof(text));
            m_endpoint = Endpoint{text, sa_port(&bound)};
        }
    }

    Endpoint endpoint() const { return m_endpoint; }

    void send(const Endpoint& to, const std::vector<uint8_t>& data) {
        struct sa dst;
        ASSERT_EQ(sa_set_str(&dst, to.address.c_str(), to.port), 0);
        RePtr<struct mbuf> mb(mbuf_alloc(data.size() + 1));
        ASSERT_EQ(mbuf_write_mem(mb.get(), data.data(), data.size()), 0);
        mbuf_set_pos(mb.get(), 0);
        ASSERT_EQ(udp_send(m_sock.get(), &dst, mb.get()), 0);
    }

    std::vector<Datagram> received;

private:
    static void onPacket(const struct sa* src, struct mbuf* mb, void* arg) {
        auto* self = static_cast<TestPhone*>(arg);
        char text[64] = {0};
        sa_ntop(src, text, sizeof(text));
        const uint8_t* p = mbuf_buf(mb);
        self->received.push_back(
            {Endpoint{text, sa_port(src)}, std::vector<uint8_t>(p, p + mbuf_get_left(mb))});
    }

    RePtr<struct ::udp_sock> m_sock;
    Endpoint m_endpoint;
};

/// An RTP packet (RFC 3550 §5.1) with a @p payloadSize byte payload of @p fill.
inline std::vector<uint8_t> makeRtp(uint16_t seq, uint32_t timestamp, uint32_t ssrc, uint8_t pt = 0,
                                    size_t payloadSize = 160, uint8_t fill = 0xff) {
    std::vector<uint8_t> p(12 + payloadSize, fill);
    p[0] = 0x80;
    p[1] = pt;
    p[2] = static_cast<uint8_t>(seq >> 8);
    p[3] = static_cast<uint8_t>(seq);
    for (int i = 0; i < 4; ++i) {
        p[static_cast<size_t>(4 + i)] = static_cast<uint8_t>(timestamp >> (24 - 8 * i));
        p[static_cast<size_t>(8 + i)] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
    }
    return p;
}

/// A minimal RTCP receiver report (RFC 3550 §6.4.2) from @p ssrc.
inline std::vector<uint8_t> makeRtcpReceiverReport(uint32_t ssrc) {
    std::vector<uint8_t> p{0x80, 201, 0x00, 0x01, 0, 0, 0, 0};
    for (int i = 0; i < 4; ++i) p[static_cast<size_t>(4 + i)] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
    return p;
}

inline uint16_t rtpSequence(const std::vector<uint8_t>& p) {
    return static_cast<uint16_t>(p[2] << 8 | p[3]);
}
inline uint32_t rtpTimestamp(const std::vector<uint8_t>& p) {
    return static_cast<uint32_t>(p[4]) << 24 | static_cast<uint32_t>(p[5]) << 16 |
           static_cast<uint32_t>(p[6]) << 8 | p[7];
}
inline uint32_t rtpSsrc(const std::vector<uint8_t>& p) {
    return static_cast<uint32_t>(p[8]) << 24 | static_cast<uint32_t>(p[9]) << 16 |
           static_cast<uint32_t>(p[10]) << 8 | p[11];
}

/// Power of @p freqHz in 8 kHz @p samples (Goertzel), normalised by length.
inline double tonePower(const std::vector<int16_t>& samples, double freqHz) {
    const double coefficient = 2.0 * std::cos(2.0 * std::numbers::pi * freqHz / 8000.0);
    double q1 = 0, q2 = 0;
    for (const int16_t s : samples) {
        const double q0 = coefficient * q1 - q2 + static_cast<double>(s);
        q2 = q1;
        q1 = q0;
    }
    const double power = q1 * q1 + q2 * q2 - coefficient * q1 * q2;
    return power / static_cast<double>(samples.size() * samples.size());
}

/// Mean absolute amplitude, to tell tone from silence.
inline double meanAmplitude(const std::vector<int16_t>& samples) {
    double sum = 0;
    for (const int16_t s : samples) sum += std::abs(static_cast<double>(s));
    return samples.empty() ? 0.0 : sum / static_cast<double>(samples.size());
}

/// Decode the G.711 payload of RTP packets (after the 12-byte header).
inline std::vector<int16_t> decodeG711(const std::vector<std::vector<uint8_t>>& packets, bool muLaw) {
    std::vector<int16_t> out;
    for (const auto& p : packets) {
        for (size_t i = 12; i < p.size(); ++i)
            out.push_back(muLaw ? g711_ulaw2pcm(p[i]) : g711_alaw2pcm(p[i]));
    }
    return out;
}

/// @p text with every "\n" turned into CRLF (samples are written with "\n").
inline std::string crlf(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

// Real-world SDP bodies, "\n"-separated (pass through crlf()).

/// A desk phone's offer: PCMU/PCMA/G729 and RFC 4733 DTMF.
inline constexpr std::string_view kPhoneOffer = R"(v=0
o=- 20518 0 IN IP4 192.168.1.20
s=SDP data
c=IN IP4 192.168.1.20
t=0 0
m=audio 11780 RTP/AVP 0 8 18 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:18 G729/8000
a=fmtp:18 annexb=no
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=ptime:20
a=sendrecv
)";

/// An IMS SBC's offer: AMR-WB/AMR, bandwidth lines and RFC 3312 preconditions.
inline constexpr std::string_view kImsOffer = R"(v=0
o=SBC 1594807302 1594807302 IN IP4 10.10.1.5
s=SBC call
c=IN IP4 10.10.1.5
b=AS:80
t=0 0
m=audio 30000 RTP/AVP 116 107 118 96 111 110
b=AS:80
b=RS:0
b=RR:0
a=rtpmap:116 AMR-WB/16000/1
a=fmtp:116 mode-change-capability=2;max-red=0
a=rtpmap:107 AMR-WB/16000/1
a=fmtp:107 octet-align=1;mode-change-capability=2;max-red=0
a=rtpmap:118 AMR/8000/1
a=fmtp:118 mode-change-capability=2;max-red=0
a=rtpmap:96 AMR/8000/1
a=fmtp:96 octet-align=1;mode-change-capability=2;max-red=0
a=rtpmap:111 telephone-event/16000
a=fmtp:111 0-15
a=rtpmap:110 telephone-event/8000
a=fmtp:110 0-15
a=curr:qos local none
a=curr:qos remote none
a=des:qos mandatory local sendrecv
a=des:qos optional remote sendrecv
a=sendrecv
a=ptime:20
a=maxptime:240
)";

/// RFC 4317 §2.1 style: session-level c= shared by audio and video.
inline constexpr std::string_view kSessionConnectionOffer = R"(v=0
o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com
s= 
c=IN IP4 192.0.2.101
t=0 0
m=audio 49170 RTP/AVP 0 8 97
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:97 iLBC/8000
m=video 51372 RTP/AVP 31 32
a=rtpmap:31 H261/90000
a=rtpmap:32 MPV/90000
)";

/// A phone putting the call on hold (RFC 3264 §8.4): a=sendonly, version bumped.
inline constexpr std::string_view kHoldOffer = R"(v=0
o=- 20518 1 IN IP4 192.168.1.20
s=SDP data
c=IN IP4 192.168.1.20
t=0 0
m=audio 11780 RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=sendonly
)";

}  // namespace sb::media::test
