// One Switchboard per database: a second launch finds the first and asks it
// to come forward; a database held by switchboard-server is refused with
// words that say so.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "platform/instance_lock.h"
#include "single_instance.h"

using sb::ui::SingleInstance;

class SingleInstanceTest : public QObject {
    Q_OBJECT

private slots:
    void secondLaunchActivatesTheFirst();
    void otherDatabasesAreIndependent();
    void serverHoldingTheDatabaseIsNamed();
    void closedInstanceFreesTheDatabase();
};

namespace {

std::filesystem::path databaseIn(const QTemporaryDir& dir, const char* name = "switchboard.db") {
    return std::filesystem::path(dir.filePath(QLatin1String(name)).toStdString());
}

}  // namespace

void SingleInstanceTest::secondLaunchActivatesTheFirst() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SingleInstance first(databaseIn(dir));
    QCOMPARE(first.claim(), SingleInstance::Claim::Primary);
    QSignalSpy activated(&first, &SingleInstance::activationRequested);

    // The same file spelled differently is the same database.
    const auto sameFile = std::filesystem::path(dir.path().toStdString()) / "." / "switchboard.db";
    SingleInstance second(sameFile);
    QCOMPARE(second.claim(), SingleInstance::Claim::AlreadyRunning);
    QTRY_COMPARE(activated.count(), 1);
}

void SingleInstanceTest::otherDatabasesAreIndependent() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SingleInstance first(databaseIn(dir, "a.db"));
    QCOMPARE(first.claim(), SingleInstance::Claim::Primary);
    SingleInstance other(databaseIn(dir, "b.db"));
    QCOMPARE(other.claim(), SingleInstance::Claim::Primary);
    QVERIFY(SingleInstance::serverNameFor(databaseIn(dir, "a.db")) !=
            SingleInstance::serverNameFor(databaseIn(dir, "b.db")));
}

void SingleInstanceTest::serverHoldingTheDatabaseIsNamed() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto server =
        sb::platform::InstanceLock::acquire(sb::platform::lockFileFor(databaseIn(dir)), "switchboard-server");
    QVERIFY2(server.ok(), server.ok() ? "" : server.error().message.c_str());

    SingleInstance gui(databaseIn(dir));
    QCOMPARE(gui.claim(), SingleInstance::Claim::Locked);
    QVERIFY2(gui.message().startsWith(QLatin1String("switchboard-server (process ")),
             qPrintable(gui.message()));
    QVERIFY2(gui.message().contains(QLatin1String(") is already running on this database.")),
             qPrintable(gui.message()));
    QVERIFY2(gui.message().contains(QLatin1String("--db")), qPrintable(gui.message()));

    server->release();
    SingleInstance afterStop(databaseIn(dir));
    QCOMPARE(afterStop.claim(), SingleInstance::Claim::Primary);
}

void SingleInstanceTest::closedInstanceFreesTheDatabase() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        SingleInstance first(databaseIn(dir));
        QCOMPARE(first.claim(), SingleInstance::Claim::Primary);
    }
    SingleInstance next(databaseIn(dir));
    QCOMPARE(next.claim(), SingleInstance::Claim::Primary);
}

QTEST_MAIN(SingleInstanceTest)
#include "single_instance_test.moc"
