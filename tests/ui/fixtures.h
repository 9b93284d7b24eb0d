#pragma once

// Builders for core value types, field by field, so the UI tests keep
// compiling (-Wmissing-field-initializers) when core adds a field.

#include <string>

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

}  // namespace sb::ui::test
