#include "config/json_groups.h"

namespace sb::config {

using nlohmann::json;

const char* ringStrategyName(store::RingStrategy strategy) {
    return strategy == store::RingStrategy::Sequential ? "sequential" : "simultaneous";
}

void readRingGroups(ObjectReader& parent, std::vector<store::RingGroup>& out) {
    const json* v = parent.take("ring_groups");
    if (!v) return;
    const std::string at = parent.path("ring_groups");
    if (!v->is_array()) return parent.fail(at, "expected an array, got " + jsonTypeName(*v));
    out.assign(v->size(), {});
    for (size_t i = 0; i < v->size(); ++i) {
        store::RingGroup& g = out[i];
        ObjectReader o(parent.errors(), (*v)[i], indexPath(at, i));
        o.read("number", g.number);
        o.read("name", g.name);
        std::string strategy = ringStrategyName(g.strategy);
        o.read("strategy", strategy);
        if (strategy == "sequential")
            g.strategy = store::RingStrategy::Sequential;
        else if (strategy == "simultaneous")
            g.strategy = store::RingStrategy::Simultaneous;
        else
            o.fail(o.path("strategy"), "expected \"simultaneous\" or \"sequential\"");
        if (const json* members = o.take("members")) {
            if (!members->is_array()) {
                o.fail(o.path("members"), "expected an array, got " + jsonTypeName(*members));
            } else {
                g.members.assign(members->size(), {});
                for (size_t k = 0; k < members->size(); ++k) {
                    ObjectReader m(o.errors(), (*members)[k], indexPath(o.path("members"), k));
                    m.read("extension", g.members[k].extension);
                    m.read("timeout", g.members[k].timeoutS);
                    m.finish();
                }
            }
        }
        o.read("final_destination", g.finalDestination);
        o.finish();
    }
}

nlohmann::ordered_json writeRingGroups(const std::vector<store::RingGroup>& groups) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& g : groups) {
        nlohmann::ordered_json group;
        group["number"] = g.number;
        group["name"] = g.name;
        group["strategy"] = ringStrategyName(g.strategy);
        auto members = nlohmann::ordered_json::array();
        for (const auto& m : g.members) {
            nlohmann::ordered_json member;
            member["extension"] = m.extension;
            member["timeout"] = m.timeoutS;
            members.push_back(std::move(member));
        }
        group["members"] = std::move(members);
        group["final_destination"] = g.finalDestination;
        out.push_back(std::move(group));
    }
    return out;
}

}  // namespace sb::config
