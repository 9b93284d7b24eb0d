#include "local_addresses.h"

#include <QHostAddress>
#include <QNetworkInterface>

namespace sb::ui {

QStringList localAddresses() {
    QStringList v4;
    QStringList v6;
    for (const QNetworkInterface& interface : QNetworkInterface::allInterfaces()) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry& entry : interface.addressEntries()) {
            const QHostAddress ip = entry.ip();
            if (ip.isLoopback() || ip.isLinkLocal()) continue;
            if (ip.protocol() == QAbstractSocket::IPv4Protocol)
                v4 << ip.toString();
            else if (ip.protocol() == QAbstractSocket::IPv6Protocol && ip.isGlobal())
                v6 << ip.toString();
        }
    }
    v4.removeDuplicates();
    v6.removeDuplicates();
    return v4 + v6;
}

}  // namespace sb::ui
