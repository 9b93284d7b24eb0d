#include "engine/core.h"

#include <re.h>

#include <chrono>
#include <set>

#include "call/call_manager.h"
#include "call/carrier_self_test.h"
#include "common/clock.h"
#include "config/validation.h"
#include "engine/trace_file.h"
#include "platform/process_resources.h"
#include "platform/resources.h"
#include "sip/line_registrations.h"
#include "sip/message.h"
#include "sip/qualifier.h"
#include "sip/registrar.h"
#include "sip/sip_stack.h"
#include "sip/source_guard.h"
#include "store/store.h"
#include "store/store_writer.h"

namespace sb {

namespace {
sip::RegistrarSettings registrarSettings(const store::Configuration& config) {
    const auto& s = config.settings;
    sip::RegistrarSettings r;
    r.realm = s.domain;
    // validate() has checked the list; an empty result still keeps MD5.
    auto algorithms = sip::parseDigestAlgorithmList(s.authAlgorithms);
    if (algorithms && !algorithms->empty()) r.algorithms = algorithms.value();
    r.expiry = sip::ExpiryPolicy{s.minExpiresS, s.maxExpiresS, s.defaultExpiresS, s.maxContacts};
    r.nonceLifetimeS = s.nonceLifetimeS;
    for (const auto& ext : config.extensions) {
        if (ext.enabled) r.passwords[ext.number] = ext.password;
    }
    return r;
}

std::set<std::string> qualifiedExtensions(const store::Configuration& config) {
    std::set<std::string> out;
    for (const auto& ext : config.extensions) {
        if (ext.enabled && ext.qualify) out.insert(ext.number);
    }
    return out;
}

}  // namespace

Core::Core(EventSink& events, std::unique_ptr<store::Store> store, store::Configuration config,
           LogLevel logLevel)
    : m_events(events), m_store(std::move(store)), m_config(std::move(config)), m_logLevel(logLevel) {}

Core::~Core() {
    // These hook into the SIP stack: they go first; the writer goes last so
    // it still takes (and then flushes) what they hand it while closing.
    m_selfTestReap.cancel();
    m_selfTest.reset();
    m_lines.reset();
    m_calls.reset();
    m_qualifier.reset();
    m_registrar.reset();
    m_sip.reset();
    m_writer.reset();
}

Result<void> Core::startStoreWriter() {
    auto writer = store::StoreWriter::start(m_store->path(), [this](const Error& e) {
        // Runs on the writer thread; publish() is thread-safe.
        m_events.publish(LogMessage{LogLevel::Error, "cannot write to the database: " + e.message, wallClockMs()});
    });
    if (!writer) return writer.error();
    m_writer = std::move(writer.value());
    return {};
}

void Core::log(LogLevel level, std::string text) {
    if (static_cast<int>(level) > static_cast<int>(m_logLevel)) return;
    m_events.publish(LogMessage{level, std::move(text), wallClockMs()});
}

Result<void> Core::applyConfiguration(store::Configuration config) {
    const auto errors = config::validate(config);
    if (!errors.empty()) {
        std::string reason = errors.front().toString();
        m_events.publish(ConfigurationRejected{reason});
        return makeError(reason);
    }
    if (auto saved = m_store->replaceConfiguration(config); !saved) {
        m_events.publish(ConfigurationRejected{saved.error().message});
        return saved.error();
    }
    m_config = std::move(config);
    applyLive();
    m_events.publish(ConfigurationChanged{m_config});
    return {};
}

Result<void> Core::startSip(const sip::ListenConfig& listen, bool traceSip) {
    auto stack = sip::SipStack::create(listen, m_events);
    if (!stack) return stack.error();
    m_sip = std::move(stack.value());
    m_sip->setTraceEnabled(traceSip);
    m_registrar = std::make_unique<sip::Registrar>(*m_sip, m_events, registrarSettings(m_config));
    if (auto saved = m_store->loadBindings(wallClockMs())) {
        std::vector<sip::Binding> bindings;
        for (const auto& r : saved.value())
            bindings.push_back({r.extension, r.contact, r.source, r.transport, r.userAgent, r.callId, r.cseq,
                                r.expiresAtMs, true});
        m_registrar->restore(bindings);
        if (!bindings.empty()) log(LogLevel::Info, "restored " + std::to_string(bindings.size()) + " registrations");
    } else {
        log(LogLevel::Warning, "registrations from before the restart are lost: " + saved.error().message);
    }
    if (m_writer) {
        m_registrar->setChangeHook([w = m_writer.get()](const std::vector<sip::Binding>& changed,
                                                        const std::vector<sip::Binding>& removed) {
            for (const auto& b : changed)
                w->saveBinding({b.extension, b.contact, b.source, b.transport, b.userAgent, b.callId, b.cseq,
                                b.expiresAtMs});
            for (const auto& b : removed) w->removeBinding(b.extension, b.contact);
        });
    }
    m_calls = std::make_unique<call::CallManager>(*m_sip, *m_registrar, m_events, m_writer.get());
    // Feature codes dialled on a phone change its extension like the GUI would.
    m_calls->setConfigEditor([this](store::Configuration config) { return applyConfiguration(std::move(config)); });
    {
        call::ServiceEnvironment env;
        env.dataFolder = m_store->path().parent_path();
        env.promptsFolder = platform::resourceDirectory("prompts");
        // Read once at start, like the configuration; later changes go
        // through the store writer.
        if (auto messages = m_store->loadVoicemail()) {
            env.voicemail = std::move(messages.value());
        } else {
            log(LogLevel::Error, "voicemail index: " + messages.error().message);
        }
        m_calls->configure(m_config);
        m_calls->startServices(std::move(env));
    }
    m_lines = std::make_unique<sip::LineRegistrations>(*m_sip, m_events);
    m_qualifier = std::make_unique<sip::Qualifier>(*m_sip, *m_registrar);
    startGuard();
    applyLive();
    return {};
}

bool Core::deleteVoicemail(int64_t id) { return m_calls && m_calls->deleteVoicemail(id); }

void Core::clearPrackWarning(const std::string& lineOrTrunk) {
    if (m_calls) m_calls->clearPrackWarning(lineOrTrunk);
}

bool Core::hangUpCall(uint64_t callId) { return m_calls && m_calls->hangUp(callId); }

Result<void> Core::transferCall(uint64_t callId, const std::string& number) {
    if (!m_calls) return makeError("SIP is not running");
    return m_calls->transferCall(callId, number);
}

void Core::setAcceptingCalls(bool accepting) {
    if (m_calls) m_calls->setAccepting(accepting);
}

void Core::queryCallHistory(uint64_t requestId, int64_t fromMs, int64_t toMs) {
    if (!m_writer) {
        m_events.publish(CallHistory{requestId, {}, "the database is not open"});
        return;
    }
    m_writer->read([requestId, fromMs, toMs, &events = m_events](store::Store& s) {
        auto rows = s.cdrsBetween(fromMs, toMs);
        events.publish(rows ? CallHistory{requestId, std::move(rows.value()), {}}
                            : CallHistory{requestId, {}, rows.error().message});
    });
}

void Core::queryCallLadder(uint64_t requestId, int64_t cdrId) {
    if (!m_writer) {
        m_events.publish(CallLadder{requestId, cdrId, {}, "the database is not open"});
        return;
    }
    m_writer->read([requestId, cdrId, &events = m_events](store::Store& s) {
        auto ladder = s.cdrLadder(cdrId);
        events.publish(ladder ? CallLadder{requestId, cdrId, std::move(ladder.value()), {}}
                              : CallLadder{requestId, cdrId, {}, ladder.error().message});
    });
}

namespace {

/// The source IP of a request as text, without the port (bans are per address).
std::string sourceIp(const ::sa& src) {
    char ip[64] = {};
    if (sa_ntop(&src, ip, sizeof(ip)) != 0) return {};
    return ip;
}

sip::SourceGuard::Settings guardSettings(const store::Settings& s) {
    sip::SourceGuard::Settings g;
    g.authFailLimit = s.authFailLimit;
    g.authFailWindowS = s.authFailWindowS;
    g.banTimeS = s.banTimeS;
    g.allowList = s.allowList;
    g.dropScanners = s.dropScanners;
    g.rateLimit = s.rateLimit;
    return g;
}

}  // namespace

void Core::startGuard() {
    m_guard = std::make_unique<sip::SourceGuard>();
    m_guard->configure(guardSettings(m_config.settings));
    m_guard->setBanHook([this](const sip::Ban& ban, bool removed) {
        m_events.publish(BanChanged{ban.address, ban.reason, ban.sinceMs, ban.untilMs, removed});
        if (!removed)
            log(LogLevel::Warning, "banned " + ban.address + " for " +
                                       std::to_string((ban.untilMs - ban.sinceMs) / 1000) + " s: " + ban.reason);
        else
            log(LogLevel::Info, "ban on " + ban.address + " ended");
        // Rare: rides the writer's job queue, never the SIP thread.
        if (m_writer)
            m_writer->read([ban, removed](store::Store& s) {
                if (removed)
                    (void)s.removeBan(ban.address);
                else
                    (void)s.saveBan({ban.address, ban.reason, ban.sinceMs, ban.untilMs});
            });
    });
    if (auto saved = m_store->loadBans()) {
        std::vector<sip::Ban> bans;
        for (const auto& b : saved.value()) bans.push_back({b.address, b.reason, b.sinceMs, b.untilMs});
        m_guard->restore(bans, wallClockMs());
        for (const auto& b : m_guard->bans())
            m_events.publish(BanChanged{b.address, b.reason, b.sinceMs, b.untilMs, false});
    } else {
        log(LogLevel::Warning, "banned addresses from before the restart are lost: " + saved.error().message);
    }
    m_sip->setRequestFilter([this](const ::sip_msg& msg) {
        // Every request passes here: read the User-Agent in place, no copy.
        const struct sip_hdr* ua = sip_msg_xhdr(&msg, "User-Agent");
        const std::string_view agent = ua ? std::string_view(ua->val.p, ua->val.l) : std::string_view();
        const int64_t now = wallClockMs();
        const auto verdict = m_guard->admit(sourceIp(msg.src), agent, now);
        if (verdict != sip::SourceGuard::Verdict::Admit) return false;
        // Overloaded: refuse what would start new work (a call, a binding)
        // at once and cheaply; requests inside dialogs still go through so
        // calls in progress can end.
        if (m_load.overloaded(monotonicMs()) && !pl_isset(&msg.to.tag) &&
            (pl_strcmp(&msg.met, "INVITE") == 0 || pl_strcmp(&msg.met, "REGISTER") == 0 ||
             pl_strcmp(&msg.met, "SUBSCRIBE") == 0 || pl_strcmp(&msg.met, "MESSAGE") == 0)) {
            ++m_shed;
            m_sip->replyStateless(msg, 503, "Service Unavailable", "Retry-After: 5\r\n");
            return false;
        }
        return true;
    });
    m_registrar->authenticator().setFailureHook(
        [this](const ::sip_msg& msg) { m_guard->authFailed(sourceIp(msg.src), wallClockMs()); });
    sweepGuard();
    m_loadDueMs = monotonicMs() + LoadMonitor::kIntervalMs;
    m_loadTimer.start(LoadMonitor::kIntervalMs, [this] { watchLoad(); });
}

void Core::watchLoad() {
    const int64_t now = monotonicMs();
    std::string cause;
    std::vector<platform::DatagramQueue> queues;
    std::optional<uint32_t> mostQueued;
    for (const auto& socket : m_sipDatagramSockets) {
        queues.push_back(platform::datagramQueue(socket.first));
        if (queues.back().known) mostQueued = std::max(mostQueued.value_or(0), queues.back().queuedBytes);
    }
    if (m_load.tick(m_loadDueMs, now, mostQueued))
        cause = "the engine loop ran " + std::to_string(now - m_loadDueMs) + " ms late";
    for (size_t i = 0; i < m_sipDatagramSockets.size(); ++i) {
        auto& drops = m_sipDatagramSockets[i].second;
        const auto& q = queues[i];
        if (!q.known) continue;
        const uint32_t newDrops = q.drops - drops;
        drops = q.drops;
        if (m_load.backlog(q.queuedBytes, q.capacityBytes, newDrops, now))
            cause = "SIP receive queue " + std::to_string(q.queuedBytes / 1024) + " of " +
                    std::to_string(q.capacityBytes / 1024) + " KiB, " + std::to_string(newDrops) +
                    " requests dropped by the system";
    }
    // Refusing follows the queue closely (it may switch every 100 ms under
    // sustained load); the log reports episodes: one line when refusing
    // starts, one when there has been none for kEpisodeQuietMs.
    constexpr int64_t kEpisodeQuietMs = 2000;
    if (m_load.overloaded(now)) {
        m_lastOverloadMs = now;
        if (!m_inOverload)
            log(LogLevel::Warning, "overloaded (" + (cause.empty() ? std::string("requests queued") : cause) +
                                       "): new calls and registrations get 503 for now");
        m_inOverload = true;
    } else if (m_inOverload && now - m_lastOverloadMs >= kEpisodeQuietMs) {
        log(LogLevel::Info, "load back to normal; " + std::to_string(m_shed) + " requests were refused with 503; " +
                                (m_calls ? std::to_string(m_calls->liveCalls()) + " calls in progress, " +
                                               std::to_string(m_calls->rtpPairsInUse()) + " RTP port pairs in use"
                                         : std::string("no calls")));
        m_shed = 0;
        m_inOverload = false;
    }
    m_loadDueMs = now + LoadMonitor::kIntervalMs;
    m_loadTimer.start(LoadMonitor::kIntervalMs, [this] { watchLoad(); });
}

void Core::sweepGuard() {
    m_guard->sweep(wallClockMs());
    if (m_registrar) m_registrar->authenticator().nonces().expire();
    reviewResources();
    m_guardSweep.start(1000, [this] { sweepGuard(); });
}

bool Core::unban(const std::string& address) { return m_guard && m_guard->unban(address); }

void Core::warnAboutSeveralDigestAlgorithms() {
    const std::string& list = m_config.settings.authAlgorithms;
    if (list == m_warnedAuthAlgorithms) return;
    m_warnedAuthAlgorithms = list;
    // Issue 19: a second WWW-Authenticate makes phones whose stack knows MD5
    // only (baresip 1.x on libre 1.x) fail the REGISTER before answering any.
    if (list.find(',') != std::string::npos)
        log(LogLevel::Warning,
            "auth_algorithms is " + list +
                ": phones that know only MD5 digest (e.g. baresip 1.x) cannot register while "
                "more than one algorithm is offered (use MD5, or SHA-256 when every phone "
                "supports it)");
}

void Core::applyLive() {
    if (m_guard) m_guard->configure(guardSettings(m_config.settings));
    m_connections.configure(
        {m_config.settings.tcpMaxPerAddress, m_config.settings.tcpIdleTimeoutS, m_config.settings.allowList});
    bool caChanged = false;
    if (m_sip) {
        // Before the lines: a line that registers anew connects under the new rules.
        caChanged = m_sip->tlsVerifier().configure(m_config);
        const auto& s = m_config.settings;
        if (!s.traceFile.empty() && !m_traceFile) m_traceFile = std::make_unique<TraceFile>(m_events);
        if (m_traceFile) m_traceFile->configure(s.traceFile, uint64_t{s.traceFileMaxMb} * 1024 * 1024);
        if (m_traceFile && m_traceFile->active())
            m_sip->setTraceSink([file = m_traceFile.get()](SipTraced&& event) { file->append(std::move(event)); });
        else
            m_sip->setTraceSink({});
    }
    if (m_registrar) m_registrar->configure(registrarSettings(m_config));
    warnAboutSeveralDigestAlgorithms();
    if (m_qualifier) m_qualifier->configure(qualifiedExtensions(m_config), m_config.settings.qualifyIntervalS);
    if (m_calls) m_calls->configure(m_config);
    if (m_lines) {
        m_lines->configure(m_config.lines, m_config.settings);
        if (caChanged) m_lines->retryTls();
    }
}

void Core::startSelfTest(diagnostics::SelfTestRequest request) {
    // A finished test only waits for its reaping timer; this command runs
    // outside its callbacks, so it may go now.
    if (m_selfTest && m_selfTest->finished()) {
        m_selfTestReap.cancel();
        m_selfTest.reset();
    }
    if (m_selfTest || !m_sip) {
        diagnostics::SelfTestReport report;
        report.id = request.id;
        report.target = request.target;
        report.error = m_sip ? "another self-test is running" : "SIP is not running";
        std::string text = diagnostics::selfTestReportText(report);
        m_events.publish(SelfTestFinished{std::move(report), std::move(text)});
        return;
    }
    m_selfTest = std::make_unique<call::CarrierSelfTest>(
        *m_sip, m_events, m_config, std::move(request),
        [this] { m_selfTestReap.start(0, [this] { reapSelfTest(10); }); });
    m_selfTest->start();
}

void Core::reapSelfTest(int triesLeft) {
    if (m_selfTest && m_selfTest->callsBusy() && triesLeft > 0) {
        m_selfTestReap.start(500, [this, triesLeft] { reapSelfTest(triesLeft - 1); });
        return;
    }
    m_selfTest.reset();
}

void Core::stopSelfTest(uint64_t id) {
    if (m_selfTest && m_selfTest->id() == id) m_selfTest->stop();
}

}  // namespace sb
