#include "engine/engine.h"

#include <re.h>

#include <algorithm>
#include <mutex>

#include "engine/database.h"
#include "platform/process_resources.h"
#include "engine/core.h"
#include "sip/sip_stack.h"
#include "store/store.h"

namespace sb {

namespace {

enum MessageId : int { kCommand = 1, kStop = 2 };

// libre keeps process-wide state (sockets, OpenSSL); each loop thread then
// gets its own poll context with re_thread_init().
int initLibreOnce() {
    static std::once_flag once;
    static int err = 0;
    std::call_once(once, [] { err = libre_init(); });
    return err;
}

}  // namespace

Engine::Engine(EventSink& sink) : m_sink(sink) {}

Engine::~Engine() { stop(); }

Result<void> Engine::start(const EngineOptions& options) {
    if (m_thread.joinable()) return makeError("the engine is already running");
    if (int err = initLibreOnce()) return makeError("cannot initialise libre", err);

    std::promise<Result<void>> ready;
    auto readyFuture = ready.get_future();
    m_thread = std::thread([this, options, &ready] { run(options, &ready); });
    Result<void> result = readyFuture.get();
    if (!result) {
        m_thread.join();
        return result;
    }
    m_running = true;
    return result;
}

void Engine::stop() {
    if (!m_thread.joinable()) return;
    {
        std::lock_guard lock(m_postMutex);
        if (m_running.exchange(false)) mqueue_push(m_mqueue, kStop, nullptr);
    }
    m_thread.join();
}

bool Engine::post(Command command) {
    std::lock_guard lock(m_postMutex);
    if (!m_running.load()) return false;
    auto* boxed = new Command(std::move(command));
    if (mqueue_push(m_mqueue, kCommand, boxed) != 0) {
        delete boxed;
        return false;
    }
    return true;
}

void Engine::onCommand(int id, void* data, void* arg) {
    auto* self = static_cast<Engine*>(arg);
    if (id == kStop) {
        re_cancel();
        return;
    }
    std::unique_ptr<Command> command(static_cast<Command*>(data));
    if (self->m_core) (*command)(*self->m_core);
}

void Engine::run(const EngineOptions& options, std::promise<Result<void>>* ready) {
    if (int err = re_thread_init()) {
        ready->set_value(makeError("cannot start the engine thread's event loop", err));
        return;
    }

    // libre's loop tracks descriptors in a table sized 1024 by default; size
    // it to what the process may open (four RTP sockets per call).
    (void)fd_setsize(std::min(platform::applyOpenFileLimit(0), 65536));

    auto fail = [&](Error error) {
        ready->set_value(std::move(error));
        re_thread_close();
    };

    auto opened = openDatabase(options.databasePath);
    if (!opened) return fail(opened.error());
    const bool createdNow = opened->createdNow;

    auto core = std::make_unique<Core>(m_sink, std::move(opened->store), std::move(opened->config),
                                       options.logLevel);
    if (auto writer = core->startStoreWriter(); !writer) {
        core.reset();
        return fail(writer.error());
    }
    const auto& settings = core->config().settings;
    sip::ListenConfig listen;
    listen.bindAddress = options.bindAddress.value_or(settings.bindAddress);
    listen.port = options.sipPort.value_or(settings.sipPort);
    listen.tlsPort = options.tlsPort.value_or(settings.tlsPort);
    auto identity = sip::loadOrCreateTlsIdentity(settings.tlsCertificate, settings.tlsPrivateKey,
                                                 core->store().path().parent_path(), settings.domain);
    if (!identity) {
        core.reset();
        return fail(identity.error());
    }
    listen.tls = identity.value();
    if (auto started = core->startSip(listen, options.traceSip); !started) {
        core.reset();
        return fail(started.error());
    }
    // Before the loop reads the first INVITE (a command posted after start()
    // could come after one).
    if (!options.acceptingCalls) core->setAcceptingCalls(false);

    struct mqueue* mq = nullptr;
    if (int err = mqueue_alloc(&mq, &Engine::onCommand, this)) {
        core.reset();
        return fail(makeError("cannot create the engine's command queue", err));
    }
    m_mqueue = mq;
    m_core = core.get();
    m_sipPort = core->sip()->port();

    core->log(LogLevel::Info, "database " + core->store().path().string());
    if (createdNow) {
        std::string text = "new database: created the default configuration (SIP domain " +
                           core->config().settings.domain + "); extension passwords, shown once:";
        for (const auto& ext : core->config().extensions) text += " " + ext.number + "=" + ext.password;
        core->log(LogLevel::Warning, text);
    }
    core->log(LogLevel::Info, "listening for SIP on " + core->sip()->listeningDescription());
    core->log(LogLevel::Info, "TLS certificate " + listen.tls.certificateFile.string() + " SHA-256 " +
                                  listen.tls.sha256Fingerprint);
    m_sink.publish(EngineStarted{core->sip()->listeningDescription(), core->store().path().string(),
                                 listen.tls.sha256Fingerprint, createdNow});
    m_sink.publish(ConfigurationChanged{core->config()});
    ready->set_value(Result<void>());

    (void)re_main(nullptr);

    // Commands still queued are dropped with the queue; the Core goes first so
    // SIP sockets close before the loop context does.
    m_core = nullptr;
    core.reset();
    mem_deref(m_mqueue);
    m_mqueue = nullptr;
    re_thread_close();
}

}  // namespace sb
