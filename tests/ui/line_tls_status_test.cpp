// The Lines tab tells why a carrier's TLS certificate was refused, with a
// real engine: the line's "carrier" is the engine's own SIP-over-TLS port,
// which serves a generated self-signed certificate (CN = the SIP domain, no
// subjectAltName). A CA bundle set while running applies at once.

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "core_bridge.h"
#include "main_window.h"
#include "models/lines_model.h"
#include "widgets/lines_panel.h"

using namespace sb::ui;

namespace {

int rowOf(const QAbstractItemModel* model, const QString& name) {
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, LinesModel::Name).data().toString() == name) return row;
    return -1;
}

QString statusOf(const QAbstractItemModel* model, const QString& name) {
    const int row = rowOf(model, name);
    return row < 0 ? QString() : model->index(row, LinesModel::Status).data().toString();
}

}  // namespace

class LineTlsStatusTest : public QObject {
    Q_OBJECT

private slots:
    void refusedCertificateShowsWhyInTheLinesTab();
};

void LineTlsStatusTest::refusedCertificateShowsWhyInTheLinesTab() {
    QTemporaryDir dir;
    CoreBridge bridge;
    MainWindow window(bridge);
    QSignalSpy started(&bridge, &CoreBridge::engineStarted);
    QSignalSpy configured(&bridge, &CoreBridge::configurationChanged);
    sb::EngineOptions options;
    options.databasePath = dir.filePath(QStringLiteral("switchboard.db")).toStdString();
    options.sipPort = 0;
    options.tlsPort = 0;
    options.bindAddress = "127.0.0.1";
    QVERIFY(bridge.start(options).ok());
    QTRY_COMPARE(started.count(), 1);
    QTRY_VERIFY(configured.count() > 0);
    const auto listening = QString::fromStdString(started.at(0).at(0).value<sb::EngineStarted>().listening);
    const auto tls = QRegularExpression(QStringLiteral("tls:127\\.0\\.0\\.1:(\\d+)")).match(listening);
    QVERIFY2(tls.hasMatch(), qPrintable(listening));

    sb::store::Configuration config = bridge.configuration();
    sb::store::ExternalLine line;
    line.name = "carrier";
    line.domain = "carrier.example";
    line.account = "+8612345678";
    line.password = "line-secret";
    line.proxy = "127.0.0.1:" + tls.captured(1).toStdString();
    line.transport = sb::store::Transport::Tls;
    line.expiresS = 600;
    config.lines = {line};
    QVERIFY(bridge.applyConfiguration(config));

    const QAbstractItemModel* lines = window.linesPanel()->findChild<QTableView*>()->model();
    QVERIFY(lines);
    QTRY_COMPARE_WITH_TIMEOUT(
        statusOf(lines, QStringLiteral("carrier")),
        QStringLiteral("TLS certificate rejected: it is not issued by a trusted authority "
                       "(self-signed certificate)"),
        10000);

    // Trust that very certificate: the chain passes now, and the host check
    // speaks. The line retries at once, without a restart.
    const qsizetype changes = configured.count();
    config.settings.tlsCaFile = dir.filePath(QStringLiteral("tls/switchboard-cert.pem")).toStdString();
    QVERIFY(bridge.applyConfiguration(config));
    QTRY_VERIFY(configured.count() > changes);
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(lines, QStringLiteral("carrier"))
                                 .contains(QRegularExpression(QStringLiteral(
                                     "^TLS certificate rejected: it is for \\S+ \\(common name "
                                     "only, no subjectAltName\\), not 127\\.0\\.0\\.1$"))),
                             10000);
    bridge.stop();
}

QTEST_MAIN(LineTlsStatusTest)
#include "line_tls_status_test.moc"
