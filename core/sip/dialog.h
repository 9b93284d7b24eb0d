#pragma once

// Our own INVITE dialog state (RFC 3261 §12). libre's sip_dialog routes
// in-dialog requests to the peer's Contact; a PBX must instead reach phones
// behind NAT at the address their packets came from, and needs the local and
// remote CSeq under its control for PRACK and UPDATE. So the dialog is ours
// and requests are sent with libre's transaction layer.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct sip_msg;

namespace sb::sip {

struct Dialog {
    std::string callId;
    std::string localTag;
    std::string remoteTag;
    std::string localUri;      ///< From (UAC) / To (UAS) header value without tag
    std::string remoteUri;     ///< the other one
    std::string remoteTarget;  ///< the peer's Contact URI (Request-URI of our requests)
    std::vector<std::string> routeSet;  ///< Route values for our requests, in order
    /// Where requests go when the route set is empty: "sip:ip:port;transport=tcp"
    /// of the peer's real source (NAT), or its Contact when we have nothing better.
    std::string nextHop;
    uint32_t localCseq = 1;
    std::optional<uint32_t> remoteCseq;

    /// Is @p msg (a request from the peer or a response to us) in this dialog?
    bool matches(const ::sip_msg& msg) const;
    bool established() const { return !remoteTag.empty(); }

    /// The UAS side of an incoming INVITE (RFC 3261 §12.1.1).
    static Dialog fromInvite(const ::sip_msg& invite, const std::string& localTag);
    /// Take remote tag, target and route set from a 1xx/2xx to our INVITE
    /// (RFC 3261 §12.1.2); later 2xx refresh the target only.
    void updateFromResponse(const ::sip_msg& response);
    /// A target refresh (re-INVITE, UPDATE) changes the remote target.
    void refreshTarget(const ::sip_msg& request);
    /// In-order check of a request's CSeq (RFC 3261 §12.2.2); records it.
    bool acceptRemoteCseq(uint32_t cseq);

    /// Route, To, From, Call-ID and CSeq lines for a request we send, and
    /// Max-Forwards unless @p maxForwards is false (libre's sip_requestf
    /// writes its own; only requests we format whole need ours).
    std::string requestHeaders(const std::string& method, uint32_t cseq, bool maxForwards = true) const;
    /// The URI our requests are sent toward: first route, else next hop.
    std::string firstHop() const;
};

/// "sip:ip:port;transport=x" for a source address and transport name.
std::string hopFor(const std::string& source, const std::string& transport);

/// A new random tag / Call-ID.
std::string randomToken();

}  // namespace sb::sip
