#include <gtest/gtest.h>

#include <random>

#include "media/sdp.h"
#include "media_test_support.h"

using namespace sb::media;
using sb::media::test::crlf;

namespace {

SessionDescription parseOk(std::string_view text) {
    auto parsed = parseSdp(text);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
    return parsed.ok() ? std::move(parsed).value() : SessionDescription{};
}

}  // namespace

TEST(SdpParse, PhoneOfferRoundTripsByteForByte) {
    const std::string text = crlf(test::kPhoneOffer);
    const auto sdp = parseOk(text);
    EXPECT_EQ(renderSdp(sdp), text);

    EXPECT_EQ(sdp.origin.username, "-");
    EXPECT_EQ(sdp.origin.sessionId, "20518");
    EXPECT_EQ(sdp.origin.sessionVersion, 0u);
    EXPECT_EQ(sdp.origin.address, "192.168.1.20");
    EXPECT_EQ(sdp.sessionName, "SDP data");
    ASSERT_TRUE(sdp.connection);
    EXPECT_EQ(sdp.connection->address, "192.168.1.20");
    ASSERT_EQ(sdp.media.size(), 1u);
    const MediaSection& m = sdp.media[0];
    EXPECT_EQ(m.media, "audio");
    EXPECT_EQ(m.port, 11780);
    EXPECT_EQ(m.proto, "RTP/AVP");
    ASSERT_EQ(m.formats.size(), 4u);
    EXPECT_EQ(m.formats[0].id, "0");
    EXPECT_EQ(m.formats[0].rtpmap->encoding, "PCMU");
    EXPECT_EQ(m.formats[2].fmtp, "annexb=no");
    EXPECT_EQ(m.formats[3].rtpmap->encoding, "telephone-event");
    EXPECT_EQ(m.formats[3].rtpmap->clockRate, 8000u);
    EXPECT_EQ(m.formats[3].fmtp, "0-15");
    EXPECT_EQ(m.ptimeMs, 20u);
    EXPECT_EQ(m.direction, Direction::SendRecv);
    EXPECT_TRUE(m.attributes.empty());
}

TEST(SdpParse, ImsOfferKeepsPreconditionsAndBandwidthVerbatim) {
    const std::string text = crlf(test::kImsOffer);
    const auto sdp = parseOk(text);
    EXPECT_EQ(renderSdp(sdp), text);

    const MediaSection& m = sdp.media.at(0);
    ASSERT_EQ(m.formats.size(), 6u);
    EXPECT_EQ(m.formats[0].rtpmap, (RtpMap{"AMR-WB", 16000, "1"}));
    EXPECT_EQ(m.formats[1].fmtp, "octet-align=1;mode-change-capability=2;max-red=0");
    EXPECT_EQ(m.formats[4].rtpmap, (RtpMap{"telephone-event", 16000, ""}));
    ASSERT_EQ(m.attributes.size(), 5u);
    EXPECT_EQ(m.attributes[0], (Attribute{"curr", "qos local none"}));
    EXPECT_EQ(m.attributes[3], (Attribute{"des", "qos optional remote sendrecv"}));
    EXPECT_EQ(m.attributes[4], (Attribute{"maxptime", "240"}));
    ASSERT_EQ(m.lines.size(), 3u);
    EXPECT_EQ(m.lines[1], (Line{'b', "RS:0"}));
    EXPECT_EQ(sdp.lines.at(0), (Line{'b', "AS:80"}));
}

TEST(SdpParse, SessionLevelConnectionAppliesToEveryStream) {
    const std::string text = crlf(test::kSessionConnectionOffer);
    const auto sdp = parseOk(text);
    EXPECT_EQ(renderSdp(sdp), text);
    ASSERT_EQ(sdp.media.size(), 2u);
    EXPECT_FALSE(sdp.media[0].connection);
    EXPECT_EQ(sdp.origin.address, "host.atlanta.example.com");
    EXPECT_EQ(audioEndpoint(sdp), (Endpoint{"192.0.2.101", 49170}));
    EXPECT_EQ(sdp.media[1].media, "video");
    EXPECT_EQ(effectiveDirection(sdp, sdp.media[1]), Direction::SendRecv);
}

TEST(SdpParse, SendonlyHoldAtMediaAndSessionLevel) {
    const auto media = parseOk(crlf(test::kHoldOffer));
    EXPECT_EQ(renderSdp(media), crlf(test::kHoldOffer));
    EXPECT_EQ(effectiveDirection(media, media.media.at(0)), Direction::SendOnly);

    const auto session = parseOk(
        "v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\na=sendonly\r\n"
        "m=audio 4000 RTP/AVP 8\r\n");
    EXPECT_EQ(session.direction, Direction::SendOnly);
    EXPECT_EQ(effectiveDirection(session, session.media.at(0)), Direction::SendOnly);
    EXPECT_EQ(audioEndpoint(session), (Endpoint{"0.0.0.0", 4000}));
}

TEST(SdpParse, AcceptsBareLineFeedsAndRendersCrlf) {
    const auto sdp = parseOk(test::kPhoneOffer);
    EXPECT_EQ(renderSdp(sdp), crlf(test::kPhoneOffer));
}

TEST(SdpParse, ToleratesTrailingBlankLinesAndMissingFinalNewline) {
    std::string text = crlf(test::kHoldOffer);
    EXPECT_TRUE(parseSdp(text + "\r\n\r\n").ok());
    text.resize(text.size() - 2);
    EXPECT_TRUE(parseSdp(text).ok());
}

TEST(SdpParse, StaticPayloadTypesResolveWithoutRtpmap) {
    const auto sdp = parseOk(
        "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 9 0 8 "
        "18\r\n");
    const auto& f = sdp.media.at(0).formats;
    EXPECT_FALSE(f[0].rtpmap);
    EXPECT_EQ(resolveRtpMap(f[0]), (RtpMap{"G722", 8000, ""}));
    EXPECT_EQ(resolveRtpMap(f[1])->encoding, "PCMU");
    EXPECT_EQ(resolveRtpMap(f[2])->encoding, "PCMA");
    EXPECT_EQ(resolveRtpMap(f[3])->encoding, "G729");
    EXPECT_EQ(findPayloadType(sdp.media[0], "pcma", 8000), 8);
    EXPECT_FALSE(findPayloadType(sdp.media[0], "PCMA", 16000));
}

TEST(SdpParse, KeepsUnknownAttributesAndOddButValidLines) {
    const std::string text = crlf(R"(v=0
o=user 123 456 IN IP6 2001:db8::1
s=Talk
i=A call
u=http://example.com/call
e=alice@example.com
c=IN IP6 2001:db8::1
t=0 0
r=604800 3600 0 90000
a=group:BUNDLE audio
m=audio 4000/2 RTP/SAVP 0 96
i=voice
a=rtpmap:96 opus/48000/2
a=fmtp:96 useinbandfec=1; maxaveragebitrate=20000
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR
a=rtpmap:120 unused/8000
a=ptime:20.0
a=rtcp-mux
a=x-empty:
m=image 5000 udptl t38
a=T38FaxVersion:0
)");
    const auto sdp = parseOk(text);
    EXPECT_EQ(renderSdp(sdp), text);
    const MediaSection& audio = sdp.media.at(0);
    EXPECT_EQ(audio.portCount, 2);
    EXPECT_EQ(audio.formats[1].fmtp, "useinbandfec=1; maxaveragebitrate=20000");
    EXPECT_FALSE(audio.ptimeMs) << "a decimal ptime is kept verbatim";
    EXPECT_EQ(audio.attributes.at(1), (Attribute{"rtpmap", "120 unused/8000"}))
        << "map for an unlisted PT is kept";
    EXPECT_EQ(audio.attributes.back(), (Attribute{"x-empty", ""}));
    EXPECT_FALSE(sdp.media.at(1).isRtp());
    EXPECT_EQ(sdp.media.at(1).formats.at(0).id, "t38");
}

TEST(SdpRender, DescriptionBuiltInCodeRendersCanonically) {
    SessionDescription sdp;
    sdp.origin = {"switchboard", "42", 7, "IN", "IP4", "10.0.0.1"};
    sdp.connection = Connection{"IN", "IP4", "10.0.0.1"};
    MediaSection m;
    m.media = "audio";
    m.port = 20000;
    m.proto = "RTP/AVP";
    m.formats.push_back({"8", RtpMap{"PCMA", 8000, ""}, std::nullopt});
    m.formats.push_back({"101", RtpMap{"telephone-event", 8000, ""}, "0-16"});
    m.ptimeMs = 20;
    m.direction = Direction::RecvOnly;
    m.attributes.push_back({"maxptime", "40"});
    sdp.media.push_back(m);
    EXPECT_EQ(renderSdp(sdp), crlf(R"(v=0
o=switchboard 42 7 IN IP4 10.0.0.1
s=-
c=IN IP4 10.0.0.1
t=0 0
m=audio 20000 RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=ptime:20
a=maxptime:40
a=recvonly
)"));
}

TEST(SdpRender, EditedFormatsDropTheirAttributes) {
    auto sdp = parseOk(crlf(test::kPhoneOffer));
    auto& formats = sdp.media[0].formats;
    formats.erase(formats.begin() + 1, formats.begin() + 3);  // drop PCMA and G729
    sdp.media[0].direction = Direction::Inactive;
    EXPECT_EQ(renderSdp(sdp), crlf(R"(v=0
o=- 20518 0 IN IP4 192.168.1.20
s=SDP data
c=IN IP4 192.168.1.20
t=0 0
m=audio 11780 RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=ptime:20
a=inactive
)"));
}

namespace {

struct Malformed {
    const char* name;
    std::string text;
    const char* reason;  // expected in the error message
};

std::string withMedia(const std::string& mediaLines) {
    return "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n" + mediaLines;
}

}  // namespace

TEST(SdpParse, MalformedInputIsRejectedWithAReason) {
    const std::string audio = "m=audio 4000 RTP/AVP 0 101\r\n";
    const std::vector<Malformed> cases{
        {"empty", "", "empty SDP"},
        {"only blank lines", "\r\n\r\n", "empty SDP"},
        {"no v=", "o=- 1 1 IN IP4 10.0.0.1\r\n", "line 1: the first line must be v=0"},
        {"v=1", "v=1\r\n", "must be v=0"},
        {"second v=", "v=0\r\nv=0\r\n", "line 2: v= may only be the first line"},
        {"no o=", "v=0\r\ns=-\r\nt=0 0\r\n", "no o= line"},
        {"o= short", "v=0\r\no=- 1 1 IN IP4\r\n", "o= needs 6 fields"},
        {"o= version", "v=0\r\no=- 1 x IN IP4 10.0.0.1\r\n", "session version \"x\" is not a number"},
        {"o= version overflow", "v=0\r\no=- 1 99999999999999999999999 IN IP4 1.2.3.4\r\n", "not a number"},
        {"second o=", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\no=- 1 1 IN IP4 1.2.3.4\r\n",
         "line 3: second o= line"},
        {"c= short", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4\r\n",
         "expected <nettype> <addrtype> <address>"},
        {"c= addrtype", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IPX 1.2.3.4\r\n", "address type \"IPX\""},
        {"c= nettype", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=ATM NSAP 47\r\n", "network type \"ATM\""},
        {"c= address", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4<>\r\n", "bad connection address"},
        {"no c= for media", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
         "line 5: m=audio has no c= line"},
        {"m= port text", withMedia("m=audio abc RTP/AVP 0\r\n"), "line 6: m= port \"abc\" is not a number"},
        {"m= port range", withMedia("m=audio 70000 RTP/AVP 0\r\n"), "is not a number 0..65535"},
        {"m= port count", withMedia("m=audio 4000/0 RTP/AVP 0\r\n"), "bad port count"},
        {"m= no formats", withMedia("m=audio 4000 RTP/AVP\r\n"), "m= needs <media> <port> <proto> <fmt>"},
        {"m= bad PT", withMedia("m=audio 4000 RTP/AVP 0 200\r\n"), "\"200\" is not an RTP payload type"},
        {"m= PT text", withMedia("m=audio 4000 RTP/AVP PCMU\r\n"), "is not an RTP payload type"},
        {"m= duplicate PT", withMedia("m=audio 4000 RTP/AVP 0 0\r\n"), "listed twice"},
        {"rtpmap no clock", withMedia(audio + "a=rtpmap:0 PCMU\r\n"),
         "line 7: rtpmap \"PCMU\" has no clock rate"},
        {"rtpmap clock text", withMedia(audio + "a=rtpmap:0 PCMU/abc\r\n"), "clock rate \"abc\""},
        {"rtpmap clock zero", withMedia(audio + "a=rtpmap:0 PCMU/0\r\n"), "not a positive number"},
        {"rtpmap clock huge", withMedia(audio + "a=rtpmap:0 PCMU/4294967296\r\n"), "not a positive number"},
        {"rtpmap PT", withMedia(audio + "a=rtpmap:x PCMU/8000\r\n"), "payload type \"x\" is not 0..127"},
        {"rtpmap fields", withMedia(audio + "a=rtpmap:0 PCMU/8000 extra\r\n"), "a=rtpmap needs"},
        {"rtpmap empty", withMedia(audio + "a=rtpmap\r\n"), "a=rtpmap needs"},
        {"rtpmap name", withMedia(audio + "a=rtpmap:0 PC(MU/8000\r\n"), "bad rtpmap encoding name"},
        {"rtpmap params", withMedia(audio + "a=rtpmap:0 PCMU/8000/\r\n"), "bad rtpmap encoding parameters"},
        {"rtpmap twice", withMedia(audio + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:0 PCMA/8000\r\n"),
         "second a=rtpmap"},
        {"fmtp no params", withMedia(audio + "a=fmtp:101\r\n"), "a=fmtp:101 has no parameters"},
        {"fmtp blank params", withMedia(audio + "a=fmtp:101   \r\n"), "has no parameters"},
        {"fmtp no format", withMedia(audio + "a=fmtp: 0-15\r\n"), "a=fmtp needs <format> <parameters>"},
        {"fmtp twice", withMedia(audio + "a=fmtp:101 0-15\r\na=fmtp:101 0-16\r\n"), "second a=fmtp"},
        {"ptime text", withMedia(audio + "a=ptime:abc\r\n"), "a=ptime value \"abc\""},
        {"ptime zero", withMedia(audio + "a=ptime:0\r\n"), "a=ptime value \"0\""},
        {"ptime twice", withMedia(audio + "a=ptime:20\r\na=ptime:30\r\n"), "second a=ptime"},
        {"direction clash", withMedia(audio + "a=sendrecv\r\na=sendonly\r\n"),
         "conflicts with an earlier a=sendrecv"},
        {"direction value", withMedia(audio + "a=sendonly:yes\r\n"), "a=sendonly takes no value"},
        {"session direction clash", withMedia("a=inactive\r\na=recvonly\r\n"), "conflicts"},
        {"empty attribute", withMedia(audio + "a=\r\n"), "bad attribute name"},
        {"attribute name", withMedia(audio + "a=foo bar\r\n"), "bad attribute name"},
        {"unknown type", withMedia("x=whatever\r\n"), "line 6: unknown line type 'x='"},
        {"no equals", withMedia("hello\r\n"), "expected <letter>=<value>"},
        {"upper case", withMedia("A=sendrecv\r\n"), "expected <letter>=<value>"},
        {"NUL byte", withMedia(std::string("a=foo\0bar\r\n", 11)), "NUL byte"},
        {"stray CR", withMedia("a=foo\rbar\r\n"), "stray CR"},
        {"blank line inside", withMedia("\r\n" + audio), "line 6: empty line"},
        {"t= after m=", withMedia(audio + "t=0 0\r\n"), "t= belongs to the session part"},
        {"t= text", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nt=now later\r\n", "t= needs <start> <stop>"},
        {"b= no type", withMedia("b=64\r\n"), "b= needs <bwtype>:<bandwidth>"},
        {"second c= in media", withMedia(audio + "c=IN IP4 1.1.1.1\r\nc=IN IP4 2.2.2.2\r\n"),
         "second c= line"},
    };
    for (const Malformed& c : cases) {
        const auto parsed = parseSdp(c.text);
        ASSERT_FALSE(parsed.ok()) << c.name << " was accepted";
        EXPECT_NE(parsed.error().message.find(c.reason), std::string::npos)
            << c.name << ": \"" << parsed.error().message << "\" lacks \"" << c.reason << "\"";
    }
}

TEST(SdpParse, SizeLimitsAreEnforced) {
    const auto big = parseSdp(withMedia("a=x:" + std::string(kMaxSdpBytes, 'y') + "\r\n"));
    ASSERT_FALSE(big.ok());
    EXPECT_NE(big.error().message.find("exceeds the limit"), std::string::npos);

    std::string lines;
    for (size_t i = 0; i < kMaxSdpLines; ++i) lines += "a=x\r\n";
    const auto many = parseSdp(withMedia(lines));
    ASSERT_FALSE(many.ok());
    EXPECT_NE(many.error().message.find("more than"), std::string::npos);

    std::string media;
    for (size_t i = 0; i <= kMaxMediaSections; ++i) media += "m=audio 0 RTP/AVP 0\r\n";
    const auto streams = parseSdp(withMedia(media));
    ASSERT_FALSE(streams.ok());
    EXPECT_NE(streams.error().message.find("m= lines"), std::string::npos);

    const auto quoted = parseSdp(withMedia(std::string(500, '\x01') + "\r\n"));
    ASSERT_FALSE(quoted.ok());
    EXPECT_LT(quoted.error().message.size(), 300u) << "untrusted text in errors is shortened";
}

// A small in-process fuzz run over mutated real SDPs: no crash, no
// sanitizer report, and whatever parses renders to a fixed point.
TEST(SdpParse, MutatedInputNeverCrashesAndRenderIsStable) {
    const std::vector<std::string> seeds{crlf(test::kPhoneOffer), crlf(test::kImsOffer),
                                         crlf(test::kSessionConnectionOffer), crlf(test::kHoldOffer)};
    std::mt19937 rng(20240611);
    static constexpr char kInteresting[] =
        "=:/ \r\n\0\x7f\xff"
        "0123456789amcvo";
    const std::string interesting(kInteresting, sizeof(kInteresting) - 1);
    size_t accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string s = seeds[static_cast<size_t>(i) % seeds.size()];
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits && !s.empty(); ++e) {
            const size_t at = rng() % s.size();
            switch (rng() % 5) {
                case 0:
                    s[at] = interesting[rng() % interesting.size()];
                    break;
                case 1:
                    s.erase(at, 1 + rng() % 8);
                    break;
                case 2:
                    s.insert(at, 1, interesting[rng() % interesting.size()]);
                    break;
                case 3:
                    s.resize(at);
                    break;
                default:
                    s.insert(at, s.substr(at, rng() % 40));
                    break;
            }
        }
        const auto parsed = parseSdp(s);
        if (!parsed.ok()) {
            EXPECT_FALSE(parsed.error().message.empty());
            continue;
        }
        ++accepted;
        const std::string once = renderSdp(*parsed);
        const auto again = parseSdp(once);
        ASSERT_TRUE(again.ok()) << "rendered SDP does not parse: " << again.error().message << "\n" << once;
        ASSERT_EQ(renderSdp(*again), once);
    }
    EXPECT_GT(accepted, 100u) << "mutations should leave some SDPs valid";
}
