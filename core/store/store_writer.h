#pragma once

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/records.h"

namespace sb::store {

class Store;

/// Writes bindings and call records behind the SIP thread's back: callers
/// only queue; a writer thread with its own connection commits everything
/// pending in one transaction at most every @p batchMs. Under load that is
/// one fsync per batch, never one per REGISTER.
class StoreWriter {
public:
    using ErrorHandler = std::function<void(const Error&)>;  ///< called on the writer thread

    /// Open a second connection to @p path and start the writer thread.
    static Result<std::unique_ptr<StoreWriter>> start(const std::filesystem::path& path, ErrorHandler onError,
                                                      int batchMs = 100);
    /// Writes whatever is still pending, then stops.
    ~StoreWriter();
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    void saveBinding(BindingRecord binding);
    void removeBinding(const std::string& extension, const std::string& contact);
    void appendCdr(CdrRecord record);

    /// Run @p job on the writer thread with its connection, after what is
    /// queued before it has been written (so it reads its own writes). For
    /// reads the engine thread must not wait on, such as call history.
    void read(std::function<void(Store&)> job);

    /// Block until everything queued so far is committed (tests, shutdown).
    void flush();

    /// Transactions committed so far (for tests and the benchmark).
    uint64_t batchesWritten() const;

private:
    StoreWriter(std::unique_ptr<Store> store, ErrorHandler onError, int batchMs);
    void run();

    std::unique_ptr<Store> m_store;
    ErrorHandler m_onError;
    int m_batchMs;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    // (extension, contact) -> binding to write, or nullopt to delete; the
    // last change to a binding wins, so a busy phone costs one row per batch.
    std::map<std::pair<std::string, std::string>, std::optional<BindingRecord>> m_bindings;
    std::vector<CdrRecord> m_cdrs;
    std::vector<std::function<void(Store&)>> m_reads;
    uint64_t m_queued = 0;
    uint64_t m_written = 0;
    uint64_t m_batches = 0;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace sb::store
