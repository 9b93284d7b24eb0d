// Call transfer through the B2BUA (RFC 3515 REFER, RFC 3891 Replaces,
// flows of RFC 5589). A phone of ours sends REFER on its leg; Switchboard
// takes it itself: the REFER never reaches the other party (a carrier leg
// never sees one). Blind: the target is rung on the transferrer's side of
// the relay while the transferee waits (music on hold); its answer takes
// that side. Attended: the Replaces names the transferrer's other call;
// the party there leaves that call and is re-INVITEd onto this call's
// relay. Either way the transferrer hears the progress as NOTIFY sipfrag
// and gets a BYE once the target talks to the transferee.
#include <algorithm>
#include <utility>

#include "call/call.h"
#include "call/call_manager.h"
#include "call/transfer_ringing.h"
#include "config/validation.h"

namespace sb::call {

namespace {
const char* sideName(media::Leg side) {
    return side == media::Leg::A ? "caller" : "callee";
}
}  // namespace

sip::ReferAnswer Call::onRefer(sip::CallLeg& leg, const sip::ReferRequest& request) {
    m_evidence.received(&leg, "REFER", nowMs());
    if (m_finished || !m_callee || !isParty(leg)) return {403, "Transfer Needs An Answered Call"};
    const media::Leg side = sideOf(leg);
    if (m_partyExtension[media::indexOf(side)].empty()) {
        // Only our own phones transfer; a line or trunk that sends REFER
        // would otherwise make us place calls on its say-so.
        m_manager.events().publish(LogMessage{LogLevel::Info,
                                              "call " + std::to_string(m_id) + ": REFER from the " +
                                                  sideName(side) + " (" + m_parties.route +
                                                  ") refused: only extensions transfer calls",
                                              nowMs()});
        return {403, "Only Extensions Transfer"};
    }
    if (m_transfer) return {491, "Request Pending"};
    if (auto target = sip::parseReferTo(request.referTo); !target) {
        m_manager.events().publish(LogMessage{
            LogLevel::Info, "call " + std::to_string(m_id) + ": REFER refused: " + target.error().message,
            nowMs()});
        return {400, "Bad Refer-To"};
    }
    return {202, "Accepted"};
}

void Call::onReferAccepted(sip::CallLeg& leg, const sip::ReferRequest& request) {
    const auto target = sip::parseReferTo(request.referTo);  // onRefer() checked it
    const media::Leg side = sideOf(leg);
    TransferState t;
    t.transferrer = &leg;
    t.side = side;
    t.referCseq = request.cseq;
    t.notify = request.subscription;
    t.attended = target->replaces.has_value();
    t.from = m_partyExtension[media::indexOf(side)];
    t.to = target->number;
    m_transfer = std::move(t);
    notifyTransferrer(100, "Trying", false);
    if (target->replaces) {
        startAttended(*target->replaces);
    } else {
        startTransfer(leg, *target);
    }
}

Result<void> Call::transferByOperator(const std::string& number) {
    if (!m_finished && !m_callee && m_caller) return deflectByOperator(number);
    if (m_finished || !m_callee || !m_legA || !m_media) return makeError("the call has ended");
    if (m_transfer) return makeError("a transfer of this call is already under way");
    // The extension hands the call on: the callee's when both are ours (the
    // receptionist who answered), the caller's on a call out.
    media::Leg side = media::Leg::B;
    if (m_partyExtension[media::indexOf(side)].empty()) side = media::Leg::A;
    if (m_partyExtension[media::indexOf(side)].empty())
        return makeError("no extension takes part in it, so nobody hands it on");
    const media::Leg transferee = media::otherLeg(side);
    TransferState t;
    t.transferrer = partyOn(side);
    t.side = side;
    t.notify = false;
    t.byOperator = true;
    t.from = m_partyExtension[media::indexOf(side)];
    t.to = number;
    m_transfer = std::move(t);
    m_media->musicOn(transferee, m_manager.musicOnHold());
    m_manager.events().publish(LogMessage{LogLevel::Info,
                                          "call " + std::to_string(m_id) + ": the operator transfers " +
                                              m_partyNumber[media::indexOf(transferee)] + " from " +
                                              m_transfer->from + " to " + number,
                                          nowMs()});
    sip::ReferTarget target;
    target.number = number;
    startTransfer(*partyOn(side), target);
    return {};
}

Result<void> Call::deflectByOperator(const std::string& number) {
    const std::string ringing = m_parties.extension;
    if (ringing.empty() || !m_offerForCallee)
        return makeError("it is ringing out through a line or trunk; transfer it once answered");
    // A forward the operator decides (RFC 5806 "deflection"): the caller hears
    // 181 and the call rings on, its record noting the hop.
    CallParties state = m_parties;
    state.forwards.push_back(routing::ForwardHop{ringing, number, routing::ForwardReason::Deflection});
    const Destination d = m_manager.transferDestination(ringing, number, state);
    if (d.kind == Destination::Kind::Refused) return makeError(std::to_string(d.code) + " " + d.reason);
    if ((d.kind == Destination::Kind::Ring || d.kind == Destination::Kind::Outside) && d.targets.empty())
        return makeError(number + " has no phone to ring");
    cancelForks(nullptr);
    m_manager.events().publish(LogMessage{LogLevel::Info,
                                          "call " + std::to_string(m_id) + ": the operator sends the call ringing at " +
                                              ringing + " to " + number,
                                          nowMs()});
    if (!retarget(d, state)) {
        // The forks are cancelled already: the caller cannot be left waiting.
        failCaller(480, "Temporarily Unavailable");
        finish(store::Disposition::Failed, 480, "sent by the operator to " + number + ", which could not take it");
        return makeError(number + " could not take the call");
    }
    return {};
}

void Call::notifyTransferrer(uint16_t code, const std::string& reason, bool final) {
    if (!m_transfer || !m_transfer->notify || !m_transfer->transferrer) return;
    if (m_transfer->transferrer->notifyRefer(m_transfer->referCseq, code, reason, final))
        m_evidence.sent(m_transfer->transferrer, "NOTIFY " + std::to_string(code) + " " + reason, {},
                        nowMs());
}

void Call::startTransfer(sip::CallLeg&, const sip::ReferTarget& target) {
    const Destination d = m_manager.transferDestination(m_transfer->from, target.number, m_transfer->forwardState);
    routeTransfer(d);
    if (m_transfer && m_transfer->ringing)
        m_manager.events().publish(LogMessage{LogLevel::Info,
                                              "call " + std::to_string(m_id) + ": " + m_transfer->from +
                                                  " transfers to " + m_transfer->to + " (" + transferKind() + ")",
                                              nowMs()});
}

void Call::routeTransfer(const Destination& d) {
    const media::Leg side = m_transfer->side;
    const media::Leg transferee = media::otherLeg(side);
    auto fail = [this](uint16_t code, const std::string& reason, const std::string& why) {
        endTransfer(code, reason, why);
    };
    if (d.kind == Destination::Kind::Refused)
        return fail(d.code, d.reason, std::to_string(d.code) + " " + d.reason);
    if (d.kind == Destination::Kind::Voicemail || d.kind == Destination::Kind::Service)
        return transferToService(d, m_transfer->to);
    if (d.targets.empty() || !m_media)
        return fail(480, "Temporarily Unavailable", "the target has no phone to ring");
    CallParties asCaller = m_parties;
    asCaller.caller = m_partyNumber[media::indexOf(transferee)];
    asCaller.callerName.clear();
    asCaller.callee = m_transfer->to;
    asCaller.forwards = m_transfer->forwardState.forwards;
    m_transfer->ringing =
        std::make_unique<TransferRinging>(m_manager.stack(), *this, d, asCaller, m_media->freshOffer(side));
    if (!m_transfer->ringing->start()) {
        m_pastRinging.push_back(std::move(m_transfer->ringing));
        return fail(503, "Service Unavailable", "no INVITE could be sent");
    }
    // Busy or no answer there may lead on (transferFailed).
    m_transfer->ringingExtension = d.kind == Destination::Kind::Ring ? d.extension : std::string();
    m_transfer->ringingMailbox = d.kind == Destination::Kind::Ring ? d.mailbox : std::string();
    setState("Transferring");
}

void Call::transferProgress(uint16_t code, const std::string& reason) {
    // A forward rings another phone: "Ringing" again tells the transferrer nothing new.
    if (!m_transfer || code <= 100 || code == m_transfer->lastProgress) return;
    m_transfer->lastProgress = code;
    notifyTransferrer(code, reason, false);
}

void Call::transferAnswered(std::unique_ptr<sip::CallLeg> leg, const sip::Body& answer,
                            const std::string& extension) {
    // Called from the ringing object's own callback: it is kept, not destroyed.
    if (m_transfer && m_transfer->ringing) m_pastRinging.push_back(std::move(m_transfer->ringing));
    leg->setListener(*this);
    sip::CallLeg& target = *leg;
    m_adopted.push_back(std::move(leg));
    if (!m_transfer || m_finished || !m_media) {
        target.hangup();
        return;
    }
    if (auto taken = m_media->takeAnswer(m_transfer->side, answer); !taken) {
        target.hangup();
        transferFailed(488, "Not Acceptable Here");
        return;
    }
    completeTransfer(target, extension);
}

void Call::transferFailed(uint16_t code, const std::string& reason) {
    if (!m_transfer) return;
    if (m_transfer->ringing) m_pastRinging.push_back(std::move(m_transfer->ringing));
    // The target extension's forward on busy / no answer, or its voicemail,
    // as for a call dialled to it.
    const std::string extension = std::exchange(m_transfer->ringingExtension, std::string());
    if (!extension.empty() && !m_finished && (code == 486 || code == 480)) {
        const auto why = code == 486 ? routing::ForwardReason::Busy : routing::ForwardReason::NoAnswer;
        if (auto next = m_manager.transferForward(extension, m_transfer->ringingMailbox, why,
                                                  m_transfer->forwardState)) {
            m_manager.events().publish(LogMessage{
                LogLevel::Info,
                "call " + std::to_string(m_id) + ": transfer target " + extension + " answered " +
                    std::to_string(code) + ": on to " +
                    (next->kind == Destination::Kind::Voicemail ? "voicemail " + next->mailbox
                                                                : routing::forwardsText({m_transfer->forwardState.forwards.back()})),
                nowMs()});
            routeTransfer(*next);  // rings on, hands over, or ends the transfer itself
            return;
        }
    }
    endTransfer(code, reason, std::to_string(code) + " " + reason);
}

void Call::endTransfer(uint16_t code, const std::string& reason, const std::string& why) {
    m_manager.events().publish(LogMessage{LogLevel::Info,
                                          "call " + std::to_string(m_id) + ": transfer by " + m_transfer->from +
                                              " to " + m_transfer->to + " failed: " + why,
                                          nowMs()});
    notifyTransferrer(code, reason, true);
    const bool transferrerGone = m_transfer->transferrer == nullptr;
    const media::Leg transferee = media::otherLeg(m_transfer->side);
    // Our music, not the transferrer's hold: back to talking.
    if (m_transfer->byOperator && m_media) m_media->musicOff(transferee);
    m_transfer.reset();
    if (transferrerGone) {
        // Nobody is left to take the transferee back: end the call.
        sip::CallLeg* alone = partyOn(transferee);
        if (alone) {
            alone->hangup();
            m_evidence.sent(alone, "BYE", {}, nowMs());
        }
        finish(store::Disposition::Answered, 200, "transfer failed: " + std::to_string(code) + " " + reason);
        return;
    }
    setState(m_media && m_media->musicPlaying(transferee) ? "On hold" : "Talking");
}

void Call::startAttended(const sip::ReplacesTarget& replaces) {
    auto [other, otherLeg] = m_manager.findDialog(replaces);
    std::string extension;
    std::unique_ptr<sip::CallLeg> joining;
    const std::string transferee = m_partyNumber[media::indexOf(media::otherLeg(m_transfer->side))];
    if (other && other != this && otherLeg && m_media)
        joining = other->handOver(*otherLeg, m_transfer->from + ">" + transferee + " attended", &extension);
    if (!joining) {
        m_manager.events().publish(LogMessage{LogLevel::Info,
                                              "call " + std::to_string(m_id) + ": attended transfer by " +
                                                  m_transfer->from +
                                                  " failed: its Replaces names no answered call",
                                              nowMs()});
        notifyTransferrer(481, "Call/Transaction Does Not Exist", true);
        m_transfer.reset();
        return;
    }
    joining->setListener(*this);
    sip::CallLeg& target = *joining;
    m_adopted.push_back(std::move(joining));
    m_transfer->joining = &target;
    m_transfer->joiningExtension = extension;
    if (!extension.empty()) m_transfer->to = extension;
    m_manager.events().publish(LogMessage{LogLevel::Info,
                                          "call " + std::to_string(m_id) + ": " + m_transfer->from +
                                              " transfers to " + m_transfer->to + " (attended)",
                                          nowMs()});
    setState("Transferring");
    // The target's media moves to this call's relay (RFC 3264 §8 re-offer).
    const sip::Body offer = m_media->freshOffer(m_transfer->side);
    target.reinvite(offer);
    m_evidence.sent(&target, "re-INVITE", offer, nowMs());
}

void Call::completeTransfer(sip::CallLeg& target, const std::string& extension) {
    const media::Leg side = m_transfer->side;
    const size_t slot = media::indexOf(side);
    sip::CallLeg* replaced = partyOn(side);
    partyOn(side) = &target;
    m_partyExtension[slot] = extension;
    m_partyNumber[slot] = extension.empty() ? m_transfer->to : extension;
    m_transfers.push_back(m_transfer->from + ">" + m_partyNumber[slot] + " " + transferKind());
    notifyTransferrer(200, "OK", true);
    // RFC 5589 §6: the transferrer is done; it may send BYE itself too.
    if (replaced && replaced->state() != sip::CallLeg::State::Terminated) {
        replaced->hangup();
        m_evidence.sent(replaced, "BYE", {}, nowMs());
    }
    m_manager.events().publish(LogMessage{LogLevel::Info,
                                          "call " + std::to_string(m_id) + ": transferred by " +
                                              m_transfer->from + " to " + m_partyNumber[slot] + " (" +
                                              transferKind() + ")",
                                          nowMs()});
    m_transfer.reset();
    resumeTransferee(media::otherLeg(side));
    setState("Talking");
}

void Call::resumeTransferee(media::Leg side) {
    if (!m_media) return;
    m_media->musicOff(side);
    sip::CallLeg* leg = partyOn(side);
    // The transferrer held it before the REFER: its phone still thinks so.
    if (!leg || !m_media->holdSentToward(side) || m_localReinvite) return;
    const sip::Body offer = m_media->freshOffer(side);
    m_localReinvite = leg;
    leg->reinvite(offer);
    m_evidence.sent(leg, "re-INVITE", offer, nowMs());
}

sip::CallLeg* Call::legInDialog(const sip::ReplacesTarget& r) const {
    auto matches = [&r](const sip::CallLeg* leg) {
        if (!leg || leg->dialog().callId != r.callId) return false;
        const std::string& local = leg->dialog().localTag;
        const std::string& remote = leg->dialog().remoteTag;
        return (local == r.toTag && remote == r.fromTag) || (local == r.fromTag && remote == r.toTag);
    };
    if (matches(m_legA)) return m_legA;
    if (matches(m_callee)) return m_callee;
    return nullptr;
}

std::unique_ptr<sip::CallLeg> Call::handOver(sip::CallLeg& leg, const std::string& transfer,
                                             std::string* extension) {
    if (m_finished || !m_callee || !isParty(leg) || m_transfer) return nullptr;
    sip::CallLeg* peer = other(leg);
    if (!peer || peer->state() != sip::CallLeg::State::Established) return nullptr;
    *extension = m_partyExtension[media::indexOf(sideOf(*peer))];
    std::unique_ptr<sip::CallLeg> out = releaseParty(*peer);
    if (!out) return nullptr;
    m_transfers.push_back(transfer);
    leg.hangup();
    m_evidence.sent(&leg, "BYE", {}, nowMs());
    finish(store::Disposition::Answered, 200, "joined to another call by attended transfer");
    return out;
}

uint16_t Call::replaceParty(sip::CallLeg& leg, const ::sip_msg& invite, const std::string& by) {
    // RFC 3891 §3: only a confirmed dialog is replaced here (no early
    // dialogs: pickup has its own codes); 481 otherwise.
    if (m_finished || !m_callee || !isParty(leg) || m_transfer || !m_media) return 481;
    const media::Leg side = sideOf(leg);
    auto newcomer = sip::CallLeg::acceptInvite(m_manager.stack(), invite, *this);
    if (!newcomer) return 500;
    auto answer = m_media->answerLocally(side, newcomer->initialBody(), true);
    if (!answer) {
        // Nothing changed for the call: the relay still points where it did.
        newcomer->reject(488, "Not Acceptable Here");
        m_adopted.push_back(std::move(newcomer));
        m_manager.events().publish(LogMessage{LogLevel::Info,
                                              "call " + std::to_string(m_id) + ": INVITE with Replaces from " + by +
                                                  " refused: " + answer.error().message,
                                              nowMs()});
        return 0;
    }
    newcomer->answer(answer.value());
    sip::CallLeg& taken = *newcomer;
    m_adopted.push_back(std::move(newcomer));
    const size_t slot = media::indexOf(side);
    const std::string before = m_partyExtension[slot].empty() ? m_partyNumber[slot] : m_partyExtension[slot];
    partyOn(side) = &taken;
    m_partyExtension[slot] = by;
    m_partyNumber[slot] = by;
    m_transfers.push_back(before + ">" + by + " replaces");
    leg.hangup();
    m_evidence.sent(&leg, "BYE", {}, nowMs());
    m_manager.events().publish(LogMessage{LogLevel::Info,
                                          "call " + std::to_string(m_id) + ": " + by + " took the place of " +
                                              before + " (INVITE with Replaces)",
                                          nowMs()});
    // The party left behind may have been on hold by the one replaced.
    resumeTransferee(media::otherLeg(side));
    setState("Talking");
    return 0;
}

Result<void> CallManager::transferCall(uint64_t callId, const std::string& number) {
    auto it = m_calls.find(callId);
    if (it == m_calls.end() || it->second->finished()) return makeError("the call has ended");
    auto* call = dynamic_cast<Call*>(it->second.get());
    // Calls answered by the PBX (voicemail, menus, groups) have one party.
    if (!call) return makeError("only a call between two parties can be transferred");
    if (number.empty() || config::checkForwardTarget(number))
        return makeError("'" + number + "' is not a number to transfer to");
    return call->transferByOperator(number);
}

Destination CallManager::transferDestination(const std::string& transferrer, const std::string& number,
                                             CallParties& forwardState) {
    const auto service = matchService(m_featureCodes, number);
    // *97 is "my voicemail": the transferee's would be a stranger's mailbox.
    const bool isService = service ? service->kind != ServiceTarget::Kind::VoicemailRetrieval
                                   : findGroup(number) != nullptr || findMenu(number) != nullptr;
    if (isService) {
        Destination d;
        d.kind = Destination::Kind::Service;
        d.extension = number;
        return d;
    }
    // *97 + extension: straight to that extension's voicemail, as a forward may.
    if (number != m_featureCodes.voicemail) {
        const auto forward = routing::parseForwardTarget(number, transferrer, m_config);
        if (forward && forward->kind == routing::ForwardTarget::Kind::Voicemail)
            return mailboxDestination(forward->number);
    }
    if (const store::Extension* ext = findExtension(number)) {
        if (!ext->enabled) {
            Destination d;
            d.code = 404;
            d.reason = "Not Found";
            return d;
        }
        forwardState.forwardChain.push_back(transferrer);
        return resolveExtension(*ext, forwardState);
    }
    return outsideDestination(number, transferrer, {});
}

std::optional<Destination> CallManager::transferForward(const std::string& extension, const std::string& mailbox,
                                                        routing::ForwardReason reason, CallParties& forwardState) {
    const store::Extension* ext = findExtension(extension);
    if (!ext) return std::nullopt;
    const bool services = m_mediaEngine && m_mailboxes;  // voicemail, groups and menus need them
    auto target = routing::parseForwardTarget(routing::forwardSetting(*ext, reason), ext->number, m_config);
    if (target && routing::forwardAllowed(forwardState.forwardChain, forwardState.forwards.size(), *target)) {
        CallParties tried = forwardState;
        Destination d = resolveForward(ext->number, *target, reason, tried);
        const bool service = d.kind == Destination::Kind::Voicemail || d.kind == Destination::Kind::Service;
        if (d.kind != Destination::Kind::Refused && (services || !service)) {
            forwardState = std::move(tried);
            return d;
        }
    }
    if (!services) return std::nullopt;
    Destination d = mailboxDestination(mailbox);
    if (d.kind == Destination::Kind::Refused) return std::nullopt;
    return d;
}

std::optional<std::string> CallManager::takeTransferee(const Destination& d,
                                                       const std::function<std::unique_ptr<sip::CallLeg>()>& release,
                                                       const CallParties& parties,
                                                       const std::string& localAddress,
                                                       const media::LegOrigin& origin) {
    std::optional<ServiceTarget> target;
    if (d.kind == Destination::Kind::Voicemail) {
        const store::Extension* box = findExtension(d.mailbox);
        if (box && box->voicemail) target = voicemailTarget(d.mailbox);
    } else if (d.kind == Destination::Kind::Service) {
        target = matchService(m_featureCodes, d.extension);
        if (!target) target = forwardedService(d.extension, parties);
    }
    if (!target || !m_mediaEngine || !m_mailboxes || localAddress.empty()) return std::nullopt;
    target->label += " (transfer)";
    target->forwards = routing::forwardsText(parties.forwards);
    auto service = makeService(*target, parties.caller);
    if (!service) return std::nullopt;
    auto pair = allocatePorts(localAddress);
    if (!pair) {
        m_events.publish(
            LogMessage{LogLevel::Warning, "transfer to " + target->label + ": " + pair.error().message, nowMs()});
        return std::nullopt;
    }
    std::unique_ptr<sip::CallLeg> leg = release();
    if (!leg) return std::nullopt;  // the port pair goes back to the pool with `pair`
    const uint64_t id = m_nextId++;
    auto call = std::make_unique<ServiceCall>(*this, id, std::move(leg), parties.caller, *target, std::move(service),
                                              nowMs());
    ServiceCall* ref = call.get();
    m_calls.emplace(id, std::move(call));
    ref->takeOver(std::move(pair.value()), *m_mediaEngine, origin);
    return target->label;
}

std::pair<Call*, sip::CallLeg*> CallManager::findDialog(const sip::ReplacesTarget& replaces) {
    for (auto& [id, managed] : m_calls) {
        auto* call = dynamic_cast<Call*>(managed.get());
        if (!call || call->finished()) continue;
        if (sip::CallLeg* leg = call->legInDialog(replaces)) return {call, leg};
    }
    return {nullptr, nullptr};
}

}  // namespace sb::call
