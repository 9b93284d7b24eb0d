#include "engine/trace_file.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <system_error>
#include <utility>

#include "common/clock.h"

namespace sb {

namespace {

std::filesystem::path numbered(const std::filesystem::path& path, int n) {
    return std::filesystem::path(path.native() + std::filesystem::path::string_type(1, '.') +
                                 std::filesystem::path(std::to_string(n)).native());
}

}  // namespace

TraceFile::TraceFile(EventSink& events) : m_events(events), m_thread([this] { run(); }) {}

TraceFile::~TraceFile() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void TraceFile::configure(std::filesystem::path path, uint64_t maxBytes) {
    m_active = !path.empty();
    {
        std::lock_guard lock(m_mutex);
        m_nextPath = std::move(path);
        m_nextMaxBytes = maxBytes;
        m_reconfigured = true;
    }
    m_wake.notify_one();
}

void TraceFile::append(SipTraced event) {
    {
        std::lock_guard lock(m_mutex);
        if (m_queue.size() >= kMaxQueued) {
            ++m_dropped;
            return;
        }
        m_queue.push_back(std::move(event));
    }
    m_wake.notify_one();
}

void TraceFile::flush() {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return (m_queue.empty() && !m_busy && !m_reconfigured) || m_stop; });
}

void TraceFile::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || m_reconfigured || !m_queue.empty(); });
        if (m_reconfigured) {
            m_reconfigured = false;
            if (m_nextPath != m_path) {
                m_out.close();
                m_path = m_nextPath;
                m_failed = false;
            }
            m_maxBytes = m_nextMaxBytes;
        }
        std::deque<SipTraced> batch;
        batch.swap(m_queue);
        const uint64_t dropped = std::exchange(m_dropped, 0);
        const bool stop = m_stop;
        m_busy = true;
        lock.unlock();

        if (!m_path.empty()) {
            if (dropped) {
                SipTraced note;
                note.timeMs = wallClockMs();
                note.text = std::to_string(dropped) + " messages not written: the trace file fell behind";
                write(note);
            }
            for (const auto& event : batch) write(event);
            if (m_out.is_open()) m_out.flush();
        }

        lock.lock();
        m_busy = false;
        m_idle.notify_all();
        if (stop && m_queue.empty()) return;
    }
}

void TraceFile::openFile() {
    std::error_code ec;
    m_size = std::filesystem::exists(m_path, ec) ? std::filesystem::file_size(m_path, ec) : 0;
    if (ec) m_size = 0;
    m_out.open(m_path, std::ios::binary | std::ios::app);
    if (!m_out && !m_failed) {
        m_failed = true;
        m_events.publish(LogMessage{LogLevel::Warning,
                                    "cannot write the SIP trace file " + m_path.string() +
                                        " (check that its folder exists and is writable); tracing to file is off",
                                    wallClockMs()});
    }
}

void TraceFile::rotate() {
    m_out.close();
    std::error_code ec;
    std::filesystem::remove(numbered(m_path, kRotations), ec);
    for (int n = kRotations - 1; n >= 1; --n) std::filesystem::rename(numbered(m_path, n), numbered(m_path, n + 1), ec);
    std::filesystem::rename(m_path, numbered(m_path, 1), ec);
    openFile();
}

void TraceFile::write(const SipTraced& event) {
    if (!m_out.is_open()) {
        if (m_failed) return;
        openFile();
        if (!m_out) return;
    }
    std::string record = localTimestamp(event.timeMs) + " ";
    if (!event.transport.empty())
        record += std::string(event.outgoing ? "sent to " : "received from ") + event.transport + " " + event.peer +
                  ":\n";
    record += event.text;
    if (record.empty() || record.back() != '\n') record += '\n';
    record += '\n';
    if (m_size > 0 && m_size + record.size() > m_maxBytes) rotate();
    if (!m_out) return;
    m_out.write(record.data(), static_cast<std::streamsize>(record.size()));
    m_size += record.size();
}

}  // namespace sb
