"""SIP message seeds of the fuzz corpus (the sip_message harness), written by
make_corpus.py."""

from seeds_sdp import SDP, crlf


def sip(head: str, body: str = "") -> bytes:
    """A SIP message: headers (LF-separated here) + blank line + body, with a
    correct Content-Length."""
    body_bytes = crlf(body) if body else b""
    head = head.strip("\n") + f"\nContent-Length: {len(body_bytes)}\n\n"
    return crlf(head) + body_bytes


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
