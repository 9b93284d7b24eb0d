#include "media/conference_mixer.h"

#include <re.h>
#include <rem.h>

#include "media/audio_clip.h"

namespace sb::media {

namespace {
constexpr uint32_t kPtimeMs = 20;
constexpr size_t kFrameBytes = kFrameSamples * 2;
}  // namespace

ConferenceMixer::Member::~Member() {
    // The source first: once it is gone the mixing thread no longer calls
    // onMixed() with this member (aumix unlinks it under its lock).
    m_source.reset();
    m_heard.reset();
}

void ConferenceMixer::Member::put(std::span<const int16_t> samples) {
    (void)aumix_source_put(m_source.get(), samples.data(), samples.size());
}

void ConferenceMixer::Member::read(std::span<int16_t> out) { aubuf_read_samp(m_heard.get(), out.data(), out.size()); }

void ConferenceMixer::Member::onMixed(const int16_t* samples, size_t count, void* arg) {
    // Mixing thread, under aumix's lock: only hand the frame over.
    auto* self = static_cast<Member*>(arg);
    (void)aubuf_write_samp(self->m_heard.get(), samples, count);
}

Result<std::unique_ptr<ConferenceMixer>> ConferenceMixer::create(std::string room) {
    std::unique_ptr<ConferenceMixer> mixer(new ConferenceMixer());
    mixer->m_room = std::move(room);
    struct ::aumix* mix = nullptr;
    if (int err = aumix_alloc(&mix, kMediaSampleRate, 1, kPtimeMs))
        return makeError("cannot start the mixer of conference room " + mixer->m_room, err);
    mixer->m_mix.reset(mix);
    return mixer;
}

ConferenceMixer::~ConferenceMixer() = default;

Result<std::unique_ptr<ConferenceMixer::Member>> ConferenceMixer::join() {
    std::unique_ptr<Member> member(new Member());
    struct ::aubuf* heard = nullptr;
    // Two frames before the first read, at most ten kept (older dropped):
    // the mixing and the sending clocks are both 20 ms but not in step.
    if (int err = aubuf_alloc(&heard, 2 * kFrameBytes, 10 * kFrameBytes))
        return makeError("cannot join conference room " + m_room, err);
    member->m_heard.reset(heard);
    struct ::aumix_source* source = nullptr;
    if (int err = aumix_source_alloc(&source, m_mix.get(), &Member::onMixed, member.get()))
        return makeError("cannot join conference room " + m_room, err);
    member->m_source.reset(source);
    aumix_source_enable(source, true);
    return member;
}

uint32_t ConferenceMixer::members() const { return aumix_source_count(m_mix.get()); }

}  // namespace sb::media
