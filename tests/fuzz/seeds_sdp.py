"""SDP seeds of the fuzz corpus, written by make_corpus.py (kept apart so
each file stays readable in one sitting)."""


def crlf(text: str) -> bytes:
    """Text with LF line ends -> CRLF bytes (as SIP and SDP are sent)."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")



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
