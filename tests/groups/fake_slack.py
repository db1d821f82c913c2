"""A small fake of Slack's Web API on loopback, for the Slack tests.

It implements the three methods careerdev calls — users.lookupByEmail,
conversations.open and chat.postMessage — checks the bot token, records every
call, and can be told to fail: `fail["chat.postMessage"] = "ratelimited"`
answers {"ok": false, "error": "ratelimited"}; a number (500) answers that
HTTP status with a non-JSON body.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

TOKEN = "xoxb-test-token"


@dataclass
class Call:
    method: str
    args: dict


@dataclass
class FakeSlack:
    users: dict[str, str] = field(default_factory=dict)  # email -> Slack user id
    calls: list[Call] = field(default_factory=list)
    fail: dict[str, str | int] = field(default_factory=dict)
    # conversation id -> the user ids in it, and the messages posted to it.
    conversations: dict[str, list[str]] = field(default_factory=dict)
    messages: dict[str, list[str]] = field(default_factory=dict)
    base_url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _channels: dict[str, str] = field(default_factory=dict)

    def add_user(self, email: str) -> str:
        user_id = f"U{len(self.users) + 1:06d}"
        self.users[email] = user_id
        return user_id

    def methods_called(self) -> list[str]:
        return [c.method for c in self.calls]

    def handle(self, method: str, args: dict, token: str) -> tuple[int, dict | str]:
        with self._lock:
            self.calls.append(Call(method, args))
            failure = self.fail.get(method)
            if isinstance(failure, int):
                return failure, "<html>Internal Server Error</html>"
            if failure:
                return 200, {"ok": False, "error": failure}
            if token != TOKEN:
                return 200, {"ok": False, "error": "invalid_auth"}
            if method == "users.lookupByEmail":
                user_id = self.users.get(args.get("email", ""))
                if not user_id:
                    return 200, {"ok": False, "error": "users_not_found"}
                return 200, {"ok": True, "user": {"id": user_id}}
            if method == "conversations.open":
                users = [u for u in str(args.get("users", "")).split(",") if u]
                if not users or len(users) > 8:
                    return 200, {"ok": False, "error": "too_many_users" if users else "no_user"}
                # Slack returns the same group DM for the same people.
                key = ",".join(sorted(users))
                channel = self._channels.setdefault(key, f"G{len(self._channels) + 1:06d}")
                self.conversations[channel] = users
                return 200, {"ok": True, "channel": {"id": channel}}
            if method == "chat.postMessage":
                channel = args.get("channel", "")
                if channel not in self.conversations:
                    return 200, {"ok": False, "error": "channel_not_found"}
                self.messages.setdefault(channel, []).append(args.get("text", ""))
                return 200, {"ok": True, "channel": channel, "ts": "1700000000.000100"}
            return 200, {"ok": False, "error": "unknown_method"}


def _handler(fake: FakeSlack):
    class Handler(BaseHTTPRequestHandler):
        def _serve(self):
            parts = urlsplit(self.path)
            method = parts.path.rsplit("/", 1)[-1]
            args = dict(parse_qsl(parts.query))
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode() if length else ""
            if raw:
                if "json" in (self.headers.get("Content-Type") or ""):
                    args.update(json.loads(raw))
                else:
                    args.update(parse_qsl(raw))
            token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            status, payload = fake.handle(method, args, token)
            body = (payload if isinstance(payload, str) else json.dumps(payload)).encode()
            self.send_response(status)
            self.send_header(
                "Content-Type", "text/html" if isinstance(payload, str) else "application/json"
            )
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = _serve  # noqa: N815 (http.server's names)
        do_POST = _serve  # noqa: N815

        def log_message(self, *args):  # keep test output quiet
            pass

    return Handler


class FakeSlackServer:
    """Starts the fake on 127.0.0.1 with a free port; use as a context manager."""

    def __init__(self) -> None:
        self.fake = FakeSlack()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.fake))
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> FakeSlack:
        self.thread.start()
        self.fake.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/api/"
        return self.fake

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
