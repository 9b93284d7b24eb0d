#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "common/re_ptr.h"
#include "common/result.h"

struct aumix;
struct aumix_source;
struct aubuf;

namespace sb::media {

/// One conference room's mixer: librem's aumix, which mixes on a thread of
/// its own every 20 ms and hands each member the sum of the *others*.
/// Members are created, fed and read on the media thread; the mixing thread
/// only writes each member's mixed frame into that member's buffer (aubuf,
/// which locks), so no state of ours is shared with it.
class ConferenceMixer {
public:
    class Member {
    public:
        ~Member();
        Member(const Member&) = delete;
        Member& operator=(const Member&) = delete;
        /// Audio this member spoke (8 kHz PCM, any length).
        void put(std::span<const int16_t> samples);
        /// The next @p out.size() samples of what the others said (silence
        /// until the mixer has produced some).
        void read(std::span<int16_t> out);

    private:
        friend class ConferenceMixer;
        Member() = default;
        static void onMixed(const int16_t* samples, size_t count, void* arg);
        RePtr<struct ::aubuf> m_heard;
        RePtr<struct ::aumix_source> m_source;  // released first: the mixer stops calling onMixed
    };

    static Result<std::unique_ptr<ConferenceMixer>> create(std::string room);
    ~ConferenceMixer();
    ConferenceMixer(const ConferenceMixer&) = delete;
    ConferenceMixer& operator=(const ConferenceMixer&) = delete;

    Result<std::unique_ptr<Member>> join();
    /// Members that have joined and not yet been destroyed.
    uint32_t members() const;
    const std::string& room() const { return m_room; }

private:
    ConferenceMixer() = default;
    std::string m_room;
    RePtr<struct ::aumix> m_mix;
};

}  // namespace sb::media
