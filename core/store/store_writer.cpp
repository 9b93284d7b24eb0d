#include "store/store_writer.h"

#include <chrono>

#include "common/clock.h"
#include "store/store.h"

namespace sb::store {

Result<std::unique_ptr<StoreWriter>> StoreWriter::start(const std::filesystem::path& path, ErrorHandler onError,
                                                        int batchMs) {
    auto store = Store::open(path);
    if (!store) return store.error();
    return std::unique_ptr<StoreWriter>(new StoreWriter(std::move(store.value()), std::move(onError), batchMs));
}

StoreWriter::StoreWriter(std::unique_ptr<Store> store, ErrorHandler onError, int batchMs)
    : m_store(std::move(store)), m_onError(std::move(onError)), m_batchMs(batchMs) {
    m_thread = std::thread([this] { run(); });
}

StoreWriter::~StoreWriter() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void StoreWriter::saveBinding(BindingRecord binding) {
    {
        std::lock_guard lock(m_mutex);
        auto key = std::make_pair(binding.extension, binding.contact);
        m_bindings[std::move(key)] = std::move(binding);
        ++m_queued;
    }
    m_wake.notify_one();
}

void StoreWriter::removeBinding(const std::string& extension, const std::string& contact) {
    {
        std::lock_guard lock(m_mutex);
        m_bindings[{extension, contact}] = std::nullopt;
        ++m_queued;
    }
    m_wake.notify_one();
}

void StoreWriter::appendCdr(CdrRecord record) {
    {
        std::lock_guard lock(m_mutex);
        m_cdrs.push_back(std::move(record));
        ++m_queued;
    }
    m_wake.notify_one();
}

void StoreWriter::read(std::function<void(Store&)> job) {
    {
        std::lock_guard lock(m_mutex);
        m_reads.push_back(std::move(job));
        ++m_queued;
    }
    m_wake.notify_one();
}

void StoreWriter::flush() {
    std::unique_lock lock(m_mutex);
    const uint64_t target = m_queued;
    m_wake.notify_one();
    m_done.wait(lock, [&] { return m_written >= target; });
}

uint64_t StoreWriter::batchesWritten() const {
    std::lock_guard lock(m_mutex);
    return m_batches;
}

void StoreWriter::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stop || m_queued > m_written; });
        if (m_queued == m_written && m_stop) return;
        // Let a burst gather so it lands in one transaction; on stop, write
        // at once.
        if (!m_stop) m_wake.wait_for(lock, std::chrono::milliseconds(m_batchMs), [&] { return m_stop; });

        auto bindings = std::move(m_bindings);
        auto cdrs = std::move(m_cdrs);
        auto reads = std::move(m_reads);
        m_bindings.clear();
        m_cdrs.clear();
        m_reads.clear();
        const uint64_t taken = m_queued;
        lock.unlock();

        std::vector<BindingRecord> upserts;
        std::vector<std::pair<std::string, std::string>> removals;
        for (auto& [key, value] : bindings) {
            if (value) {
                upserts.push_back(std::move(*value));
            } else {
                removals.push_back(key);
            }
        }
        Result<void> ok;
        if (!upserts.empty() || !removals.empty()) ok = m_store->saveBindings(upserts, removals, wallClockMs());
        if (ok && !cdrs.empty()) ok = m_store->appendCdrs(cdrs);
        if (!ok && m_onError) m_onError(ok.error());
        for (auto& job : reads) job(*m_store);

        lock.lock();
        m_written = taken;
        ++m_batches;
        m_done.notify_all();
    }
}

}  // namespace sb::store
