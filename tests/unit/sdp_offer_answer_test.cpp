#include <gtest/gtest.h>

#include "media/sdp.h"
#include "media_test_support.h"

using namespace sb::media;
using sb::media::test::crlf;

namespace {

SessionDescription parsed(std::string_view text) {
    auto r = parseSdp(crlf(text));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(r).value() : SessionDescription{};
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
        s.replace(at, from.size(), to);
    }
    return s;
}

constexpr std::string_view kPcmaAnswer = R"(v=0
o=callee 99 1 IN IP4 10.0.0.9
s=-
c=IN IP4 10.0.0.9
t=0 0
m=audio 7078 RTP/AVP 8 96
a=rtpmap:8 PCMA/8000
a=rtpmap:96 telephone-event/8000
a=fmtp:96 0-15
a=recvonly
)";

}  // namespace

TEST(SdpNegotiate, MatchesCodecsByNameAndRateNotPayloadNumber) {
    const auto offer = parsed(test::kPhoneOffer);
    const auto answer = parsed(kPcmaAnswer);
    const auto n = negotiate(offer, answer);
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_TRUE(n->accepted);
    EXPECT_EQ(n->mediaIndex, 0u);
    ASSERT_EQ(n->codecs.size(), 2u);
    EXPECT_EQ(n->codecs[0].codec.encoding, "PCMA");
    EXPECT_EQ(n->codecs[0].offerPayloadType, 8);
    EXPECT_EQ(n->codecs[0].answerPayloadType, 8);
    EXPECT_EQ(n->codecs[1].codec.encoding, "telephone-event");
    EXPECT_EQ(n->codecs[1].offerPayloadType, 101);
    EXPECT_EQ(n->codecs[1].answerPayloadType, 96);
    EXPECT_EQ(n->codecs[1].answerFmtp, "0-15");
    EXPECT_EQ(n->direction, Direction::RecvOnly) << "the answer's own direction";
    EXPECT_EQ(n->primaryCodecName(), "PCMA");
}

TEST(SdpNegotiate, StaticPayloadWithoutRtpmapMatchesMappedOne) {
    const auto offer = parsed(R"(v=0
o=- 1 1 IN IP4 10.0.0.1
s=-
c=IN IP4 10.0.0.1
t=0 0
m=audio 4000 RTP/AVP 0 9
)");
    const auto answer = parsed(R"(v=0
o=- 2 2 IN IP4 10.0.0.2
s=-
c=IN IP4 10.0.0.2
t=0 0
m=audio 5000 RTP/AVP 9
a=rtpmap:9 g722/8000
)");
    const auto n = negotiate(offer, answer);
    ASSERT_TRUE(n.ok()) << n.error().message;
    ASSERT_EQ(n->codecs.size(), 1u);
    EXPECT_EQ(n->primaryCodecName(), "g722");
    EXPECT_EQ(n->direction, Direction::SendRecv);
}

TEST(SdpNegotiate, AmrWideAndNarrowBandAreDifferentCodecs) {
    const auto offer = parsed(test::kImsOffer);
    auto answer = parsed(test::kImsOffer);
    // The answerer keeps only narrow-band AMR and 8 kHz DTMF, under other numbers.
    auto& formats = answer.media[0].formats;
    formats = {{"97", RtpMap{"AMR", 8000, "1"}, "octet-align=1"},
               {"100", RtpMap{"telephone-event", 8000, ""}, "0-15"}};
    const auto n = negotiate(offer, answer);
    ASSERT_TRUE(n.ok()) << n.error().message;
    ASSERT_EQ(n->codecs.size(), 2u);
    EXPECT_EQ(n->codecs[0].offerPayloadType, 118) << "first offered AMR/8000/1";
    EXPECT_EQ(n->codecs[0].answerPayloadType, 97);
    EXPECT_EQ(n->codecs[1].offerPayloadType, 110) << "telephone-event/8000, not /16000";
    EXPECT_EQ(n->primaryCodecName(), "AMR");
}

TEST(SdpNegotiate, RejectedStreamIsNotAnError) {
    const auto offer = parsed(test::kPhoneOffer);
    auto answer = parsed(kPcmaAnswer);
    answer.media[0].port = 0;
    const auto n = negotiate(offer, answer);
    ASSERT_TRUE(n.ok());
    EXPECT_FALSE(n->accepted);
    EXPECT_TRUE(n->codecs.empty());
    EXPECT_EQ(n->primaryCodecName(), "");
}

TEST(SdpNegotiate, AnswersThatDoNotFitTheOfferAreErrors) {
    const auto offer = parsed(test::kPhoneOffer);

    auto noCommon = parsed(kPcmaAnswer);
    noCommon.media[0].formats = {{"9", std::nullopt, std::nullopt}};
    auto r = negotiate(offer, noCommon);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no codec in common"), std::string::npos);

    auto extraLine = parsed(kPcmaAnswer);
    extraLine.media.push_back(extraLine.media[0]);
    r = negotiate(offer, extraLine);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("2 m= lines, the offer 1"), std::string::npos);

    auto video = parsed(kPcmaAnswer);
    video.media[0].media = "video";
    r = negotiate(offer, video);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("audio in the offer but video"), std::string::npos);

    auto noAudio = parsed(test::kPhoneOffer);
    noAudio.media[0].port = 0;
    EXPECT_FALSE(negotiate(noAudio, parsed(kPcmaAnswer)).ok());
}

TEST(SdpNegotiate, FirstAudioCodecNameForTheCallsTable) {
    EXPECT_EQ(firstAudioCodecName(parsed(test::kPhoneOffer)), "PCMU");
    EXPECT_EQ(firstAudioCodecName(parsed(test::kImsOffer)), "AMR-WB");
    EXPECT_EQ(firstAudioCodecName(parsed(kPcmaAnswer)), "PCMA");
    auto dtmfFirst = parsed(kPcmaAnswer);
    std::swap(dtmfFirst.media[0].formats[0], dtmfFirst.media[0].formats[1]);
    EXPECT_EQ(firstAudioCodecName(dtmfFirst), "PCMA") << "telephone-event is skipped";
    EXPECT_EQ(firstAudioCodecName(SessionDescription{}), "");
}

TEST(SdpRewrite, ChangesOnlyAddressPortAndOrigin) {
    const std::string input = crlf(test::kImsOffer);
    const auto received = parsed(test::kImsOffer);
    LegOrigin origin("switchboard", 777, 1);
    const auto out = rewriteForLeg(received, Endpoint{"203.0.113.5", 20000}, origin);

    std::string expected = replaceAll(input, "o=SBC 1594807302 1594807302 IN IP4 10.10.1.5",
                                      "o=switchboard 777 1 IN IP4 203.0.113.5");
    expected = replaceAll(expected, "c=IN IP4 10.10.1.5", "c=IN IP4 203.0.113.5");
    expected = replaceAll(expected, "m=audio 30000 ", "m=audio 20000 ");
    EXPECT_EQ(renderSdp(out), expected);
}

TEST(SdpRewrite, MediaLevelConnectionIsReplacedToo) {
    const auto received = parsed(R"(v=0
o=- 5 5 IN IP4 198.51.100.7
s=-
t=0 0
m=audio 9000 RTP/AVP 0
c=IN IP4 198.51.100.7
a=sendrecv
)");
    LegOrigin origin("switchboard", 1, 1);
    const auto out = rewriteForLeg(received, Endpoint{"192.0.2.1", 30002}, origin);
    ASSERT_TRUE(out.connection);
    EXPECT_EQ(out.connection->address, "192.0.2.1");
    ASSERT_TRUE(out.media[0].connection);
    EXPECT_EQ(out.media[0].connection->address, "192.0.2.1");
    EXPECT_EQ(audioEndpoint(out), (Endpoint{"192.0.2.1", 30002}));
    EXPECT_EQ(renderSdp(out).find("198.51.100.7"), std::string::npos) << "the peer's address must not leak";
}

TEST(SdpRewrite, VersionIncreasesOnlyWhenTheContentChanges) {
    LegOrigin origin("switchboard", 4242, 10);
    const Endpoint ours{"192.0.2.1", 30000};
    const auto offer = parsed(test::kPhoneOffer);

    auto first = rewriteForLeg(offer, ours, origin);
    EXPECT_EQ(first.origin.sessionId, "4242");
    EXPECT_EQ(first.origin.sessionVersion, 10u);

    // The same answer again (183 then 200, RFC 3262 §5): same version.
    EXPECT_EQ(rewriteForLeg(offer, ours, origin).origin.sessionVersion, 10u);

    // The peer bumped only its own o= version: nothing we send changes.
    auto peerBumped = offer;
    peerBumped.origin.sessionVersion = 1;
    EXPECT_EQ(rewriteForLeg(peerBumped, ours, origin).origin.sessionVersion, 10u);

    // Hold changes the content: version + 1 (RFC 3264 §8), session id fixed.
    const auto hold = rewriteForLeg(parsed(test::kHoldOffer), ours, origin);
    EXPECT_EQ(hold.origin.sessionVersion, 11u);
    EXPECT_EQ(hold.origin.sessionId, "4242");
    EXPECT_EQ(hold.media[0].direction, Direction::SendOnly);
    EXPECT_EQ(rewriteForLeg(parsed(test::kHoldOffer), ours, origin).origin.sessionVersion, 11u);

    // Resume, and a new relay port, each a change.
    EXPECT_EQ(rewriteForLeg(offer, ours, origin).origin.sessionVersion, 12u);
    EXPECT_EQ(rewriteForLeg(offer, Endpoint{"192.0.2.1", 30010}, origin).origin.sessionVersion, 13u);
    EXPECT_EQ(origin.version(), 13u);
}

TEST(SdpRewrite, LegsHaveIndependentRandomOrigins) {
    LegOrigin a, b;
    EXPECT_NE(a.sessionId(), b.sessionId());
    const auto offer = parsed(test::kPhoneOffer);
    const auto toA = rewriteForLeg(offer, Endpoint{"192.0.2.1", 30000}, a);
    EXPECT_EQ(toA.origin.username, "switchboard");
    EXPECT_EQ(toA.origin.sessionId, std::to_string(a.sessionId()));
}

TEST(SdpRewrite, OtherStreamsAreDisabledAndIceIsRemoved) {
    const auto received = parsed(R"(v=0
o=- 1 1 IN IP4 10.0.0.5
s=-
c=IN IP4 10.0.0.5
t=0 0
a=ice-lite
a=group:BUNDLE 0
m=audio 4000 RTP/AVP 0 101
a=rtpmap:101 telephone-event/8000
a=ice-ufrag:abcd
a=ice-pwd:0123456789abcdef01234567
a=candidate:1 1 UDP 2130706431 10.0.0.5 4000 typ host
a=candidate:2 1 UDP 1694498815 198.51.100.20 61000 typ srflx raddr 10.0.0.5 rport 4000
a=rtcp:4001 IN IP4 10.0.0.5
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR
a=sendrecv
m=video 4002 RTP/AVP 96
c=IN IP4 10.0.0.5
a=rtpmap:96 H264/90000
m=audio 4004 RTP/AVP 8
)");
    LegOrigin origin("switchboard", 1, 1);
    const auto out = rewriteForLeg(received, Endpoint{"192.0.2.1", 30000}, origin);
    EXPECT_EQ(renderSdp(out), crlf(R"(v=0
o=switchboard 1 1 IN IP4 192.0.2.1
s=-
c=IN IP4 192.0.2.1
t=0 0
a=group:BUNDLE 0
m=audio 30000 RTP/AVP 0 101
a=rtpmap:101 telephone-event/8000
a=rtcp:30001
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR
a=sendrecv
m=video 0 RTP/AVP 96
c=IN IP4 192.0.2.1
a=rtpmap:96 H264/90000
m=audio 0 RTP/AVP 8
)"));
}

TEST(SdpRewrite, Ipv6RelayAddress) {
    LegOrigin origin("switchboard", 1, 1);
    const auto out = rewriteForLeg(parsed(test::kPhoneOffer), Endpoint{"2001:db8::5", 30000}, origin);
    EXPECT_EQ(out.origin.addrType, "IP6");
    EXPECT_EQ(out.connection, (Connection{"IN", "IP6", "2001:db8::5"}));
}

namespace sb::media {
namespace {

TEST(PreferCodecs, ListedEncodingsComeFirstInOrderOthersKeepTheirs) {
    auto sdp = parseSdp("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                        "m=audio 4000 RTP/AVP 0 9 8 18 101\r\na=rtpmap:101 telephone-event/8000\r\n");
    ASSERT_TRUE(sdp) << sdp.error().message;
    auto ids = [](const SessionDescription& s) {
        std::string out;
        for (const auto& f : s.media[0].formats) out += f.id + " ";
        return out;
    };
    SessionDescription same = sdp.value();
    preferCodecs(same, {});
    EXPECT_EQ(ids(same), "0 9 8 18 101 ");
    SessionDescription pcma = sdp.value();
    preferCodecs(pcma, {"pcma", "G729"});
    EXPECT_EQ(ids(pcma), "8 18 0 9 101 ");
    // Rendering keeps every rtpmap with its format.
    const std::string text = renderSdp(pcma);
    EXPECT_NE(text.find("m=audio 4000 RTP/AVP 8 18 0 9 101\r\n"), std::string::npos) << text;
    EXPECT_NE(text.find("a=rtpmap:101 telephone-event/8000"), std::string::npos) << text;
    SessionDescription unknown = sdp.value();
    preferCodecs(unknown, {"opus"});
    EXPECT_EQ(ids(unknown), "0 9 8 18 101 ");
}

}  // namespace
}  // namespace sb::media
