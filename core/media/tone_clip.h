#pragma once

#include <memory>
#include <string_view>

#include "media/audio_clip.h"

namespace sb::media {

/// One cadence cycle of ring-back tone @p presetName ("cn", "eu", ...) as a
/// clip, for a terminated leg to loop (a service call ringing an extension).
/// @return null for an unknown preset.
std::shared_ptr<const AudioClip> ringbackClip(std::string_view presetName);

}  // namespace sb::media
