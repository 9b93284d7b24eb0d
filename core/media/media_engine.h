#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "media/audio_clip.h"
#include "media/loop_queue.h"
#include "media/media_session.h"
#include "media/port_pool.h"

namespace sb::media {

class MediaCore;
class RecordingFiles;

/// The engine thread's handle on the media engine: a media thread running
/// every terminated leg (MediaSession) and conference mixer, and a file
/// thread that reads clips and writes recordings. Every call here returns at
/// once; results and events come back as callbacks on the engine thread.
/// Create, use and destroy it on the engine thread (see docs/media.md).
class MediaEngine {
public:
    using SessionId = uint64_t;
    struct SessionEvents {
        std::function<void(char digit, DtmfMethod method)> digit;
        std::function<void(uint64_t token)> playDone;
        /// The session could not be set up or failed later (port, mixer...).
        std::function<void(const std::string& error)> failed;
    };

    /// Start the media and file threads.
    static Result<std::unique_ptr<MediaEngine>> start();
    /// Stops both threads; every session ends on the media thread first.
    ~MediaEngine();
    MediaEngine(const MediaEngine&) = delete;
    MediaEngine& operator=(const MediaEngine&) = delete;

    /// Terminate a leg on @p pair (allocated on this thread; it moves to
    /// the media thread). Events arrive until close().
    SessionId open(PortPair pair, const LegMediaParams& params, SessionEvents events);
    void update(SessionId id, const LegMediaParams& params);
    void play(SessionId id, std::vector<std::shared_ptr<const AudioClip>> clips, bool loop, uint64_t token);
    void stopPlaying(SessionId id);
    void setEcho(SessionId id, bool on);
    /// Join conference room @p room (its mixer starts with the first member
    /// and stops with the last); an empty room name leaves the room.
    void setConference(SessionId id, const std::string& room);
    /// Let sessions @p a and @p b hear each other directly (a two-party
    /// bridge: no mixer, about one frame of delay); it ends when either
    /// closes. A playlist still takes precedence over the bridge.
    void bridge(SessionId a, SessionId b);
    void sendDigits(SessionId id, const std::string& digits);
    /// Record what the peer says into @p file (WAV, written by the file
    /// thread) for at most @p maxMs; @p done gets the length recorded or why
    /// it failed (full disk, unwritable folder) once stop or the limit ends it.
    void startRecording(SessionId id, std::filesystem::path file, uint64_t maxMs,
                        std::function<void(Result<uint64_t> recordedMs)> done);
    void stopRecording(SessionId id);
    /// End the session; no event for it comes after this call.
    void close(SessionId id);

    /// Read a WAV file on the file thread; @p done runs here with the clip
    /// or the reason (never blocks this thread on the disk).
    void loadClip(std::filesystem::path file, std::function<void(Result<std::shared_ptr<const AudioClip>>)> done);

    /// Snapshot of a session's counters, delivered here (tests, benchmark).
    void stats(SessionId id, std::function<void(SessionStats)> done);
    /// Sessions open on the media thread (approximate while posts are in flight).
    size_t sessions() const { return m_events.size(); }

private:
    MediaEngine() = default;
    /// Run @p task on the media thread with its core.
    void onMedia(std::function<void(MediaCore&)> task);
    /// Run @p task back on this thread, unless the engine went away.
    void toEngine(LoopQueue::Task task);

    std::unique_ptr<LoopQueue> m_engineQueue;  // this thread's loop
    std::unique_ptr<RecordingFiles> m_files;   // used by the file thread only
    std::unique_ptr<LoopThread> m_mediaThread;
    std::unique_ptr<LoopThread> m_fileThread;
    MediaCore* m_core = nullptr;  // lives on, and is used only by, the media thread
    SessionId m_nextId = 1;
    std::unordered_map<SessionId, SessionEvents> m_events;
    friend class MediaCore;
};

}  // namespace sb::media
