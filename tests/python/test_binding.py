"""The Python binding (python/scamguard_module.cpp) against the shipped configuration."""
import json
import os
import sys
import unittest

import scamguard

SOURCE_DIR = os.environ["SCAMGUARD_SOURCE_DIR"]
sys.path.insert(0, os.path.join(SOURCE_DIR, "examples", "python"))
import score_call  # noqa: E402  (the README's example)

# The build's compiled-pattern cache (tests/CMakeLists.txt), so that an engine loads in
# milliseconds; empty: compile every time.
PATTERN_CACHE = os.environ.get("SCAMGUARD_TEST_PATTERN_CACHE", "")
NEWS_CALL = os.path.join(SOURCE_DIR, "tests", "calls", "scam", "amazon_cashback_anydesk_fee.call")


class BindingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = scamguard.Engine(
            config_dir=os.path.join(SOURCE_DIR, "conf"), pattern_cache_dir=PATTERN_CACHE
        )

    def test_news_report_call_is_blocked_with_a_reason(self):
        verdict = score_call.score(NEWS_CALL, self.engine)
        self.assertEqual(verdict.action, "block")
        self.assertGreaterEqual(verdict.score, self.engine.block_score)
        self.assertTrue(
            verdict.reason.startswith("Caller names a well-known company (amazon); "), verdict.reason
        )
        symbols = {f.symbol for f in verdict.findings}
        self.assertIn("REMOTE_TOOL_NAMED", symbols)
        self.assertEqual(json.loads(verdict.to_json())["reason"], verdict.reason)

    def test_default_engine_uses_the_installed_configuration(self):
        self.assertTrue(scamguard.default_config_dir().endswith("share/scamguard/conf"))
        call = scamguard.Engine(pattern_cache_dir=PATTERN_CACHE).open_call()
        call.turn("remote", "hello i am calling from amazon please download any desk")
        self.assertNotEqual(call.verdict().findings, [])

    def test_quiet_call_is_allowed_without_reason(self):
        call = self.engine.open_call()
        call.turn("remote", "hi mum just calling to say i will be late for dinner")
        self.assertEqual(call.verdict().action, "allow")
        self.assertEqual(call.verdict().reason, "")

    def test_bad_input_raises_value_error_naming_it(self):
        call = self.engine.open_call()
        with self.assertRaisesRegex(ValueError, "speaker 'robot'"):
            call.turn("robot", "hello")
        with self.assertRaisesRegex(ValueError, "no-such-dir"):
            scamguard.Engine(config_dir="/no-such-dir")

    def test_symbol_catalogue(self):
        names = {s["symbol"] for s in self.engine.symbols()}
        self.assertIn("PAYMENT_GIFT_CARD", names)


if __name__ == "__main__":
    unittest.main()
