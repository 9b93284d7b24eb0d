// aumix of librem 0.6.0's API (rem_aumix.h) for the Windows cross build:
// the conference bridge. A thread of its own takes one ptime frame from
// each enabled source's queue every ptime ms and hands every source the sum
// of the *other* sources' frames (mix-minus: nobody hears their own echo).
//
// The contract core relies on (core/media/conference_mixer.cpp), as librem:
// - frame handlers run on the mixing thread under the mixer's lock, and a
//   source's destructor unlinks it under that lock, so once mem_deref() of
//   a source returns its handler is never called again;
// - a source queues what it is given (aubuf, 6 to 12 frames), so put() from
//   the network thread and the mixing clock need not be in step.
// tests/unit/rem_subset_test.cpp compares it with Debian's librem.
#include "rem_subset.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace {
using Clock = std::chrono::steady_clock;
}

struct aumix_source;

struct aumix {
    mutable std::mutex lock;
    std::condition_variable wake;
    std::vector<aumix_source*> sources;  // enabled ones, under lock
    std::chrono::milliseconds ptime{20};
    size_t frameSamples = 0;
    bool stop = false;
    std::thread thread;

    ~aumix() {
        {
            const std::lock_guard guard(lock);
            stop = true;
        }
        wake.notify_all();
        if (thread.joinable()) thread.join();
    }

    void run();
};

struct aumix_source {
    struct aumix* mix = nullptr;  // a reference: the mixer outlives its sources
    struct aubuf* queue = nullptr;
    aumix_frame_h* handler = nullptr;
    void* arg = nullptr;
    std::vector<int16_t> frame;  // this round's input, mixing thread only

    ~aumix_source() {
        if (mix) {
            {
                const std::lock_guard guard(mix->lock);
                std::erase(mix->sources, this);
            }
            mem_deref(mix);
        }
        mem_deref(queue);
    }
};

void aumix::run() {
    std::vector<int32_t> sum(frameSamples);
    std::vector<int16_t> out(frameSamples);
    std::unique_lock guard(lock);
    Clock::time_point next = Clock::now();
    while (!stop) {
        if (sources.empty()) {
            wake.wait(guard, [this] { return stop || !sources.empty(); });
            next = Clock::now();  // a fresh start, not a burst of missed rounds
            continue;
        }
        if (wake.wait_until(guard, next, [this] { return stop; })) break;
        next += ptime;
        // After a stall (a suspended machine) skip ahead instead of catching up.
        if (Clock::now() - next > 5 * ptime) next = Clock::now() + ptime;
        std::fill(sum.begin(), sum.end(), 0);
        for (aumix_source* s : sources) {
            aubuf_read_samp(s->queue, s->frame.data(), frameSamples);
            for (size_t i = 0; i < frameSamples; ++i) sum[i] += s->frame[i];
        }
        for (aumix_source* s : sources) {
            for (size_t i = 0; i < frameSamples; ++i)
                out[i] =
                    static_cast<int16_t>(std::clamp<int32_t>(sum[i] - s->frame[i], INT16_MIN, INT16_MAX));
            s->handler(out.data(), frameSamples, s->arg);
        }
    }
}

extern "C" int aumix_alloc(struct aumix** mixp, uint32_t srate, uint8_t ch, uint32_t ptime) {
    if (!mixp || !srate || !ch || !ptime) return EINVAL;
    auto* mix = sb::rem_subset::memNew<aumix>();
    if (!mix) return ENOMEM;
    mix->ptime = std::chrono::milliseconds(ptime);
    mix->frameSamples = size_t{srate} * ch * ptime / 1000;
    try {
        mix->thread = std::thread([mix] { mix->run(); });
    } catch (const std::system_error& e) {
        mem_deref(mix);
        return e.code().value() ? e.code().value() : EAGAIN;
    }
    *mixp = mix;
    return 0;
}

extern "C" uint32_t aumix_source_count(const struct aumix* mix) {
    if (!mix) return 0;
    const std::lock_guard guard(mix->lock);
    return static_cast<uint32_t>(mix->sources.size());
}

extern "C" int aumix_source_alloc(struct aumix_source** srcp, struct aumix* mix, aumix_frame_h* fh,
                                  void* arg) {
    if (!srcp || !mix) return EINVAL;
    auto* src = sb::rem_subset::memNew<aumix_source>();
    if (!src) return ENOMEM;
    src->mix = static_cast<struct aumix*>(mem_ref(mix));
    src->handler = fh ? fh : [](const int16_t*, size_t, void*) {};
    src->arg = arg;
    const size_t frameBytes = mix->frameSamples * sizeof(int16_t);
    src->frame.assign(mix->frameSamples, 0);
    if (int err = aubuf_alloc(&src->queue, 6 * frameBytes, 12 * frameBytes)) {
        mem_deref(src);
        return err;
    }
    *srcp = src;
    return 0;
}

extern "C" void aumix_source_enable(struct aumix_source* src, bool enable) {
    if (!src) return;
    struct aumix* mix = src->mix;
    {
        const std::lock_guard guard(mix->lock);
        const bool enabled = std::find(mix->sources.begin(), mix->sources.end(), src) != mix->sources.end();
        if (enable == enabled) return;
        if (enable)
            mix->sources.push_back(src);
        else
            std::erase(mix->sources, src);
    }
    mix->wake.notify_all();
}

extern "C" int aumix_source_put(struct aumix_source* src, const int16_t* sampv, size_t sampc) {
    if (!src || !sampv) return EINVAL;
    return aubuf_write_samp(src->queue, sampv, sampc);
}
