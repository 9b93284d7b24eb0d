// The Windows stand-ins for librem's conference mixer (aumix) and in-band
// DTMF detector (dtmf_dec), scripts/windows/rem_subset/, held against
// Debian's real librem on the same input; rem_subset_test.cpp has the rest
// and says why. The mixers run on their own threads: the tests wait for
// frames with bounded waits and assert on what arrived, never on timing.

#include <gtest/gtest.h>

#include <re.h>
#include <rem.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include "common/re_ptr.h"

extern "C" {
int sb_subset_aumix_alloc(struct aumix** mixp, uint32_t srate, uint8_t ch, uint32_t ptime);
uint32_t sb_subset_aumix_source_count(const struct aumix* mix);
int sb_subset_aumix_source_alloc(struct aumix_source** srcp, struct aumix* mix, aumix_frame_h* fh, void* arg);
void sb_subset_aumix_source_enable(struct aumix_source* src, bool enable);
int sb_subset_aumix_source_put(struct aumix_source* src, const int16_t* sampv, size_t sampc);
int sb_subset_dtmf_dec_alloc(struct dtmf_dec** decp, unsigned srate, unsigned ch, dtmf_dec_h* dech,
                             void* arg);
void sb_subset_dtmf_dec_probe(struct dtmf_dec* dec, const int16_t* sampv, size_t sampc);
}

namespace sb {
namespace {

// ---------------------------------------------------------------- DTMF

struct DtmfApi {
    int (*alloc)(struct dtmf_dec**, unsigned, unsigned, dtmf_dec_h*, void*);
    void (*probe)(struct dtmf_dec*, const int16_t*, size_t);
};
constexpr DtmfApi kOurDtmf{&sb_subset_dtmf_dec_alloc, &sb_subset_dtmf_dec_probe};
constexpr DtmfApi kTheirDtmf{&dtmf_dec_alloc, &dtmf_dec_probe};

std::string detect(const DtmfApi& api, const std::vector<int16_t>& pcm, size_t chunk) {
    std::string digits;
    struct dtmf_dec* raw = nullptr;
    EXPECT_EQ(0,
              api.alloc(
                  &raw, 8000, 1, [](char d, void* arg) { *static_cast<std::string*>(arg) += d; }, &digits));
    RePtr<struct dtmf_dec> dec(raw);
    for (size_t at = 0; at < pcm.size(); at += chunk)
        api.probe(dec.get(), pcm.data() + at, std::min(chunk, pcm.size() - at));
    return digits;
}

double rowOf(char key) {
    const std::string rows[4] = {"123A", "456B", "789C", "*0#D"};
    for (int r = 0; r < 4; ++r)
        if (rows[r].find(key) != std::string::npos)
            return std::array{697.0, 770.0, 852.0, 941.0}[static_cast<size_t>(r)];
    return 0.0;
}

double colOf(char key) {
    const std::string cols[4] = {"147*", "2580", "369#", "ABCD"};
    for (int c = 0; c < 4; ++c)
        if (cols[c].find(key) != std::string::npos)
            return std::array{1209.0, 1336.0, 1477.0, 1633.0}[static_cast<size_t>(c)];
    return 0.0;
}

struct KeyStyle {
    double rowAmplitude = 6000.0;
    double colAmplitude = 6000.0;
    int toneMs = 80;
    int gapMs = 80;
    double noiseAmplitude = 0.0;
};

uint32_t g_noiseSeed = 1;
double noise() {
    g_noiseSeed = g_noiseSeed * 1664525u + 1013904223u;
    return static_cast<double>(g_noiseSeed >> 8) / static_cast<double>(1u << 24) * 2.0 - 1.0;
}

std::vector<int16_t> keys(const std::string& digits, const KeyStyle& s) {
    std::vector<int16_t> pcm;
    auto push = [&pcm, &s](double v) {
        v += s.noiseAmplitude * noise();
        pcm.push_back(static_cast<int16_t>(std::clamp(v, -32768.0, 32767.0)));
    };
    for (int i = 0; i < 8 * s.gapMs; ++i) push(0.0);
    for (const char key : digits) {
        const double wr = 2.0 * std::numbers::pi * rowOf(key) / 8000.0;
        const double wc = 2.0 * std::numbers::pi * colOf(key) / 8000.0;
        for (int i = 0; i < 8 * s.toneMs; ++i)
            push(s.rowAmplitude * std::sin(wr * i) + s.colAmplitude * std::sin(wc * i));
        for (int i = 0; i < 8 * s.gapMs; ++i) push(0.0);
    }
    return pcm;
}

TEST(RemSubset, DtmfFindsTheSameKeysAsLibrem) {
    const std::string all = "1234567890*#ABCD";
    struct Case {
        const char* what;
        std::string digits;
        KeyStyle style;
        size_t chunk;
    };
    const std::vector<Case> cases = {
        {"all keys, 20 ms frames", all, {}, 160},
        {"odd chunks", all, {}, 37},
        {"repeated keys", "11#00**99", {}, 160},
        {"quiet (-28 dBFS per tone)", all, {1200.0, 1200.0}, 160},
        {"column 3 dB weaker", all, {6000.0, 4250.0}, 160},
        {"column 3 dB stronger", all, {4250.0, 6000.0}, 160},
        {"short keys and pauses (60 ms)", all, {6000.0, 6000.0, 60, 60}, 160},
        {"with line noise (30 dB SNR)", all, {6000.0, 6000.0, 80, 80, 190.0}, 160},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        g_noiseSeed = 7;
        const auto pcm = keys(c.digits, c.style);
        const std::string theirs = detect(kTheirDtmf, pcm, c.chunk);
        EXPECT_EQ(theirs, c.digits) << "Debian's librem";
        EXPECT_EQ(detect(kOurDtmf, pcm, c.chunk), theirs);
    }
}

std::vector<int16_t> sines(const std::vector<double>& freqs, double amplitude, int ms) {
    std::vector<int16_t> pcm;
    for (int i = 0; i < 8 * ms; ++i) {
        double v = 0.0;
        for (const double f : freqs) v += amplitude * std::sin(2.0 * std::numbers::pi * f * i / 8000.0);
        pcm.push_back(static_cast<int16_t>(v));
    }
    return pcm;
}

// Voiced speech: a gliding pitch with many harmonics, syllable-modulated.
std::vector<int16_t> speechLike(int ms) {
    std::vector<int16_t> pcm;
    double phase = 0.0;
    for (int i = 0; i < 8 * ms; ++i) {
        const double t = i / 8000.0;
        const double pitch = 110.0 + 40.0 * std::sin(2.0 * std::numbers::pi * 1.3 * t);
        phase += 2.0 * std::numbers::pi * pitch / 8000.0;
        double v = 0.0;
        for (int h = 1; h <= 25; ++h) v += std::sin(h * phase) / h;
        const double envelope = 0.5 + 0.5 * std::sin(2.0 * std::numbers::pi * 4.0 * t);
        pcm.push_back(static_cast<int16_t>(4000.0 * envelope * v + 300.0 * noise()));
    }
    return pcm;
}

TEST(RemSubset, DtmfFindsNoKeysInSpeechNoiseOrSingleTones) {
    g_noiseSeed = 99;
    std::vector<std::pair<std::string, std::vector<int16_t>>> inputs;
    inputs.emplace_back("speech-like", speechLike(3000));
    std::vector<int16_t> white;
    for (int i = 0; i < 16000; ++i) white.push_back(static_cast<int16_t>(8000.0 * noise()));
    inputs.emplace_back("white noise", white);
    for (const double f : {697.0, 770.0, 852.0, 941.0, 1209.0, 1336.0, 1477.0, 1633.0, 1000.0})
        inputs.emplace_back(std::to_string(f) + " Hz alone", sines({f}, 8000.0, 500));
    inputs.emplace_back("dial tone", sines({350.0, 440.0}, 6000.0, 1000));
    inputs.emplace_back("ring-back", sines({440.0, 480.0}, 6000.0, 1000));
    inputs.emplace_back("row pair 697+770", sines({697.0, 770.0}, 6000.0, 500));
    for (const auto& [what, pcm] : inputs) {
        EXPECT_EQ(detect(kOurDtmf, pcm, 160), "") << what;
        EXPECT_EQ(detect(kTheirDtmf, pcm, 160), "") << what << " (Debian's librem)";
    }
}

// ---------------------------------------------------------------- aumix

struct MixApi {
    int (*alloc)(struct aumix**, uint32_t, uint8_t, uint32_t);
    uint32_t (*count)(const struct aumix*);
    int (*sourceAlloc)(struct aumix_source**, struct aumix*, aumix_frame_h*, void*);
    void (*enable)(struct aumix_source*, bool);
    int (*put)(struct aumix_source*, const int16_t*, size_t);
};
constexpr MixApi kOurMix{&sb_subset_aumix_alloc, &sb_subset_aumix_source_count, &sb_subset_aumix_source_alloc,
                         &sb_subset_aumix_source_enable, &sb_subset_aumix_source_put};
constexpr MixApi kTheirMix{&aumix_alloc, &aumix_source_count, &aumix_source_alloc, &aumix_source_enable,
                           &aumix_source_put};

// What one member hears, filled on the mixing thread.
struct Ear {
    std::mutex lock;
    std::condition_variable changed;
    size_t frames = 0;
    size_t badSize = 0;
    std::set<int> values;  // every sample value heard

    static void onFrame(const int16_t* samples, size_t count, void* arg) {
        auto* self = static_cast<Ear*>(arg);
        {
            const std::lock_guard guard(self->lock);
            ++self->frames;
            if (count != 160) ++self->badSize;
            for (size_t i = 0; i < count; ++i) self->values.insert(samples[i]);
        }
        self->changed.notify_all();
    }

    // Bounded: a mixer that never delivers fails the test, it does not hang it.
    bool waitFor(const std::function<bool()>& done) {
        std::unique_lock guard(lock);
        return changed.wait_for(guard, std::chrono::seconds(10), done);
    }
};

void checkMixMinus(const MixApi& api) {
    struct aumix* rawMix = nullptr;
    ASSERT_EQ(0, api.alloc(&rawMix, 8000, 1, 20));
    RePtr<struct aumix> mix(rawMix);
    EXPECT_EQ(0u, api.count(mix.get()));

    // Each member speaks a constant level, so every heard value says who was in it.
    const int16_t level[3] = {100, 1000, 10000};
    Ear ears[3];
    RePtr<struct aumix_source> src[3];
    for (int i = 0; i < 3; ++i) {
        struct aumix_source* raw = nullptr;
        ASSERT_EQ(0, api.sourceAlloc(&raw, mix.get(), &Ear::onFrame, &ears[i]));
        src[i].reset(raw);
    }
    EXPECT_EQ(0u, api.count(mix.get()));  // allocated is not yet enabled
    for (auto& s : src) api.enable(s.get(), true);
    EXPECT_EQ(3u, api.count(mix.get()));

    // Twelve frames each: enough to pass the sources' fill level (six) in one go.
    for (int i = 0; i < 3; ++i) {
        const std::vector<int16_t> speech(12 * 160, level[i]);
        ASSERT_EQ(0, api.put(src[i].get(), speech.data(), speech.size()));
    }
    for (int i = 0; i < 3; ++i) {
        const int others = level[(i + 1) % 3] + level[(i + 2) % 3];
        Ear& ear = ears[i];
        EXPECT_TRUE(ear.waitFor([&ear, others] { return ear.values.count(others) > 0; }))
            << "member " << i << " never heard both others together";
        const std::lock_guard guard(ear.lock);
        // Nothing heard may contain this member's own voice.
        const std::set<int> allowed = {0, level[(i + 1) % 3], level[(i + 2) % 3], others};
        for (const int v : ear.values) EXPECT_TRUE(allowed.count(v)) << "member " << i << " heard " << v;
        EXPECT_EQ(ear.badSize, 0u);
    }

    // A released member is out at once: the others keep getting frames, it gets none.
    size_t framesWhenReleased = 0;
    {
        const std::lock_guard guard(ears[0].lock);
        framesWhenReleased = ears[0].frames;
    }
    src[0].reset();
    EXPECT_EQ(2u, api.count(mix.get()));
    size_t seen = 0;
    {
        const std::lock_guard guard(ears[1].lock);
        seen = ears[1].frames;
    }
    Ear& ear1 = ears[1];
    EXPECT_TRUE(ear1.waitFor([&ear1, seen] { return ear1.frames >= seen + 5; }));
    {
        const std::lock_guard guard(ears[0].lock);
        EXPECT_LE(ears[0].frames, framesWhenReleased + 1);  // at most the round in flight
    }
    api.enable(src[1].get(), false);
    EXPECT_EQ(1u, api.count(mix.get()));
    src[1].reset();
    src[2].reset();
}

TEST(RemSubset, MixerGivesEachMemberTheOthersButNotItself) {
    {
        SCOPED_TRACE("Debian's librem");
        checkMixMinus(kTheirMix);
    }
    SCOPED_TRACE("ours");
    checkMixMinus(kOurMix);
}

}  // namespace
}  // namespace sb
