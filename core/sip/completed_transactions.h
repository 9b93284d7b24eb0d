#pragma once

// Server transactions Switchboard keeps itself after their final answer, in
// place of libre's: libre holds a 32 s timer per answered transaction in its
// one sorted timer list, and every shorter timer started after it walks past
// all of them (the engine's main cost above a few hundred calls per second).
// Here every entry lives the same 64·T1, so expiry is a queue in arrival
// order: O(1) per answer, one sweep timer for all of them.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>

struct sip_msg;

namespace sb::sip {

/// The identity of the server transaction @p request belongs to (RFC 3261
/// §17.2.3): top Via branch and sent-by, and the method — @p method when
/// given (a CANCEL looks for the INVITE it cancels). A branch without the
/// RFC 3261 magic cookie adds the Call-ID, tags and CSeq number (RFC 2543
/// peers need not make branches unique).
std::string transactionKey(const ::sip_msg& request, const char* method = nullptr);

/// From tag, Call-ID and CSeq of a request outside a dialog: the same three
/// on another transaction mark a merged request (RFC 3261 §8.2.2.2).
std::string mergeKey(const ::sip_msg& request);

/// Answered server transactions, by transactionKey(), for a fixed lifetime.
class CompletedTransactions {
public:
    /// @param lifetimeMs how long an answer is kept: 64·T1 (timer J of a
    ///        non-INVITE over UDP, timer L of an INVITE answered 2xx)
    explicit CompletedTransactions(uint64_t lifetimeMs) : m_lifetimeMs(lifetimeMs) {}

    /// Keep @p answer (the response bytes; empty: absorb retransmissions
    /// silently, as an INVITE answered 2xx does) until @p nowMs + lifetime.
    /// @p merge is the request's mergeKey(), empty inside a dialog. Only the
    /// first answer of a transaction counts (RFC 3261 §17.2.2).
    void remember(std::string key, std::string merge, std::string answer, uint64_t nowMs);

    /// The kept answer of transaction @p key (empty string: absorb), or null.
    const std::string* find(const std::string& key) const;
    /// A transaction outside a dialog with this mergeKey() is kept.
    bool hasMergeKey(const std::string& merge) const { return m_merge.count(merge) != 0; }

    /// Forget every answer kept until @p nowMs or before.
    void expire(uint64_t nowMs);
    size_t size() const { return m_answers.size(); }
    bool empty() const { return m_answers.empty(); }

private:
    struct Kept {
        std::string answer;
        std::string merge;
    };
    struct Due {
        uint64_t atMs;
        const std::string* key;  // the map node's own key: nodes do not move
    };

    uint64_t m_lifetimeMs;
    std::unordered_map<std::string, Kept> m_answers;
    std::unordered_set<std::string> m_merge;
    std::deque<Due> m_due;  // in remember() order = expiry order
};

}  // namespace sb::sip
