#include "media/media_types.h"

namespace sb::media {

std::string_view toString(Direction direction) {
    switch (direction) {
        case Direction::SendRecv:
            return "sendrecv";
        case Direction::SendOnly:
            return "sendonly";
        case Direction::RecvOnly:
            return "recvonly";
        case Direction::Inactive:
            return "inactive";
    }
    return "sendrecv";
}

std::optional<Direction> directionFromString(std::string_view text) {
    if (text == "sendrecv") return Direction::SendRecv;
    if (text == "sendonly") return Direction::SendOnly;
    if (text == "recvonly") return Direction::RecvOnly;
    if (text == "inactive") return Direction::Inactive;
    return std::nullopt;
}

Direction mirrored(Direction offered) {
    switch (offered) {
        case Direction::SendOnly:
            return Direction::RecvOnly;
        case Direction::RecvOnly:
            return Direction::SendOnly;
        case Direction::SendRecv:
        case Direction::Inactive:
            break;
    }
    return offered;
}

std::string Endpoint::toString() const {
    if (address.find(':') != std::string::npos) return "[" + address + "]:" + std::to_string(port);
    return address + ":" + std::to_string(port);
}

}  // namespace sb::media
