#include "config_edits.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace sb::ui {

RouteUses routeUses(const sb::store::Configuration& config, const std::string& name) {
    RouteUses uses;
    for (size_t i = 0; i < config.routes.size(); ++i) {
        if (config.routes[i].target == name) uses.asTarget.push_back(i);
        if (config.routes[i].failover == name) uses.asFailover.push_back(i);
    }
    return uses;
}

void renameInRoutes(sb::store::Configuration& config, const std::string& from, const std::string& to) {
    for (auto& route : config.routes) {
        if (route.target == from) route.target = to;
        if (route.failover == from) route.failover = to;
    }
}

void dropFromRoutes(sb::store::Configuration& config, const std::string& name) {
    auto& routes = config.routes;
    routes.erase(
        std::remove_if(routes.begin(), routes.end(), [&](const auto& r) { return r.target == name; }),
        routes.end());
    for (auto& route : routes)
        if (route.failover == name) route.failover.clear();
}

QString describeRoutes(const sb::store::Configuration& config, const std::vector<size_t>& indexes) {
    QStringList parts;
    for (size_t i : indexes) {
        if (i >= config.routes.size()) continue;
        parts << QCoreApplication::translate("sb::ui::ConfigEdits", "%1 (%2)")
                     .arg(i + 1)
                     .arg(QString::fromStdString(config.routes[i].pattern));
    }
    return parts.join(QStringLiteral(", "));
}

}  // namespace sb::ui
