// dtmf_dec of librem 0.6.0's API (rem_dtmf.h) for the Windows cross build:
// in-band DTMF detection for calls without RFC 4733 events.
//
// Blocks of ~12.75 ms (102 samples at 8 kHz, librem's block) go through a
// Goertzel filter at each of the eight DTMF frequencies. A block shows a key
// when the strongest row and column tones
// - are each above an absolute floor (quiet line noise is no key),
// - are within the twist limits of ITU-T Q.24 practice (the column tone up
//   to 8 dB weaker than the row tone, or up to 4 dB stronger),
// - each stand 8 dB above the other tones of their group, and
// - carry most of the block's energy (speech and music spread theirs).
// A key is reported once it shows in three blocks in a row (>= 38 ms, so
// that speech rarely triggers it and Q.24's 40 ms tones pass), and again
// only after two blocks without it (the 40 ms pause between keys).
// tests/unit/rem_subset_test.cpp compares it with Debian's librem.
#include "rem_subset.h"

#include <array>
#include <cerrno>
#include <cmath>
#include <numbers>

namespace {

constexpr std::array<double, 4> kRows{697.0, 770.0, 852.0, 941.0};
constexpr std::array<double, 4> kCols{1209.0, 1336.0, 1477.0, 1633.0};
constexpr char kKeys[4][5] = {"123A", "456B", "789C", "*0#D"};

constexpr double kMinAmplitude = 200.0;  // per tone, ~ -44 dBFS
constexpr double kNormalTwist = 6.31;    // 8 dB, as power ratio
constexpr double kReverseTwist = 2.51;   // 4 dB
constexpr double kRelativePeak = 6.31;   // 8 dB
constexpr double kToneShare = 0.65;      // of the block's energy
constexpr int kAcceptBlocks = 3;
constexpr int kReleaseBlocks = 2;

}  // namespace

struct dtmf_dec {
    dtmf_dec_h* handler = nullptr;
    void* arg = nullptr;
    unsigned channels = 1;
    size_t blockSize = 102;
    std::array<double, 4> rowCoef{}, colCoef{};
    // Goertzel state of the block in progress
    std::array<double, 8> s1{}, s2{};
    double energy = 0.0;
    size_t filled = 0;
    // Debouncing
    char candidate = 0;
    int run = 0;
    char reported = 0;

    void setup(unsigned srate, unsigned ch) {
        channels = ch;
        blockSize = srate * 102u / 8000u;
        for (size_t i = 0; i < 4; ++i) {
            rowCoef[i] = 2.0 * std::cos(2.0 * std::numbers::pi * kRows[i] / srate);
            colCoef[i] = 2.0 * std::cos(2.0 * std::numbers::pi * kCols[i] / srate);
        }
        s1.fill(0.0);
        s2.fill(0.0);
        energy = 0.0;
        filled = 0;
        candidate = reported = 0;
        run = 0;
    }

    void add(double x) {
        for (size_t i = 0; i < 8; ++i) {
            const double coef = i < 4 ? rowCoef[i] : colCoef[i - 4];
            const double s = x + coef * s1[i] - s2[i];
            s2[i] = s1[i];
            s1[i] = s;
        }
        energy += x * x;
        if (++filled == blockSize) endBlock();
    }

    char keyOfBlock() {
        std::array<double, 8> power{};
        for (size_t i = 0; i < 8; ++i) {
            const double coef = i < 4 ? rowCoef[i] : colCoef[i - 4];
            power[i] = s1[i] * s1[i] + s2[i] * s2[i] - coef * s1[i] * s2[i];
        }
        size_t row = 0, col = 0;
        for (size_t i = 1; i < 4; ++i) {
            if (power[i] > power[row]) row = i;
            if (power[4 + i] > power[4 + col]) col = i;
        }
        const double r = power[row], c = power[4 + col];
        // A sine of amplitude A gives (A * N / 2)^2 at its own frequency.
        const double half = static_cast<double>(blockSize) / 2.0;
        const double floor = kMinAmplitude * half * kMinAmplitude * half;
        if (r < floor || c < floor) return 0;
        if (c * kNormalTwist < r || r * kReverseTwist < c) return 0;
        for (size_t i = 0; i < 4; ++i) {
            if (i != row && power[i] * kRelativePeak > r) return 0;
            if (i != col && power[4 + i] * kRelativePeak > c) return 0;
        }
        // That power is the tone's energy in the block times N / 2.
        if ((r + c) / half < kToneShare * energy) return 0;
        return kKeys[row][col];
    }

    void endBlock() {
        const char key = keyOfBlock();
        s1.fill(0.0);
        s2.fill(0.0);
        energy = 0.0;
        filled = 0;
        if (key == candidate) {
            ++run;
        } else {
            candidate = key;
            run = 1;
        }
        if (candidate && run == kAcceptBlocks && candidate != reported) {
            reported = candidate;
            if (handler) handler(candidate, arg);
        } else if (!candidate && run >= kReleaseBlocks) {
            reported = 0;
        }
    }
};

extern "C" int dtmf_dec_alloc(struct dtmf_dec** decp, unsigned srate, unsigned ch, dtmf_dec_h* dech,
                              void* arg) {
    if (!decp || !srate || !ch) return EINVAL;
    auto* dec = sb::rem_subset::memNew<dtmf_dec>();
    if (!dec) return ENOMEM;
    dec->handler = dech;
    dec->arg = arg;
    dec->setup(srate, ch);
    *decp = dec;
    return 0;
}

extern "C" void dtmf_dec_probe(struct dtmf_dec* dec, const int16_t* sampv, size_t sampc) {
    if (!dec || !sampv) return;
    // The first channel is enough: DTMF is the same on all of them.
    for (size_t i = 0; i < sampc; i += dec->channels) dec->add(static_cast<double>(sampv[i]));
}
