#include "sip/mwi_subscriptions.h"

#include <re.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/timer.h"
#include "routing/text_util.h"
#include "sip/message.h"
#include "sip/mwi_notifier.h"
#include "sip/registrar.h"
#include "sip/sip_stack.h"

namespace sb::sip {

namespace {

constexpr const char* kEvent = "message-summary";

std::string dialogKey(const std::string& callId, const std::string& localTag, const std::string& remoteTag) {
    return callId + ";" + localTag + ";" + remoteTag;
}

/// RFC 6665 §8.2.1: the package name is the token before any parameter.
bool isMessageSummary(const ::sip_msg& msg) {
    const auto event = headerValue(msg, "Event");
    if (!event) return false;
    return routing::equalsIgnoreCase(routing::trim(std::string_view(*event).substr(0, event->find(';'))),
                                     kEvent);
}

/// The same phone: scheme, user, host and port alike; URI parameters
/// (;transport=, ;line=, ...) differ between a phone's REGISTER and its
/// SUBSCRIBE more often than not.
bool sameContact(std::string_view a, std::string_view b) {
    auto core = [](std::string_view uri) { return uri.substr(0, uri.find_first_of(";?>")); };
    return routing::equalsIgnoreCase(core(a), core(b));
}

}  // namespace

struct MwiSubscriptions::Subscription {
    MwiSubscriptions* owner = nullptr;
    std::string key;
    std::string mailbox;
    Dialog dialog;
    std::string source;   ///< "ip:port" the SUBSCRIBE came from
    std::string contact;  ///< our Contact in this dialog
    int64_t expiresAtMs = 0;
    bool terminated = false;  ///< the final NOTIFY is out; refreshes get 481
    std::string terminationReason;
    bool dirty = false;                     ///< counts changed while a NOTIFY was in flight
    struct sip_request* request = nullptr;  ///< libre clears it on completion
    Timer expiry;

    ~Subscription() {
        if (request) mem_deref(request);
    }

    static void onResponse(int err, const struct sip_msg* msg, void* arg) {
        if (!err && msg && msg->scode < 200) return;
        auto* self = static_cast<Subscription*>(arg);
        self->request = nullptr;
        self->owner->notifyDone(self, err, msg ? msg->scode : 0);
    }

    static int onSend(enum sip_transp tp, const struct sa*, const struct sa* dst, struct mbuf*, void* arg) {
        if (tp == SIP_TRANSP_TLS && dst)
            static_cast<Subscription*>(arg)->owner->m_stack.tlsVerifier().expect(*dst, {});
        return 0;
    }
};

MwiSubscriptions::MwiSubscriptions(SipStack& stack, Registrar& registrar, CountsLookup counts)
    : m_stack(stack), m_registrar(registrar), m_counts(std::move(counts)) {
    m_stack.setHandler("SUBSCRIBE", [this](const ::sip_msg& msg) { return onSubscribe(msg); });
    m_stack.setInDialogFallback([this](const ::sip_msg& msg) { return onInDialog(msg); });
}

MwiSubscriptions::~MwiSubscriptions() {
    m_stack.setHandler("SUBSCRIBE", nullptr);
    m_stack.setInDialogFallback(nullptr);
    m_subscriptions.clear();
}

std::string MwiSubscriptions::body(const std::string& mailbox) const {
    const MailboxCounts counts = m_counts(mailbox).value_or(MailboxCounts{});
    return MwiNotifier::summary("sip:" + mailbox + "@" + m_registrar.authenticator().realm(),
                                counts.newMessages, counts.oldMessages);
}

bool MwiSubscriptions::onSubscribe(const ::sip_msg& msg) {
    // RFC 6665 §8.2.1: an event package we do not serve is 489 with the ones we do.
    if (!isMessageSummary(msg)) {
        m_stack.replyFinal(msg, 489, "Bad Event", std::string("Allow-Events: ") + kEvent + "\r\n");
        return true;
    }
    Authenticator& auth = m_registrar.authenticator();
    const auto outcome =
        auth.check(msg, true, [this](const std::string& user) { return m_registrar.passwordOf(user); });
    switch (outcome.verdict) {
        case Authenticator::Verdict::Challenge:
        case Authenticator::Verdict::Stale:
            m_stack.replyStateless(
                msg, 407, "Proxy Authentication Required",
                auth.challengeHeaders(true, outcome.verdict == Authenticator::Verdict::Stale));
            return true;
        case Authenticator::Verdict::Forbidden:
            m_stack.replyFinal(msg, 403, "Forbidden");
            return true;
        case Authenticator::Verdict::BadRequest:
            m_stack.replyFinal(msg, 400, "Bad Proxy-Authorization");
            return true;
        case Authenticator::Verdict::Authorized:
            break;
    }
    // The resource is the Request-URI's user (RFC 3842 §4); phones that put
    // it only in To are read from there.
    std::string mailbox = toString(msg.uri.user);
    if (mailbox.empty()) mailbox = toUser(msg);
    if (mailbox != outcome.user) {
        m_stack.replyFinal(msg, 403, "Forbidden");
        return true;
    }
    if (!m_counts(mailbox)) {
        m_stack.replyFinal(msg, 404, "No Such Mailbox");
        return true;
    }
    if (!sip_msg_hdr(&msg, SIP_HDR_CONTACT)) {
        m_stack.replyFinal(msg, 400, "Missing Contact");
        return true;
    }
    const auto granted = grantedExpires(msg);
    if (!granted) return true;
    const uint32_t expiresS = *granted;

    auto sub = std::make_unique<Subscription>();
    sub->owner = this;
    sub->mailbox = mailbox;
    // The tag formatResponse() puts in our answer's To (libre's per-message tag).
    char tag[24];
    (void)re_snprintf(tag, sizeof(tag), "%016llx", static_cast<unsigned long long>(msg.tag));
    sub->dialog = Dialog::fromInvite(msg, tag);
    sub->source = addressText(msg.src);
    sub->contact = m_stack.contactFor("switchboard", msg);
    sub->key = dialogKey(sub->dialog.callId, sub->dialog.localTag, sub->dialog.remoteTag);
    if (sub->dialog.remoteTarget.empty()) {
        m_stack.replyFinal(msg, 400, "Bad Contact");
        return true;
    }
    m_stack.replyFinal(msg, 200, "OK",
                       "Expires: " + std::to_string(expiresS) + "\r\nContact: <" + sub->contact + ">\r\n");
    Subscription& ref = *sub;
    m_subscriptions[sub->key] = std::move(sub);
    log("MWI: " + mailbox + " subscribed from " + ref.source + " for " + std::to_string(expiresS) + " s");
    // A SUBSCRIBE with Expires: 0 is a fetch (RFC 6665 §4.2.1.4): the state
    // once, in a NOTIFY that also ends the subscription.
    if (expiresS == 0) {
        send(ref, true);
        return true;
    }
    ref.expiresAtMs = monotonicMs() + int64_t{expiresS} * 1000;
    ref.expiry.start(uint64_t{expiresS} * 1000, [this, p = &ref] { expire(p); });
    send(ref, false);
    return true;
}

bool MwiSubscriptions::onInDialog(const ::sip_msg& msg) {
    if (pl_strcmp(&msg.met, "SUBSCRIBE") != 0) return false;
    auto it =
        m_subscriptions.find(dialogKey(toString(msg.callid), toString(msg.to.tag), toString(msg.from.tag)));
    if (it == m_subscriptions.end() || it->second->terminated) return false;  // 481
    refresh(*it->second, msg);
    return true;
}

void MwiSubscriptions::refresh(Subscription& sub, const ::sip_msg& msg) {
    // In-dialog requests are not challenged, as in calls: the dialog's
    // Call-ID and both tags came from the authenticated SUBSCRIBE.
    if (!sub.dialog.acceptRemoteCseq(msg.cseq.num)) {
        m_stack.replyFinal(msg, 500, "Out Of Order CSeq");
        return;
    }
    if (!isMessageSummary(msg)) {
        m_stack.replyFinal(msg, 489, "Bad Event", std::string("Allow-Events: ") + kEvent + "\r\n");
        return;
    }
    const auto granted = grantedExpires(msg);
    if (!granted) return;
    const uint32_t expiresS = *granted;
    sub.dialog.refreshTarget(msg);
    m_stack.replyFinal(msg, 200, "OK",
                       "Expires: " + std::to_string(expiresS) + "\r\nContact: <" + sub.contact + ">\r\n");
    if (expiresS == 0) {
        // RFC 6665 §4.2.1.4: unsubscribing ends with a NOTIFY that says so.
        sub.expiry.cancel();
        log("MWI: " + sub.mailbox + " unsubscribed from " + sub.source);
        send(sub, true, nullptr);
        return;
    }
    sub.expiresAtMs = monotonicMs() + int64_t{expiresS} * 1000;
    sub.expiry.start(uint64_t{expiresS} * 1000, [this, p = &sub] { expire(p); });
    // RFC 6665 §4.2.1.2: a refresh is answered with a NOTIFY of the current state.
    send(sub, false);
}

std::optional<uint32_t> MwiSubscriptions::grantedExpires(const ::sip_msg& msg) {
    const ExpiryPolicy& policy = m_registrar.expiry();
    uint32_t expiresS = policy.defaultS;
    if (pl_isset(&msg.expires)) {
        const auto asked = parseSeconds(toString(msg.expires));
        if (!asked) {
            m_stack.replyFinal(msg, 400, "Malformed Expires");
            return std::nullopt;
        }
        expiresS = std::min(*asked, policy.maxS);
    }
    // RFC 6665 §4.2.1.1: too short is 423 with our minimum.
    if (expiresS != 0 && expiresS < policy.minS) {
        m_stack.replyFinal(msg, 423, "Interval Too Brief",
                           "Min-Expires: " + std::to_string(policy.minS) + "\r\n");
        return std::nullopt;
    }
    return expiresS;
}

void MwiSubscriptions::notify(const std::string& mailbox, const MailboxCounts&) {
    // A NOTIFY that cannot be sent erases its subscription: collect first.
    std::vector<Subscription*> due;
    for (auto& [key, sub] : m_subscriptions)
        if (sub->mailbox == mailbox && !sub->terminated) due.push_back(sub.get());
    for (Subscription* sub : due) send(*sub, false);
}

bool MwiSubscriptions::covers(const std::string& mailbox, const std::string& source,
                              const std::string& contact) const {
    return std::any_of(m_subscriptions.begin(), m_subscriptions.end(), [&](const auto& entry) {
        const Subscription& s = *entry.second;
        return !s.terminated && s.mailbox == mailbox &&
               (s.source == source || sameContact(s.dialog.remoteTarget, contact));
    });
}

void MwiSubscriptions::log(const std::string& text) {
    m_stack.events().publish(LogMessage{LogLevel::Info, text, wallClockMs()});
}

void MwiSubscriptions::expire(Subscription* sub) {
    log("MWI: subscription of " + sub->mailbox + " from " + sub->source + " expired");
    send(*sub, true, "timeout");
}

void MwiSubscriptions::send(Subscription& sub, bool terminated, const char* reason) {
    if (terminated) {
        sub.terminated = true;
        sub.terminationReason = reason ? std::string(";reason=") + reason : std::string();
        // The final NOTIFY replaces whatever is in flight: its state is moot.
        if (sub.request) {
            mem_deref(sub.request);
            sub.request = nullptr;
        }
    } else if (sub.request) {
        // One NOTIFY at a time per subscription; the newest counts follow
        // when it is answered, so the phone never sees them out of order.
        sub.dirty = true;
        return;
    }
    sendPending(sub);
}

void MwiSubscriptions::sendPending(Subscription& sub) {
    sub.dirty = false;
    std::string state = "active;expires=";
    if (sub.terminated) {
        state = "terminated" + sub.terminationReason;
    } else {
        const int64_t left = std::max<int64_t>(0, (sub.expiresAtMs - monotonicMs() + 999) / 1000);
        state += std::to_string(left);
    }
    const std::string content = body(sub.mailbox);
    // libre's sip_requestf writes Max-Forwards itself; a second one is not allowed.
    const std::string dialogHeaders = sub.dialog.requestHeaders("NOTIFY", sub.dialog.localCseq++, false);
    const std::string headers = dialogHeaders + "Event: message-summary\r\nSubscription-State: " + state +
                                "\r\nContact: <" + sub.contact +
                                ">\r\nContent-Type: application/simple-message-summary\r\n" +
                                "Content-Length: " + std::to_string(content.size()) + "\r\n\r\n" + content;
    const std::string hop = sub.dialog.firstHop();
    struct uri route;
    struct pl hopPl;
    pl_set_str(&hopPl, hop.c_str());
    int err = uri_decode(&route, &hopPl);
    if (!err)
        err = sip_requestf(&sub.request, m_stack.raw(), true, "NOTIFY", sub.dialog.remoteTarget.c_str(),
                           &route, nullptr, &Subscription::onSend, &Subscription::onResponse, &sub, "%s",
                           headers.c_str());
    if (err) {
        m_stack.events().publish(LogMessage{LogLevel::Warning,
                                            "MWI: cannot send NOTIFY for mailbox " + sub.mailbox + " to " +
                                                sub.dialog.remoteTarget + "; subscription dropped",
                                            wallClockMs()});
        erase(&sub);
    }
}

void MwiSubscriptions::notifyDone(Subscription* sub, int err, uint16_t code) {
    // RFC 6665 §4.2.2: a NOTIFY that times out or is refused ends the
    // subscription (481: the phone forgot it).
    if (sub->terminated || err || code >= 300) {
        if (!sub->terminated)
            log("MWI: subscription of " + sub->mailbox + " from " + sub->source + " ended: NOTIFY " +
                (err ? std::string("unanswered") : "answered " + std::to_string(code)));
        erase(sub);
        return;
    }
    if (sub->dirty) sendPending(*sub);
}

void MwiSubscriptions::erase(Subscription* sub) {
    auto it = m_subscriptions.find(sub->key);
    if (it != m_subscriptions.end() && it->second.get() == sub) m_subscriptions.erase(it);
}

}  // namespace sb::sip
