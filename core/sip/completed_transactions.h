#pragma once

// Server transactions Switchboard keeps itself after their final answer, in
// place of libre's: libre holds a 32 s timer per answered transaction in its
// one sorted timer list, and every shorter timer started after it walks past
// all of them (the engine's main cost above a few hundred calls per second).
// Here every entry lives the same 64·T1, so expiry is a queue in arrival
// order: O(1) per answer, one sweep timer for all of them.

#include <cstddef>
#include <cstdint>
#include <array>
#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>

struct sip_msg;

namespace sb::sip {

/// The identity of the server transaction @p request belongs to (RFC 3261
/// §17.2.3): top Via branch and sent-by, and the method — @p method when
/// given (a CANCEL or ACK looks for the INVITE it belongs to). A branch
/// without the RFC 3261 magic cookie adds the Call-ID, tags and CSeq number
/// (RFC 2543 peers need not make branches unique); an ACK's To tag is left
/// out, as it is the tag of our answer, which the INVITE did not carry.
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

    /// Timer G (RFC 3261 §17.2.1): the INVITE kept as @p key was answered
    /// 3xx–6xx over UDP; @p resend sends the answer again at T1, 2·T1, 4·T1
    /// and then every T2 until acknowledge() or the end of its lifetime
    /// (timer H). Nothing happens for a key that is not kept.
    using Resend = std::function<void(const std::string& answer)>;
    void awaitAck(const std::string& key, Resend resend, uint64_t nowMs);
    /// The ACK of the INVITE kept as @p key came: stop resending.
    /// @return true when it was awaited (the ACK is absorbed).
    bool acknowledge(const std::string& key);
    /// Resend every answer due by @p nowMs and schedule its next resend.
    /// @return when the next one is due, 0 when none is awaited.
    uint64_t resendDue(uint64_t nowMs);

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
        uint64_t endsMs = 0;
        Resend resend;  ///< set while an ACK is awaited
    };
    struct Due {
        uint64_t atMs;
        const std::string* key;  // the map node's own key: nodes do not move
    };

    uint64_t m_lifetimeMs;
    std::unordered_map<std::string, Kept> m_answers;
    std::unordered_set<std::string> m_merge;
    std::deque<Due> m_due;  // in remember() order = expiry order
    // Resends, one queue per interval (T1, 2·T1, 4·T1, then T2): every
    // entry of a queue waited the same interval, so each stays in due
    // order. Keys are copies: an entry may expire while still queued.
    struct Pending {
        uint64_t atMs;
        std::string key;
    };
    std::array<std::deque<Pending>, 4> m_resends;
};

}  // namespace sb::sip
