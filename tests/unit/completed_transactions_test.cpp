// Answers Switchboard keeps itself for retransmitted requests
// (sip/completed_transactions.h) and the response text it sends
// (sip/response.h), on requests decoded by libre.
#include "sip/completed_transactions.h"

#include <gtest/gtest.h>
#include <re.h>

#include <string>
#include <vector>

#include "common/re_ptr.h"
#include "sip/response.h"

using namespace sb::sip;

namespace {

sb::RePtr<struct sip_msg> decode(const std::string& raw, const char* source = "192.0.2.7:5070") {
    sb::RePtr<struct mbuf> mb(mbuf_alloc(raw.size() + 1));
    (void)mbuf_write_mem(mb.get(), reinterpret_cast<const uint8_t*>(raw.data()), raw.size());
    mb->pos = 0;
    struct sip_msg* msg = nullptr;
    if (sip_msg_decode(&msg, mb.get()) != 0) return nullptr;
    (void)sa_decode(&msg->src, source, strlen(source));
    msg->tag = 0x1234abcdull;
    return sb::RePtr<struct sip_msg>(msg);
}

std::string request(const std::string& method, const std::string& branch, const std::string& toTag = "",
                    const std::string& via = "SIP/2.0/UDP 192.0.2.7:5070", uint32_t cseq = 7) {
    return method + " sip:101@192.0.2.1 SIP/2.0\r\n" + "Via: " + via + ";branch=" + branch +
           "\r\n"
           "Via: SIP/2.0/UDP 198.51.100.1;branch=z9hG4bKproxy\r\n"
           "Record-Route: <sip:198.51.100.1;lr>\r\n"
           "Max-Forwards: 70\r\n"
           "From: <sip:100@192.0.2.1>;tag=from1\r\n"
           "To: <sip:101@192.0.2.1>" +
           (toTag.empty() ? "" : ";tag=" + toTag) +
           "\r\n"
           "Call-ID: call-1@192.0.2.7\r\n"
           "CSeq: " +
           std::to_string(cseq) + " " + method +
           "\r\n"
           "Contact: <sip:100@192.0.2.7:5070>\r\n"
           "Content-Length: 0\r\n\r\n";
}

TEST(TransactionKey, RetransmissionMatchesAndOtherTransactionsDoNot) {
    auto bye = decode(request("BYE", "z9hG4bKa1", "to1"));
    auto again = decode(request("BYE", "z9hG4bKa1", "to1"));
    auto otherBranch = decode(request("BYE", "z9hG4bKa2", "to1"));
    auto otherHost = decode(request("BYE", "z9hG4bKa1", "to1", "SIP/2.0/UDP 192.0.2.8:5070"));
    auto otherMethod = decode(request("INFO", "z9hG4bKa1", "to1"));
    ASSERT_TRUE(bye && again && otherBranch && otherHost && otherMethod);
    EXPECT_EQ(transactionKey(*bye), transactionKey(*again));
    EXPECT_NE(transactionKey(*bye), transactionKey(*otherBranch));
    EXPECT_NE(transactionKey(*bye), transactionKey(*otherHost));
    EXPECT_NE(transactionKey(*bye), transactionKey(*otherMethod));
}

TEST(TransactionKey, CancelNamesTheInviteItCancels) {
    auto invite = decode(request("INVITE", "z9hG4bKi1"));
    auto cancel = decode(request("CANCEL", "z9hG4bKi1"));
    ASSERT_TRUE(invite && cancel);
    EXPECT_NE(transactionKey(*invite), transactionKey(*cancel));
    EXPECT_EQ(transactionKey(*invite), transactionKey(*cancel, "INVITE"));
}

TEST(TransactionKey, BranchWithoutMagicCookieAddsDialogAndCSeq) {
    // RFC 2543 branches need not be unique: Call-ID, tags and CSeq decide.
    auto first = decode(request("OPTIONS", "old1", "", "SIP/2.0/UDP 192.0.2.7:5070", 1));
    auto second = decode(request("OPTIONS", "old1", "", "SIP/2.0/UDP 192.0.2.7:5070", 2));
    ASSERT_TRUE(first && second);
    EXPECT_NE(transactionKey(*first), transactionKey(*second));
}

TEST(MergeKey, FromTagCallIdAndCSeqWhateverTheBranch) {
    auto a = decode(request("INVITE", "z9hG4bKm1"));
    auto b = decode(request("INVITE", "z9hG4bKm2"));
    auto later = decode(request("INVITE", "z9hG4bKm3", "", "SIP/2.0/UDP 192.0.2.7:5070", 8));
    ASSERT_TRUE(a && b && later);
    EXPECT_EQ(mergeKey(*a), mergeKey(*b));
    EXPECT_NE(mergeKey(*a), mergeKey(*later));
}

TEST(CompletedTransactions, KeepsTheFirstAnswerForItsLifetime) {
    CompletedTransactions kept(32000);
    EXPECT_TRUE(kept.empty());
    kept.remember("t1", "", "SIP/2.0 200 OK first", 1000);
    kept.remember("t1", "", "SIP/2.0 500 second", 1500);  // a later answer is discarded (§17.2.2)
    kept.remember("t2", "m2", "", 2000);                  // absorbed: an INVITE answered 2xx
    ASSERT_NE(kept.find("t1"), nullptr);
    EXPECT_EQ(*kept.find("t1"), "SIP/2.0 200 OK first");
    ASSERT_NE(kept.find("t2"), nullptr);
    EXPECT_TRUE(kept.find("t2")->empty());
    EXPECT_EQ(kept.find("t3"), nullptr);
    EXPECT_TRUE(kept.hasMergeKey("m2"));
    EXPECT_EQ(kept.size(), 2u);

    kept.expire(32999);
    EXPECT_EQ(kept.size(), 2u);
    kept.expire(33000);
    EXPECT_EQ(kept.find("t1"), nullptr);
    EXPECT_NE(kept.find("t2"), nullptr);
    kept.expire(34000);
    EXPECT_TRUE(kept.empty());
    EXPECT_FALSE(kept.hasMergeKey("m2"));
}

TEST(CompletedTransactions, ManyAnswersExpireInArrivalOrder) {
    CompletedTransactions kept(100);
    for (uint64_t i = 0; i < 1000; ++i) kept.remember("t" + std::to_string(i), "", "a", i);
    kept.expire(599);
    EXPECT_EQ(kept.size(), 500u);
    EXPECT_EQ(kept.find("t499"), nullptr);
    EXPECT_NE(kept.find("t500"), nullptr);
    kept.expire(2000);
    EXPECT_TRUE(kept.empty());

    // After a burst the tables start small again and work as before.
    for (uint64_t i = 0; i < 20000; ++i) kept.remember("b" + std::to_string(i), "m" + std::to_string(i), "a", 3000);
    kept.expire(3100);
    EXPECT_TRUE(kept.empty());
    EXPECT_FALSE(kept.hasMergeKey("m7"));
    kept.remember("after", "m-after", "c", 4000);
    ASSERT_NE(kept.find("after"), nullptr);
    EXPECT_EQ(*kept.find("after"), "c");
    EXPECT_TRUE(kept.hasMergeKey("m-after"));
}

TEST(CompletedTransactions, RejectedInviteIsResentAtTimerGUntilItsAck) {
    CompletedTransactions kept(32000);
    std::vector<uint64_t> resentAt;
    uint64_t now = 0;
    kept.remember("inv", "m", "SIP/2.0 486 Busy Here", 0);
    kept.awaitAck("inv", [&](const std::string& answer) {
        EXPECT_EQ(answer, "SIP/2.0 486 Busy Here");
        resentAt.push_back(now);
    }, 0);
    kept.awaitAck("unknown", [&](const std::string&) { ADD_FAILURE(); }, 0);  // nothing kept: ignored
    uint64_t next = kept.resendDue(now);
    EXPECT_EQ(next, 500u);
    while (next != 0 && now < 40000) {
        now = next;
        next = kept.resendDue(now);
    }
    // T1, 2·T1, 4·T1, then T2 until timer H (64·T1 = 32 s) ends it.
    EXPECT_EQ(resentAt, (std::vector<uint64_t>{500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500}));
    EXPECT_FALSE(kept.acknowledge("inv"));  // too late: nothing awaited any more

    kept.remember("inv2", "", "SIP/2.0 407 Proxy Authentication Required", 40000);
    int resent = 0;
    kept.awaitAck("inv2", [&](const std::string&) { ++resent; }, 40000);
    EXPECT_EQ(kept.resendDue(40500), 41500u);
    EXPECT_TRUE(kept.acknowledge("inv2"));
    EXPECT_FALSE(kept.acknowledge("inv2"));  // a retransmitted ACK changes nothing
    EXPECT_EQ(kept.resendDue(41500), 0u);
    EXPECT_EQ(resent, 1);
    ASSERT_NE(kept.find("inv2"), nullptr);  // still answers a retransmitted INVITE
}

TEST(TransactionKey, AckOfARejectionFindsItsInviteEvenWithoutMagicCookie) {
    for (const std::string branch : {"z9hG4bKr1", "old-style-1"}) {
        auto invite = decode(request("INVITE", branch));
        auto ack = decode(request("ACK", branch, "our-tag"));
        ASSERT_TRUE(invite && ack);
        EXPECT_EQ(transactionKey(*invite), transactionKey(*ack, "INVITE")) << branch;
    }
}

TEST(FormatResponse, EchoesWhatTheRequestDictatesAndNothingElse) {
    auto bye = decode(request("BYE", "z9hG4bKa1", "to1"));
    ASSERT_TRUE(bye);
    bool rport = true;
    const std::string text =
        formatResponse(*bye, ResponseSpec{200, "OK", "", "", false, "Switchboard/1"}, &rport);
    EXPECT_FALSE(rport);
    EXPECT_EQ(text,
              "SIP/2.0 200 OK\r\n"
              "Via: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bKa1\r\n"
              "Via: SIP/2.0/UDP 198.51.100.1;branch=z9hG4bKproxy\r\n"
              "From: <sip:100@192.0.2.1>;tag=from1\r\n"
              "To: <sip:101@192.0.2.1>;tag=to1\r\n"
              "Call-ID: call-1@192.0.2.7\r\n"
              "CSeq: 7 BYE\r\n"
              "Server: Switchboard/1\r\n"
              "Content-Length: 0\r\n\r\n");
}

TEST(FormatResponse, TopViaGetsRportAndReceivedToTagAndRecordRouteWhenAsked) {
    auto invite = decode(request("INVITE", "z9hG4bKi1;rport", "", "SIP/2.0/UDP phone.example.com:5060"),
                         "203.0.113.9:40000");
    ASSERT_TRUE(invite);
    bool rport = false;
    const std::string text = formatResponse(
        *invite, ResponseSpec{200, "OK", "Content-Type: application/sdp\r\n", "v=0\r\n", true, ""}, &rport);
    EXPECT_TRUE(rport);
    EXPECT_NE(
        text.find(
            "Via: SIP/2.0/UDP phone.example.com:5060;branch=z9hG4bKi1;rport=40000;received=203.0.113.9\r\n"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("To: <sip:101@192.0.2.1>;tag=000000001234abcd\r\n"), std::string::npos) << text;
    EXPECT_NE(text.find("Record-Route: <sip:198.51.100.1;lr>\r\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("Server:"), std::string::npos);
    EXPECT_EQ(text.find("Contact:"), std::string::npos);
    EXPECT_NE(text.find("Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n"),
              std::string::npos)
        << text;

    // Without the request asking: no rport; received only for another address.
    auto direct = decode(request("OPTIONS", "z9hG4bKo1"), "192.0.2.7:5070");
    ASSERT_TRUE(direct);
    const std::string plain =
        formatResponse(*direct, ResponseSpec{404, "Not Found", "", "", true, ""}, &rport);
    EXPECT_FALSE(rport);
    EXPECT_NE(plain.find("Via: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bKo1\r\n"), std::string::npos) << plain;
    EXPECT_NE(plain.find(";tag=000000001234abcd"), std::string::npos);
}

}  // namespace
