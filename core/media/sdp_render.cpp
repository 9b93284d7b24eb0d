// SDP renderer: RFC 4566 §5 line order, CRLF line ends, and the a= order the
// parser recorded so that untouched SDP goes out as it came in.

#include <algorithm>

#include "media/sdp.h"

namespace sb::media {

namespace {

// Rank of the verbatim lines in RFC 4566 §5 order; c= sits between 1 and 2.
int lineRank(char type) {
    switch (type) {
        case 'i':
        case 'u':
        case 'e':
        case 'p':
            return 1;
        case 'b':
            return 2;
        case 't':
        case 'r':
            return 3;
        case 'z':
            return 4;
        case 'k':
            return 5;
        default:
            return 6;
    }
}

class Writer {
public:
    void line(char type, std::string_view value) {
        m_out += type;
        m_out += '=';
        m_out += value;
        m_out += "\r\n";
    }
    void lines(const std::vector<Line>& lines, int fromRank, int toRank) {
        for (const Line& l : lines) {
            const int rank = lineRank(l.type);
            if (rank >= fromRank && rank <= toRank) line(l.type, l.value);
        }
    }
    void connection(const std::optional<Connection>& c) {
        if (c) line('c', c->netType + " " + c->addrType + " " + c->address);
    }
    void attribute(const Attribute& a) { line('a', a.value ? a.name + ":" + *a.value : a.name); }
    void direction(Direction d) { line('a', toString(d)); }

    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

void renderSessionAttributes(Writer& w, const SessionDescription& sdp) {
    bool directionDone = !sdp.direction;
    size_t other = 0;
    for (const AttributeSlot& slot : sdp.attributeOrder) {
        if (slot.kind == AttributeSlot::Kind::Direction && !directionDone) {
            w.direction(*sdp.direction);
            directionDone = true;
        } else if (slot.kind == AttributeSlot::Kind::Other && other < sdp.attributes.size()) {
            w.attribute(sdp.attributes[other++]);
        }
    }
    for (; other < sdp.attributes.size(); ++other) w.attribute(sdp.attributes[other]);
    if (!directionDone) w.direction(*sdp.direction);
}

void renderMediaAttributes(Writer& w, const MediaSection& m) {
    std::vector<bool> rtpmapDone(m.formats.size()), fmtpDone(m.formats.size());
    bool ptimeDone = !m.ptimeMs, directionDone = !m.direction;
    size_t other = 0;
    auto rtpmap = [&](size_t i) {
        const Format& f = m.formats[i];
        if (rtpmapDone[i] || !f.rtpmap) return;
        const RtpMap& r = *f.rtpmap;
        std::string v = f.id + " " + r.encoding + "/" + std::to_string(r.clockRate);
        if (!r.encodingParams.empty()) v += "/" + r.encodingParams;
        w.line('a', "rtpmap:" + v);
        rtpmapDone[i] = true;
    };
    auto fmtp = [&](size_t i) {
        const Format& f = m.formats[i];
        if (fmtpDone[i] || !f.fmtp) return;
        w.line('a', "fmtp:" + f.id + " " + *f.fmtp);
        fmtpDone[i] = true;
    };
    auto indexOf = [&](const std::string& id) -> std::optional<size_t> {
        for (size_t i = 0; i < m.formats.size(); ++i) {
            if (m.formats[i].id == id) return i;
        }
        return std::nullopt;
    };
    for (const AttributeSlot& slot : m.attributeOrder) {
        switch (slot.kind) {
            case AttributeSlot::Kind::Rtpmap:
                if (const auto i = indexOf(slot.formatId)) rtpmap(*i);
                break;
            case AttributeSlot::Kind::Fmtp:
                if (const auto i = indexOf(slot.formatId)) fmtp(*i);
                break;
            case AttributeSlot::Kind::Ptime:
                if (!ptimeDone) w.line('a', "ptime:" + std::to_string(*m.ptimeMs));
                ptimeDone = true;
                break;
            case AttributeSlot::Kind::Direction:
                if (!directionDone) w.direction(*m.direction);
                directionDone = true;
                break;
            case AttributeSlot::Kind::Other:
                if (other < m.attributes.size()) w.attribute(m.attributes[other++]);
                break;
        }
    }
    // What the recorded order does not place, in canonical order.
    for (size_t i = 0; i < m.formats.size(); ++i) {
        rtpmap(i);
        fmtp(i);
    }
    if (!ptimeDone) w.line('a', "ptime:" + std::to_string(*m.ptimeMs));
    for (; other < m.attributes.size(); ++other) w.attribute(m.attributes[other]);
    if (!directionDone) w.direction(*m.direction);
}

void renderMedia(Writer& w, const MediaSection& m) {
    std::string v = m.media + " " + std::to_string(m.port);
    if (m.portCount) v += "/" + std::to_string(*m.portCount);
    v += " " + m.proto;
    for (const Format& f : m.formats) v += " " + f.id;
    w.line('m', v);
    w.lines(m.lines, 1, 1);
    w.connection(m.connection);
    w.lines(m.lines, 2, 6);
    renderMediaAttributes(w, m);
}

}  // namespace

std::string renderSdp(const SessionDescription& sdp) {
    Writer w;
    w.line('v', "0");
    const Origin& o = sdp.origin;
    w.line('o', o.username + " " + o.sessionId + " " + std::to_string(o.sessionVersion) + " " + o.netType +
                    " " + o.addrType + " " + o.address);
    // RFC 4566 §5.3: s= must not be empty; "-" is the customary placeholder.
    w.line('s', sdp.sessionName.empty() ? "-" : sdp.sessionName);
    w.lines(sdp.lines, 1, 1);
    w.connection(sdp.connection);
    w.lines(sdp.lines, 2, 2);
    const bool hasTime =
        std::any_of(sdp.lines.begin(), sdp.lines.end(), [](const Line& l) { return l.type == 't'; });
    if (!hasTime) w.line('t', "0 0");  // RFC 3264 §5: "t=0 0" for SIP sessions
    w.lines(sdp.lines, 3, 6);
    renderSessionAttributes(w, sdp);
    for (const MediaSection& m : sdp.media) renderMedia(w, m);
    return w.take();
}

}  // namespace sb::media
