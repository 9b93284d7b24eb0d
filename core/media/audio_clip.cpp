#include "media/audio_clip.h"

#include <re.h>
#include <rem.h>

#include <cerrno>
#include <system_error>

#include "common/re_ptr.h"

namespace sb::media {

namespace {

std::string describe(int err) { return std::generic_category().message(err); }

}  // namespace

Result<std::shared_ptr<const AudioClip>> loadWavClip(const std::filesystem::path& path) {
    const std::string file = path.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return makeError("audio file " + file + " does not exist or is not a file", ENOENT);
    struct aufile_prm prm {};
    struct ::aufile* raw = nullptr;
    if (int err = aufile_open(&raw, &prm, file.c_str(), AUFILE_READ))
        return makeError("audio file " + file + " cannot be read as WAV: " + describe(err), err);
    RePtr<struct ::aufile> af(raw);
    if (prm.srate != kMediaSampleRate || prm.channels != 1)
        return makeError("audio file " + file + " is " + std::to_string(prm.srate) + " Hz with " +
                             std::to_string(prm.channels) + " channel(s); it must be 8000 Hz mono",
                         EINVAL);
    if (prm.fmt != AUFMT_S16LE && prm.fmt != AUFMT_PCMA && prm.fmt != AUFMT_PCMU)
        return makeError("audio file " + file + " is " + aufmt_name(prm.fmt) +
                             "; it must be 16-bit PCM, A-law or µ-law",
                         EINVAL);
    auto clip = std::make_shared<AudioClip>();
    clip->name = path.filename().string();
    // Bounded: a prompt or music file of more than an hour is a mistake.
    constexpr size_t kMaxSamples = size_t{kMediaSampleRate} * 3600;
    std::vector<uint8_t> chunk(4096);
    while (clip->samples.size() < kMaxSamples) {
        size_t n = chunk.size();
        if (int err = aufile_read(af.get(), chunk.data(), &n))
            return makeError("audio file " + file + " is damaged: " + describe(err), err);
        if (n == 0) break;
        if (prm.fmt == AUFMT_S16LE) {
            for (size_t i = 0; i + 1 < n; i += 2)
                clip->samples.push_back(static_cast<int16_t>(chunk[i] | (chunk[i + 1] << 8)));
        } else {
            for (size_t i = 0; i < n; ++i)
                clip->samples.push_back(prm.fmt == AUFMT_PCMA ? g711_alaw2pcm(chunk[i]) : g711_ulaw2pcm(chunk[i]));
        }
    }
    if (clip->samples.empty()) return makeError("audio file " + file + " holds no audio", EINVAL);
    return std::shared_ptr<const AudioClip>(std::move(clip));
}

Result<void> writeWavFile(const std::filesystem::path& path, std::span<const int16_t> samples) {
    struct aufile_prm prm {kMediaSampleRate, 1, AUFMT_S16LE};
    struct ::aufile* raw = nullptr;
    const std::string file = path.string();
    if (int err = aufile_open(&raw, &prm, file.c_str(), AUFILE_WRITE))
        return makeError("cannot create " + file + ": " + describe(err), err);
    RePtr<struct ::aufile> af(raw);
    std::vector<uint8_t> bytes(samples.size() * 2);
    for (size_t i = 0; i < samples.size(); ++i) {
        bytes[2 * i] = static_cast<uint8_t>(samples[i] & 0xff);
        bytes[2 * i + 1] = static_cast<uint8_t>((samples[i] >> 8) & 0xff);
    }
    if (int err = aufile_write(af.get(), bytes.data(), bytes.size()))
        return makeError("cannot write " + file + ": " + describe(err), err);
    return {};
}

void encodeG711(G711Law law, std::span<const int16_t> pcm, std::vector<uint8_t>& out) {
    out.resize(pcm.size());
    if (law == G711Law::MuLaw) {
        for (size_t i = 0; i < pcm.size(); ++i) out[i] = g711_pcm2ulaw(pcm[i]);
    } else {
        for (size_t i = 0; i < pcm.size(); ++i) out[i] = g711_pcm2alaw(pcm[i]);
    }
}

void decodeG711(G711Law law, std::span<const uint8_t> coded, std::vector<int16_t>& out) {
    out.resize(coded.size());
    if (law == G711Law::MuLaw) {
        for (size_t i = 0; i < coded.size(); ++i) out[i] = g711_ulaw2pcm(coded[i]);
    } else {
        for (size_t i = 0; i < coded.size(); ++i) out[i] = g711_alaw2pcm(coded[i]);
    }
}

uint8_t g711Silence(G711Law law) { return law == G711Law::MuLaw ? g711_pcm2ulaw(0) : g711_pcm2alaw(0); }

}  // namespace sb::media
