#include <gtest/gtest.h>

#include "sip/reliable_provisional.h"

using namespace sb::sip;

TEST(ReliableProvisionalUas, OneOutstandingAtATimeInRseqOrder) {
    ReliableProvisionalUas uas(1000);
    auto first = uas.submit({0, 183, "Session Progress", "application/sdp", "v=0"});
    ASSERT_TRUE(first);
    EXPECT_EQ(first->rseq, 1000u);
    EXPECT_TRUE(uas.answerMustWait()) << "an unacknowledged 18x with SDP holds the 2xx back";
    EXPECT_FALSE(uas.submit({0, 180, "Ringing", "", ""})) << "the second waits for the first PRACK";
    EXPECT_FALSE(uas.acknowledge(999, 1, "INVITE", 1)) << "unknown RAck: 481";
    EXPECT_FALSE(uas.acknowledge(1000, 2, "INVITE", 1)) << "wrong CSeq: 481";
    EXPECT_TRUE(uas.acknowledge(1000, 1, "INVITE", 1));
    EXPECT_FALSE(uas.acknowledge(1000, 1, "INVITE", 1)) << "a second PRACK for it is unknown";
    auto second = uas.nextToSend();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->rseq, 1001u);
    EXPECT_EQ(second->code, 180);
    EXPECT_FALSE(uas.answerMustWait()) << "a 180 without SDP does not hold the 2xx";
}

TEST(ReliableProvisionalUas, RetransmitScheduleAndGiveUp) {
    EXPECT_EQ(ReliableProvisionalUas::retransmitDelayMs(1), 500u);
    EXPECT_EQ(ReliableProvisionalUas::retransmitDelayMs(2), 1000u);
    EXPECT_EQ(ReliableProvisionalUas::retransmitDelayMs(3), 2000u);
    EXPECT_EQ(ReliableProvisionalUas::retransmitDelayMs(6), 16000u);
    // A fake clock: sum the delays until 64·T1.
    uint64_t elapsed = 0;
    uint32_t sent = 1;
    while (!ReliableProvisionalUas::gaveUp(elapsed)) elapsed += ReliableProvisionalUas::retransmitDelayMs(sent++);
    EXPECT_EQ(elapsed, 63'500u);  // 0.5+1+2+4+8+16+32 s: the 7th wait crosses 32 s
    EXPECT_EQ(sent, 8u);
}

TEST(ReliableProvisionalUas, FirstRseqIsKeptInRange) {
    EXPECT_EQ(ReliableProvisionalUas(0).submit({})->rseq, 1u);
    EXPECT_EQ(ReliableProvisionalUas(0xffffffffu).submit({})->rseq, 0x7fffffffu);
}

TEST(ReliableProvisionalUac, AcceptsInOrderIgnoresRetransmissionsAndGaps) {
    ReliableProvisionalUac uac;
    EXPECT_EQ(uac.receive(7), ReliableProvisionalUac::Verdict::Accept);
    EXPECT_EQ(uac.receive(7), ReliableProvisionalUac::Verdict::Retransmission);
    EXPECT_EQ(uac.receive(9), ReliableProvisionalUac::Verdict::OutOfOrder);
    EXPECT_EQ(uac.receive(8), ReliableProvisionalUac::Verdict::Accept);
    EXPECT_EQ(uac.receive(9), ReliableProvisionalUac::Verdict::Accept);
    EXPECT_EQ(uac.lastAccepted(), 9u);
}

TEST(ReliableProvisionalHeaders, ParseRAckAndRSeq) {
    auto r = parseRAck(" 776656 1 INVITE");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rseq, 776656u);
    EXPECT_EQ(r->cseq, 1u);
    EXPECT_EQ(r->method, "INVITE");
    for (const char* bad : {"", "1", "1 2", "x 2 INVITE", "1 y INVITE", "1 2 IN VITE", "99999999999 1 INVITE"})
        EXPECT_FALSE(parseRAck(bad)) << bad;
    EXPECT_EQ(parseRSeq("42"), 42u);
    EXPECT_FALSE(parseRSeq("0"));
    EXPECT_FALSE(parseRSeq("-1"));
    EXPECT_FALSE(parseRSeq("4294967296"));
}
