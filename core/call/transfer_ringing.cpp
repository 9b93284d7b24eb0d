#include "call/transfer_ringing.h"

#include <algorithm>

#include "routing/dial_plan.h"

namespace sb::call {

TransferRinging::TransferRinging(sip::SipStack& stack, TransferOwner& owner, const Destination& destination,
                                 CallParties parties, sip::Body offer)
    : m_stack(stack),
      m_owner(owner),
      m_parties(std::move(parties)),
      m_offer(std::move(offer)),
      m_targets(destination.targets),
      m_inTurn(destination.kind == Destination::Kind::Outside),
      // A carrier decides when the far end gives up (as for calls out).
      m_ringTimeoutS(destination.kind == Destination::Kind::Outside ? 120 : destination.ringTimeoutS) {}

TransferRinging::~TransferRinging() = default;

bool TransferRinging::start() {
    if (m_inTurn) {
        while (m_nextTarget < m_targets.size())
            if (startLeg(m_targets[m_nextTarget++])) break;
    } else {
        for (const CallTarget& t : m_targets) (void)startLeg(t);
        m_nextTarget = m_targets.size();
    }
    if (m_legs.empty()) return false;
    m_ringTimer.start(uint64_t{m_ringTimeoutS} * 1000, [this] {
        cancel();
        m_owner.transferFailed(480, "Temporarily Unavailable");
    });
    return true;
}

bool TransferRinging::startLeg(const CallTarget& target) {
    std::string error;
    auto leg = sip::CallLeg::startInvite(m_stack, outgoingInvite(target, m_parties, m_offer), *this, &error);
    if (!leg) return false;
    m_legs.push_back(std::move(leg));
    m_legExtensions.push_back(target.extension);
    return true;
}

void TransferRinging::cancel() {
    m_done = true;
    m_ringTimer.cancel();
    for (auto& leg : m_legs)
        if (leg && leg->state() != sip::CallLeg::State::Terminated) leg->hangup();
}

bool TransferRinging::busy() const {
    return std::any_of(m_legs.begin(), m_legs.end(), [](const auto& leg) { return leg && leg->busy(); });
}

void TransferRinging::onProgress(sip::CallLeg&, uint16_t code, const std::string& reason, const sip::Body&) {
    // Early media from the target is not relayed: the transferee hears
    // music on hold until the target answers.
    if (!m_done) m_owner.transferProgress(code, reason);
}

void TransferRinging::onAnswered(sip::CallLeg& leg, const sip::Body& body) {
    if (m_done) {
        leg.hangup();  // a second phone answered after the first, or after a cancel
        return;
    }
    m_done = true;
    m_ringTimer.cancel();
    std::unique_ptr<sip::CallLeg> answered;
    std::string extension;
    for (size_t i = 0; i < m_legs.size(); ++i) {
        auto& l = m_legs[i];
        if (l.get() == &leg) {
            answered = std::move(l);
            extension = m_legExtensions[i];
        } else if (l && l->state() != sip::CallLeg::State::Terminated) {
            l->cancel();
        }
    }
    m_owner.transferAnswered(std::move(answered), body, extension);
}

void TransferRinging::onRejected(sip::CallLeg&, uint16_t code, const std::string&) {
    if (m_done) return;
    m_failures.push_back(code);
    if (m_inTurn && routing::shouldFailOver(code)) {
        while (m_nextTarget < m_targets.size())
            if (startLeg(m_targets[m_nextTarget++])) return;
    }
    if (m_failures.size() < m_legs.size()) return;
    failed(code);
}

void TransferRinging::failed(uint16_t last) {
    m_done = true;
    m_ringTimer.cancel();
    const auto [code, reason] = tellingFailure(m_failures);
    if (code != 480) return m_owner.transferFailed(code, reason);
    // A number that does not exist is worth telling the transferrer as such.
    if (last == 403) return m_owner.transferFailed(403, "Forbidden");
    if (last == 404) return m_owner.transferFailed(404, "Not Found");
    if (last == 484) return m_owner.transferFailed(484, "Address Incomplete");
    m_owner.transferFailed(480, "Temporarily Unavailable");
}

}  // namespace sb::call
