// The pure parts of our own non-INVITE client transaction
// (sip/client_transaction.h): timer E and branch values. The transaction on
// the wire is covered by tests/sipp/retransmission_test.py.
#include "sip/client_transaction.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

using sb::sip::ClientTransaction;

TEST(ClientTransaction, TimerEDoublesFromT1ToT2AndStaysAtT2WhenProceeding) {
    std::vector<uint64_t> intervals;
    for (uint32_t sent = 1; sent <= 7; ++sent)
        intervals.push_back(ClientTransaction::retransmitIntervalMs(sent, false));
    EXPECT_EQ(intervals, (std::vector<uint64_t>{500, 1000, 2000, 4000, 4000, 4000, 4000}));
    EXPECT_EQ(ClientTransaction::retransmitIntervalMs(1, true), 4000u);
    EXPECT_EQ(ClientTransaction::retransmitIntervalMs(2, true), 4000u);
}

TEST(ClientTransaction, BranchesCarryTheMagicCookieAndNeverRepeat) {
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) {
        const std::string branch = ClientTransaction::newBranch();
        ASSERT_EQ(branch.rfind("z9hG4bK", 0), 0u) << branch;
        ASSERT_TRUE(seen.insert(branch).second) << branch;
    }
}
