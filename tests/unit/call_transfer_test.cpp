// Call transfer pieces that need no network peer: the Refer-To / Replaces
// grammar (RFC 3515 §2.1, RFC 3891 §6.1), the sipfrag body, and the offer
// Switchboard makes toward a transfer target or a transferee coming off hold.
// The flows themselves are tested against SIPp (tests/sipp/transfer_test.py).
#include <gtest/gtest.h>

#include "call/call_media.h"
#include "media/port_pool.h"
#include "media_test_support.h"
#include "sip/refer.h"

namespace sb {
namespace {

using sip::parseReferTo;

TEST(ReferTo, NameAddrWithDisplayName) {
    auto t = parseReferTo(R"("Reception" <sip:103@pbx.example.com>)");
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->number, "103");
    EXPECT_EQ(t->uri, "sip:103@pbx.example.com");
    EXPECT_FALSE(t->replaces);
}

TEST(ReferTo, AddrSpecKeepsHeaderParametersOutOfTheUri) {
    auto t = parseReferTo("sip:0201234567@pbx;user=phone");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->number, "0201234567");
}

TEST(ReferTo, TelAndUserPhoneNumbersAreNormalised) {
    auto tel = parseReferTo("<tel:+86-139-0108-8888>");
    ASSERT_TRUE(tel.ok());
    EXPECT_EQ(tel->number, "+8613901088888");
    auto phone = parseReferTo("<sip:+86(10)12345678@ims.example.cn;user=phone>");
    ASSERT_TRUE(phone.ok());
    EXPECT_EQ(phone->number, "+861012345678");
}

TEST(ReferTo, ReplacesIsPercentDecodedAndSplit) {
    auto t = parseReferTo(
        "<sip:102@10.0.0.1?Replaces=abc%40host%3Bto-tag%3D7553452%3Bfrom-tag%3D31431%3Bearly-only"
        "&Require=replaces>");
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->number, "102");
    EXPECT_EQ(t->uri, "sip:102@10.0.0.1");
    ASSERT_TRUE(t->replaces);
    EXPECT_EQ(t->replaces->callId, "abc@host");
    EXPECT_EQ(t->replaces->toTag, "7553452");
    EXPECT_EQ(t->replaces->fromTag, "31431");
    EXPECT_TRUE(t->replaces->earlyOnly);
}

TEST(ReferTo, OtherUriHeadersAreIgnored) {
    auto t = parseReferTo("<sip:102@pbx?Subject=hello%20there>");
    ASSERT_TRUE(t.ok());
    EXPECT_FALSE(t->replaces);
}

TEST(ReferTo, RefusesWhatNamesNoNumber) {
    for (const char* bad :
         {"", "<mailto:someone@example.com>", "<sip:pbx.example.com>", "<sip:102@pbx",
          "<sip:102@pbx?Replaces=abc%3Bto-tag%3D1>",  // RFC 3891: both tags
          "<sip:102@pbx?Replaces=abc%0D%0AX%3Bto-tag%3D1%3Bfrom-tag%3D2>", "\"unterminated <sip:102@pbx>"}) {
        EXPECT_FALSE(parseReferTo(bad).ok()) << bad;
    }
}

TEST(ReferTo, ReplacesNeedsACallId) {
    EXPECT_FALSE(sip::parseReplaces(";to-tag=1;from-tag=2").ok());
    auto r = sip::parseReplaces(" id@h ; TO-TAG=1 ; From-Tag=2 ");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->callId, "id@h");
    EXPECT_EQ(r->toTag, "1");
    EXPECT_EQ(r->fromTag, "2");
    EXPECT_FALSE(r->earlyOnly);
}

TEST(ReferTo, SipfragIsTheStatusLine) {
    EXPECT_EQ(sip::sipfrag(180, "Ringing"), "SIP/2.0 180 Ringing\r\n");
    EXPECT_EQ(sip::sipfrag(486, "Busy Here"), "SIP/2.0 486 Busy Here\r\n");
}

sip::Body sdp(const std::string& port, const std::string& formats, const std::string& direction = "") {
    std::string maps;
    for (const char* map : {"0 PCMU/8000", "8 PCMA/8000", "101 telephone-event/8000"})
        if ((" " + formats + " ").find(" " + std::string(map).substr(0, std::string(map).find(' ')) + " ") !=
            std::string::npos)
            maps += "a=rtpmap:" + std::string(map) + "\r\n";
    return sip::Body::sdp(
        "v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port +
        " RTP/AVP " + formats + "\r\n" + maps + (direction.empty() ? "" : "a=" + direction + "\r\n"));
}

class TransferOfferTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto pool = media::PortPool::create({24000, 24999});
        ASSERT_TRUE(pool.ok());
        m_pool = std::make_unique<media::PortPool>(std::move(*pool));
        auto m = call::CallMedia::create(*m_pool, "127.0.0.1", "");
        ASSERT_TRUE(m.ok()) << m.error().message;
        media = std::move(*m);
        // The caller offers three formats; the callee answers PCMA.
        ASSERT_TRUE(media->relay(media::Leg::A, sdp("40000", "0 8 101"), true).ok());
        ASSERT_TRUE(media->relay(media::Leg::B, sdp("40002", "8 101")).ok());
        // The callee puts the caller on hold before transferring it: the
        // caller is re-offered PCMA and PCMU, and answers PCMA.
        auto hold = media->relay(media::Leg::B, sdp("40002", "8 0 101", "sendonly"), true);
        ASSERT_TRUE(hold.ok());
        holdOffer = hold->content;
        ASSERT_TRUE(media->relay(media::Leg::A, sdp("40000", "8 101", "recvonly")).ok());
    }
    media::test::LoopScope m_loop;
    std::unique_ptr<media::PortPool> m_pool;
    std::unique_ptr<call::CallMedia> media;
    std::string holdOffer;  ///< what the caller was sent to put it on hold
};

std::string originLine(const std::string& sdp) {
    const size_t o = sdp.find("o=");
    return sdp.substr(o, sdp.find("\r\n", o) - o);
}

TEST_F(TransferOfferTest, TheTargetIsOfferedOnlyTheCodecInUseTwoWay) {
    EXPECT_FALSE(media->holdSentToward(media::Leg::B));
    const std::string offer = media->freshOffer(media::Leg::B).content;
    const auto ours = media->relay().localEndpoint(media::Leg::B);
    EXPECT_NE(offer.find("m=audio " + std::to_string(ours.port) + " RTP/AVP 8 101\r\n"), std::string::npos)
        << offer;
    EXPECT_EQ(offer.find("PCMU"), std::string::npos) << offer;
    EXPECT_EQ(offer.find("a=recvonly"), std::string::npos) << offer;
    EXPECT_EQ(offer.find("a=sendonly"), std::string::npos) << offer;
}

TEST_F(TransferOfferTest, TheHeldTransfereeIsTakenOffHold) {
    EXPECT_TRUE(media->holdSentToward(media::Leg::A));
    const std::string offer = media->freshOffer(media::Leg::A).content;
    EXPECT_FALSE(media->holdSentToward(media::Leg::A));
    EXPECT_NE(offer.find("a=sendrecv"), std::string::npos) << offer;
    EXPECT_NE(offer.find("RTP/AVP 8 101\r\n"), std::string::npos)
        << offer;  // PCMU offered on hold, not in use
    // A changed session toward the same leg is a new version of it (RFC 3264 §8).
    EXPECT_NE(originLine(offer), originLine(holdOffer));
}

TEST_F(TransferOfferTest, ANewcomerMustSpeakTheCodecOfTheCall) {
    // RFC 3891: a phone replacing the callee (side B) offers PCMU only; the
    // call speaks PCMA, so the offer is refused and the relay stays put.
    auto refused = media->answerLocally(media::Leg::B, sdp("40010", "0 101"), true);
    EXPECT_FALSE(refused.ok());
    ASSERT_TRUE(media->relay().rtpDestination(media::Leg::B));
    EXPECT_EQ(media->relay().rtpDestination(media::Leg::B)->port, 40002);
    // Offering it among others: the answer keeps only it, and the relay moves.
    auto taken = media->answerLocally(media::Leg::B, sdp("40010", "0 8 101"), true);
    ASSERT_TRUE(taken.ok()) << taken.error().message;
    EXPECT_NE(taken->content.find("RTP/AVP 8 101\r\n"), std::string::npos) << taken->content;
    EXPECT_EQ(media->relay().rtpDestination(media::Leg::B)->port, 40010);
}

}  // namespace
}  // namespace sb
