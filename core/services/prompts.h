#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "engine/events.h"
#include "media/audio_clip.h"
#include "media/media_engine.h"

namespace sb::services {

/// The voice prompts of one language and the music on hold, read once on
/// the media engine's file thread (never the SIP thread) and kept in
/// memory. A prompt that is missing or damaged is logged once and then
/// played as nothing, so a call is never lost for want of a sentence.
class PromptLibrary {
public:
    using LogFunction = std::function<void(LogLevel, const std::string&)>;

    /// Load every prompt of @p language from @p directory (…/prompts/<language>/*.wav,
    /// …/prompts/beep.wav) and @p musicFile (empty: …/prompts/music-on-hold.wav).
    void load(media::MediaEngine& engine, const std::filesystem::path& directory, const std::string& language,
              const std::filesystem::path& musicFile, LogFunction log);

    /// The prompt @p name ("vm-greeting", "digit-3", "beep"), or null.
    std::shared_ptr<const media::AudioClip> get(const std::string& name);
    /// The music on hold, or null while loading or when it failed.
    std::shared_ptr<const media::AudioClip> music() const { return m_music; }
    const std::string& language() const { return m_language; }

private:
    std::map<std::string, std::shared_ptr<const media::AudioClip>> m_clips;
    std::set<std::string> m_reported;
    std::shared_ptr<const media::AudioClip> m_music;
    std::string m_language;
    std::filesystem::path m_directory;
    LogFunction m_log;
    uint64_t m_generation = 0;  ///< a newer load() wins over the replies of an older one
};

/// Prompt names that the services play (for checks and the generator script).
const std::set<std::string>& promptNames();

}  // namespace sb::services
