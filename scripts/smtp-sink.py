#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd), listening on 127.0.0.1.

Every message received is kept in --dir twice: as sent (`<n>.eml`) and
decoded (`<n>.json`: envelope, headers, the plain and the HTML part), so
that tests in Rust and in the browser read what a mail client would show
without a MIME parser of their own. Files appear whole (written aside,
then renamed). Runs until SIGTERM or SIGINT.
"""
import argparse
import email
import email.policy
import json
import os
import signal
import threading
import time

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    def _write(self, name, data):
        partial = os.path.join(self.folder, "." + name + ".part")
        with open(partial, "wb") as out:
            out.write(data)
        os.rename(partial, os.path.join(self.folder, name))

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = message.get_body(("plain",))
        html = message.get_body(("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            # Lower-case names: header names are case-insensitive.
            "headers": {name.lower(): str(value) for name, value in message.items()},
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
        }
        with self.lock:
            self.count += 1
            stem = "%d-%06d" % (time.time_ns(), self.count)
        self._write(stem + ".eml", raw)
        self._write(stem + ".json", json.dumps(record, ensure_ascii=False).encode("utf-8"))
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Keep(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("smtp-sink listening on 127.0.0.1:%d, keeping messages in %s" % (args.port, args.dir), flush=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
