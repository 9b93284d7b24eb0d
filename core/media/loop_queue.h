#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <future>
#include <thread>
#include <unordered_set>

#include "common/result.h"

struct mqueue;

namespace sb::media {

/// Closures posted from any thread, run in order on the thread whose libre
/// loop created the queue (libre's mqueue: a pipe read by that loop).
/// Create, use and destroy it on its loop thread; post() from anywhere.
class LoopQueue {
public:
    using Task = std::function<void()>;

    /// Create on the calling thread's loop (re_thread_init() must have run).
    static Result<std::unique_ptr<LoopQueue>> create();
    ~LoopQueue();
    LoopQueue(const LoopQueue&) = delete;
    LoopQueue& operator=(const LoopQueue&) = delete;

    /// Queue @p task; false once close() ran (the task is dropped unrun).
    bool post(Task task);
    /// Refuse further posts; tasks already queued still run.
    void close();

private:
    LoopQueue() = default;
    static void onMessage(int id, void* data, void* arg);

    std::mutex m_mutex;  // orders post() against close(); guards m_pending
    bool m_closed = false;
    /// Posted and not yet run: freed by the destructor, so a queue that
    /// goes away with tasks in its pipe leaks nothing.
    std::unordered_set<Task*> m_pending;
    struct ::mqueue* m_queue = nullptr;
};

/// A thread running its own libre loop, fed through a LoopQueue: the media
/// thread. Everything created by its tasks lives on that thread.
class LoopThread {
public:
    explicit LoopThread(std::string name);
    /// Stops the loop (tasks already posted run first) and joins.
    ~LoopThread();
    LoopThread(const LoopThread&) = delete;
    LoopThread& operator=(const LoopThread&) = delete;

    /// Start the thread; returns once its loop is ready (or failed).
    Result<void> start();
    /// Run @p task on the thread; false when it is not running.
    bool post(LoopQueue::Task task);
    /// Run @p last on the thread after every task posted before, then end
    /// the loop and join. Safe to call twice.
    void stop(LoopQueue::Task last = {});
    bool running() const { return m_running.load(); }
    const std::string& name() const { return m_name; }

private:
    void run(std::promise<Result<void>>* ready);

    std::string m_name;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::mutex m_mutex;
    LoopQueue* m_queue = nullptr;  // owned by the thread
};

}  // namespace sb::media
