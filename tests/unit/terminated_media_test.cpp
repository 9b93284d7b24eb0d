// Offer/answer for terminated legs, DTMF in INFO bodies and the feature
// codes that reach services.

#include <gtest/gtest.h>

#include "call/service_call.h"
#include "media/terminated_sdp.h"
#include "media_test_support.h"
#include "sip/dtmf_info.h"

namespace sb {
namespace {

media::SessionDescription parse(std::string_view text) {
    auto sdp = media::parseSdp(media::test::crlf(text));
    EXPECT_TRUE(sdp) << sdp.error().message;
    return sdp.value();
}

TEST(TerminatedSdp, AnswersWithTheFirstG711OfTheOfferAndTelephoneEvent) {
    media::LegOrigin origin("switchboard", 1, 1);
    auto a = media::answerAsEndpoint(parse(media::test::kPhoneOffer), {"127.0.0.1", 30000}, origin);
    ASSERT_TRUE(a) << a.error().message;
    const auto& m = a->sdp.media.at(0);
    EXPECT_EQ(m.port, 30000);
    ASSERT_EQ(m.formats.size(), 2u);
    EXPECT_EQ(a->params.telephoneEvent, uint8_t{101});
    EXPECT_EQ(m.formats[1].rtpmap->encoding, "telephone-event");
    EXPECT_EQ(a->sdp.connection->address, "127.0.0.1");
    const std::string text = media::renderSdp(a->sdp);
    EXPECT_NE(text.find("a=sendrecv"), std::string::npos) << text;
}

TEST(TerminatedSdp, PrefersWhatTheOffererListsFirst) {
    media::LegOrigin origin;
    auto a = media::answerAsEndpoint(parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
                                           "m=audio 4000 RTP/AVP 18 8 0\n"),
                                     {"127.0.0.1", 30002}, origin);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->params.payloadType, 8);
    EXPECT_EQ(a->params.law, media::G711Law::ALaw);
    EXPECT_FALSE(a->params.telephoneEvent);
    EXPECT_EQ(a->params.remote, (media::Endpoint{"192.0.2.1", 4000}));
}

TEST(TerminatedSdp, RefusesAnOfferWithoutG711AndDisablesOtherStreams) {
    media::LegOrigin origin;
    auto none = media::answerAsEndpoint(parse(media::test::kImsOffer), {"127.0.0.1", 30004}, origin);
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("G.711"), std::string::npos);
    auto av = media::answerAsEndpoint(parse(media::test::kSessionConnectionOffer), {"127.0.0.1", 30004}, origin);
    ASSERT_TRUE(av) << av.error().message;
    ASSERT_EQ(av->sdp.media.size(), 2u);
    EXPECT_EQ(av->sdp.media[1].port, 0);
}

TEST(TerminatedSdp, HoldIsMirrored) {
    media::LegOrigin origin;
    auto a = media::answerAsEndpoint(parse(media::test::kHoldOffer), {"127.0.0.1", 30006}, origin);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->params.peerDirection, media::Direction::SendOnly);
    EXPECT_EQ(a->sdp.media[0].direction, media::Direction::RecvOnly);
}

TEST(DtmfInfo, ReadsDtmfRelayAndPlainDtmfBodies) {
    EXPECT_EQ(sip::dtmfFromInfo({"application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"}), '5');
    EXPECT_EQ(sip::dtmfFromInfo({"application/dtmf-relay", "signal= #\nduration=100"}), '#');
    EXPECT_EQ(sip::dtmfFromInfo({"Application/DTMF-Relay; charset=x", "Signal=11\r\n"}), '#');
    EXPECT_EQ(sip::dtmfFromInfo({"application/dtmf", "*"}), '*');
    EXPECT_EQ(sip::dtmfFromInfo({"application/dtmf-relay", "Signal=X\r\n"}), std::nullopt);
    EXPECT_EQ(sip::dtmfFromInfo({"application/dtmf-relay", "Duration=160\r\n"}), std::nullopt);
    EXPECT_EQ(sip::dtmfFromInfo({"application/sdp", "Signal=5"}), std::nullopt);
    EXPECT_EQ(sip::dtmfFromInfo(sip::dtmfRelayBody('9')), '9');
}

TEST(FeatureCodes, EchoAndConferenceRooms) {
    const call::FeatureCodes codes;
    auto echo = call::matchService(codes, "*43");
    ASSERT_TRUE(echo);
    EXPECT_EQ(echo->kind, call::ServiceTarget::Kind::Echo);
    auto room = call::matchService(codes, "*88100");
    ASSERT_TRUE(room);
    EXPECT_EQ(room->kind, call::ServiceTarget::Kind::Conference);
    EXPECT_EQ(room->room, "100");
    EXPECT_EQ(room->label, "conference 100");
    EXPECT_FALSE(call::matchService(codes, "*88"));
    EXPECT_FALSE(call::matchService(codes, "*88x1"));
    EXPECT_FALSE(call::matchService(codes, "*88123456789"));
    EXPECT_FALSE(call::matchService(codes, "101"));
    EXPECT_FALSE(call::matchService(codes, "*431"));
}

}  // namespace
}  // namespace sb
