#include "sip/mwi_notifier.h"

#include <re.h>

#include "sip/registrar.h"
#include "sip/sip_stack.h"

namespace sb::sip {

struct MwiNotifier::Pending {
    MwiNotifier* owner = nullptr;
    std::string extension, contact;
    struct sip_request* request = nullptr;  // libre clears it on completion

    ~Pending() {
        if (request) mem_deref(request);
    }

    static void onResponse(int err, const struct sip_msg* msg, void* arg) {
        if (!err && msg && msg->scode < 200) return;
        // Whatever the phone says (200, or 489 from one that wants a
        // subscription first), there is nothing to retry: the next change sends again.
        auto* self = static_cast<Pending*>(arg);
        self->request = nullptr;
        self->owner->done(self);
    }

    static int onSend(enum sip_transp tp, const struct sa*, const struct sa* dst, struct mbuf*, void* arg) {
        if (tp == SIP_TRANSP_TLS && dst) static_cast<Pending*>(arg)->owner->m_stack.tlsVerifier().expect(*dst, {});
        return 0;
    }
};

MwiNotifier::MwiNotifier(SipStack& stack, Registrar& registrar, MwiSubscriptions::CountsLookup counts)
    : m_stack(stack), m_registrar(registrar), m_subscriptions(stack, registrar, std::move(counts)) {}

MwiNotifier::~MwiNotifier() { m_pending.clear(); }

std::string MwiNotifier::summary(const std::string& account, size_t newMessages, size_t oldMessages) {
    return std::string("Messages-Waiting: ") + (newMessages ? "yes" : "no") + "\r\nMessage-Account: " + account +
           "\r\nVoice-Message: " + std::to_string(newMessages) + "/" + std::to_string(oldMessages) + " (0/0)\r\n";
}

void MwiNotifier::notify(const std::string& mailbox, size_t newMessages, size_t oldMessages) {
    const std::string domain = m_registrar.authenticator().realm();
    const std::string account = "sip:" + mailbox + "@" + domain;
    const std::string body = summary(account, newMessages, oldMessages);
    m_subscriptions.notify(mailbox, MailboxCounts{newMessages, oldMessages});
    for (const auto& b : m_registrar.bindings().bindingsOf(mailbox)) {
        if (m_subscriptions.covers(mailbox, b.source, b.contact)) continue;
        auto pending = std::make_unique<Pending>();
        pending->owner = this;
        pending->extension = mailbox;
        pending->contact = b.contact;
        // To where the REGISTER came from (NAT, the phone's own connection).
        std::string routeText = "sip:" + b.source;
        if (b.transport == "TCP") routeText += ";transport=tcp";
        if (b.transport == "TLS") routeText += ";transport=tls";
        struct uri route;
        struct pl routePl;
        pl_set_str(&routePl, routeText.c_str());
        if (uri_decode(&route, &routePl) != 0) continue;
        // No Max-Forwards here: libre's sip_requestf writes it.
        const int err = sip_requestf(
            &pending->request, m_stack.raw(), true, "NOTIFY", b.contact.c_str(), &route, nullptr,
            &Pending::onSend, &Pending::onResponse, pending.get(),
            "To: <%s>\r\nFrom: <%s>;tag=%016llx\r\nCall-ID: %016llx@%s\r\nCSeq: 1 NOTIFY\r\n"
            "Event: message-summary\r\nSubscription-State: active\r\n"
            "Contact: <sip:switchboard@%s>\r\nContent-Type: application/simple-message-summary\r\n"
            "Content-Length: %zu\r\n\r\n%s",
            account.c_str(), account.c_str(), static_cast<unsigned long long>(rand_u64()),
            static_cast<unsigned long long>(rand_u64()), domain.c_str(), domain.c_str(), body.size(), body.c_str());
        if (err) continue;
        m_pending[{mailbox, b.contact}] = std::move(pending);  // replaces (and cancels) an older one
    }
}

void MwiNotifier::done(Pending* pending) {
    auto it = m_pending.find({pending->extension, pending->contact});
    if (it != m_pending.end() && it->second.get() == pending) m_pending.erase(it);
}

}  // namespace sb::sip
