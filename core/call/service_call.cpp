#include "call/service_call.h"

#include "call/call_manager.h"
#include "media/terminated_sdp.h"
#include "sip/dtmf_info.h"

namespace sb::call {

std::optional<ServiceTarget> matchService(const FeatureCodes& codes, const std::string& dialled) {
    ServiceTarget t;
    t.dialled = dialled;
    if (!codes.echoTest.empty() && dialled == codes.echoTest) {
        t.kind = ServiceTarget::Kind::Echo;
        t.label = "echo test";
        return t;
    }
    if (!codes.voicemail.empty() && dialled == codes.voicemail) {
        t.kind = ServiceTarget::Kind::VoicemailRetrieval;
        t.label = "voicemail";
        return t;
    }
    const std::string& prefix = codes.conferencePrefix;
    if (!prefix.empty() && dialled.size() > prefix.size() && dialled.size() <= prefix.size() + 8 &&
        dialled.compare(0, prefix.size(), prefix) == 0) {
        t.room = dialled.substr(prefix.size());
        if (t.room.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
        t.kind = ServiceTarget::Kind::Conference;
        t.label = "conference " + t.room;
        return t;
    }
    return std::nullopt;
}

std::optional<PickupRequest> matchPickup(const FeatureCodes& codes, const std::string& dialled) {
    if (!codes.groupPickup.empty() && dialled == codes.groupPickup) return PickupRequest{};
    const std::string& prefix = codes.directedPickupPrefix;
    if (prefix.empty() || dialled.size() <= prefix.size() || dialled.compare(0, prefix.size(), prefix) != 0)
        return std::nullopt;
    const std::string extension = dialled.substr(prefix.size());
    if (extension.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return PickupRequest{extension};
}

ServiceCall::ServiceCall(CallManager& manager, uint64_t id, const ::sip_msg& invite, std::string caller,
                         ServiceTarget target, std::unique_ptr<services::Service> service)
    : m_manager(manager), m_id(id), m_caller(std::move(caller)), m_target(std::move(target)),
      m_service(std::move(service)), m_startMs(nowMs()) {
    m_leg = sip::CallLeg::acceptInvite(m_manager.stack(), invite, *this);
    if (m_leg) publish();
}

ServiceCall::ServiceCall(CallManager& manager, uint64_t id, std::unique_ptr<sip::CallLeg> callerLeg,
                         std::string caller, ServiceTarget target, std::unique_ptr<services::Service> service,
                         int64_t startMs)
    : m_manager(manager), m_id(id), m_leg(std::move(callerLeg)), m_caller(std::move(caller)),
      m_target(std::move(target)), m_service(std::move(service)), m_startMs(startMs) {
    if (m_leg) {
        m_leg->setListener(*this);
        publish();
    }
}

namespace {
/// The play token of ring-back while connect() rings: not the service's.
constexpr uint64_t kRingbackToken = ~uint64_t{0};
}  // namespace

ServiceCall::~ServiceCall() {
    m_service.reset();  // first: it may still refer to this call
    m_retired.clear();
    m_bridge.reset();
    m_oldBridges.clear();
    if (m_engine && m_session) m_engine->close(m_session);
}

void ServiceCall::openSession(media::PortPair pair, const media::LegMediaParams& params) {
    media::MediaEngine::SessionEvents events;
    events.digit = [this](char digit, media::DtmfMethod method) { onDigit(digit, method); };
    events.playDone = [this](uint64_t token) {
        if (m_service && !m_finished && token != kRingbackToken) m_service->playDone(*this, token);
    };
    events.failed = [this](const std::string& why) {
        log(LogLevel::Warning, why);
        if (!m_finished) {
            m_leg->hangup();
            finish(store::Disposition::Failed, 500, why);
        }
    };
    m_session = m_engine->open(std::move(pair), params, std::move(events));
}

void ServiceCall::start(media::PortPair pair, media::MediaEngine& engine) {
    m_engine = &engine;
    m_local = pair.rtpEndpoint();
    sip::Body answer;
    media::LegMediaParams params;
    if (m_leg->initialBody().empty()) {
        // Delayed offer (RFC 3261 §13.2.1): we offer in the 200, the ACK answers.
        answer = sip::Body::sdp(media::renderSdp(media::offerAsEndpoint(m_local, m_origin)));
        m_awaitingAnswer = true;
        params.peerDirection = media::Direction::Inactive;  // nothing is sent before the answer
    } else {
        auto offer = media::parseSdp(m_leg->initialBody().content);
        if (!offer) return refuse(488, "Not Acceptable Here", "unusable SDP: " + offer.error().message);
        auto a = media::answerAsEndpoint(offer.value(), m_local, m_origin);
        if (!a) return refuse(488, "Not Acceptable Here", a.error().message);
        params = a->params;
        m_codec = a->params.law == media::G711Law::MuLaw ? "PCMU" : "PCMA";
        answer = sip::Body::sdp(media::renderSdp(a->sdp));
    }
    openSession(std::move(pair), params);
    m_leg->answer(answer);
    m_answerMs = nowMs();
    if (!m_awaitingAnswer) {
        m_started = true;
        m_service->start(*this);
    }
}

void ServiceCall::announceForward() {
    if (!m_leg || m_answerMs != 0 || m_finished) return;
    m_leg->sendProvisional(181, "Call Is Being Forwarded", sip::Body{});
    setState("Forwarded");
}

Result<sip::Body> ServiceCall::answerOffer(const sip::Body& offer) {
    if (offer.empty()) {
        // An offerless re-INVITE asks for our offer again; the ACK answers it.
        return sip::Body::sdp(media::renderSdp(media::offerAsEndpoint(m_local, m_origin)));
    }
    auto sdp = media::parseSdp(offer.content);
    if (!sdp) return sdp.error();
    auto a = media::answerAsEndpoint(sdp.value(), m_local, m_origin);
    if (!a) return a.error();
    m_engine->update(m_session, a->params);
    return sip::Body::sdp(media::renderSdp(a->sdp));
}

void ServiceCall::takeOver(media::PortPair pair, media::MediaEngine& engine, media::LegOrigin origin) {
    m_engine = &engine;
    m_local = pair.rtpEndpoint();
    m_origin = std::move(origin);
    media::LegMediaParams params;
    params.peerDirection = media::Direction::Inactive;  // nothing is sent before the answer
    openSession(std::move(pair), params);
    m_answerMs = nowMs();
    m_awaitingAnswer = true;
    setState("Transferred");
    // May answer at once (491 when a re-INVITE is already under way).
    m_leg->reinvite(sip::Body::sdp(media::renderSdp(media::offerAsEndpoint(m_local, m_origin))));
}

void ServiceCall::onReinviteAnswered(sip::CallLeg&, uint16_t code, const sip::Body& answer) {
    if (!m_awaitingAnswer || m_finished) return;
    if (code >= 300) {
        const std::string why =
            "the transferred party refused the move to " + m_target.label + " (" + std::to_string(code) + ")";
        log(LogLevel::Warning, why + ": hung up");
        m_awaitingAnswer = false;
        m_leg->hangup();
        finish(store::Disposition::Failed, code, why);
        return;
    }
    takeAnswer(answer, "the re-INVITE's 200");
}

void ServiceCall::onConfirmed(sip::CallLeg&, const sip::Body& ackBody) {
    // RFC 3264 §5: an offer in the 200 must be answered in the ACK.
    if (m_awaitingAnswer && !m_finished) takeAnswer(ackBody, "the ACK");
}

void ServiceCall::takeAnswer(const sip::Body& answer, const char* where) {
    m_awaitingAnswer = false;
    auto sdp = media::parseSdp(answer.content);
    auto params = sdp ? media::paramsFromAnswer(sdp.value()) : Result<media::LegMediaParams>(sdp.error());
    if (!params) {
        m_leg->hangup();
        finish(store::Disposition::Failed, 488,
               std::string(where) + " had no usable SDP answer: " + params.error().message);
        return;
    }
    m_codec = params->law == media::G711Law::MuLaw ? "PCMU" : "PCMA";
    m_engine->update(m_session, params.value());
    m_started = true;
    m_service->start(*this);
}

void ServiceCall::onCancelled(sip::CallLeg&) { finish(store::Disposition::Cancelled, 487, "caller cancelled"); }

void ServiceCall::onReinvite(sip::CallLeg& leg, const sip::Body& offer) {
    auto answer = answerOffer(offer);
    if (!answer) {
        leg.rejectReinvite(488, "Not Acceptable Here");
        return;
    }
    leg.answerReinvite(answer.value());
}

Result<sip::Body> ServiceCall::onUpdateOffer(sip::CallLeg&, const sip::Body& offer) { return answerOffer(offer); }

void ServiceCall::onInfo(sip::CallLeg&, const sip::Body& body) {
    if (auto digit = sip::dtmfFromInfo(body)) onDigit(*digit, media::DtmfMethod::SipInfo);
}

void ServiceCall::onDigit(char digit, media::DtmfMethod method) {
    log(LogLevel::Info, "DTMF " + std::string(1, digit) + " (" + std::string(media::toString(method)) + ")");
    if (m_bridge && m_bridge->answered() && !m_finished) {
        m_engine->sendDigits(m_bridge->session(), std::string(1, digit));
        return;
    }
    if (m_service && m_started && !m_finished) m_service->digit(*this, digit);
}

void ServiceCall::onBye(sip::CallLeg&) { finish(store::Disposition::Answered, 200, "caller hung up"); }

void ServiceCall::onTerminated(sip::CallLeg&, const std::string& reason) {
    finish(m_answerMs ? store::Disposition::Answered : store::Disposition::Failed, m_answerMs ? 200 : 500, reason);
}

void ServiceCall::refuse(uint16_t code, const std::string& reason, const std::string& why) {
    log(LogLevel::Warning, "refused with " + std::to_string(code) + ": " + why);
    m_leg->reject(code, reason);
    finish(store::Disposition::Failed, code, why);
}

void ServiceCall::hangUp() {
    if (m_finished) return;
    if (m_answerMs) {
        m_leg->hangup();
        finish(store::Disposition::Answered, 200, "hung up by the operator");
    } else {
        m_leg->reject(480, "Temporarily Unavailable");
        finish(store::Disposition::Failed, 480, "hung up by the operator");
    }
}

bool ServiceCall::canBeDeleted(int64_t now) const {
    if (!m_leg) return true;
    if (!m_finished) return false;
    if (now - m_finishedMs <= 35'000) {
        if (m_bridge && m_bridge->busy()) return false;
        for (const auto& b : m_oldBridges)
            if (b->busy()) return false;
    }
    return now - m_finishedMs > 35'000 || !m_leg->busy();
}

// ServiceContext

void ServiceCall::play(std::vector<std::shared_ptr<const media::AudioClip>> clips, uint64_t token, bool loop) {
    if (!m_finished) m_engine->play(m_session, std::move(clips), loop, token);
}

void ServiceCall::stopPlaying() {
    if (!m_finished) m_engine->stopPlaying(m_session);
}

void ServiceCall::record(const std::filesystem::path& file, uint64_t maxMs,
                         std::function<void(const Result<uint64_t>&)> done) {
    m_engine->startRecording(m_session, file, maxMs,
                             [done = std::move(done)](Result<uint64_t> result) { done(result); });
}

void ServiceCall::stopRecording() { m_engine->stopRecording(m_session); }

void ServiceCall::setEcho(bool on) { m_engine->setEcho(m_session, on); }

void ServiceCall::joinRoom(const std::string& room) { m_engine->setConference(m_session, room); }

void ServiceCall::sendDigits(const std::string& digits) { m_engine->sendDigits(m_session, digits); }

void ServiceCall::hangUp(const std::string& reason) {
    if (m_finished) return;
    m_leg->hangup();
    finish(store::Disposition::Answered, 200, reason);
}

void ServiceCall::connect(const std::string& extension, std::function<void(services::ConnectResult)> done) {
    const store::Extension* callee = m_manager.findExtension(extension);
    connectAny({extension}, callee ? callee->ringTimeoutS : 0, {},
               [done = std::move(done)](services::ConnectResult result, const std::string&) { done(result); });
}

void ServiceCall::connectAny(const std::vector<std::string>& extensions, uint32_t ringTimeoutS,
                             const std::string& label,
                             std::function<void(services::ConnectResult, const std::string&)> done) {
    if (m_finished) return;
    ExtensionBridge::Setup setup;
    for (const auto& extension : extensions) {
        if (!m_manager.findExtension(extension)) continue;
        for (auto& t : m_manager.phoneTargets(extension)) {
            setup.targets.push_back(std::move(t));
            setup.owners.push_back(extension);
        }
    }
    std::string who;
    for (const auto& e : extensions) who += (who.empty() ? "" : ", ") + e;
    auto pair = setup.targets.empty()
                    ? Result<media::PortPair>(makeError("no phone of extension " + who + " is registered"))
                    : m_manager.allocatePorts(m_local.address);
    if (!pair) {
        log(LogLevel::Info, pair.error().message);
        return done(services::ConnectResult::Unavailable, {});
    }
    if (m_bridge) {
        m_bridge->hangUp();
        m_oldBridges.push_back(std::move(m_bridge));
    }
    setup.extension = extensions.size() == 1 ? extensions.front() : setup.owners.front();
    setup.caller = m_caller;
    setup.domain = m_manager.domain();
    setup.ringTimeoutS = ringTimeoutS;
    ExtensionBridge::Events events = bridgeEvents(label, std::move(done));
    setState("Ringing " + who);
    if (auto tone = m_manager.ringbackClip()) play({tone}, kRingbackToken, true);
    m_bridge = std::make_unique<ExtensionBridge>(m_manager.stack(), *m_engine, std::move(pair.value()),
                                                 std::move(setup), std::move(events));
}

ExtensionBridge::Events ServiceCall::bridgeEvents(
    const std::string& label, std::function<void(services::ConnectResult, const std::string&)> done) {
    ExtensionBridge::Events events;
    events.log = [this](LogLevel level, const std::string& text) { log(level, text); };
    events.outcome = [this, label, done = std::move(done)](services::ConnectResult result) {
        if (m_finished) return;
        stopPlaying();  // the ring-back
        std::string answeredBy;
        if (result == services::ConnectResult::Answered) {
            // Each terminated leg hears what the other receives.
            if (m_bridge) {
                m_engine->bridge(m_session, m_bridge->session());
                m_codec = m_bridge->codec();
                answeredBy = m_bridge->answeredBy();
            }
            log(LogLevel::Info, "extension " + answeredBy + " answered: bridged in the media engine");
            // The route already names the group when the group was dialled.
            if (!label.empty())
                m_answeredBy =
                    (m_target.label.rfind(label, 0) == 0 ? "" : label + " ") + "answered by " + answeredBy;
            setState("Connected to " + answeredBy);
        }
        done(result, answeredBy);
    };
    events.hungUp = [this] {
        hangUp("extension " + (m_bridge ? m_bridge->answeredBy() : std::string()) + " hung up");
    };
    // Keys pass through the bridge both ways (a caller entering a code the
    // extension's phone asks for, or the other way round).
    events.digit = [this](char digit) {
        if (!m_finished) m_engine->sendDigits(m_session, std::string(1, digit));
    };
    return events;
}

bool ServiceCall::adoptPicker(const ::sip_msg& invite, const std::string& picker) {
    if (m_finished) return false;
    auto pair = m_manager.allocatePorts(m_local.address);
    if (!pair) {
        log(LogLevel::Warning, "pickup by " + picker + ": " + pair.error().message);
        return false;
    }
    if (m_bridge) {
        m_bridge->hangUp();
        m_oldBridges.push_back(std::move(m_bridge));
    }
    ExtensionBridge::Setup setup;  // no targets: nothing rings, the picker answers at once
    setup.extension = picker;
    setup.caller = m_caller;
    setup.domain = m_manager.domain();
    setup.awaitPickup = true;
    m_bridge = std::make_unique<ExtensionBridge>(
        m_manager.stack(), *m_engine, std::move(pair.value()), std::move(setup),
        bridgeEvents(m_target.label, [](services::ConnectResult, const std::string&) {}));
    return m_bridge->pickUp(invite, picker);
}

std::vector<std::string> ServiceCall::ringingExtensions() const {
    if (m_finished || !m_bridge) return {};
    return m_bridge->ringingExtensions();
}

bool ServiceCall::pickUp(const ::sip_msg& invite, const std::string& picker) {
    if (m_finished || !m_bridge) return false;
    return m_bridge->pickUp(invite, picker);
}

void ServiceCall::handOver(std::unique_ptr<services::Service> service) {
    stopPlaying();
    if (m_bridge) {
        m_bridge->hangUp();
        m_oldBridges.push_back(std::move(m_bridge));
    }
    m_retired.push_back(std::move(m_service));
    m_service = std::move(service);
    m_service->start(*this);
}

bool ServiceCall::enterMenu(const std::string& menu) {
    if (m_finished) return false;
    auto service = m_manager.menuService(menu, m_caller);
    if (!service) return false;
    handOver(std::move(service));
    return true;
}

bool ServiceCall::enterGroup(const std::string& group) {
    if (m_finished) return false;
    auto service = m_manager.groupService(group, m_caller);
    if (!service) return false;
    handOver(std::move(service));
    return true;
}

bool ServiceCall::leaveMessage(const std::string& mailbox) {
    if (m_finished) return false;
    auto service = m_manager.voicemailService(mailbox, m_caller);
    if (!service) return false;
    handOver(std::move(service));
    return true;
}

void ServiceCall::setState(const std::string& state) {
    if (m_state == state) return;
    m_state = state;
    publish();
}

void ServiceCall::log(LogLevel level, const std::string& text) {
    m_manager.events().publish(
        LogMessage{level, "call " + std::to_string(m_id) + " (" + m_target.label + "): " + text, nowMs()});
}

void ServiceCall::publish() {
    if (m_finished) return;
    m_manager.events().publish(
        CallUpdated{m_id, m_caller, m_target.dialled, m_target.label, m_state, m_codec, m_startMs, m_answerMs});
}

void ServiceCall::finish(store::Disposition disposition, int sipCode, const std::string& reason) {
    if (m_finished) return;
    setState("Ending");
    if (m_service && m_started) m_service->ended(*this);
    m_finished = true;
    if (m_bridge) m_bridge->hangUp();  // the extension's leg ends with the caller's
    m_finishedMs = nowMs();
    if (m_engine && m_session) {
        m_engine->close(m_session);  // the port pair goes back to the pool on the media thread
        m_session = 0;
    }
    store::CdrRecord cdr;
    cdr.startMs = m_startMs;
    cdr.answerMs = m_answerMs;
    cdr.endMs = m_finishedMs;
    cdr.caller = m_caller;
    cdr.callee = m_target.dialled;
    cdr.route = m_target.label + (m_answeredBy.empty() ? "" : ", " + m_answeredBy);
    cdr.disposition = disposition;
    cdr.sipCode = sipCode;
    cdr.reason = reason;
    cdr.codec = m_codec;
    cdr.callId = m_leg->dialog().callId;
    cdr.forwards = m_target.forwards;
    m_manager.callFinished(*this, cdr);
}

}  // namespace sb::call
