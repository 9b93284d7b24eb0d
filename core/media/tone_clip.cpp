#include "media/tone_clip.h"

#include <cmath>
#include <numbers>

#include "media/tone.h"

namespace sb::media {

std::shared_ptr<const AudioClip> ringbackClip(std::string_view presetName) {
    const auto preset = findTonePreset(presetName);
    if (!preset || preset->cycleMs() == 0) return nullptr;
    auto clip = std::make_shared<AudioClip>();
    clip->name = "ring-back " + preset->name;
    const size_t samples = size_t{preset->cycleMs()} * kMediaSampleRate / 1000;
    clip->samples.resize(samples);
    const double amplitude = 32767.0 * preset->levelPercent / 100.0;
    for (size_t i = 0; i < samples; ++i) {
        if (!preset->soundingAt(i * 1000 / kMediaSampleRate)) continue;
        const double t = static_cast<double>(i) / kMediaSampleRate;
        double v = std::sin(2 * std::numbers::pi * preset->freq1Hz * t);
        if (preset->freq2Hz) v += std::sin(2 * std::numbers::pi * preset->freq2Hz * t);
        clip->samples[i] = static_cast<int16_t>(amplitude * v);
    }
    return clip;
}

}  // namespace sb::media
