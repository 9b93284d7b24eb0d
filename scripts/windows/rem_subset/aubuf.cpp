// aubuf of librem 0.6.0's API (rem_aubuf.h) for the Windows cross build:
// a FIFO of PCM bytes between a writer and a reader on different threads
// (the conference mixer writes, the media session reads).
//
// The contract core relies on, as librem has it:
// - reading starts only once min_sz bytes are queued ("filling"); a read
//   that finds less than it asks for gives silence, takes nothing and
//   starts filling again: jitter becomes one gap, not a stutter;
// - a write that takes the queue past max_sz drops the oldest writes whole,
//   so latency stays bounded when the reader is slower than the writer.
// tests/unit/rem_subset_test.cpp compares it with Debian's librem.
#include "rem_subset.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <mutex>
#include <vector>

struct aubuf {
    struct Chunk {
        std::vector<uint8_t> bytes;
        size_t read = 0;
        size_t left() const { return bytes.size() - read; }
    };

    mutable std::mutex lock;
    std::deque<Chunk> chunks;
    size_t minSize = 0;
    size_t maxSize = 0;  // 0: unbounded
    size_t size = 0;     // bytes queued
    bool filling = true;
};

extern "C" int aubuf_alloc(struct aubuf** abp, size_t min_sz, size_t max_sz) {
    if (!abp || min_sz == 0) return EINVAL;
    auto* ab = sb::rem_subset::memNew<aubuf>();
    if (!ab) return ENOMEM;
    ab->minSize = min_sz;
    ab->maxSize = max_sz;
    *abp = ab;
    return 0;
}

extern "C" int aubuf_write(struct aubuf* ab, const uint8_t* p, size_t sz) {
    if (!ab || !p) return EINVAL;
    aubuf::Chunk chunk;
    chunk.bytes.assign(p, p + sz);
    const std::lock_guard guard(ab->lock);
    ab->chunks.push_back(std::move(chunk));
    ab->size += sz;
    // The newest write always stays: it is the audio the reader wants next.
    while (ab->maxSize && ab->size > ab->maxSize && ab->chunks.size() > 1) {
        ab->size -= ab->chunks.front().left();
        ab->chunks.pop_front();
    }
    return 0;
}

extern "C" void aubuf_read(struct aubuf* ab, uint8_t* p, size_t sz) {
    if (!ab || !p || sz == 0) return;
    const std::lock_guard guard(ab->lock);
    if (ab->size < (ab->filling ? ab->minSize : sz)) {
        // Dry: silence now, and nothing taken, so that what is queued plays
        // whole once the queue is back at min_sz.
        std::memset(p, 0, sz);
        ab->filling = true;
        return;
    }
    ab->filling = false;
    while (sz > 0 && !ab->chunks.empty()) {
        aubuf::Chunk& front = ab->chunks.front();
        const size_t n = std::min(front.left(), sz);
        std::memcpy(p, front.bytes.data() + front.read, n);
        front.read += n;
        ab->size -= n;
        p += n;
        sz -= n;
        if (front.left() == 0) ab->chunks.pop_front();
    }
}

extern "C" size_t aubuf_cur_size(const struct aubuf* ab) {
    if (!ab) return 0;
    const std::lock_guard guard(ab->lock);
    return ab->size;
}
