#pragma once

// A non-INVITE client transaction over UDP that Switchboard runs itself
// (RFC 3261 §17.1.2), used where libre's would cost more than it gives:
// after the final answer libre keeps each one 5 s (timer K, only to absorb
// retransmitted answers) in its sorted timer list, and every shorter timer
// started later walks past all of them. Here retransmissions (timer E) and
// the timeout (timer F) run on sb::Timer, and an answer retransmitted after
// the transaction ended finds no transaction and is dropped, which is all
// timer K does.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/timer.h"

struct sip_msg;
struct mbuf;

namespace sb::sip {

class SipStack;

class ClientTransaction {
public:
    /// @p err is 0 with a response, ETIMEDOUT (timer F) or a send error without.
    using ResponseHandler = std::function<void(int err, const ::sip_msg* response)>;

    /// Send @p request (a complete non-INVITE request whose top Via carries
    /// @p branch) to @p destination over UDP and run its transaction: the
    /// handler gets every provisional answer and then exactly one final
    /// outcome, after which the transaction is idle (destroy it at will,
    /// from inside the handler too). Null when the request cannot be sent.
    static std::unique_ptr<ClientTransaction> start(SipStack& stack, const std::string& destination,
                                                    std::string branch, const std::string& request,
                                                    ResponseHandler handler);
    ~ClientTransaction();
    ClientTransaction(const ClientTransaction&) = delete;
    ClientTransaction& operator=(const ClientTransaction&) = delete;

    /// A response whose top Via carries our branch (from SipStack).
    void onResponse(const ::sip_msg& response);

    /// A fresh branch parameter value with the RFC 3261 magic cookie.
    static std::string newBranch();
    /// Timer E after the request went out @p sent times: T1 doubling up to
    /// T2, and T2 once a provisional answer came (RFC 3261 §17.1.2.2).
    static uint64_t retransmitIntervalMs(uint32_t sent, bool proceeding);

private:
    ClientTransaction(SipStack& stack, std::string branch, ResponseHandler handler);
    bool send();
    void retransmit();
    void finish(int err, const ::sip_msg* response);

    SipStack& m_stack;
    std::string m_branch;
    std::string m_method;
    std::string m_destination;  ///< "ip:port"
    ::mbuf* m_request = nullptr;
    ResponseHandler m_handler;
    uint32_t m_sent = 0;
    bool m_proceeding = false;
    bool m_registered = false;
    Timer m_timerE;
    Timer m_timerF;
};

}  // namespace sb::sip
