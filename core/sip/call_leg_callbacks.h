#pragma once

// Private to the CallLeg files: libre's C callbacks with their exact
// signatures, forwarding to the leg.

#include <re.h>

#include "sip/call_leg.h"
#include "sip/sip_stack.h"

namespace sb::sip {

struct CallLegCallbacks {
    // Every request we send carries our Contact for the transport and local
    // address libre picked (known only at send time).
    static int send(enum sip_transp tp, const struct sa* src, const struct sa* dst, struct mbuf* mb,
                    void* arg) {
        auto* leg = static_cast<CallLeg*>(arg);
        // Runs before libre starts TLS on a new connection: say what it must show.
        if (tp == SIP_TRANSP_TLS && dst && leg->m_role == CallLeg::Role::Uac)
            leg->m_stack.tlsVerifier().expect(*dst, leg->m_outgoing.tls);
        const std::string contact = leg->m_stack.contactUri(leg->m_contactUser, tp, *src);
        return mbuf_printf(mb, "Contact: <%s>\r\n", contact.c_str());
    }
    static void inviteResponse(int err, const struct sip_msg* msg, void* arg) {
        static_cast<CallLeg*>(arg)->handleInviteResponse(err, msg);
    }
    static void byeResponse(int err, const struct sip_msg* msg, void* arg) {
        static_cast<CallLeg*>(arg)->handleByeResponse(err, msg);
    }
    static void reinviteResponse(int err, const struct sip_msg* msg, void* arg) {
        static_cast<CallLeg*>(arg)->handleReinviteResponse(err, msg);
    }
    static void prackResponse(int err, const struct sip_msg* msg, void* arg) {
        static_cast<CallLeg*>(arg)->handlePrackResponse(err, msg);
    }
    // What the peer answers to a relayed key or a transfer's NOTIFY changes nothing here.
    static void sideResponse(int, const struct sip_msg*, void*) {}
    static void cancel(void* arg) { static_cast<CallLeg*>(arg)->handleCancel(); }
};

/// The body of a message with its type.
inline Body bodyOf(const struct sip_msg& msg) {
    if (mbuf_get_left(msg.mb) == 0) return {};
    return Body{toString(msg.ctyp.type) + "/" + toString(msg.ctyp.subtype),
                std::string(reinterpret_cast<const char*>(mbuf_buf(msg.mb)), mbuf_get_left(msg.mb))};
}

}  // namespace sb::sip
