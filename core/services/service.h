#pragma once

// The behaviour of a call that ends in Switchboard (echo test, conference,
// voicemail, auto attendant), apart from SIP and RTP: a Service reacts to the caller's keys
// and to the end of what it played or recorded, and acts through its
// ServiceContext (implemented by call::ServiceCall). Engine thread only.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "engine/events.h"
#include "media/audio_clip.h"

namespace sb::services {

/// How ringing an extension from a service ended (ServiceContext::connect).
enum class ConnectResult : int {
    Answered = 1,  ///< a phone answered; the caller is bridged to it
    NoAnswer,      ///< nobody answered within the extension's ring timeout
    Busy,          ///< every phone refused (486/600/603)
    Unavailable,   ///< no phone registered, or none could be reached
};

class ServiceContext {
public:
    virtual ~ServiceContext() = default;
    /// Play @p clips in order (a missing prompt is a null entry and skipped);
    /// Service::playDone(@p token) follows.
    virtual void play(std::vector<std::shared_ptr<const media::AudioClip>> clips, uint64_t token,
                      bool loop = false) = 0;
    virtual void stopPlaying() = 0;
    /// Record the caller into @p file for at most @p maxMs. @p done runs when
    /// the recording ends (limit, stopRecording(), hang-up), even after the
    /// call is gone: it must not refer to the call or the service.
    virtual void record(const std::filesystem::path& file, uint64_t maxMs,
                        std::function<void(const Result<uint64_t>& durationMs)> done) = 0;
    virtual void stopRecording() = 0;
    virtual void setEcho(bool on) = 0;
    virtual void joinRoom(const std::string& room) = 0;
    virtual void sendDigits(const std::string& digits) = 0;
    /// Hang up with BYE; Service::ended() is not called for it.
    virtual void hangUp(const std::string& reason) = 0;
    /// The state shown in the Calls table ("Voicemail", "Conference", ...).
    virtual void setState(const std::string& state) = 0;
    virtual void log(LogLevel level, const std::string& text) = 0;
    /// Who called (extension number or caller id).
    virtual const std::string& caller() const = 0;
    /// Ring @p extension's phones while the caller hears ring-back; when one
    /// answers, bridge the caller to it (docs/media.md, "Connecting a service
    /// call to an extension"). @p done runs once, on the engine thread, never
    /// after the call has ended; after Answered the service hears no more keys.
    virtual void connect(const std::string& extension, std::function<void(ConnectResult)> done) = 0;
    /// Hand the caller to leaving a message in @p mailbox. On true the
    /// calling service is finished with (kept alive until the call is gone,
    /// but told nothing more); false: the mailbox takes no messages.
    virtual bool leaveMessage(const std::string& mailbox) = 0;
    /// Ring the phones of all @p extensions at once for @p ringTimeoutS (one
    /// step of a ring group, @p label e.g. "group 600"); as connect(), and
    /// @p done also names the extension that answered.
    virtual void connectAny(const std::vector<std::string>& /*extensions*/, uint32_t /*ringTimeoutS*/,
                            const std::string& /*label*/,
                            std::function<void(ConnectResult, const std::string& answeredBy)> done) {
        done(ConnectResult::Unavailable, {});
    }
    /// Hand the caller to auto-attendant menu @p menu, as leaveMessage();
    /// false when there is no such menu.
    virtual bool enterMenu(const std::string& /*menu*/) { return false; }
    /// Hand the caller to ring group @p group, as leaveMessage(); false when
    /// there is no such group.
    virtual bool enterGroup(const std::string& /*group*/) { return false; }
};

class Service {
public:
    virtual ~Service() = default;
    /// The call is answered and media flows.
    virtual void start(ServiceContext& call) = 0;
    virtual void digit(ServiceContext&, char /*digit*/) {}
    virtual void playDone(ServiceContext&, uint64_t /*token*/) {}
    /// The caller hung up (or the call failed); the context may no longer play.
    virtual void ended(ServiceContext&) {}
};

}  // namespace sb::services
