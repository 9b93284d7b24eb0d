#pragma once

// The UDP gate, private to core/sip (sip_stack.cpp, udp_gate.cpp).
//
// libre 1.1.0 drops a datagram it cannot decode before any listener runs (a
// request with SIP/7.0, a Via without branch, a broken request line) and
// reads an overlarge status code modulo 2^32. A UDP helper on each of its SIP
// sockets sees the datagram first. libre does not hand out its sockets, but
// every UDP request carries one (sip_msg::sock): each transport sends itself
// a probe at start-up, and dispatch() registers the gate on first sight.
// TCP has no such hook (libre owns the connections and closes one it cannot
// decode), so these cases are covered over UDP only.

#include <cstdint>
#include <string>
#include <vector>

struct sa;

namespace sb::sip {

class SipStack;

/// "addr:port" of @p a, empty when @p a is null or unset.
std::string saText(const struct sa* a);

/// The Call-ID of the datagram each UDP transport sends itself at start-up
/// (see armUdpGates): unguessable, so nobody else's request is swallowed.
const std::string& probeCallId();

/// Put the gate on @p sock (a libre udp_sock), once per socket.
void watchUdpSocket(SipStack* stack, void* sock);

/// Remove every gate @p stack registered.
void dropUdpGates(const SipStack* stack);

/// Send each UDP transport a request it swallows, so dispatch() sees its socket.
void armUdpGates(const std::vector<std::string>& addresses, uint16_t port);

}  // namespace sb::sip
