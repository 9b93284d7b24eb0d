// The Security tab: bans reported by the engine appear and leave, and Unban
// reaches a real engine that banned a real password guesser.

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include "core_bridge.h"
#include "engine/core.h"
#include "main_window.h"
#include "widgets/security_panel.h"

using namespace sb::ui;

namespace {

QByteArray md5(const QByteArray& text) { return QCryptographicHash::hash(text, QCryptographicHash::Md5).toHex(); }

/// REGISTER once for the challenge, then again with a wrong password; returns
/// the final status line ("" when none came).
QString guessOnce(QUdpSocket& sock, quint16 port, int n) {
    auto send = [&](const QByteArray& auth) {
        const QByteArray msg = "REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.60:" +
                               QByteArray::number(sock.localPort()) + ";branch=z9hG4bKguess" + QByteArray::number(n) +
                               (auth.isEmpty() ? "a" : "b") +
                               ";rport\r\nMax-Forwards: 70\r\nFrom: <sip:100@127.0.0.1>;tag=g\r\nTo: "
                               "<sip:100@127.0.0.1>\r\nCall-ID: guess-" + QByteArray::number(n) +
                               "@test\r\nCSeq: " + (auth.isEmpty() ? "1" : "2") +
                               " REGISTER\r\nContact: <sip:100@127.0.0.60>\r\n" + auth + "Content-Length: 0\r\n\r\n";
        sock.writeDatagram(msg, QHostAddress::LocalHost, port);
    };
    auto receive = [&]() -> QByteArray {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 1500) {
            if (!sock.waitForReadyRead(100)) continue;
            QByteArray reply(static_cast<int>(sock.pendingDatagramSize()), '\0');
            sock.readDatagram(reply.data(), reply.size());
            if (!reply.startsWith("SIP/2.0 1")) return reply;
        }
        return {};
    };
    send({});
    const QByteArray challenge = receive();
    const auto m = QRegularExpression(QStringLiteral("realm=\"([^\"]+)\", nonce=\"([^\"]+)\""))
                       .match(QString::fromLatin1(challenge));
    if (!m.hasMatch()) return QString::fromLatin1(challenge.left(challenge.indexOf('\r')));
    const QByteArray realm = m.captured(1).toLatin1(), nonce = m.captured(2).toLatin1();
    const QByteArray ha1 = md5("100:" + realm + ":wrong-" + QByteArray::number(n));
    const QByteArray ha2 = md5("REGISTER:sip:127.0.0.1");
    const QByteArray response = md5(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + ha2);
    send("Authorization: Digest username=\"100\", realm=\"" + realm + "\", nonce=\"" + nonce +
         "\", uri=\"sip:127.0.0.1\", response=\"" + response +
         "\", algorithm=MD5, cnonce=\"c0ffee\", qop=auth, nc=00000001\r\n");
    const QByteArray final = receive();
    return QString::fromLatin1(final.left(final.indexOf('\r')));
}

}  // namespace

class SecurityPanelTest : public QObject {
    Q_OBJECT

private slots:
    void bansComeAndGo();
    void unbanReachesTheEngine();
};

void SecurityPanelTest::bansComeAndGo() {
    CoreBridge bridge;
    MainWindow window(bridge);
    SecurityPanel* panel = window.securityPanel();
    QVERIFY(panel);
    auto* view = panel->findChild<QTableView*>(QStringLiteral("bansView"));
    auto* unban = panel->findChild<QPushButton*>(QStringLiteral("unbanButton"));
    QVERIFY(view && unban);
    QVERIFY(!unban->isEnabled());
    bridge.eventSink().publish(sb::BanChanged{"203.0.113.9", "10 failed authentications in 60 s",
                                              1'790'000'000'000, 1'790'003'600'000, false});
    QTRY_COMPARE(panel->model()->rowCount(), 1);
    QCOMPARE(panel->model()->index(0, BansModel::Address).data().toString(), QStringLiteral("203.0.113.9"));
    QCOMPARE(panel->model()->index(0, BansModel::Reason).data().toString(),
             QStringLiteral("10 failed authentications in 60 s"));
    view->selectRow(0);
    QVERIFY(unban->isEnabled());
    QSignalSpy status(panel, &SecurityPanel::statusMessage);
    QTest::mouseClick(unban, Qt::LeftButton);  // no engine runs here
    QCOMPARE(status.count(), 1);
    QVERIFY(status.at(0).at(0).toString().contains(QStringLiteral("not running")));
    bridge.eventSink().publish(sb::BanChanged{"203.0.113.9", "", 0, 0, true});
    QTRY_COMPARE(panel->model()->rowCount(), 0);
    QVERIFY(!unban->isEnabled());
}

void SecurityPanelTest::unbanReachesTheEngine() {
    QTemporaryDir dir;
    CoreBridge bridge;
    MainWindow window(bridge);
    sb::EngineOptions options;
    options.databasePath = dir.filePath(QStringLiteral("switchboard.db")).toStdString();
    options.sipPort = 0;
    options.tlsPort = 0;
    options.bindAddress = "127.0.0.1";
    QVERIFY(bridge.start(options).ok());
    QSignalSpy configured(&bridge, &CoreBridge::configurationChanged);
    QTRY_VERIFY(configured.count() > 0);
    sb::store::Configuration config = bridge.configuration();
    config.settings.allowList.clear();
    config.settings.authFailLimit = 2;
    QVERIFY(bridge.applyConfiguration(config));
    QTRY_VERIFY(configured.count() > 1);

    QUdpSocket sock;
    QVERIFY(sock.bind(QHostAddress(QStringLiteral("127.0.0.60")), 0));
    QCOMPARE(guessOnce(sock, bridge.sipPort(), 1), QStringLiteral("SIP/2.0 403 Forbidden"));
    QCOMPARE(guessOnce(sock, bridge.sipPort(), 2), QStringLiteral("SIP/2.0 403 Forbidden"));
    SecurityPanel* panel = window.securityPanel();
    QTRY_COMPARE(panel->model()->rowCount(), 1);
    QCOMPARE(panel->model()->index(0, BansModel::Address).data().toString(), QStringLiteral("127.0.0.60"));
    QCOMPARE(guessOnce(sock, bridge.sipPort(), 3), QString());  // banned: no answer at all

    panel->findChild<QTableView*>(QStringLiteral("bansView"))->selectRow(0);
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("unbanButton")), Qt::LeftButton);
    QTRY_COMPARE(panel->model()->rowCount(), 0);
    QCOMPARE(guessOnce(sock, bridge.sipPort(), 4), QStringLiteral("SIP/2.0 403 Forbidden"));
    bridge.stop();
}

QTEST_MAIN(SecurityPanelTest)
#include "security_panel_test.moc"
