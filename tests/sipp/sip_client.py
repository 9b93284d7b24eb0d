"""A small SIP user agent for tests that SIPp cannot express: SHA-256 digest
(SIPp answers MD5 only) and SIP over TLS (Debian's SIPp is built without it).

It speaks real SIP over real sockets (UDP, TCP, TLS via Python's OpenSSL) to a
running switchboard-server; nothing is mocked.
"""
import hashlib
import os
import random
import re
import socket
import ssl
import time


class Response:
    def __init__(self, raw):
        self.raw = raw
        head, _, self.body = raw.partition("\r\n\r\n")
        lines = head.split("\r\n")
        m = re.match(r"SIP/2\.0 (\d{3}) ?(.*)", lines[0])
        if not m:
            raise ValueError("not a SIP response: %r" % lines[0])
        self.status = int(m.group(1))
        self.reason = m.group(2)
        self.headers = []
        for line in lines[1:]:
            name, _, value = line.partition(":")
            self.headers.append((name.strip(), value.strip()))

    def all(self, name):
        name = name.lower()
        return [v for n, v in self.headers if n.lower() == name]

    def get(self, name, default=None):
        values = self.all(name)
        return values[0] if values else default

    def __repr__(self):
        return "<%d %s>" % (self.status, self.reason)


def parse_challenge(value):
    scheme, _, rest = value.partition(" ")
    params = {k: a or b for k, a, b in re.findall(r'(\w+)=(?:"([^"]*)"|([^\s,]+))', rest)}
    params["scheme"] = scheme
    return params


def digest_response(alg, user, realm, password, method, uri, nonce, nc, cnonce, qop="auth"):
    h = (lambda s: hashlib.sha256(s.encode()).hexdigest()) if alg == "SHA-256" else \
        (lambda s: hashlib.md5(s.encode()).hexdigest())
    ha1 = h(f"{user}:{realm}:{password}")
    ha2 = h(f"{method}:{uri}")
    return h(f"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}")


class SipClient:
    def __init__(self, server_host, server_port, transport="udp", local_ip="127.0.0.1", timeout=3.0):
        self.server = (server_host, server_port)
        self.transport = transport
        self.timeout = timeout
        self.local_ip = local_ip
        self.call_id = "%x@%s" % (random.getrandbits(64), local_ip)
        self.tag = "%x" % random.getrandbits(32)
        self.cseq = 0
        self.nc = 0
        self._buf = b""
        if transport == "udp":
            self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            self.sock.bind((local_ip, 0))
        else:
            raw = socket.create_connection(self.server, timeout=timeout,
                                           source_address=(local_ip, 0))
            if transport == "tls":
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE  # Switchboard's certificate is self-signed
                self.sock = ctx.wrap_socket(raw)
                self.tls_version = self.sock.version()
                self.peer_cert_der = self.sock.getpeercert(binary_form=True)
            else:
                self.sock = raw
        self.sock.settimeout(timeout)
        self.local_port = self.sock.getsockname()[1]

    def close(self):
        self.sock.close()

    def contact(self, user):
        return "sip:%s@%s:%d;transport=%s" % (user, self.local_ip, self.local_port, self.transport)

    def send_raw(self, data):
        if isinstance(data, str):
            data = data.encode()
        if self.transport == "udp":
            self.sock.sendto(data, self.server)
        else:
            self.sock.sendall(data)

    def recv_response(self):
        deadline = time.monotonic() + self.timeout
        while True:
            if self.transport == "udp":
                data, addr = self.sock.recvfrom(65535)
                text = data.decode(errors="replace")
            else:
                text, addr = self._recv_stream(deadline), self.server
            if not text.startswith("SIP/2.0 "):
                self.answer_request(text, addr)  # e.g. a qualify OPTIONS, as a phone would
                continue
            resp = Response(text)
            if resp.status >= 200 or time.monotonic() > deadline:
                return resp

    def answer_request(self, text, addr):
        """Answer a request from the server 200 (OPTIONS) like a phone; ACKs need none."""
        head = text.split("\r\n\r\n")[0].split("\r\n")
        if head[0].startswith("ACK "):
            return
        keep = [h for h in head[1:] if h.split(":")[0].strip().lower() in ("via", "v", "from", "f", "to", "t",
                                                                          "call-id", "i", "cseq")]
        reply = "SIP/2.0 200 OK\r\n" + "\r\n".join(keep) + "\r\nContent-Length: 0\r\n\r\n"
        if self.transport == "udp":
            self.sock.sendto(reply.encode(), addr)
        else:
            self.sock.sendall(reply.encode())

    def wait_for_bye(self, timeout_s=20):
        """Answer requests from the server until a BYE came (True) or @timeout_s ran out (UDP)."""
        deadline = time.monotonic() + timeout_s
        self.sock.settimeout(0.2)
        while time.monotonic() < deadline:
            try:
                data, addr = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            text = data.decode(errors="replace")
            if not text.startswith("SIP/2.0"):
                self.answer_request(text, addr)
                if text.startswith("BYE "):
                    return True
        return False

    def _recv_stream(self, deadline):
        while b"\r\n\r\n" not in self._buf:
            self._fill(deadline)
        head, _, rest = self._buf.partition(b"\r\n\r\n")
        m = re.search(rb"(?im)^(?:content-length|l)\s*:\s*(\d+)", head)
        length = int(m.group(1)) if m else 0
        while len(rest) < length:
            self._fill(deadline)
            head, _, rest = self._buf.partition(b"\r\n\r\n")
        self._buf = rest[length:]
        return (head + b"\r\n\r\n" + rest[:length]).decode(errors="replace")

    def _fill(self, deadline):
        if time.monotonic() > deadline:
            raise socket.timeout("no complete response")
        chunk = self.sock.recv(65535)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self._buf += chunk

    def request(self, method, uri, to_user, from_user=None, headers=(), body=""):
        self.cseq += 1
        from_user = from_user or to_user
        branch = "z9hG4bK%x" % random.getrandbits(64)
        host = self.server[0]
        lines = [
            f"{method} {uri} SIP/2.0",
            f"Via: SIP/2.0/{self.transport.upper()} {self.local_ip}:{self.local_port};branch={branch};rport",
            "Max-Forwards: 70",
            f"From: <sip:{from_user}@{host}>;tag={self.tag}",
            f"To: <sip:{to_user}@{host}>",
            f"Call-ID: {self.call_id}",
            f"CSeq: {self.cseq} {method}",
            *headers,
            f"Content-Length: {len(body.encode())}",
            "", body]
        self.send_raw("\r\n".join(lines))
        return self.recv_response()

    def register(self, user, password=None, contact=None, expires=3600, algorithm="MD5",
                 extra=(), auth_user=None, contacts=None):
        """REGISTER, answering one digest challenge of @algorithm. Returns (first, final)."""
        uri = "sip:%s:%d" % self.server
        contact_headers = list(contacts) if contacts is not None else \
            [f"Contact: <{contact or self.contact(user)}>"]
        base = [*contact_headers, *([f"Expires: {expires}"] if expires is not None else []),
                "User-Agent: sb-test-client", *extra]
        first = self.request("REGISTER", uri, user, headers=base)
        if first.status != 401 or password is None:
            return first, first
        chall = None
        for value in first.all("WWW-Authenticate"):
            c = parse_challenge(value)
            if c.get("algorithm", "MD5").upper() == algorithm.upper():
                chall = c
                break
        if chall is None:
            raise AssertionError("no %s challenge in %r" % (algorithm, first.all("WWW-Authenticate")))
        auth = self.authorization(auth_user or user, password, "REGISTER", uri, chall, algorithm)
        final = self.request("REGISTER", uri, user, headers=base + [auth])
        return first, final

    def authorization(self, user, password, method, uri, chall, algorithm, nc=None, header="Authorization"):
        self.nc = nc if nc is not None else self.nc + 1
        ncs = "%08x" % self.nc
        cnonce = os.urandom(8).hex()
        resp = digest_response(algorithm, user, chall["realm"], password, method, uri, chall["nonce"], ncs,
                               cnonce)
        return (f'{header}: Digest username="{user}", realm="{chall["realm"]}", nonce="{chall["nonce"]}", '
                f'uri="{uri}", response="{resp}", algorithm={algorithm}, cnonce="{cnonce}", qop=auth, nc={ncs}')


def rtp_packet(seq, ts, ssrc=0x11223344, pt=0, payload=b"\xff" * 160):
    import struct
    return struct.pack("!BBHII", 0x80, pt, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc) + payload


class MediaSocket:
    """A phone's RTP socket: counts what arrives, sends to where the SDP says."""

    def __init__(self, local_ip="127.0.0.1"):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((local_ip, 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.received = []  # (time, payload type, payload length, source)

    def sdp(self, ip="127.0.0.1", direction="sendrecv"):
        return ("v=0\r\no=phone 1 1 IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\n"
                "m=audio %d RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                "a=rtpmap:101 telephone-event/8000\r\na=%s\r\n" % (ip, ip, self.port, direction))

    def drain(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                data, src = self.sock.recvfrom(2048)
            except socket.timeout:
                continue
            if len(data) >= 12:
                self.received.append((time.monotonic(), data[1] & 0x7F, len(data) - 12, src))

    def close(self):
        self.sock.close()


def sdp_endpoint(body):
    c = re.search(r"^c=IN IP4 (\S+)", body, re.M)
    m = re.search(r"^m=audio (\d+)", body, re.M)
    return (c.group(1), int(m.group(1))) if c and m else None


class OutgoingCall:
    """A phone placing a call through Switchboard (UAC), answering the 407."""

    def __init__(self, client, caller, password, callee, body, content_type="application/sdp"):
        self.c = client
        self.caller, self.password, self.callee = caller, password, callee
        self.uri = "sip:%s@%s:%d" % (callee, client.server[0], client.server[1])
        self.body = body
        self.responses = []
        self.to_header = None
        self.invite_cseq = None
        self.branch = None
        self.ack_body = ""  # the answer, when the INVITE had no offer and the 200 brings one
        self.branch_prefix = "z9hG4bK"  # RFC 3261's magic cookie; a test may play an RFC 2543 phone

    def _send_invite(self, extra=()):
        self.c.cseq += 1
        self.invite_cseq = self.c.cseq
        self.branch = "%s%x" % (self.branch_prefix, random.getrandbits(64))
        lines = [f"INVITE {self.uri} SIP/2.0",
                 f"Via: SIP/2.0/{self.c.transport.upper()} {self.c.local_ip}:{self.c.local_port};branch={self.branch};rport",
                 "Max-Forwards: 70",
                 f"From: <sip:{self.caller}@{self.c.server[0]}>;tag={self.c.tag}",
                 f"To: <sip:{self.callee}@{self.c.server[0]}>",
                 f"Call-ID: {self.c.call_id}", f"CSeq: {self.invite_cseq} INVITE",
                 f"Contact: <{self.c.contact(self.caller)}>", *extra,
                 *(["Content-Type: application/sdp"] if self.body else []),
                 f"Content-Length: {len(self.body.encode())}", "", self.body]
        self.c.send_raw("\r\n".join(lines))

    def _ack(self, resp, uri=None):
        to = resp.get("To")
        branch = self.branch if resp.status >= 300 else "z9hG4bK%x" % random.getrandbits(64)
        lines = [f"ACK {uri or self.uri} SIP/2.0",
                 f"Via: SIP/2.0/{self.c.transport.upper()} {self.c.local_ip}:{self.c.local_port};branch={branch};rport",
                 "Max-Forwards: 70", f"From: <sip:{self.caller}@{self.c.server[0]}>;tag={self.c.tag}",
                 f"To: {to}", f"Call-ID: {self.c.call_id}", f"CSeq: {self.invite_cseq} ACK"]
        body = self.ack_body if resp.status < 300 else ""
        if body:
            lines.append("Content-Type: application/sdp")
        lines += [f"Content-Length: {len(body.encode())}", "", body]
        self.c.send_raw("\r\n".join(lines))

    def start(self, extra=()):
        """Send the INVITE (with header lines @extra) and get past the digest challenge."""
        self._send_invite(extra)
        first = self._next()
        if first.status == 407:
            self._ack(first)
            chall = parse_challenge(first.all("Proxy-Authenticate")[0])
            auth = self.c.authorization(self.caller, self.password, "INVITE", self.uri, chall, "MD5",
                                        header="Proxy-Authorization")
            self._send_invite([auth, *extra])
        return self

    def _next(self, timeout=None):
        old = self.c.sock.gettimeout()
        if timeout:
            self.c.sock.settimeout(timeout)
        try:
            while True:
                data, addr = self.c.sock.recvfrom(65535)
                text = data.decode(errors="replace")
                if text.startswith("SIP/2.0 "):
                    r = Response(text)
                    if r.status != 100:
                        return r
                else:
                    self.c.answer_request(text, addr)
        finally:
            self.c.sock.settimeout(old)

    def next_response(self, timeout=5):
        r = self._next(timeout)
        self.responses.append(r)
        if r.status >= 200:
            contact = re.search(r"<([^>]+)>", r.get("Contact", "")) if r.status < 300 else None
            self.remote_target = contact.group(1) if contact else self.uri
            self._ack(r, self.remote_target if r.status < 300 else None)
            self.to_header = r.get("To")
        return r

    def cancel(self):
        """CANCEL the ringing INVITE (same branch and CSeq number, RFC 3261 §9.1);
        returns the INVITE's final response (487), which is ACKed."""
        lines = [f"CANCEL {self.uri} SIP/2.0",
                 f"Via: SIP/2.0/{self.c.transport.upper()} {self.c.local_ip}:{self.c.local_port};branch={self.branch};rport",
                 "Max-Forwards: 70", f"From: <sip:{self.caller}@{self.c.server[0]}>;tag={self.c.tag}",
                 f"To: <sip:{self.callee}@{self.c.server[0]}>", f"Call-ID: {self.c.call_id}",
                 f"CSeq: {self.invite_cseq} CANCEL", "Content-Length: 0", "", ""]
        self.c.send_raw("\r\n".join(lines))
        while True:
            r = self.next_response()
            if r.get("CSeq", "").endswith("INVITE") and r.status >= 200:
                return r

    def bye(self):
        self.c.cseq += 1
        branch = "z9hG4bK%x" % random.getrandbits(64)
        lines = [f"BYE {self.remote_target} SIP/2.0",
                 f"Via: SIP/2.0/{self.c.transport.upper()} {self.c.local_ip}:{self.c.local_port};branch={branch};rport",
                 "Max-Forwards: 70", f"From: <sip:{self.caller}@{self.c.server[0]}>;tag={self.c.tag}",
                 f"To: {self.to_header}", f"Call-ID: {self.c.call_id}", f"CSeq: {self.c.cseq} BYE",
                 "Content-Length: 0", "", ""]
        self.c.send_raw("\r\n".join(lines))
        return self._next(5)
