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

from seeds_sdp import SDP, sdp_bytes
from seeds_sip import SIP

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = HERE / "corpus"
RFC4475 = ROOT.parent / "shared" / "testdata" / "rfc4475"


def write(harness: str, name: str, data) -> None:
    folder = CORPUS / harness
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (folder / name).write_bytes(data)


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
