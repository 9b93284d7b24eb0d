#pragma once

// The SIP trace written to a rotating text file (settings trace_file and
// trace_file_max_mb). The SIP thread only moves each message into a bounded
// queue; a thread of its own formats, writes and rotates, so a slow or full
// disk never holds up signalling.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

#include "engine/events.h"

namespace sb {

class TraceFile {
public:
    /// Files kept besides the current one: trace.log.1 … trace.log.3.
    static constexpr int kRotations = 3;
    /// Messages waiting beyond this are dropped (and counted in the file).
    static constexpr size_t kMaxQueued = 20000;

    explicit TraceFile(EventSink& events);
    ~TraceFile();  ///< writes what is queued, then stops
    TraceFile(const TraceFile&) = delete;
    TraceFile& operator=(const TraceFile&) = delete;

    /// Write to @p path from now on, rotating at @p maxBytes; an empty path
    /// stops writing. Cheap: the file is opened by the writer thread.
    void configure(std::filesystem::path path, uint64_t maxBytes);
    bool active() const { return m_active; }

    /// Queue one message (SIP thread).
    void append(SipTraced event);

    /// Block until everything queued so far is written (tests, shutdown).
    void flush();

private:
    void run();
    void write(const SipTraced& event);
    void rotate();
    void openFile();

    EventSink& m_events;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<SipTraced> m_queue;
    uint64_t m_dropped = 0;
    bool m_busy = false;
    bool m_stop = false;
    bool m_reconfigured = false;
    std::filesystem::path m_nextPath;
    uint64_t m_nextMaxBytes = 0;
    bool m_active = false;  ///< SIP thread's view: a path is configured

    // Writer thread only.
    std::filesystem::path m_path;
    uint64_t m_maxBytes = 0;
    std::ofstream m_out;
    uint64_t m_size = 0;
    bool m_failed = false;  ///< reported once per path

    std::thread m_thread;  ///< last: starts after everything above exists
};

}  // namespace sb
