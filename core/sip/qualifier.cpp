#include "sip/qualifier.h"

#include <re.h>

#include "sip/registrar.h"
#include "sip/sip_stack.h"

namespace sb::sip {

struct Qualifier::Probe {
    Qualifier* owner = nullptr;
    std::string extension, contact;
    // libre owns the request and clears this pointer when it completes;
    // mem_deref() on it while running cancels it.
    struct sip_request* request = nullptr;
    Timer timeout;

    ~Probe() {
        if (request) mem_deref(request);
    }

    static void onResponse(int err, const struct sip_msg* msg, void* arg) {
        auto* self = static_cast<Probe*>(arg);
        // Any final answer, even 404 or 405, shows the phone is there.
        if (!err && msg && msg->scode < 200) return;
        self->owner->finish(self, !err && msg);
    }

    static int onSend(enum sip_transp tp, const struct sa*, const struct sa* dst, struct mbuf*, void* arg) {
        // A phone has no certificate to check: say so before libre would
        // start TLS on a new connection to it.
        if (tp == SIP_TRANSP_TLS && dst)
            static_cast<Probe*>(arg)->owner->m_stack.tlsVerifier().expect(*dst, {});
        return 0;
    }
};

Qualifier::Qualifier(SipStack& stack, Registrar& registrar) : m_stack(stack), m_registrar(registrar) {}

Qualifier::~Qualifier() {
    m_roundTimer.cancel();
    m_probes.clear();
}

void Qualifier::configure(std::set<std::string> extensions, uint32_t intervalS, uint32_t timeoutMs) {
    m_extensions = std::move(extensions);
    m_intervalS = intervalS ? intervalS : 30;
    m_timeoutMs = timeoutMs;
    if (m_extensions.empty()) {
        m_roundTimer.cancel();
        m_probes.clear();
        return;
    }
    if (!m_roundTimer.running()) m_roundTimer.start(uint64_t{m_intervalS} * 1000, [this] { round(); });
}

void Qualifier::round() {
    for (const auto& b : m_registrar.bindings().all()) {
        if (m_extensions.count(b.extension)) ping(b.extension, b.contact, b.source, b.transport);
    }
    m_roundTimer.start(uint64_t{m_intervalS} * 1000, [this] { round(); });
}

void Qualifier::ping(const std::string& extension, const std::string& contact, const std::string& source,
                     const std::string& transport) {
    auto key = std::make_pair(extension, contact);
    if (m_probes.count(key)) return;  // the previous ping is still out

    auto probe = std::make_unique<Probe>();
    probe->owner = this;
    probe->extension = extension;
    probe->contact = contact;

    // Send to where the REGISTER came from (NAT, and the phone's own TCP/TLS
    // connection), not to the address inside the Contact.
    std::string transportParam;
    if (transport == "TCP") transportParam = ";transport=tcp";
    if (transport == "TLS") transportParam = ";transport=tls";
    const std::string routeText = "sip:" + source + transportParam;
    struct uri route;
    struct pl routePl;
    pl_set_str(&routePl, routeText.c_str());
    if (uri_decode(&route, &routePl) != 0) return;

    const std::string domain = m_registrar.authenticator().realm();
    int err = sip_requestf(&probe->request, m_stack.raw(), true, "OPTIONS", contact.c_str(), &route, nullptr,
                           &Probe::onSend, &Probe::onResponse, probe.get(),
                           "To: <%s>\r\nFrom: <sip:switchboard@%s>;tag=%016llx\r\nCall-ID: %016llx@%s\r\n"
                           "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nAccept: application/sdp\r\n"
                           "Content-Length: 0\r\n\r\n",
                           contact.c_str(), domain.c_str(), static_cast<unsigned long long>(rand_u64()),
                           static_cast<unsigned long long>(rand_u64()), domain.c_str());
    if (err) {
        m_registrar.setReachable(extension, contact, false);
        return;
    }
    Probe* raw = probe.get();
    probe->timeout.start(m_timeoutMs, [this, raw] { finish(raw, false); });
    m_probes[key] = std::move(probe);
}

void Qualifier::finish(Probe* probe, bool answered) {
    const auto key = std::make_pair(probe->extension, probe->contact);
    m_registrar.setReachable(probe->extension, probe->contact, answered);
    auto it = m_probes.find(key);
    if (it == m_probes.end()) return;
    // Cancel a still-running client transaction so its handler never fires
    // into a freed probe.
    auto done = std::move(it->second);
    m_probes.erase(it);
    done->timeout.cancel();
    if (done->request) done->request = static_cast<struct sip_request*>(mem_deref(done->request));
}

}  // namespace sb::sip
