#!/usr/bin/env python3
"""External lines against SIPp playing the carrier's registrar behind an IMS proxy."""
import os
import re
import sys
import time
import unittest

from switchboard_harness import SippRun, free_port, start_server

SERVER = None
HERE = os.path.dirname(os.path.abspath(__file__))
LINES = os.path.join(HERE, "scenarios", "lines")


def config_with_line(proxy_port, includes_address, expires=600):
    return {
        "version": 1,
        "settings": {"domain": "127.0.0.1"},
        "extensions": [{"number": "100", "password": "pw-100-secret", "name": "Reception"}],
        "lines": [{"name": "ims", "domain": "gd.ctcims.cn", "account": "+8612345678", "auth_id": "",
                   "password": "line-secret", "auth_id_includes_address": includes_address,
                   "proxy": "127.0.0.1:%d" % proxy_port, "transport": "udp", "register": True,
                   "expires": expires, "incoming_extension": "100"}],
    }


class Lines(unittest.TestCase):
    def run_line(self, scenario, includes_address, timeout_s=30):
        port = free_port()
        carrier = SippRun(os.path.join(LINES, scenario), "127.0.0.1", 5060, local_port=port, timeout_s=timeout_s)
        time.sleep(0.3)
        return start_server(self, SERVER, config_with_line(port, includes_address)), carrier

    def authorization(self, messages):
        return re.findall(r"^Authorization: (.*)$", messages, re.M)

    def test_auth_id_includes_address_and_requests_go_to_the_proxy(self):
        server, carrier = self.run_line("carrier_registrar.xml", True)
        code, out, messages = carrier.wait()
        self.assertEqual(code, 0, out)
        auth = self.authorization(messages)
        self.assertTrue(auth, messages)
        self.assertIn('username="+8612345678@gd.ctcims.cn"', auth[0])
        self.assertIn('realm="gd.ctcims.cn"', auth[0])
        server.wait_log(r"line ims: Registered")

    def test_plain_auth_id_without_address(self):
        server, carrier = self.run_line("carrier_registrar.xml", False)
        code, out, messages = carrier.wait()
        self.assertEqual(code, 0, out)
        auth = self.authorization(messages)
        self.assertTrue(auth, messages)
        self.assertIn('username="+8612345678"', auth[0])
        server.wait_log(r"line ims: Registered")

    def test_403_shows_failed_and_the_line_retries_later(self):
        server, carrier = self.run_line("carrier_registrar_403_then_200.xml", True, timeout_s=90)
        server.wait_log(r"line ims: Failed: 403 Forbidden", timeout_s=10)
        t_failed = time.monotonic()
        code, out, _ = carrier.wait()
        self.assertEqual(code, 0, out)
        server.wait_log(r"line ims: Registered", timeout_s=10)
        self.assertGreater(time.monotonic() - t_failed, 5, "a refused line must back off before retrying")


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main(verbosity=2)
