"""A real SMTP server on loopback for Roster's email delivery tests (tests/api/outbox.rs).

    python3 smtp_sink.py PORT FOLDER

Listens on 127.0.0.1:PORT with aiosmtpd and writes each message it accepts to FOLDER as one JSON
file (00001.json, 00002.json, ...; written whole, then renamed into place, so a reader never sees
half of one) with the envelope and the decoded subject, Message-ID, text and HTML parts.

Recipients whose name starts with `tempfail` are refused for now (451), those starting with
`reject` for good (550), so that the tests can exercise both kinds of failure.

Runs until killed. Needs aiosmtpd (`pip install aiosmtpd`; `cargo xtask test` installs it).
"""

import json
import os
import sys
import threading
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        name = address.split("@", 1)[0]
        if name.startswith("tempfail"):
            return "451 4.3.0 Mailbox busy, try again later"
        if name.startswith("reject"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "date": str(message["Date"]),
            "content_type": message.get_content_type(),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
        }
        # Handlers run one at a time on the server's event loop: the count needs no lock.
        self.count += 1
        path = os.path.join(self.folder, f"{self.count:05}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out)
        os.replace(path + ".tmp", path)
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
