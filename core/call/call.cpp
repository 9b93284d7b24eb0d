#include "call/call.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "call/call_manager.h"
#include "call/transfer_ringing.h"
#include "diagnostics/rules.h"
#include "routing/dial_plan.h"
#include "sip/sip_stack.h"

namespace sb::call {

std::string firstCodec(const std::string& sdp) {
    // m=audio <port> <proto> <pt> ... ; then a=rtpmap:<pt> <name>/<rate>
    auto m = sdp.find("m=audio ");
    if (m == std::string::npos) return {};
    auto eol = sdp.find_first_of("\r\n", m);
    std::string line = sdp.substr(m, eol == std::string::npos ? std::string::npos : eol - m);
    size_t pos = 0;
    for (int field = 0; field < 3 && pos != std::string::npos; ++field) pos = line.find(' ', pos + 1);
    if (pos == std::string::npos) return {};
    std::string pt = line.substr(pos + 1, line.find(' ', pos + 1) - pos - 1);
    if (pt == "0") return "PCMU";
    if (pt == "8") return "PCMA";
    if (pt == "9") return "G722";
    if (pt == "18") return "G729";
    const std::string key = "a=rtpmap:" + pt + " ";
    auto a = sdp.find(key);
    if (a == std::string::npos) return pt;
    auto start = a + key.size();
    return sdp.substr(start, sdp.find('/', start) - start);
}

Call::Call(CallManager& manager, uint64_t id, const ::sip_msg& invite, CallParties parties)
    : m_manager(manager), m_id(id), m_parties(std::move(parties)), m_startMs(nowMs()) {
    m_caller = sip::CallLeg::acceptInvite(m_manager.stack(), invite, *this);
    m_legA = m_caller.get();
    m_partyExtension[0] = m_parties.callerExtension;
    m_partyNumber[0] = m_parties.caller;
    if (m_caller) m_evidence.callerInvite(m_caller.get(), invite, m_startMs);
    if (m_caller) publish();
}

Call::~Call() = default;

void Call::setMedia(std::unique_ptr<CallMedia> media) {
    m_media = std::move(media);
    m_media->setToneHandler([this](bool playing) {
        if (playing) {
            m_ringbackPlayed = true;
            m_stateBeforeTone = m_state;
            setState("Ring-back");
        } else if (m_state == "Ring-back") {
            setState(m_stateBeforeTone.empty() ? "Ringing" : m_stateBeforeTone);
        }
    });
    m_media->setDtmfHandler([this](media::Leg from, char key, unsigned ms) { keyToInfo(from, key, ms); });
}

Result<sip::Body> Call::relayBody(const sip::CallLeg& from, const sip::Body& body, bool isOffer) {
    if (!m_media) return body;
    return m_media->relay(sideOf(from), body, isOffer);
}

void Call::ring(const std::vector<CallTarget>& targets) {
    // A caller that sends no offer (RFC 3261 §13.2.1 delayed offer) gets
    // Switchboard's own toward the callee: every SDP the far end sends is
    // then an answer (RFC 3262 §5), and the caller gets the offer in the 200.
    m_delayedOffer = m_media && m_caller->initialBody().empty();
    auto offer = m_delayedOffer ? Result<sip::Body>(m_media->ownOffer(media::Leg::B))
                                : relayBody(*m_caller, m_caller->initialBody(), true);
    if (!offer) {
        // RFC 3261 §21.4.26: the offer cannot be used.
        failCaller(488, "Not Acceptable Here");
        finish(store::Disposition::Failed, 488, "unusable SDP: " + offer.error().message);
        return;
    }
    m_offerForCallee = offer.value();
    startForks(targets);
}

void Call::startForks(const std::vector<CallTarget>& targets) {
    for (const auto& t : targets) {
        if (!startFork(t, *m_offerForCallee)) m_forkFailures.push_back(503);
    }
    if (m_forks.size() == m_forkBase) {
        failCaller(480, "Temporarily Unavailable");
        finish(store::Disposition::Failed, 480, "no contact could be rung");
        return;
    }
    armRingTimer();
}

void Call::armRingTimer() {
    m_ringTimer.start(uint64_t{m_parties.ringTimeoutS} * 1000, [this] {
        // Nobody answered in time: the callee side is cancelled (RFC 3261 §9.1).
        cancelForks(nullptr);
        if (forwardOnFailure(routing::ForwardReason::NoAnswer)) return;
        if (divertToVoicemail()) return;
        failCaller(480, "Temporarily Unavailable");
        finish(store::Disposition::NoAnswer, 480, "no answer");
    });
}

bool Call::currentFork(const sip::CallLeg& leg) const {
    for (size_t i = m_forkBase; i < m_forks.size(); ++i)
        if (m_forks[i].get() == &leg) return true;
    return false;
}

void Call::announceForward() {
    if (!m_caller || m_finished) return;
    m_caller->sendProvisional(181, "Call Is Being Forwarded", sip::Body{});
    m_evidence.sent(m_caller.get(), "181 Call Is Being Forwarded", {}, nowMs());
    setState("Forwarded");
}

bool Call::forwardOnFailure(routing::ForwardReason reason) {
    if (m_finished || !m_caller || m_parties.extension.empty()) return false;
    return m_manager.forwardCall(*this, reason);
}

bool Call::retarget(const Destination& d, const CallParties& forwardState) {
    if (m_finished || !m_caller || !m_offerForCallee) return false;
    m_parties.forwardChain = forwardState.forwardChain;
    m_parties.forwards = forwardState.forwards;
    switch (d.kind) {
    case Destination::Kind::Voicemail:
        m_parties.mailbox = d.mailbox;
        announceForward();
        return divertToVoicemail();
    case Destination::Kind::Service:
        announceForward();
        return divertToService(d.extension);
    case Destination::Kind::Ring:
    case Destination::Kind::Outside:
        if (d.targets.empty()) return false;
        break;
    case Destination::Kind::Refused:
        return false;
    }
    m_ringTimer.cancel();
    m_forkBase = m_forks.size();
    m_forkFailures.clear();
    m_laterTargets.clear();
    if (d.kind == Destination::Kind::Ring) {
        m_parties.extension = d.extension;
        m_parties.mailbox = d.mailbox;
        m_parties.ringTimeoutS = d.ringTimeoutS;
        m_parties.route = "extension";
        announceForward();
        startForks(d.targets);
    } else {
        m_parties.extension.clear();
        m_parties.mailbox.clear();
        m_parties.ringTimeoutS = 120;  // a carrier decides when the far end gives up
        if (!d.route.empty()) m_parties.route = d.route;
        announceForward();
        m_laterTargets.assign(d.targets.begin() + 1, d.targets.end());
        startForks({d.targets.front()});
    }
    return true;
}

namespace {
// The caller's number can come from a carrier's header (percent-decoded):
// escape everything outside RFC 3261's user characters before it goes into
// a From URI, so it cannot reshape the header.
std::string escapeUser(const std::string& user) {
    static const char* kSafe = "-_.!~*'()&=+$,;?/";
    std::string out;
    for (unsigned char c : user) {
        if (std::isalnum(c) || std::strchr(kSafe, c)) {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof(buf), "%%%02X", c);
            out += buf;
        }
    }
    return out.empty() ? "anonymous" : out;
}

std::string escapeDisplayName(const std::string& name) {
    std::string out;
    for (char c : name) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    return out;
}
}  // namespace

std::pair<uint16_t, std::string> tellingFailure(const std::vector<uint16_t>& failures) {
    if (std::all_of(failures.begin(), failures.end(), [](uint16_t c) { return c == 486 || c == 600; }))
        return {486, "Busy Here"};
    if (std::find(failures.begin(), failures.end(), 603) != failures.end()) return {603, "Decline"};
    return {480, "Temporarily Unavailable"};
}

sip::OutgoingInvite outgoingInvite(const CallTarget& t, const CallParties& parties, const sip::Body& offer) {
    sip::OutgoingInvite inv;
    inv.requestUri = t.requestUri;
    inv.toUri = t.toUri.empty() ? "<sip:" + parties.callee + "@" + parties.domain + ">" : t.toUri;
    inv.fromUri = !t.fromUri.empty() ? t.fromUri
                                     : (parties.callerName.empty()
                                            ? std::string()
                                            : "\"" + escapeDisplayName(parties.callerName) + "\" ") +
                                           "<sip:" + escapeUser(parties.caller) + "@" + parties.domain + ">";
    inv.nextHop = t.nextHop;
    inv.routeSet = t.routeSet;
    inv.authUser = t.authUser;
    inv.authPassword = t.authPassword;
    inv.omit100rel = t.omit100rel;
    inv.tls = t.tls;
    inv.extraHeaders = t.extraHeaders;
    inv.firstResponseTimeoutMs = t.firstResponseTimeoutMs;
    inv.offer = offer;
    return inv;
}

bool Call::startFork(const CallTarget& t, const sip::Body& offer) {
    const sip::OutgoingInvite inv = outgoingInvite(t, m_parties, offer);
    std::string error;
    auto leg = sip::CallLeg::startInvite(m_manager.stack(), inv, *this, &error);
    if (!leg) {
        m_manager.events().publish(LogMessage{LogLevel::Warning, "call " + std::to_string(m_id) + ": " + error, nowMs()});
        return false;
    }
    if (!t.name.empty() && m_parties.route != t.name) {
        m_parties.route = t.name;
        publish();
    }
    m_evidence.attemptStarted(leg.get(), m_manager.peerSettings(t.name), inv, nowMs());
    m_forks.push_back(std::move(leg));
    m_forkTargets.push_back(t);
    return true;
}

void Call::noteReachability(const sip::CallLeg& leg, bool heard) {
    for (size_t i = 0; i < m_forks.size() && i < m_forkTargets.size(); ++i) {
        CallTarget& t = m_forkTargets[i];
        if (m_forks[i].get() != &leg || t.contact.empty()) continue;
        if (!heard) {
            m_manager.contactUnreachable(t.extension, t.contact);
        } else if (t.markedUnreachable) {
            t.markedUnreachable = false;  // once: this runs for every response
            m_manager.contactAnswered(t.extension, t.contact);
        }
    }
}

void Call::ringInTurn(std::vector<CallTarget> targets) {
    if (targets.empty()) {
        failCaller(503, "Service Unavailable");
        finish(store::Disposition::Failed, 503, "no usable route target");
        return;
    }
    CallTarget first = targets.front();
    m_laterTargets.assign(targets.begin() + 1, targets.end());
    ring({first});
}

sip::CallLeg* Call::other(const sip::CallLeg& leg) {
    if (&leg == m_legA) return m_callee;
    if (&leg == m_callee) return m_legA;
    return nullptr;  // a leg no longer in the call (a transferrer that was replaced)
}

void Call::setState(const std::string& state) {
    if (m_state == state) return;
    m_state = state;
    publish();
}

void Call::publish() {
    if (m_finished) return;
    m_manager.events().publish(CallUpdated{m_id, m_parties.caller, m_parties.callee, m_parties.route, m_state,
                                           m_codec, m_startMs, m_answerMs});
}

void Call::onProgress(sip::CallLeg& leg, uint16_t code, const std::string& reason, const sip::Body& body) {
    if (m_callee || m_finished || !currentFork(leg)) return;
    if (m_delayedOffer) {
        // The answer to our own offer stays here; an unreliable 18x cannot
        // carry an offer to the caller (RFC 3261 §13.2.1), so no early media.
        if (!body.empty()) (void)m_media->takeAnswer(media::Leg::B, body);
        m_caller->sendProvisional(code, reason, sip::Body{});
        m_evidence.sent(m_caller.get(), std::to_string(code) + " " + reason, {}, nowMs());
        setState("Ringing");
        return;
    }
    auto relayed = relayBody(leg, body);
    // An early SDP we cannot use is not worth failing the call over: the
    // provisional goes on without it and the answer will carry the session.
    m_caller->sendProvisional(code, reason, relayed ? relayed.value() : sip::Body{});
    m_evidence.sent(m_caller.get(), std::to_string(code) + " " + reason, relayed ? relayed.value() : sip::Body{},
                    nowMs());
    if (relayed && !body.empty()) m_codec = firstCodec(body.content);
    const bool early = relayed && !body.empty();
    if (m_state != "Ring-back") setState(early ? "Early media" : "Ringing");
    if (m_media) {
        if (early) {
            m_media->calleeEarlyMedia();
        } else {
            m_media->calleeRinging();
        }
    }
}

void Call::onAnswered(sip::CallLeg& leg, const sip::Body& body) {
    if (m_finished || m_callee || !currentFork(leg)) {
        leg.hangup();  // a second fork answered after the first: release it
        return;
    }
    auto relayed = relayBody(leg, body);
    if (!relayed) {
        // The callee answered with SDP we cannot use: no call, on both sides.
        leg.hangup();
        m_ringTimer.cancel();
        cancelForks(nullptr);
        failCaller(488, "Not Acceptable Here");
        finish(store::Disposition::Failed, 488, "unusable SDP in the answer: " + relayed.error().message);
        return;
    }
    m_callee = &leg;
    for (size_t i = 0; i < m_forks.size() && i < m_forkTargets.size(); ++i) {
        if (m_forks[i].get() != &leg) continue;
        m_partyExtension[1] = m_forkTargets[i].extension;
        m_partyNumber[1] = m_forkTargets[i].extension.empty() ? m_parties.callee : m_forkTargets[i].extension;
    }
    m_ringTimer.cancel();
    cancelForks(&leg);
    if (m_media) m_media->answered();
    m_caller->answer(relayed.value());
    m_answerMs = nowMs();
    m_evidence.sent(m_caller.get(), "200 OK", relayed.value(), m_answerMs);
    if (!body.empty()) m_codec = firstCodec(body.content);
    setState("Talking");
}

void Call::checkMedia() {
    if (m_finished || !m_media || !m_answerMs || !m_parties.mediaTimeoutS) return;
    const int64_t limit = int64_t{m_parties.mediaTimeoutS} * 1000;
    if (m_media->silentMs(media::Leg::A) > limit || m_media->silentMs(media::Leg::B) > limit) {
        if (m_legA) m_legA->hangup();
        if (m_callee) m_callee->hangup();
        if (m_transfer && m_transfer->ringing) m_transfer->ringing->cancel();
        m_evidence.sent(m_legA, "BYE", {}, nowMs());
        if (m_callee) m_evidence.sent(m_callee, "BYE", {}, nowMs());
        finish(store::Disposition::Answered, 200, "media timeout");
    }
}

void Call::onRejected(sip::CallLeg& leg, uint16_t code, const std::string&) {
    m_evidence.rejected(&leg, m_manager.stack().tlsVerifier());
    // Even when another fork answered long ago: the next call should not
    // ring a phone that is gone.
    if (!leg.heardFromPeer()) noteReachability(leg, false);
    if (m_callee || m_finished || !currentFork(leg)) return;
    // Failover to the next carrier when this one (or the way to it) failed.
    while (!m_laterTargets.empty() && m_offerForCallee && routing::shouldFailOver(code)) {
        CallTarget next = m_laterTargets.front();
        m_laterTargets.erase(m_laterTargets.begin());
        m_forkFailures.push_back(code);
        m_manager.events().publish(LogMessage{LogLevel::Info, "call " + std::to_string(m_id) + ": " +
                                                                  std::to_string(code) + ", failing over to " +
                                                                  next.name, nowMs()});
        if (startFork(next, *m_offerForCallee)) return;
        code = 503;
    }
    m_forkFailures.push_back(code);
    const size_t done = m_forkFailures.size();
    if (done < m_forks.size() - m_forkBase) return;
    // Every contact said no: tell the caller the most telling answer.
    const auto [answer, text] = tellingFailure(m_forkFailures);
    store::Disposition d = store::Disposition::Failed;
    if (answer == 486) {
        d = store::Disposition::Busy;
    } else if (answer == 480 && std::all_of(m_forkFailures.begin(), m_forkFailures.end(),
                           [](uint16_t c) { return c == 408 || c == 480 || c == 487; })) {
        d = store::Disposition::NoAnswer;
    }
    m_ringTimer.cancel();
    if (d == store::Disposition::Busy && forwardOnFailure(routing::ForwardReason::Busy)) return;
    if (d == store::Disposition::NoAnswer && forwardOnFailure(routing::ForwardReason::NoAnswer)) return;
    if ((d == store::Disposition::Busy || d == store::Disposition::NoAnswer) && divertToVoicemail()) return;
    failCaller(answer, text);
    finish(d, answer, "callee answered " + std::to_string(code));
}

bool Call::divertToVoicemail() {
    if (m_parties.mailbox.empty() || !m_caller || m_finished) return false;
    const std::string callId = m_caller->dialog().callId;
    const std::string local = m_media ? m_media->relay().localEndpoint(media::Leg::A).address : std::string();
    if (!m_manager.divertToVoicemail(m_parties.mailbox, m_caller, m_parties.caller, m_startMs, local)) return false;
    m_legA = nullptr;
    m_diverted = true;
    m_divertedCallId = callId;
    finish(store::Disposition::NoAnswer, 480, "no answer: to voicemail");
    return true;
}

bool Call::ringingAt(const std::string& extension) const {
    return !m_finished && !m_diverted && m_caller && !m_callee && !extension.empty() &&
           m_parties.mailbox == extension;
}

bool Call::pickUp(const ::sip_msg& invite, const std::string& picker) {
    if (!ringingAt(m_parties.mailbox)) return false;
    const std::string callId = m_caller->dialog().callId;
    const std::string local = m_media ? m_media->relay().localEndpoint(media::Leg::A).address : std::string();
    if (!m_manager.divertToPickup(m_caller, m_parties.caller, m_parties.mailbox, m_startMs, local, invite,
                                  picker))
        return false;
    m_legA = nullptr;
    m_ringTimer.cancel();
    cancelForks(nullptr);
    m_diverted = true;
    m_divertedCallId = callId;
    finish(store::Disposition::NoAnswer, 480, "picked up by extension " + picker);
    return true;
}

void Call::onCancelled(sip::CallLeg& leg) {
    m_evidence.received(&leg, "CANCEL", nowMs());
    m_ringTimer.cancel();
    cancelForks(nullptr);
    finish(store::Disposition::Cancelled, 487, "caller cancelled");
}

void Call::onConfirmed(sip::CallLeg& leg, const sip::Body& ackBody) {
    if (!m_delayedOffer || &leg != m_caller.get() || m_finished) return;
    m_delayedOffer = false;  // offer/answer done; re-INVITEs relay as usual
    if (auto taken = m_media->takeAnswer(media::Leg::A, ackBody); !taken) {
        // RFC 3264 §5: an offer in the 200 must be answered in the ACK.
        m_caller->hangup();
        if (m_callee) m_callee->hangup();
        finish(store::Disposition::Answered, 200, "caller's ACK had no usable SDP answer: " + taken.error().message);
    }
}

void Call::onReinvite(sip::CallLeg& leg, const sip::Body& offer) {
    m_evidence.received(&leg, "re-INVITE", nowMs());
    sip::CallLeg* peer = other(leg);
    if (!peer || peer->state() != sip::CallLeg::State::Established) {
        leg.rejectReinvite(491, "Request Pending");
        return;
    }
    m_reinviteFromCaller = &leg == m_legA;
    auto relayed = relayBody(leg, offer, true);
    if (!relayed) {
        leg.rejectReinvite(488, "Not Acceptable Here");
        return;
    }
    const bool hold = offer.content.find("a=sendonly") != std::string::npos ||
                      offer.content.find("a=inactive") != std::string::npos;
    setState(hold ? "On hold" : "Talking");
    holdMusic(leg, hold);
    peer->reinvite(relayed.value());
    m_evidence.sent(peer, "re-INVITE", relayed.value(), nowMs());
}

void Call::onReinviteAnswered(sip::CallLeg& leg, uint16_t code, const sip::Body& answer) {
    if (m_transfer && &leg == m_transfer->joining) {
        if (code >= 200 && code < 300 && m_media && m_media->takeAnswer(m_transfer->side, answer)) {
            completeTransfer(leg, m_transfer->joiningExtension);
            return;
        }
        // The target would not move to this call: it is gone from its own
        // call already, so it is let go; the transferee stays with the transferrer.
        m_transfer->joining = nullptr;
        leg.hangup();
        const uint16_t failure = code >= 300 ? code : 488;
        notifyTransferrer(failure, "Not Acceptable Here", true);
        m_transfer.reset();
        return;
    }
    if (&leg == m_localReinvite) {
        m_localReinvite = nullptr;
        if (code >= 200 && code < 300 && m_media) (void)m_media->takeAnswer(sideOf(leg), answer);
        return;
    }
    sip::CallLeg* asker = other(leg);
    if (!asker) return;
    if (code >= 200 && code < 300) {
        auto relayed = relayBody(leg, answer);
        if (!relayed) {
            asker->rejectReinvite(488, "Not Acceptable Here");
            return;
        }
        asker->answerReinvite(relayed.value());
        if (!answer.empty()) m_codec = firstCodec(answer.content);
        publish();
    } else {
        asker->rejectReinvite(code, code == 491 ? "Request Pending" : "Not Acceptable Here");
    }
}

void Call::onBye(sip::CallLeg& leg) {
    m_evidence.received(&leg, "BYE", nowMs());
    if (!isParty(leg) && m_callee) return;  // a replaced transferrer or a late fork: nothing more to end
    if (m_transfer && &leg == m_transfer->transferrer) {
        // RFC 5589 §6: a transferrer may hang up right after the 202; the
        // transfer goes on with the transferee waiting alone.
        m_transfer->transferrer = nullptr;
        if (m_media && !m_media->musicPlaying(media::otherLeg(m_transfer->side)))
            m_media->musicOn(media::otherLeg(m_transfer->side), m_manager.musicOnHold());
        return;
    }
    if (m_transfer) {
        notifyTransferrer(487, "Request Terminated", true);
        if (m_transfer->ringing) m_transfer->ringing->cancel();
        if (m_transfer->joining) m_transfer->joining->hangup();
    }
    if (sip::CallLeg* peer = other(leg); peer && peer != &leg) {
        peer->hangup();
        m_evidence.sent(peer, "BYE", {}, nowMs());
    }
    cancelForks(nullptr);
    finish(store::Disposition::Answered, 200, &leg == m_legA ? "caller hung up" : "callee hung up");
}

void Call::onTerminated(sip::CallLeg& leg, const std::string& reason) {
    if (m_finished) return;
    if (m_transfer && &leg == m_transfer->transferrer) {
        m_transfer->transferrer = nullptr;
        return;
    }
    if (m_transfer && &leg == m_transfer->joining) {
        m_transfer->joining = nullptr;
        notifyTransferrer(500, "Server Internal Error", true);
        m_transfer.reset();
        return;
    }
    if (isParty(leg) || (!m_callee && &leg == m_caller.get())) {
        if (m_transfer) {
            notifyTransferrer(487, "Request Terminated", true);
            if (m_transfer->ringing) m_transfer->ringing->cancel();
        }
        if (sip::CallLeg* peer = other(leg); peer && peer != &leg) peer->hangup();
        m_ringTimer.cancel();
        cancelForks(nullptr);
        finish(m_answerMs ? store::Disposition::Answered : store::Disposition::Failed, m_answerMs ? 200 : 500, reason);
    }
}

Result<sip::Body> Call::onUpdateOffer(sip::CallLeg& leg, const sip::Body& offer) {
    m_evidence.received(&leg, "UPDATE", nowMs());
    if (!m_media) return makeError("no media anchored");
    const bool hold = offer.content.find("a=sendonly") != std::string::npos ||
                      offer.content.find("a=inactive") != std::string::npos;
    if (m_answerMs) {
        setState(hold ? "On hold" : "Talking");
        holdMusic(leg, hold);
    }
    return m_media->answerLocally(sideOf(leg), offer);
}

void Call::holdMusic(const sip::CallLeg& holder, bool hold) {
    if (!m_media) return;
    // The party that did not ask for the hold is the one left listening.
    const media::Leg held = media::otherLeg(sideOf(holder));
    if (hold) {
        m_media->musicOn(held, m_manager.musicOnHold());
    } else {
        m_media->musicOff(held);
    }
}

void Call::onPrackRefused(sip::CallLeg& leg, uint16_t code) {
    for (const auto& f : m_forks) {
        if (f.get() == &leg) m_manager.prackRefused(m_parties.route, code);
    }
}

void Call::onResponse(sip::CallLeg& leg, const ::sip_msg& response) {
    m_evidence.response(&leg, response, nowMs());
    noteReachability(leg, true);
}

void Call::failCaller(uint16_t code, const std::string& reason) {
    if (!m_caller) return;
    m_caller->reject(code, reason);
    m_evidence.sent(m_caller.get(), std::to_string(code) + " " + reason, {}, nowMs());
}

void Call::cancelForks(const sip::CallLeg* except) {
    for (auto& f : m_forks) {
        if (f.get() != except && f.get() != m_callee && f->state() != sip::CallLeg::State::Terminated) {
            f->cancel();
            m_evidence.sent(f.get(), "CANCEL", {}, nowMs());
        }
    }
}

void Call::refuse(uint16_t code, const std::string& reason, const std::string& why) {
    failCaller(code, reason);
    finish(store::Disposition::Failed, code, why);
}

void Call::hangUp() {
    if (m_finished) return;
    m_ringTimer.cancel();
    cancelForks(nullptr);
    if (m_callee) {
        if (m_transfer) {
            notifyTransferrer(487, "Request Terminated", true);
            if (m_transfer->ringing) m_transfer->ringing->cancel();
            if (m_transfer->joining) m_transfer->joining->hangup();
            if (m_transfer->transferrer && !isParty(*m_transfer->transferrer)) m_transfer->transferrer->hangup();
        }
        m_callee->hangup();
        if (m_legA) m_legA->hangup();
        m_evidence.sent(m_callee, "BYE", {}, nowMs());
        m_evidence.sent(m_legA, "BYE", {}, nowMs());
        finish(store::Disposition::Answered, 200, "hung up by the operator");
    } else {
        m_caller->reject(480, "Temporarily Unavailable");
        finish(store::Disposition::Failed, 480, "hung up by the operator");
    }
}

void Call::finish(store::Disposition disposition, int sipCode, const std::string& reason) {
    if (m_finished) return;
    setState("Ending");
    m_finished = true;
    bool calleeMediaHeard = false;
    if (m_media) {
        calleeMediaHeard = m_media->relay().latched(media::Leg::B);
        if (m_codec.empty()) m_codec = m_media->codec();
        m_media.reset();  // the ports go back to the pool now, not when the call is reaped
    }
    m_finishedMs = nowMs();
    store::CdrRecord cdr;
    cdr.startMs = m_startMs;
    cdr.answerMs = m_answerMs;
    cdr.endMs = nowMs();
    cdr.caller = m_parties.caller;
    cdr.callee = m_parties.callee;
    cdr.route = m_parties.route;
    cdr.disposition = disposition;
    cdr.sipCode = sipCode;
    cdr.reason = reason;
    cdr.codec = m_codec;
    cdr.callId = m_caller ? m_caller->dialog().callId : m_divertedCallId;
    cdr.findings = m_evidence.explain(m_answerMs != 0, sipCode, m_ringbackPlayed, calleeMediaHeard);
    cdr.ladder = m_evidence.ladder();
    cdr.forwards = routing::forwardsText(m_parties.forwards);
    for (const std::string& t : m_transfers) cdr.transfers += (cdr.transfers.empty() ? "" : ", ") + t;
    if (m_transfer) {
        if (m_transfer->ringing) {
            m_transfer->ringing->cancel();
            m_pastRinging.push_back(std::move(m_transfer->ringing));
        }
        m_transfer.reset();
    }
    if (!cdr.findings.empty())
        m_manager.events().publish(LogMessage{
            LogLevel::Info,
            "call " + std::to_string(m_id) + ": why: " + diagnostics::findingsText(cdr.findings, true),
            cdr.endMs});
    m_manager.callFinished(*this, cdr);
}

bool Call::canBeDeleted(int64_t now) const {
    if (!m_caller && !m_diverted) return true;
    if (!m_finished) return false;
    // Legs still finishing a BYE or CANCEL keep the call; 35 s (> 64·T1) caps it.
    if (now - m_finishedMs > 35'000) return true;
    if (m_caller && m_caller->busy()) return false;
    auto busy = [](const auto& p) { return p->busy(); };
    return std::none_of(m_forks.begin(), m_forks.end(), busy) && std::none_of(m_adopted.begin(), m_adopted.end(), busy) &&
           std::none_of(m_pastRinging.begin(), m_pastRinging.end(), busy);
}

}  // namespace sb::call
