#include "media/media_engine.h"

#include <re.h>
#include <rem.h>

#include <chrono>
#include <map>

#include "common/re_ptr.h"
#include "common/timer.h"

namespace sb::media {

namespace {
using Clock = std::chrono::steady_clock;
constexpr auto kFrame = std::chrono::milliseconds(20);
constexpr uint64_t kMaxLateFrames = 5;
// Recorded audio goes to the file thread a second at a time.
constexpr size_t kRecordChunkSamples = kMediaSampleRate;
}  // namespace

/// The recordings being written: file thread only. Owned by the
/// MediaEngine, so it outlives the media thread's last request.
class RecordingFiles {
    struct OpenFile {
        RePtr<struct ::aufile> file;
        std::string name;
        std::string error;
    };

public:
    void fileOpen(MediaEngine::SessionId id, const std::filesystem::path& path) {
        OpenFile& f = m_files[id];
        f.name = path.string();
        struct aufile_prm prm {kMediaSampleRate, 1, AUFMT_S16LE};
        struct ::aufile* raw = nullptr;
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (int err = aufile_open(&raw, &prm, f.name.c_str(), AUFILE_WRITE))
            f.error = "cannot create " + f.name + ": " + std::generic_category().message(err);
        f.file.reset(raw);
    }
    void fileWrite(MediaEngine::SessionId id, const std::vector<int16_t>& chunk) {
        auto it = m_files.find(id);
        if (it == m_files.end() || !it->second.file || !it->second.error.empty()) return;
        std::vector<uint8_t> bytes(chunk.size() * 2);
        for (size_t i = 0; i < chunk.size(); ++i) {
            bytes[2 * i] = static_cast<uint8_t>(chunk[i] & 0xff);
            bytes[2 * i + 1] = static_cast<uint8_t>((chunk[i] >> 8) & 0xff);
        }
        if (int err = aufile_write(it->second.file.get(), bytes.data(), bytes.size()))
            it->second.error = "cannot write " + it->second.name + ": " + std::generic_category().message(err);
    }
    Result<uint64_t> fileClose(MediaEngine::SessionId id, uint64_t ms) {
        auto it = m_files.find(id);
        if (it == m_files.end()) return makeError("recording was never opened");
        OpenFile f = std::move(it->second);
        m_files.erase(it);
        f.file.reset();  // writes the WAV header's sizes
        if (!f.error.empty()) {
            std::error_code ec;
            std::filesystem::remove(f.name, ec);  // a truncated message is worse than none; the caller says so
            return makeError(f.error);
        }
        return ms;
    }


private:
    std::map<MediaEngine::SessionId, OpenFile> m_files;
};

/// A recording in progress on the media thread. At namespace scope, not
/// nested in MediaCore: clang 14 (the fuzz build) judges a nested struct
/// with default member initializers not default-constructible inside the
/// enclosing class, and std::optional<Recorder>::emplace() fails to compile.
struct Recorder {
    uint64_t maxSamples = 0;
    uint64_t samples = 0;
    bool full = false;  ///< at its limit: finished on the next tick (not inside the tap)
    std::vector<int16_t> pending;
    std::function<void(Result<uint64_t>)> done;
};

/// Everything on the media thread: sessions, rooms, the 20 ms clock.
class MediaCore {
public:
    explicit MediaCore(MediaEngine& engine) : m_engine(engine) {}
    ~MediaCore() {
        m_tick.cancel();
        m_sessions.clear();  // members leave their rooms before the rooms go
        m_rooms.clear();
    }

    struct Entry {
        std::unique_ptr<MediaSession> session;
        std::string room;
        std::optional<Recorder> recorder;
    };

    void open(MediaEngine::SessionId id, PortPair pair, const LegMediaParams& params) {
        auto fail = [&](const std::string& why) {
            m_engine.toEngine([e = &m_engine, id, why] {
                if (auto it = e->m_events.find(id); it != e->m_events.end() && it->second.failed)
                    it->second.failed(why);
            });
        };
        if (auto attached = pair.attach(); !attached) return fail(attached.error().message);
        MediaSession::Callbacks cb;
        cb.digit = [this, id](char digit, DtmfMethod method) {
            m_engine.toEngine([e = &m_engine, id, digit, method] {
                if (auto it = e->m_events.find(id); it != e->m_events.end() && it->second.digit)
                    it->second.digit(digit, method);
            });
        };
        cb.playDone = [this, id](uint64_t token) {
            m_engine.toEngine([e = &m_engine, id, token] {
                if (auto it = e->m_events.find(id); it != e->m_events.end() && it->second.playDone)
                    it->second.playDone(token);
            });
        };
        auto session = MediaSession::create(std::move(pair), params, std::move(cb));
        if (!session) return fail(session.error().message);
        m_sessions[id].session = std::move(session.value());
        if (!m_tick.running()) startClock();
    }

    void close(MediaEngine::SessionId id) {
        auto it = m_sessions.find(id);
        if (it == m_sessions.end()) return;
        finishRecording(it->second, {});
        const std::string room = it->second.room;
        m_sessions.erase(it);
        leftRoom(room);
    }

    Entry* find(MediaEngine::SessionId id) {
        auto it = m_sessions.find(id);
        return it == m_sessions.end() ? nullptr : &it->second;
    }

    void setConference(MediaEngine::SessionId id, const std::string& room) {
        Entry* e = find(id);
        if (!e || e->room == room) return;
        const std::string left = e->room;
        e->session->setConference(nullptr);
        e->room.clear();
        leftRoom(left);
        if (room.empty()) return;
        auto& mixer = m_rooms[room];
        if (!mixer) {
            auto created = ConferenceMixer::create(room);
            if (!created) {
                m_rooms.erase(room);
                return reportFailure(id, created.error().message);
            }
            mixer = std::move(created.value());
        }
        auto member = mixer->join();
        if (!member) return reportFailure(id, member.error().message);
        e->session->setConference(std::move(member.value()));
        e->room = room;
    }

    void startRecording(MediaEngine::SessionId id, std::filesystem::path file, uint64_t maxMs,
                        std::function<void(Result<uint64_t>)> done) {
        Entry* e = find(id);
        if (!e) return;
        finishRecording(*e, {});
        // The file thread opens the file; a failure there ends the recording.
        m_engine.m_fileThread->post([files = m_engine.m_files.get(), id, file] { files->fileOpen(id, file); });
        e->recorder.emplace();
        e->recorder->maxSamples = maxMs * kMediaSampleRate / 1000;
        e->recorder->done = std::move(done);
        e->session->setTap([this, id](std::span<const int16_t> pcm) { recordFrame(id, pcm); });
    }

    void stopRecording(MediaEngine::SessionId id) {
        if (Entry* e = find(id)) finishRecording(*e, {});
    }

private:
    void reportFailure(MediaEngine::SessionId id, const std::string& why) {
        m_engine.toEngine([e = &m_engine, id, why] {
            if (auto it = e->m_events.find(id); it != e->m_events.end() && it->second.failed) it->second.failed(why);
        });
    }

    void leftRoom(const std::string& room) {
        if (room.empty()) return;
        auto it = m_rooms.find(room);
        if (it != m_rooms.end() && it->second->members() == 0) m_rooms.erase(it);
    }

    void recordFrame(MediaEngine::SessionId id, std::span<const int16_t> pcm) {
        Entry* e = find(id);
        if (!e || !e->recorder) return;
        Recorder& r = *e->recorder;
        if (r.full) return;
        const size_t take = static_cast<size_t>(std::min<uint64_t>(pcm.size(), r.maxSamples - r.samples));
        r.pending.insert(r.pending.end(), pcm.begin(), pcm.begin() + static_cast<std::ptrdiff_t>(take));
        r.samples += take;
        if (r.pending.size() >= kRecordChunkSamples) flushRecording(id, r);
        if (r.samples >= r.maxSamples) r.full = true;
    }

    void flushRecording(MediaEngine::SessionId id, Recorder& r) {
        if (r.pending.empty()) return;
        m_engine.m_fileThread->post(
            [files = m_engine.m_files.get(), id, chunk = std::move(r.pending)] { files->fileWrite(id, chunk); });
        r.pending.clear();
    }

    void finishRecording(Entry& e, const std::string&) {
        if (!e.recorder) return;
        e.session->setTap(nullptr);
        const MediaEngine::SessionId id = idOf(e);
        flushRecording(id, *e.recorder);
        const uint64_t ms = e.recorder->samples * 1000 / kMediaSampleRate;
        auto done = std::move(e.recorder->done);
        e.recorder.reset();
        m_engine.m_fileThread->post([engine = &m_engine, id, ms, done = std::move(done)] {
            Result<uint64_t> result = engine->m_files->fileClose(id, ms);
            engine->toEngine([done, result] {
                if (done) done(result);
            });
        });
    }

    MediaEngine::SessionId idOf(const Entry& e) const {
        for (const auto& [id, entry] : m_sessions)
            if (&entry == &e) return id;
        return 0;
    }

    void startClock() {
        m_start = Clock::now();
        m_frames = 0;
        m_tick.start(20, [this] { tick(); });
    }

    void tick() {
        if (m_sessions.empty()) return;  // the clock restarts with the next session
        // Frames are due at start + n * 20 ms: lateness is caught up from the
        // schedule, not added to every later frame; a long stall is skipped.
        const auto due = static_cast<uint64_t>((Clock::now() - m_start) / kFrame);
        if (due > m_frames + kMaxLateFrames) m_frames = due - 1;
        while (m_frames < due) {
            ++m_frames;
            for (auto& [id, e] : m_sessions) e.session->tick();
        }
        for (auto& [id, e] : m_sessions)
            if (e.recorder && e.recorder->full) finishRecording(e, {});
        // Signed on purpose: sending may take the loop past the next slot,
        // and an unsigned duration would turn that into centuries.
        const auto next = m_start + std::chrono::milliseconds(static_cast<int64_t>(m_frames + 1) * 20);
        const int64_t waitMs = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()).count();
        m_tick.start(static_cast<uint64_t>(std::max<int64_t>(1, waitMs)), [this] { tick(); });
    }

    MediaEngine& m_engine;
    std::map<MediaEngine::SessionId, Entry> m_sessions;
    std::map<std::string, std::unique_ptr<ConferenceMixer>> m_rooms;
    Timer m_tick;
    Clock::time_point m_start;
    uint64_t m_frames = 0;
};

Result<std::unique_ptr<MediaEngine>> MediaEngine::start() {
    std::unique_ptr<MediaEngine> engine(new MediaEngine());
    auto queue = LoopQueue::create();
    if (!queue) return queue.error();
    engine->m_engineQueue = std::move(queue.value());
    engine->m_files = std::make_unique<RecordingFiles>();
    engine->m_fileThread = std::make_unique<LoopThread>("media file");
    if (auto started = engine->m_fileThread->start(); !started) return started.error();
    engine->m_mediaThread = std::make_unique<LoopThread>("media");
    if (auto started = engine->m_mediaThread->start(); !started) return started.error();
    MediaEngine* self = engine.get();
    engine->m_mediaThread->post([self] { self->m_core = new MediaCore(*self); });
    return engine;
}

MediaEngine::~MediaEngine() {
    m_events.clear();
    // Sessions end on the media thread (their sockets are attached there),
    // then the file thread finishes what the last recordings sent it.
    if (m_mediaThread) m_mediaThread->stop([this] {
        delete m_core;
        m_core = nullptr;
    });
    if (m_fileThread) m_fileThread->stop();
    if (m_engineQueue) m_engineQueue->close();
}

void MediaEngine::onMedia(std::function<void(MediaCore&)> task) {
    m_mediaThread->post([this, task = std::move(task)] {
        if (m_core) task(*m_core);
    });
}

void MediaEngine::toEngine(LoopQueue::Task task) { m_engineQueue->post(std::move(task)); }

MediaEngine::SessionId MediaEngine::open(PortPair pair, const LegMediaParams& params, SessionEvents events) {
    const SessionId id = m_nextId++;
    m_events.emplace(id, std::move(events));
    pair.detach();
    // std::function needs a copyable closure: the pair travels in a shared_ptr.
    auto moved = std::make_shared<PortPair>(std::move(pair));
    onMedia([id, moved, params](MediaCore& core) { core.open(id, std::move(*moved), params); });
    return id;
}

void MediaEngine::update(SessionId id, const LegMediaParams& params) {
    onMedia([id, params](MediaCore& core) {
        if (auto* e = core.find(id)) e->session->update(params);
    });
}

void MediaEngine::play(SessionId id, std::vector<std::shared_ptr<const AudioClip>> clips, bool loop, uint64_t token) {
    onMedia([id, clips = std::move(clips), loop, token](MediaCore& core) mutable {
        if (auto* e = core.find(id)) e->session->play(std::move(clips), loop, token);
    });
}

void MediaEngine::stopPlaying(SessionId id) {
    onMedia([id](MediaCore& core) {
        if (auto* e = core.find(id)) e->session->stopPlaying();
    });
}

void MediaEngine::setEcho(SessionId id, bool on) {
    onMedia([id, on](MediaCore& core) {
        if (auto* e = core.find(id)) e->session->setEcho(on);
    });
}

void MediaEngine::bridge(SessionId a, SessionId b) {
    onMedia([a, b](MediaCore& core) {
        auto* ea = core.find(a);
        auto* eb = core.find(b);
        if (!ea || !eb) return;
        auto toA = std::make_shared<BridgePipe>();
        auto toB = std::make_shared<BridgePipe>();
        ea->session->setBridge(toA, toB);
        eb->session->setBridge(toB, toA);
    });
}

void MediaEngine::setConference(SessionId id, const std::string& room) {
    onMedia([id, room](MediaCore& core) { core.setConference(id, room); });
}

void MediaEngine::sendDigits(SessionId id, const std::string& digits) {
    onMedia([id, digits](MediaCore& core) {
        if (auto* e = core.find(id)) e->session->sendDigits(digits);
    });
}

void MediaEngine::startRecording(SessionId id, std::filesystem::path file, uint64_t maxMs,
                                 std::function<void(Result<uint64_t>)> done) {
    onMedia([id, file = std::move(file), maxMs, done = std::move(done)](MediaCore& core) mutable {
        core.startRecording(id, std::move(file), maxMs, std::move(done));
    });
}

void MediaEngine::stopRecording(SessionId id) {
    onMedia([id](MediaCore& core) { core.stopRecording(id); });
}

void MediaEngine::close(SessionId id) {
    m_events.erase(id);
    onMedia([id](MediaCore& core) { core.close(id); });
}

void MediaEngine::loadClip(std::filesystem::path file,
                           std::function<void(Result<std::shared_ptr<const AudioClip>>)> done) {
    m_fileThread->post([this, file = std::move(file), done = std::move(done)] {
        auto clip = loadWavClip(file);
        toEngine([done, clip] { done(clip); });
    });
}

void MediaEngine::stats(SessionId id, std::function<void(SessionStats)> done) {
    onMedia([this, id, done = std::move(done)](MediaCore& core) {
        SessionStats s;
        if (auto* e = core.find(id)) s = e->session->stats();
        toEngine([done, s] { done(s); });
    });
}

}  // namespace sb::media
