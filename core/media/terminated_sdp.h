#pragma once

#include "common/result.h"
#include "media/media_session.h"
#include "media/sdp.h"

/// @file terminated_sdp.h
/// Offer/answer for legs Switchboard terminates itself (services): G.711
/// and RFC 4733 telephone-event only, since that is what the media engine
/// speaks; no transcoding of other codecs.

namespace sb::media {

struct TerminatedAnswer {
    SessionDescription sdp;  ///< what we answer
    LegMediaParams params;   ///< what the media session then uses
};

/// Answer @p offer from @p ours: the first of PCMU/PCMA in the offer's
/// order, telephone-event/8000 when offered, our direction mirrored.
/// @return an error (the SIP layer answers 488) when the offer has no audio
///         stream or no G.711.
Result<TerminatedAnswer> answerAsEndpoint(const SessionDescription& offer, const Endpoint& ours,
                                          LegOrigin& origin);

/// Our offer for a caller that sent none: PCMU, PCMA, telephone-event/8000 (101).
SessionDescription offerAsEndpoint(const Endpoint& ours, LegOrigin& origin);

/// What to send, read from the answer to offerAsEndpoint().
Result<LegMediaParams> paramsFromAnswer(const SessionDescription& answer);

}  // namespace sb::media
