#include "single_instance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>

#include <cerrno>
#include <utility>

namespace sb::ui {

namespace {

constexpr int kConnectTimeoutMs = 1000;
const QByteArray kActivate = QByteArrayLiteral("activate\n");

QString userName() {
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty()) name = qEnvironmentVariable("USERNAME");
    return name;
}

QString canonicalDatabasePath(const std::filesystem::path& path) {
    const QFileInfo info(QString::fromStdU16String(path.u16string()));
    // canonicalFilePath() is empty for a file not created yet.
    QString canonical = info.exists() ? info.canonicalFilePath() : QDir::cleanPath(info.absoluteFilePath());
#ifdef Q_OS_WIN
    canonical = canonical.toLower();  // NTFS paths compare case-insensitively
#endif
    return canonical;
}

}  // namespace

SingleInstance::SingleInstance(const std::filesystem::path& databasePath, QObject* parent)
    : QObject(parent), m_database(databasePath), m_name(serverNameFor(databasePath)) {}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverNameFor(const std::filesystem::path& databasePath) {
    // Hashed: socket names have a short length limit on Unix, and a path
    // may contain characters a pipe name may not.
    const QByteArray key = (userName() + QLatin1Char('\n') + canonicalDatabasePath(databasePath)).toUtf8();
    const QByteArray hash = QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(24);
    return QStringLiteral("switchboard-") + QString::fromLatin1(hash);
}

SingleInstance::Claim SingleInstance::claim() {
    if (activateRunning()) return Claim::AlreadyRunning;

    auto lock = sb::platform::InstanceLock::acquire(sb::platform::lockFileFor(m_database), "switchboard");
    if (!lock) {
        const QString why = QString::fromStdString(lock.error().message);
        if (lock.error().code != EWOULDBLOCK) {
            m_message = tr("Switchboard cannot lock its database.\n\n%1").arg(why);
            return Claim::Failed;
        }
        const QString holder =
            QString::fromStdString(sb::platform::lockHolder(sb::platform::lockFileFor(m_database)));
        if (holder.startsWith(QLatin1String("switchboard-server")))
            m_message = tr("%1 is already running on this database.\n\n"
                           "Stop the service first (for example: sudo systemctl stop switchboard-server), "
                           "or start Switchboard with another database (--db).")
                            .arg(holder);
        else
            m_message = tr("Another program is using this database.\n\n%1").arg(why);
        return Claim::Locked;
    }
    m_lock = std::move(lock.value());

    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // We hold the database lock, so a socket left under this name belongs to
    // an instance that died: clearing it cannot steal a live one's.
    QLocalServer::removeServer(m_name);
    if (!m_server->listen(m_name)) {
        m_message =
            tr("Switchboard cannot listen for later launches (%1): %2").arg(m_name, m_server->errorString());
        return Claim::Failed;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return Claim::Primary;
}

bool SingleInstance::activateRunning() {
    QLocalSocket socket;
    socket.connectToServer(m_name);
    // A connection is proof enough of a live instance: a dead one's socket
    // refuses. No answer is awaited, so this works when both ends share a
    // thread (the tests) and never hangs on a busy first instance.
    if (!socket.waitForConnected(kConnectTimeoutMs)) return false;
    socket.write(kActivate);
    const bool sent = socket.waitForBytesWritten(kConnectTimeoutMs);
    socket.disconnectFromServer();
    return sent;
}

void SingleInstance::onNewConnection() {
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        auto check = [this, socket] {
            if (!socket->canReadLine()) return;
            if (socket->readLine() == kActivate) emit activationRequested();
            socket->disconnectFromServer();
        };
        connect(socket, &QLocalSocket::readyRead, this, check);
        check();  // the bytes may already be here
    }
}

}  // namespace sb::ui
