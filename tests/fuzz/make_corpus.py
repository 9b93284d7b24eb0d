#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz harness into tests/fuzz/corpus/<harness>/.

The seeds are small real-world inputs: SIP messages as phones, IMS cores and
carriers send them (plus the 49 RFC 4475 torture messages, copied byte for
byte from ../shared/testdata/rfc4475 when that folder is there), SDP bodies
(desk phones, VoLTE/IMS with preconditions, WebRTC, SRTP, T.38, hold),
Authorization header values, SIP/SIPS/TEL URIs and name-addrs, dial patterns
with numbers and source addresses, and the JSON configurations of
tests/data/config and tests/sipp/configs.

Run it again after editing a seed here; it rewrites only the files it owns
(names it generates or copies) and leaves other files in the corpus alone.
The fuzzers never write into the committed corpus: scripts/fuzz copies it to a
scratch folder first. docs/fuzzing.md explains the whole setup.
"""

import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = HERE / "corpus"
RFC4475 = ROOT.parent / "shared" / "testdata" / "rfc4475"


def crlf(text: str) -> bytes:
    """Text with LF line ends -> CRLF bytes (as SIP and SDP are sent)."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def sip(head: str, body: str = "") -> bytes:
    """A SIP message: headers (LF-separated here) + blank line + body, with a
    correct Content-Length."""
    body_bytes = crlf(body) if body else b""
    head = head.strip("\n") + f"\nContent-Length: {len(body_bytes)}\n\n"
    return crlf(head) + body_bytes


def write(harness: str, name: str, data) -> None:
    folder = CORPUS / harness
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (folder / name).write_bytes(data)


# ---------------------------------------------------------------------------
# SDP bodies

SDP = {
    "desk_phone_offer.sdp": """v=0
o=- 20518 0 IN IP4 192.168.1.23
s=SDP data
c=IN IP4 192.168.1.23
t=0 0
m=audio 11780 RTP/AVP 0 8 9 18 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:9 G722/8000
a=rtpmap:18 G729/8000
a=fmtp:18 annexb=no
a=ptime:20
a=sendrecv
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
""",
    "asterisk_answer.sdp": """v=0
o=- 1718896040 1718896041 IN IP4 203.0.113.5
s=Asterisk
c=IN IP4 203.0.113.5
t=0 0
m=audio 17162 RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=ptime:20
a=maxptime:150
a=sendrecv
""",
    "volte_offer_amrwb_preconditions.sdp": """v=0
o=- 1432839918 1432839918 IN IP6 2409:8809:8500:a1ef::1
s=-
c=IN IP6 2409:8809:8500:a1ef::1
b=AS:41
t=0 0
m=audio 31000 RTP/AVP 116 107 118 96 111 110
b=AS:41
b=RS:0
b=RR:0
a=rtpmap:116 AMR-WB/16000/1
a=fmtp:116 mode-change-capability=2;max-red=0
a=rtpmap:107 AMR-WB/16000/1
a=fmtp:107 octet-align=1;mode-change-capability=2;max-red=0
a=rtpmap:118 AMR/8000/1
a=fmtp:118 mode-change-capability=2;max-red=0
a=rtpmap:96 AMR/8000/1
a=fmtp:96 octet-align=1;mode-change-capability=2;max-red=0
a=rtpmap:111 telephone-event/16000
a=fmtp:111 0-15
a=rtpmap:110 telephone-event/8000
a=fmtp:110 0-15
a=curr:qos local none
a=curr:qos remote none
a=des:qos mandatory local sendrecv
a=des:qos optional remote sendrecv
a=sendrecv
a=ptime:20
a=maxptime:240
""",
    "ims_answer_amr_conf.sdp": """v=0
o=ZTE 1626 1627 IN IP4 10.188.3.20
s=phone-call
c=IN IP4 10.188.3.20
b=AS:38
t=0 0
m=audio 40118 RTP/AVP 118 110
b=AS:38
b=RS:375
b=RR:1125
a=rtpmap:118 AMR/8000/1
a=fmtp:118 mode-change-capability=2;max-red=0
a=rtpmap:110 telephone-event/8000
a=fmtp:110 0-15
a=ptime:20
a=maxptime:240
a=curr:qos local sendrecv
a=curr:qos remote none
a=des:qos mandatory local sendrecv
a=des:qos mandatory remote sendrecv
a=conf:qos remote sendrecv
a=sendrecv
""",
    "ims_183_early_media.sdp": """v=0
o=HuaweiSoftX3000 2185 2185 IN IP4 172.20.4.15
s=SoftX3000
c=IN IP4 172.20.4.15
t=0 0
m=audio 30404 RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=ptime:20
a=sendrecv
""",
    "hold_sendonly.sdp": """v=0
o=- 20518 1 IN IP4 192.168.1.23
s=SDP data
c=IN IP4 192.168.1.23
t=0 0
m=audio 11780 RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=sendonly
""",
    "hold_rfc2543_zero_address.sdp": """v=0
o=- 1 2 IN IP4 10.0.0.1
s=-
c=IN IP4 0.0.0.0
t=0 0
m=audio 4000 RTP/AVP 0
""",
    "inactive_session_level.sdp": """v=0
o=bob 2808844564 2808844566 IN IP4 host.biloxi.example.com
s=
c=IN IP4 host.biloxi.example.com
t=0 0
a=inactive
m=audio 49174 RTP/AVP 0
a=rtpmap:0 PCMU/8000
""",
    "webrtc_ice_savpf.sdp": """v=0
o=- 4611731400430051336 2 IN IP4 127.0.0.1
s=-
t=0 0
a=group:BUNDLE 0
a=msid-semantic: WMS
a=ice-options:trickle
m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
c=IN IP4 0.0.0.0
a=rtcp:9 IN IP4 0.0.0.0
a=candidate:842163049 1 udp 1677729535 198.51.100.23 54321 typ srflx raddr 192.168.1.5 rport 54321 generation 0
a=candidate:3293266245 1 udp 2122260223 192.168.1.5 54321 typ host generation 0
a=end-of-candidates
a=ice-ufrag:EsAw
a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1
a=fingerprint:sha-256 D1:2C:BE:AD:C4:F6:64:5C:25:16:11:9C:AF:E7:0F:73:79:36:4E:9C:1E:15:54:39:0C:06:8B:ED:96:86:00:39
a=setup:actpass
a=mid:0
a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
a=sendrecv
a=rtcp-mux
a=rtpmap:111 opus/48000/2
a=rtcp-fb:111 transport-cc
a=fmtp:111 minptime=10;useinbandfec=1
a=rtpmap:63 red/48000/2
a=fmtp:63 111/111
a=rtpmap:9 G722/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:13 CN/8000
a=rtpmap:110 telephone-event/48000
a=rtpmap:126 telephone-event/8000
a=ssrc:3570614608 cname:4TOk42mSjXCkVIa6
""",
    "srtp_sdes.sdp": """v=0
o=- 3756389125 3756389125 IN IP4 192.0.2.44
s=-
c=IN IP4 192.0.2.44
t=0 0
m=audio 50004 RTP/SAVP 9 8 0 101
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32
a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=rtcp:50005
a=sendrecv
""",
    "t38_reinvite.sdp": """v=0
o=- 1 3 IN IP4 192.0.2.60
s=-
c=IN IP4 192.0.2.60
t=0 0
m=audio 0 RTP/AVP 8
m=image 4002 udptl t38
a=T38FaxVersion:0
a=T38MaxBitRate:14400
a=T38FaxRateManagement:transferredTCF
a=T38FaxMaxBuffer:262
a=T38FaxMaxDatagram:176
a=T38FaxUdpEC:t38UDPRedundancy
""",
    "audio_video_h264.sdp": """v=0
o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com
s=
c=IN IP4 host.atlanta.example.com
t=0 0
m=audio 49170 RTP/AVP 0 8 97
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:97 iLBC/8000
m=video 51372 RTP/AVP 31 32 99
b=TIAS:1024000
a=rtpmap:31 H261/90000
a=rtpmap:32 MPV/90000
a=rtpmap:99 H264/90000
a=fmtp:99 profile-level-id=42e01f;packetization-mode=1
a=imageattr:99 send * recv [x=[320:16:640],y=[240:16:480]]
""",
    "rfc4317_answer_video_rejected.sdp": """v=0
o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com
s=
c=IN IP4 host.biloxi.example.com
t=0 0
m=audio 49174 RTP/AVP 0
a=rtpmap:0 PCMU/8000
m=video 0 RTP/AVP 31
""",
    "rfc4566_seminar.sdp": """v=0
o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5
s=SDP Seminar
i=A Seminar on the session description protocol
u=http://www.example.com/seminars/sdp.pdf
e=j.doe@example.com (Jane Doe)
c=IN IP4 224.2.17.12/127
t=2873397496 2873404696
a=recvonly
m=audio 49170 RTP/AVP 0
m=video 51372 RTP/AVP 99
a=rtpmap:99 h263-1998/90000
""",
    "ipv6_only.sdp": """v=0
o=- 1 1 IN IP6 2001:db8::1
s=-
c=IN IP6 2001:db8::1
t=0 0
m=audio 4000 RTP/AVP 0 101
a=rtpmap:101 telephone-event/8000
""",
    "two_audio_streams.sdp": """v=0
o=- 7 7 IN IP4 192.0.2.9
s=-
t=0 0
m=audio 0 RTP/AVP 0
m=audio 5004 RTP/AVP 8 0
c=IN IP4 192.0.2.9
a=recvonly
m=audio 5006 RTP/AVP 18
c=IN IP4 192.0.2.9
a=rtpmap:18 G729/8000
a=fmtp:18 annexb=yes
""",
    "sipp_default.sdp": """v=0
o=user1 53655765 2353687637 IN IP4 127.0.0.1
s=-
c=IN IP4 127.0.0.1
t=0 0
m=audio 6000 RTP/AVP 0
a=rtpmap:0 PCMU/8000
""",
    "ptime_decimal_and_port_count.sdp": """v=0
o=- 1 1 IN IP4 198.51.100.1
s=-
c=IN IP4 198.51.100.1
t=0 0
r=604800 3600 0 90000
z=2882844526 -1h 2898848070 0
k=prompt
m=audio 4000/2 RTP/AVP 0 96
i=voice
a=rtpmap:96 opus/48000/2
a=ptime:20.0
a=rtpmap:97 speex/16000
a=fmtp:98 mode=20
""",
}


def sdp_bytes(text: str, lf_only: bool = False) -> bytes:
    return text.encode("utf-8") if lf_only else crlf(text)


# ---------------------------------------------------------------------------
# SIP messages (the sip_message harness). @NONCE@ / @RESPONSE@ are filled in
# by the harness with a nonce it issued and the right digest for "secret".

VIA_PHONE = "Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK1849287375;rport"
VIA_IMS = "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-524287-1---ea8d2b1c2f5c8a9e"

SIP = {
    "register_first.sip": sip(f"""REGISTER sip:pbx.example.com SIP/2.0
{VIA_PHONE}
From: "Reception" <sip:100@pbx.example.com>;tag=2084236781
To: "Reception" <sip:100@pbx.example.com>
Call-ID: 1785093512@192.168.1.23
CSeq: 1 REGISTER
Contact: <sip:100@192.168.1.23:5060>
Max-Forwards: 70
User-Agent: Yealink SIP-T46S 66.86.0.15
Expires: 3600
Allow: INVITE, ACK, OPTIONS, CANCEL, BYE, SUBSCRIBE, NOTIFY, INFO, REFER, UPDATE, PRACK
"""),
    "register_auth_md5_qop.sip": sip(f"""REGISTER sip:pbx.example.com SIP/2.0
{VIA_PHONE}
From: "Reception" <sip:100@pbx.example.com>;tag=2084236781
To: "Reception" <sip:100@pbx.example.com>
Call-ID: 1785093512@192.168.1.23
CSeq: 2 REGISTER
Contact: <sip:100@192.168.1.23:5060>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-00156565b2c9>";expires=600
Authorization: Digest username="100", realm="pbx.example.com", nonce="@NONCE@", uri="sip:pbx.example.com", response="@RESPONSE@", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001
Max-Forwards: 70
User-Agent: Yealink SIP-T46S 66.86.0.15
Expires: 3600
"""),
    "register_auth_sha256.sip": sip(f"""REGISTER sip:pbx.example.com;transport=tcp SIP/2.0
Via: SIP/2.0/TCP 192.168.1.40:52110;branch=z9hG4bK.V~8r3ZbxP;rport
From: <sip:100@pbx.example.com>;tag=lYBX7Z0gM
To: sip:100@pbx.example.com
Call-ID: 5y8yGvWdbl
CSeq: 21 REGISTER
Contact: <sip:100@192.168.1.40:52110;transport=tcp>;+sip.instance="<urn:uuid:4f1c6e86-6c2b-4d02-a8f5-8a1e5f3d7e10>";+org.linphone.specs="lime"
Authorization: Digest realm="pbx.example.com", nonce="@NONCE@", algorithm=SHA-256, opaque="+GNywA==", username="100",  uri="sip:pbx.example.com;transport=tcp", response="@RESPONSE@", cnonce="Xq3yq9sNnBdD", nc=00000001, qop=auth
Max-Forwards: 70
User-Agent: Linphone-Desktop/5.2.4 (belle-sip/5.2.0)
Expires: 600
"""),
    "register_auth_no_qop.sip": sip(f"""REGISTER sip:pbx.example.com SIP/2.0
{VIA_PHONE}
From: <sip:100@pbx.example.com>;tag=as1
To: <sip:100@pbx.example.com>
Call-ID: noqop@192.168.1.23
CSeq: 3 REGISTER
Contact: <sip:100@192.168.1.23:5060>
Authorization: Digest username="100",realm="pbx.example.com",nonce="@NONCE@",uri="sip:pbx.example.com",response="@RESPONSE@"
Expires: 60
"""),
    "register_wrong_password.sip": sip(f"""REGISTER sip:pbx.example.com SIP/2.0
{VIA_PHONE}
From: <sip:100@pbx.example.com>;tag=svcrack
To: <sip:100@pbx.example.com>
Call-ID: 1337@192.168.1.66
CSeq: 1 REGISTER
Contact: <sip:100@192.168.1.66:5060>
Authorization: Digest username="100", realm="pbx.example.com", nonce="@NONCE@", uri="sip:pbx.example.com", response="6629fae49393a05397450978507c4ef1", algorithm=MD5
User-Agent: friendly-scanner
"""),
    "register_other_realm_and_ours.sip": sip(f"""REGISTER sip:pbx.example.com SIP/2.0
{VIA_PHONE}
From: <sip:100@pbx.example.com>;tag=x2
To: <sip:100@pbx.example.com>
Call-ID: tworealms@192.168.1.23
CSeq: 4 REGISTER
Contact: <sip:100@192.168.1.23:5060>;expires=120, <sip:100@10.8.0.5:5060;transport=udp>;q=0.5;expires=0
Authorization: Digest username="100", realm="carrier.example.net", nonce="abc", uri="sip:pbx.example.com", response="00000000000000000000000000000000"
Authorization: Digest username="100", realm="pbx.example.com", nonce="@NONCE@", uri="sip:pbx.example.com", response="@RESPONSE@", qop=auth, nc=0000000a, cnonce="c"
"""),
    "register_wildcard_unregister.sip": sip(f"""REGISTER sip:pbx.example.com SIP/2.0
{VIA_PHONE}
From: <sip:100@pbx.example.com>;tag=unreg
To: <sip:100@pbx.example.com>
Call-ID: 1785093512@192.168.1.23
CSeq: 9 REGISTER
Contact: *
Expires: 0
Authorization: Digest username="100", realm="pbx.example.com", nonce="@NONCE@", uri="sip:pbx.example.com", response="@RESPONSE@", qop=auth, nc=00000002, cnonce="0a4f113b"
"""),
    "register_unknown_user.sip": sip(f"""REGISTER sip:pbx.example.com SIP/2.0
{VIA_PHONE}
From: <sip:999@pbx.example.com>;tag=enum
To: <sip:999@pbx.example.com>
Call-ID: svwar-999
CSeq: 1 REGISTER
Contact: <sip:999@192.168.1.66>
Authorization: Digest username="999", realm="pbx.example.com", nonce="@NONCE@", uri="sip:pbx.example.com", response="@RESPONSE@"
"""),
    "invite_phone_proxy_auth.sip": sip(f"""INVITE sip:013901088888@pbx.example.com;user=phone SIP/2.0
{VIA_PHONE}
From: "Reception" <sip:100@pbx.example.com>;tag=1234567
To: <sip:013901088888@pbx.example.com;user=phone>
Call-ID: 0ba2cf53-9a78-4a22-b5a4-7c9c2b2a1fbe
CSeq: 2 INVITE
Contact: <sip:100@192.168.1.23:5060>
Proxy-Authorization: Digest username="100", realm="pbx.example.com", nonce="@NONCE@", uri="sip:013901088888@pbx.example.com;user=phone", response="@RESPONSE@", algorithm=MD5, cnonce="8f0e", qop=auth, nc=00000001
Max-Forwards: 70
Supported: 100rel, replaces, timer
Session-Expires: 1800;refresher=uac
Min-SE: 90
Allow: INVITE, ACK, CANCEL, BYE, PRACK, UPDATE, OPTIONS
Content-Type: application/sdp
""", SDP["desk_phone_offer.sdp"]),
    "invite_ims_tel_requires_100rel.sip": sip(f"""INVITE tel:+8613901088888;phone-context=ims.mnc000.mcc460.3gppnetwork.org SIP/2.0
{VIA_IMS}
Via: SIP/2.0/UDP 10.188.3.20:5060;branch=z9hG4bKbgf4j9k0f0oeqsk0c7kdgqbm1
Record-Route: <sip:198.51.100.7:5060;lr;Hpt=8f48_16;CxtId=3;TRC=ffffffff-ffffffff>
Record-Route: <sip:10.188.3.20;transport=udp;lr>
Max-Forwards: 66
From: <tel:+8613800138000>;tag=h7g4Esbg_1627459-1634
To: <tel:+8613901088888;phone-context=ims.mnc000.mcc460.3gppnetwork.org>
Call-ID: 1587620432-4137@10.188.3.20
CSeq: 1 INVITE
Contact: <sip:+8613800138000@10.188.3.20:5060;transport=udp>;+g.3gpp.icsi-ref="urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel";video
P-Asserted-Identity: <tel:+8613800138000>, <sip:+8613800138000@ims.mnc000.mcc460.3gppnetwork.org;user=phone>
P-Charging-Vector: icid-value=AFEF0F0D8A9E5A3C;icid-generated-at=10.188.3.20
P-Early-Media: supported
Supported: 100rel, timer, precondition, histinfo
Require: 100rel
Session-Expires: 1800
Min-SE: 90
Allow: INVITE, ACK, OPTIONS, BYE, CANCEL, UPDATE, PRACK, INFO, MESSAGE, NOTIFY, REFER
Accept-Contact: *;+g.3gpp.icsi-ref="urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel"
Content-Type: application/sdp
""", SDP["volte_offer_amrwb_preconditions.sdp"]),
    "invite_trunk_user_phone_rpid.sip": sip("""INVITE sip:02012345678@192.0.2.10:5060;user=phone SIP/2.0
Via: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bK3c4a5b6d
From: "Carrier" <sip:8005551212@203.0.113.5;user=phone>;tag=5f3c
To: <sip:02012345678@192.0.2.10;user=phone>
Call-ID: 4c5d6e7f@203.0.113.5
CSeq: 101 INVITE
Contact: <sip:8005551212@203.0.113.5:5060>
Remote-Party-ID: "Called" <sip:02012345678@192.0.2.10>;party=called;screen=no;privacy=off
Remote-Party-ID: "Caller" <sip:+18005551212@203.0.113.5>;party=calling;screen=yes;privacy=off
Max-Forwards: 69
Supported: timer
Session-Expires: 60
Content-Type: application/sdp
""", SDP["asterisk_answer.sdp"]),
    "180_reliable.sip": sip(f"""SIP/2.0 180 Ringing
{VIA_IMS}
Record-Route: <sip:198.51.100.7:5060;lr>
From: <sip:100@pbx.example.com>;tag=ourtag
To: <sip:+8613901088888@ims.example.net;user=phone>;tag=callee-1
Call-ID: out-1@192.0.2.10
CSeq: 1 INVITE
Contact: <sip:+8613901088888@198.51.100.7:5060>
Require: 100rel
RSeq: 1
Allow: INVITE, ACK, CANCEL, BYE, PRACK, UPDATE
"""),
    "183_reliable_sdp.sip": sip(f"""SIP/2.0 183 Session Progress
{VIA_IMS}
Record-Route: <sip:198.51.100.7:5060;lr>, <sip:10.188.3.20;lr>
From: <sip:100@pbx.example.com>;tag=ourtag
To: <sip:+8613901088888@ims.example.net;user=phone>;tag=callee-1
Call-ID: out-1@192.0.2.10
CSeq: 1 INVITE
Contact: <sip:+8613901088888@198.51.100.7:5060>
Require: 100rel, precondition
RSeq: 4711
P-Early-Media: sendrecv
Content-Type: application/sdp
""", SDP["ims_183_early_media.sdp"]),
    "200_invite_sdp.sip": sip(f"""SIP/2.0 200 OK
{VIA_IMS}
Record-Route: <sip:198.51.100.7:5060;lr>
From: <sip:100@pbx.example.com>;tag=ourtag
To: <sip:+8613901088888@ims.example.net;user=phone>;tag=callee-1
Call-ID: out-1@192.0.2.10
CSeq: 1 INVITE
Contact: <sip:+8613901088888@198.51.100.8:5060;transport=udp>
Session-Expires: 1800;refresher=uas
Require: timer
Content-Type: application/sdp
""", SDP["ims_answer_amr_conf.sdp"]),
    "407_challenge.sip": sip("""SIP/2.0 407 Proxy Authentication Required
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds
From: <sip:+8612345678@gd.ctcims.cn>;tag=ourtag
To: <sip:013901088888@gd.ctcims.cn;user=phone>;tag=proxy-9
Call-ID: out-2@192.0.2.10
CSeq: 1 INVITE
Proxy-Authenticate: Digest realm="gd.ctcims.cn", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", algorithm=MD5, qop="auth"
"""),
    "prack.sip": sip("""PRACK sip:+8613901088888@198.51.100.7:5060 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKprack1
Route: <sip:198.51.100.7:5060;lr>
From: <sip:100@pbx.example.com>;tag=ourtag
To: <sip:+8613901088888@ims.example.net;user=phone>;tag=callee-1
Call-ID: out-1@192.0.2.10
CSeq: 2 PRACK
RAck: 4711 1 INVITE
Max-Forwards: 70
"""),
    "update_with_sdp.sip": sip(f"""UPDATE sip:switchboard@192.0.2.10:5060 SIP/2.0
{VIA_IMS}
From: <tel:+8613800138000>;tag=h7g4Esbg_1627459-1634
To: <sip:+8613901088888@192.0.2.10;user=phone>;tag=sb-1
Call-ID: 1587620432-4137@10.188.3.20
CSeq: 3 UPDATE
Contact: <sip:+8613800138000@10.188.3.20:5060>
Max-Forwards: 70
Content-Type: application/sdp
""", SDP["ims_answer_amr_conf.sdp"]),
    "reinvite_hold.sip": sip(f"""INVITE sip:switchboard@192.0.2.10:5060 SIP/2.0
{VIA_PHONE}
From: "Reception" <sip:100@pbx.example.com>;tag=1234567
To: <sip:013901088888@pbx.example.com;user=phone>;tag=sb-2
Call-ID: 0ba2cf53-9a78-4a22-b5a4-7c9c2b2a1fbe
CSeq: 4 INVITE
Contact: <sip:100@192.168.1.23:5060>
Content-Type: application/sdp
""", SDP["hold_sendonly.sdp"]),
    "bye.sip": sip(f"""BYE sip:switchboard@192.0.2.10:5060 SIP/2.0
{VIA_PHONE}
From: "Reception" <sip:100@pbx.example.com>;tag=1234567
To: <sip:013901088888@pbx.example.com;user=phone>;tag=sb-2
Call-ID: 0ba2cf53-9a78-4a22-b5a4-7c9c2b2a1fbe
CSeq: 5 BYE
Reason: Q.850;cause=16;text="Normal call clearing"
Max-Forwards: 70
"""),
    "cancel.sip": sip(f"""CANCEL sip:013901088888@pbx.example.com;user=phone SIP/2.0
{VIA_PHONE}
From: "Reception" <sip:100@pbx.example.com>;tag=1234567
To: <sip:013901088888@pbx.example.com;user=phone>
Call-ID: 0ba2cf53-9a78-4a22-b5a4-7c9c2b2a1fbe
CSeq: 2 CANCEL
Max-Forwards: 70
"""),
    "ack.sip": sip(f"""ACK sip:switchboard@192.0.2.10:5060 SIP/2.0
{VIA_PHONE}
From: "Reception" <sip:100@pbx.example.com>;tag=1234567
To: <sip:013901088888@pbx.example.com;user=phone>;tag=sb-2
Call-ID: 0ba2cf53-9a78-4a22-b5a4-7c9c2b2a1fbe
CSeq: 2 ACK
Max-Forwards: 70
"""),
    "options_keepalive.sip": sip("""OPTIONS sip:pbx.example.com SIP/2.0
Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK.opt1
From: <sip:ping@ims.example.net>;tag=opt1
To: <sip:pbx.example.com>
Call-ID: opt-1@198.51.100.7
CSeq: 1 OPTIONS
Max-Forwards: 0
Accept: application/sdp
"""),
    "compact_form_tcp.sip": sip("""INVITE sip:101@pbx.example.com SIP/2.0
v: SIP/2.0/TCP 192.168.1.40:52110;branch=z9hG4bKcompact;alias
f: "Lab" <sip:102@pbx.example.com>;tag=cf1
t: <sip:101@pbx.example.com>
i: compact-1@192.168.1.40
CSeq: 1 INVITE
m: <sip:102@192.168.1.40:52110;transport=tcp>;expires=60
k: 100rel, timer
x: 90;refresher=uas
c: application/sdp
""", SDP["ipv6_only.sdp"]),
}

# ---------------------------------------------------------------------------
# Authorization header values and algorithm lists (digest harness)

DIGEST = {
    "yealink_md5_qop.txt": 'Digest username="100", realm="pbx.example.com", nonce="0000018c2d4a1f6a8d3c9e1b7f20a5c4d3e2f1a0b9c8d7e6", uri="sip:pbx.example.com", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001',
    "linphone_sha256.txt": 'Digest realm="pbx.example.com", nonce="0000018c2d4a1f6a8d3c9e1b7f20a5c4d3e2f1a0b9c8d7e6", algorithm=SHA-256, opaque="+GNywA==", username="100",  uri="sip:pbx.example.com;transport=tcp", response="3e6b5d6f4c1f8e2a0b7c9d1e3f5a7b9c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a", cnonce="Xq3yq9sNnBdD", nc=00000001, qop=auth',
    "rfc2069_no_qop.txt": 'Digest username="Mufasa",realm="testrealm@host.com",nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",uri="/dir/index.html",response="1949323746fe6a43ef61f9606e7febea",opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    "ims_full_uri_username.txt": 'Digest username="+8612345678@gd.ctcims.cn",realm="gd.ctcims.cn",nonce="6d1b5c4a3e2f",uri="sip:gd.ctcims.cn",response="00112233445566778899aabbccddeeff",algorithm=MD5,cnonce="1a2b3c",qop=auth,nc=00000002',
    "ims_aka_integrity.txt": 'Digest username="460001234567890@ims.mnc000.mcc460.3gppnetwork.org",realm="ims.mnc000.mcc460.3gppnetwork.org",uri="sip:ims.mnc000.mcc460.3gppnetwork.org",nonce="",response="",algorithm=AKAv1-MD5,integrity-protected="no"',
    "lowercase_scheme_tokens.txt": 'digest username=100,realm=pbx.example.com,nonce=abcdef0123456789,uri=sip:pbx.example.com,response=0123456789abcdef0123456789abcdef,qop=auth,nc=ffffffff,cnonce=x',
    "escaped_quotes.txt": 'Digest username="ali\\"ce", realm="pbx \\\\ example", nonce="n", uri="sip:pbx.example.com", response="r"',
    "basic_scheme.txt": "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
    "algorithms_default.txt": "MD5,SHA-256",
    "algorithms_spaced.txt": "SHA-256, MD5",
    "algorithms_lower.txt": "md5",
}

# ---------------------------------------------------------------------------
# RAck / RSeq values (reliable_provisional harness). The UAS's first RSeq is
# (first byte << 24) | 1, so "1..." seeds start at 822083585 (0x31000001).

REL = {
    "rack.txt": "776656 1 INVITE",
    "rseq.txt": "988789",
    "rseq_in_order_with_retransmission.txt": "1\n2\n2\n3\n",
    "rseq_gap.txt": "100\n102\n101\n103\n",
    "rseq_wrap.txt": "4294967294\n4294967295\n1\n",
    "uas_prack_flow.txt": "1 314159 PRACK\n822083585 314159 INVITE\n822083586 314159 INVITE\n822083586 314159 INVITE\n",
    "rack_tabs.txt": "\t822083585\t314159\tINVITE\r\n",
    "rack_bad.txt": "1 2\n-1 2 INVITE\n01 2 INVITE extra\n4294967296 1 INVITE\n",
}

# ---------------------------------------------------------------------------
# URIs and header values (party harness): lines are
# URI/PAI, Remote-Party-ID, From, extra Request-URI parameters.

PARTY = {
    "sip_extension.txt": "sip:100@pbx.example.com",
    "tel_global.txt": "tel:+8613901088888",
    "tel_visual_separators.txt": "tel:+86-139-0108-8888",
    "tel_local_context.txt": "tel:7042;phone-context=example.com;ext=12",
    "tel_hex_local.txt": "tel:*21#;phone-context=+86",
    "sip_user_phone.txt": "sip:+8613901088888@ims.example.net;user=phone",
    "sip_user_phone_context.txt": "sip:013901088888;phone-context=+86@ims.bj.chinamobile.com;user=phone",
    "sips_ipv6.txt": "sips:bob@[2001:db8::1]:5061;transport=tls",
    "sip_password_headers.txt": "sip:alice:secretword@atlanta.com;transport=tcp?subject=project%20x&priority=urgent",
    "sip_escaped_user.txt": "sip:%61lice@atlanta.com;transport=TCP",
    "sip_host_only.txt": "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com",
    "name_addr_display.txt": '"Alice" <sip:alice@atlanta.example.com>;tag=1928301774',
    "name_addr_tel.txt": "<tel:+8613901088888>;tag=abc",
    "name_addr_quoted_specials.txt": '"Bob <Ops>, \\"Night\\"" <sip:bob@biloxi.example.com;user=ip>;tag=a6c85cf',
    "addr_spec_with_header_params.txt": "sip:100@pbx.example.com;tag=x;expires=60",
    "caller_pai_rpid_from.txt": (
        "<sip:+8613800138000@ims.example.net;user=phone>, <tel:+8613800138000>\n"
        '"Called" <sip:02012345678@pbx>;party=called, "Caller" <sip:8005551212@gw.example.com>;party=calling;screen=yes\n'
        '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=hyh8\n'
        ";npdi;rn=+1-800"
    ),
    "caller_only_from.txt": "\n\n\"Reception\" <sip:100@pbx.example.com>;tag=1234567\nuser=phone;transport=udp",
    "caller_rpid_only.txt": "\n<sip:+18005551212@203.0.113.5>;party=calling;privacy=full\n<sip:anonymous@anonymous.invalid>\n",
}

# ---------------------------------------------------------------------------
# pattern / number / source address / allowed block or DID (dial_plan harness)

DIALPLAN = {
    "outside_line.txt": "9NXXXXXX\n92345678\n203.0.113.5:5060\n198.51.100.0/24",
    "mobile_range.txt": "91[3-9]XXXXXXXXX\n913901088888\n198.51.100.7\n203.0.113.0/28",
    "national_tail.txt": "0.\n013901088888\n[2001:db8::5]:5060\n2001:db8::/32",
    "set_with_ranges.txt": "[135-7]XX\n512\n192.0.2.77:5061\n192.0.2.77",
    "e164_via_tail.txt": "9.\n9+8613901088888\n203.0.113.5\n+8613901088888",
    "zxxx.txt": "ZXXX\n1234\n::ffff:203.0.113.5\n203.0.113.5",
    "tel_uri_number.txt": "0[1-9].\ntel:+86-139-0108-8888\n203.0.113.5:5060\n02012345678",
    "sip_uri_number.txt": "00.\nsip:008613901088888@pbx.example.com;user=phone\n198.51.100.9:5060\n198.51.100.0/24",
    "star_hash.txt": "*XX#\n*21#\nfe80::1%eth0\nfe80::/10",
    "suffix_did.txt": "X.\n13901088888\n203.0.113.5\n+8613901088888",
}

# ---------------------------------------------------------------------------
# Small hand-written configurations, beside the copies of tests/data/config,
# tests/sipp/configs and the example in docs/config.md.

CONFIGS = {
    "minimal.json": '{"version": 1}\n',
    "unicode_names.json": r"""{
  "version": 1,
  "settings": {"domain": "pbx.example.com", "media_timeout": 0},
  "extensions": [
    {"number": "100", "password": "p\u00e4ss w\u00f6rd", "name": "\u63a5\u5f85\u5904", "ring_timeout": 45},
    {"number": "200", "password": "x", "name": "Caf\u00e9 \ud83d\ude00", "enabled": false}
  ]
}
""",
    "trunk_ipv6_dids.json": r"""{
  "version": 1,
  "settings": {"domain": "[2001:db8::10]", "sip_port": 5070, "rtp_port_min": 30000, "rtp_port_max": 30100,
               "auth_algorithms": "SHA-256", "outgroup_prefix": "0"},
  "extensions": [{"number": "100", "password": "a"}, {"number": "101", "password": "b"}],
  "trunks": [
    {"name": "carrier v6", "host": "[2001:db8::5]", "port": 5060, "transport": "tcp",
     "proxy": "[2001:db8::6]:5060", "request_uri_params": ";npdi;rn=+18005551212",
     "allowed_addresses": ["2001:db8::/48", "198.51.100.0/24"],
     "dids": {"+18005550100": "100", "8005550101": "101"}}
  ],
  "routes": [
    {"pattern": "0[2-9]XXXXXXXXX", "strip": 1, "prepend": "+1", "target": "carrier v6"},
    {"pattern": "011.", "strip": 3, "prepend": "+", "target": "carrier v6"}
  ]
}
""",
}

# ---------------------------------------------------------------------------


def copy_files(harness: str, sources, prefix: str = "") -> int:
    n = 0
    for src in sources:
        src = pathlib.Path(src)
        if src.is_file():
            folder = CORPUS / harness
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, folder / (prefix + src.name))
            n += 1
    return n


def main() -> int:
    for name, text in SDP.items():
        write("sdp", name, sdp_bytes(text))
    write("sdp", "desk_phone_offer_lf.sdp", sdp_bytes(SDP["desk_phone_offer.sdp"], lf_only=True))

    for name, data in SIP.items():
        write("sip_message", name, data)
    n = copy_files("sip_message", sorted(RFC4475.glob("*.sip")), prefix="rfc4475_")
    if n == 0:
        print(f"make_corpus: {RFC4475} not found; RFC 4475 seeds not refreshed", file=sys.stderr)

    for name, text in DIGEST.items():
        write("digest", name, text)
    for name, text in REL.items():
        write("reliable_provisional", name, text)
    for name, text in PARTY.items():
        write("party", name, text)
    for name, text in DIALPLAN.items():
        write("dial_plan", name, text)

    copy_files("config_json", [ROOT / "tests/data/config/full.json"])
    copy_files("config_json", sorted((ROOT / "tests/data/config/invalid").glob("*.json")), prefix="invalid_")
    copy_files("config_json", sorted((ROOT / "tests/sipp/configs").glob("*.json")), prefix="sipp_")
    docs = (ROOT / "docs/config.md")
    if docs.is_file():
        text = docs.read_text(encoding="utf-8")
        start = text.find("```json")
        end = text.find("```", start + 7) if start >= 0 else -1
        if start >= 0 and end > start:
            write("config_json", "docs_config_example.json", text[start + 7:end].lstrip("\n"))
    for name, text in CONFIGS.items():
        write("config_json", name, text)

    for folder in sorted(CORPUS.iterdir()):
        print(f"{folder.name}: {sum(1 for _ in folder.iterdir())} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
