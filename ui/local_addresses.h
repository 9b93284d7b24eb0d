#pragma once

#include <QStringList>

namespace sb::ui {

/// This computer's addresses phones could reach it at: IPv4 first, then
/// global IPv6; no loopback, link-local or interfaces that are down.
QStringList localAddresses();

}  // namespace sb::ui
