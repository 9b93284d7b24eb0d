#include "services/prompts.h"

namespace sb::services {

const std::set<std::string>& promptNames() {
    static const std::set<std::string> names = {
        "vm-greeting", "vm-enter-pin", "vm-wrong-pin", "vm-you-have", "vm-new-messages", "vm-no-messages",
        "vm-menu",     "vm-deleted",   "vm-no-more",   "vm-full",     "goodbye",         "conf-enter-pin",
        "conf-alone",  "conf-joined",  "ivr-invalid",  "ivr-welcome", "ivr-connecting", "digit-0",         "digit-1",
        "digit-2",     "digit-3",      "digit-4",      "digit-5",     "digit-6",         "digit-7",
        "digit-8",     "digit-9"};
    return names;
}

void PromptLibrary::load(media::MediaEngine& engine, const std::filesystem::path& directory,
                         const std::string& language, const std::filesystem::path& musicFile, LogFunction log) {
    const uint64_t generation = ++m_generation;
    m_language = language;
    m_directory = directory;
    m_log = std::move(log);
    m_reported.clear();
    if (directory.empty() && m_log)
        m_log(LogLevel::Error, "voice prompts not found (no prompts folder beside the program): services play silence");
    auto request = [&](const std::string& name, const std::filesystem::path& file) {
        engine.loadClip(file, [this, generation, name](Result<std::shared_ptr<const media::AudioClip>> clip) {
            if (generation != m_generation) return;
            if (clip) {
                if (name == "music-on-hold") {
                    m_music = clip.value();
                } else {
                    m_clips[name] = clip.value();
                }
            } else if (m_log) {
                m_reported.insert(name);
                m_log(LogLevel::Error, "prompt " + name + ": " + clip.error().message);
            }
        });
    };
    if (!directory.empty()) {
        for (const auto& name : promptNames()) request(name, directory / language / (name + ".wav"));
        request("beep", directory / "beep.wav");
    }
    const auto music = musicFile.empty() ? directory / "music-on-hold.wav" : musicFile;
    if (!music.empty()) request("music-on-hold", music);
}

std::shared_ptr<const media::AudioClip> PromptLibrary::get(const std::string& name) {
    auto it = m_clips.find(name);
    if (it != m_clips.end()) return it->second;
    if (m_log && m_reported.insert(name).second)
        m_log(LogLevel::Warning, "prompt " + name + " is not available (" + (m_directory / m_language).string() +
                                     "): it is skipped");
    return nullptr;
}

}  // namespace sb::services
