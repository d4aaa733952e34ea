"""A real SMTP server for the tests (aiosmtpd on localhost): what it received, or a refusal."""
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postbus:
    """What the SMTP server received; `fout` makes it refuse every message."""

    def __init__(self):
        self.berichten = []
        self.fout: str | None = None

    async def handle_DATA(self, server, session, envelope):
        if self.fout:
            return self.fout
        self.berichten.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp():
    postbus = Postbus()
    controller = Controller(postbus, hostname="127.0.0.1", port=vrije_poort())
    controller.start()
    yield postbus, controller.port
    controller.stop()
