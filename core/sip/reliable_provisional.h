#pragma once

// RFC 3262 reliable provisional responses as two small state machines, free
// of sockets and clocks so they can be tested on their own. The CallLeg
// sends, times and parses; these decide.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace sb::sip {

/// Our side answering an INVITE that requires 100rel (RFC 3262 §3).
class ReliableProvisionalUas {
public:
    /// A provisional response waiting to go out reliably.
    struct Provisional {
        uint32_t rseq = 0;
        uint16_t code = 180;
        std::string reason;
        std::string bodyType;
        std::string body;
    };

    /// @param firstRseq  random, 1..2^31-1 (§3: "SHOULD be chosen uniformly")
    explicit ReliableProvisionalUas(uint32_t firstRseq);

    /// Queue @p p (its rseq is assigned here). Only one reliable provisional
    /// may be unacknowledged at a time: returns it when it can go out now.
    std::optional<Provisional> submit(Provisional p);

    /// The one sent and not yet acknowledged, if any.
    const std::optional<Provisional>& outstanding() const { return m_outstanding; }

    /// A PRACK arrived with RAck @p rseq / @p cseq / @p method. True when it
    /// acknowledges the outstanding response; then nextToSend() may give the
    /// next queued one. False means 481 (RFC 3262 §3).
    bool acknowledge(uint32_t rseq, uint32_t cseq, const std::string& method, uint32_t inviteCseq);
    std::optional<Provisional> nextToSend();

    /// §3: a 2xx must wait while an unacknowledged reliable 18x carried SDP.
    bool answerMustWait() const { return m_outstanding && !m_outstanding->body.empty(); }

    /// Delay before retransmission number @p count (1-based): T1, 2·T1, 4·T1 …
    static uint32_t retransmitDelayMs(uint32_t count, uint32_t t1Ms = 500);
    /// Whether retransmitting for @p elapsedMs means giving up (64·T1).
    static bool gaveUp(uint64_t elapsedMs, uint32_t t1Ms = 500) { return elapsedMs >= 64ull * t1Ms; }

private:
    uint32_t m_nextRseq;
    std::optional<Provisional> m_outstanding;
    std::deque<Provisional> m_queue;
};

/// Our side receiving reliable provisionals to an INVITE we sent (RFC 3262 §4).
class ReliableProvisionalUac {
public:
    enum class Verdict : int {
        Accept = 1,       ///< in order: PRACK it and process it
        Retransmission,   ///< already PRACKed: ignore (our PRACK transaction retries)
        OutOfOrder,       ///< a gap: not acknowledged, not processed (§4)
    };
    Verdict receive(uint32_t rseq);
    std::optional<uint32_t> lastAccepted() const { return m_last; }

private:
    std::optional<uint32_t> m_last;
};

/// Parse "RAck: <rseq> <cseq> <method>"; nullopt on junk.
struct RAck {
    uint32_t rseq = 0;
    uint32_t cseq = 0;
    std::string method;
};
std::optional<RAck> parseRAck(const std::string& value);
/// Parse an RSeq value (1..2^32-1); nullopt on junk.
std::optional<uint32_t> parseRSeq(const std::string& value);

}  // namespace sb::sip
