#pragma once

#include <QObject>
#include <QString>

#include <filesystem>

#include "platform/instance_lock.h"

class QLocalServer;

namespace sb::ui {

/// One Switchboard per database. A second launch on the same database finds
/// the first through a local socket named after the database and asks it to
/// come to the front; a database held by switchboard-server (or any process
/// holding its lock, see sb::platform::InstanceLock) is reported, not fought
/// over on the SIP port.
class SingleInstance final : public QObject {
    Q_OBJECT
public:
    enum class Claim {
        Primary = 1,     ///< we hold the database and listen for later launches
        AlreadyRunning,  ///< another window on this database was asked to come forward
        Locked,          ///< another process (e.g. switchboard-server) holds the database
        Failed,          ///< the lock or the socket could not be set up
    };

    /// @param databasePath the database this process is about to open
    explicit SingleInstance(const std::filesystem::path& databasePath, QObject* parent = nullptr);
    ~SingleInstance() override;

    /// Find a running instance, else take the database lock and listen.
    /// After Locked or Failed, message() says why in words for the user.
    Claim claim();
    QString message() const { return m_message; }

    /// The local socket name for @p databasePath: the same for every
    /// spelling of one path, different per user.
    static QString serverNameFor(const std::filesystem::path& databasePath);

signals:
    /// A later launch asked for this instance's window.
    void activationRequested();

private:
    bool activateRunning();
    void onNewConnection();

    std::filesystem::path m_database;
    QString m_name;
    QLocalServer* m_server = nullptr;
    sb::platform::InstanceLock m_lock;
    QString m_message;
};

}  // namespace sb::ui
