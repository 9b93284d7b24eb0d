#pragma once

// Builders for core value types, field by field, so the UI tests keep
// compiling (-Wmissing-field-initializers) when core adds a field.

#include <string>
#include <vector>

#include "engine/events.h"
#include "store/records.h"

namespace sb::ui::test {

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
