#include "media/loop_queue.h"

#include <re.h>

#include <algorithm>

#include "platform/process_resources.h"

namespace sb::media {

namespace {
enum : int { kTask = 1 };
}

Result<std::unique_ptr<LoopQueue>> LoopQueue::create() {
    std::unique_ptr<LoopQueue> q(new LoopQueue());
    if (int err = mqueue_alloc(&q->m_queue, &LoopQueue::onMessage, q.get()))
        return makeError("cannot create a thread's task queue", err);
    return q;
}

LoopQueue::~LoopQueue() {
    close();
    mem_deref(m_queue);  // tasks still in its pipe never run: free them here
    for (Task* task : m_pending) delete task;
}

bool LoopQueue::post(Task task) {
    std::lock_guard lock(m_mutex);
    if (m_closed || !m_queue) return false;
    auto* boxed = new Task(std::move(task));
    if (mqueue_push(m_queue, kTask, boxed) != 0) {
        delete boxed;
        return false;
    }
    m_pending.insert(boxed);
    return true;
}

void LoopQueue::close() {
    std::lock_guard lock(m_mutex);
    m_closed = true;
}

void LoopQueue::onMessage(int, void* data, void* arg) {
    auto* self = static_cast<LoopQueue*>(arg);
    std::unique_ptr<Task> task(static_cast<Task*>(data));
    {
        std::lock_guard lock(self->m_mutex);
        self->m_pending.erase(task.get());
    }
    if (*task) (*task)();
}

LoopThread::LoopThread(std::string name) : m_name(std::move(name)) {}

LoopThread::~LoopThread() { stop(); }

Result<void> LoopThread::start() {
    if (m_thread.joinable()) return makeError(m_name + " thread is already running");
    std::promise<Result<void>> ready;
    auto future = ready.get_future();
    m_thread = std::thread([this, &ready] { run(&ready); });
    Result<void> result = future.get();
    if (!result) {
        m_thread.join();
        return result;
    }
    m_running = true;
    return result;
}

bool LoopThread::post(LoopQueue::Task task) {
    std::lock_guard lock(m_mutex);
    if (!m_running.load() || !m_queue) return false;
    return m_queue->post(std::move(task));
}

void LoopThread::stop(LoopQueue::Task last) {
    if (!m_thread.joinable()) return;
    {
        std::lock_guard lock(m_mutex);
        if (m_running.exchange(false) && m_queue) {
            m_queue->post([last = std::move(last)] {
                if (last) last();
                re_cancel();
            });
            m_queue->close();
        }
    }
    m_thread.join();
}

void LoopThread::run(std::promise<Result<void>>* ready) {
    if (int err = re_thread_init()) {
        ready->set_value(makeError("cannot start the " + m_name + " thread's event loop", err));
        return;
    }
    // Sockets moved to this loop keep their process-wide descriptor numbers,
    // and libre's per-thread table holds only 1024 by default: past ~500 legs
    // udp_thread_attach() failed with EMFILE. Size it as the engine thread's.
    (void)fd_setsize(std::min(platform::openFileLimit(), 65536));
    auto queue = LoopQueue::create();
    if (!queue) {
        ready->set_value(queue.error());
        re_thread_close();
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_queue = queue.value().get();
    }
    ready->set_value(Result<void>());
    (void)re_main(nullptr);
    {
        std::lock_guard lock(m_mutex);
        m_queue = nullptr;
    }
    queue.value().reset();
    re_thread_close();
}

}  // namespace sb::media
