#pragma once

// Builders for core value types, field by field, so the UI tests keep
// compiling (-Wmissing-field-initializers) when core adds a field.

#include <QByteArray>
#include <QTemporaryDir>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/events.h"
#include "store/records.h"

namespace sb::ui::test {

/// A real engine for one test: its database in @p dir, SIP on any free
/// port of 127.0.0.1, TLS too (never colliding with another test on 5061).
inline sb::EngineOptions engineOptions(const QTemporaryDir& dir) {
    sb::EngineOptions options;
    options.databasePath = dir.filePath(QStringLiteral("switchboard.db")).toStdString();
    options.sipPort = 0;
    options.tlsPort = 0;
    options.bindAddress = "127.0.0.1";
    return options;
}

inline sb::store::Extension extension(std::string number, std::string name, bool enabled = true) {
    sb::store::Extension e;
    e.number = std::move(number);
    e.password = "secret-" + e.number;
    e.name = std::move(name);
    e.enabled = enabled;
    return e;
}

inline sb::store::Route route(std::string pattern, int strip, std::string prepend, std::string target,
                              std::string failover) {
    sb::store::Route r;
    r.pattern = std::move(pattern);
    r.strip = strip;
    r.prepend = std::move(prepend);
    r.target = std::move(target);
    r.failover = std::move(failover);
    return r;
}

/// An IMS line like the seed notes' CTC example: logical domain behind a
/// proxy, full-URI authorization name. Every field differs from its default.
inline sb::store::ExternalLine imsLine(std::string name) {
    sb::store::ExternalLine l;
    l.name = std::move(name);
    l.domain = "gd.ctcims.cn";
    l.account = "+8612345678";
    l.authId = "auth-8612345678";
    l.password = "s3cret pass";
    l.authIdIncludesAddress = true;
    l.proxy = "10.20.30.40:5060";
    l.transport = sb::store::Transport::Tcp;
    l.registerEnabled = false;
    l.expiresS = 1800;
    l.disable100rel = true;
    l.userPhone = false;
    l.incomingExtension = "101";
    l.enabled = false;
    l.callerId = "+8612345600";
    return l;
}

/// A carrier trunk; every field differs from its default.
inline sb::store::SipTrunk carrierTrunk(std::string name) {
    sb::store::SipTrunk t;
    t.name = std::move(name);
    t.host = "203.0.113.5";
    t.port = 5080;
    t.transport = sb::store::Transport::Tls;
    t.proxy = "sbc.example.net:5061";
    t.requestUriParams = "cpc=ordinary;npdi";
    t.disable100rel = true;
    t.allowedAddresses = {"203.0.113.0/24", "2001:db8::7"};
    t.dids = {{"+8613901088888", "100"}, {"02088886666", "102"}};
    t.enabled = false;
    t.authUser = "office-7";
    t.authPassword = "trunk secret";
    t.callerId = "+8610880000";
    t.callerIdPrefix = "+861088";
    t.defaultExtension = "101";
    return t;
}

/// A plain trunk to 127.0.0.1 (for a running engine).
inline sb::store::SipTrunk trunk(std::string name, std::string host = "127.0.0.1", uint16_t port = 5080) {
    sb::store::SipTrunk t;
    t.name = std::move(name);
    t.host = std::move(host);
    t.port = port;
    return t;
}

inline sb::LineStatusChanged lineStatus(std::string line, std::string status, int code) {
    sb::LineStatusChanged s;
    s.line = std::move(line);
    s.status = std::move(status);
    s.lastCode = code;
    return s;
}

inline sb::RegistrationChanged binding(std::string ext, std::string contact, int64_t expiresAtMs,
                                       bool removed = false, bool reachable = true) {
    sb::RegistrationChanged r;
    r.extension = std::move(ext);
    r.contact = std::move(contact);
    r.source = "192.0.2.10:5062";
    r.transport = "UDP";
    r.userAgent = "Softphone 1.0";
    r.expiresAtMs = expiresAtMs;
    r.removed = removed;
    r.reachable = reachable;
    return r;
}

inline sb::SipTraced traced(bool outgoing, std::string text, int64_t timeMs) {
    sb::SipTraced t;
    t.outgoing = outgoing;
    t.transport = "UDP";
    t.peer = "127.0.0.1:5062";
    t.local = "127.0.0.1:5060";
    t.text = std::move(text);
    t.timeMs = timeMs;
    return t;
}

inline sb::EngineStarted engineStarted(std::string listening, std::string databasePath,
                                      std::string tlsFingerprint = {}) {
    sb::EngineStarted s;
    s.listening = std::move(listening);
    s.databasePath = std::move(databasePath);
    s.tlsFingerprint = std::move(tlsFingerprint);
    return s;
}

inline sb::ConfigurationRejected rejected(std::string reason) {
    sb::ConfigurationRejected r;
    r.reason = std::move(reason);
    return r;
}

inline sb::LogMessage logLine(sb::LogLevel level, std::string text) {
    sb::LogMessage m;
    m.level = level;
    m.text = std::move(text);
    m.timeMs = 1;
    return m;
}

inline sb::CallEnded callEnded(uint64_t id) {
    sb::CallEnded e;
    e.callId = id;
    return e;
}

inline sb::CallUpdated callUpdated(uint64_t id, std::string caller, std::string callee, std::string route,
                                   std::string state, std::string codec, int64_t startMs,
                                   int64_t answerMs = 0) {
    sb::CallUpdated c;
    c.callId = id;
    c.caller = std::move(caller);
    c.callee = std::move(callee);
    c.route = std::move(route);
    c.state = std::move(state);
    c.codec = std::move(codec);
    c.startMs = startMs;
    c.answerMs = answerMs;
    return c;
}

inline sb::store::CdrRecord cdr(int64_t id, std::string caller, std::string callee,
                                sb::store::Disposition disposition, int sipCode, int64_t startMs,
                                int64_t answerMs, int64_t endMs) {
    sb::store::CdrRecord r;
    r.id = id;
    r.startMs = startMs;
    r.answerMs = answerMs;
    r.endMs = endMs;
    r.caller = std::move(caller);
    r.callee = std::move(callee);
    r.route = "office";
    r.disposition = disposition;
    r.sipCode = sipCode;
    r.reason = sipCode == 200 ? "caller hung up" : "";
    r.codec = answerMs ? "PCMU" : "";
    r.callId = "cdr-" + std::to_string(id) + "@127.0.0.1";
    return r;
}

inline sb::CallHistory callHistory(uint64_t requestId, std::vector<sb::store::CdrRecord> records,
                                   std::string error = {}) {
    sb::CallHistory h;
    h.requestId = requestId;
    h.records = std::move(records);
    h.error = std::move(error);
    return h;
}

}  // namespace sb::ui::test

// QCOMPARE prints records through these (found by argument-dependent lookup).
namespace sb::store {

inline char* toString(const ExternalLine& l) {
    std::string s = "{name=" + l.name + " domain=" + l.domain + " account=" + l.account + " authId=" + l.authId +
                    " password=" + l.password + " authIdIncludesAddress=" + std::to_string(l.authIdIncludesAddress) +
                    " proxy=" + l.proxy + " transport=" + transportName(l.transport) +
                    " register=" + std::to_string(l.registerEnabled) + " expires=" + std::to_string(l.expiresS) +
                    " disable100rel=" + std::to_string(l.disable100rel) + " userPhone=" + std::to_string(l.userPhone) +
                    " incoming=" + l.incomingExtension + " enabled=" + std::to_string(l.enabled) + "}";
    return qstrdup(s.c_str());
}

inline char* toString(const SipTrunk& t) {
    std::string s = "{name=" + t.name + " host=" + t.host + " port=" + std::to_string(t.port) +
                    " transport=" + transportName(t.transport) + " proxy=" + t.proxy + " params=" + t.requestUriParams +
                    " disable100rel=" + std::to_string(t.disable100rel) + " allowed=[";
    for (const auto& a : t.allowedAddresses) s += a + ",";
    s += "] dids={";
    for (const auto& [did, ext] : t.dids) s += did + "->" + ext + ",";
    s += "} enabled=" + std::to_string(t.enabled) + "}";
    return qstrdup(s.c_str());
}

inline char* toString(const Route& r) {
    const std::string s = "{" + r.pattern + " strip=" + std::to_string(r.strip) + " prepend=" + r.prepend +
                          " target=" + r.target + " failover=" + r.failover + "}";
    return qstrdup(s.c_str());
}

}  // namespace sb::store
