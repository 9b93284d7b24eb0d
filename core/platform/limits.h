#pragma once

namespace sb::platform {

/// Raise this process's open-file limit as far as the system allows and
/// return it. Every call holds four RTP/RTCP sockets, so the default soft
/// limit of 1024 on many Linux systems would cap a PBX at ~250 calls.
int raiseOpenFileLimit();

}  // namespace sb::platform
