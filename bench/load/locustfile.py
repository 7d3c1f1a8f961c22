"""The deadline rush for locust: officers of every level on the site's real pages.

Started by bench/bench_load.py, which writes the plan (officers, password,
campaign) and reads what this file writes; on its own it needs the same
environment:

    BENCH_LOAD_PLAN   the plan (JSON, see load_setup.officers_make)
    BENCH_LOAD_OUT    a folder: acks.jsonl (acknowledged saves and sends),
                      requests.jsonl (every request's timing), steady.json
    BENCH_LOAD_SETTLE seconds between the last login and the measured run
    BENCH_LOAD_STEADY seconds to measure after them

Each simulated user takes the next officer of the plan, logs in once (the
login rush, measured apart), then walks load_journeys.Officer's mix with
0.5–2 s of thought between steps, reading only until every officer is in.
When the last officer has logged in, the officers write too. The logins'
queue drains for BENCH_LOAD_SETTLE seconds, then the steady run is measured:
the rush's saves and sends fall in it, on any machine. After BENCH_LOAD_STEADY
seconds of it this file stops the run (locust's --run-time bounds it in any
case).
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gevent
import gevent.event
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_journeys import Acknowledgements, Answer, Officer

PLAN: dict[str, Any] = json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text("utf-8"))
OUT = Path(os.environ["BENCH_LOAD_OUT"])
STEADY_SECONDS = float(os.environ.get("BENCH_LOAD_STEADY", "60"))
SETTLE_SECONDS = float(os.environ.get("BENCH_LOAD_SETTLE", "30"))
ACKS = Acknowledgements(OUT / "acks.jsonl")
TIMINGS = (OUT / "requests.jsonl").open("a", encoding="utf-8")
NEXT_OFFICER = itertools.count()
LOGGED_IN: list[float] = []
STEADY = gevent.event.Event()  # set when every officer is in: from then on they write


def _timed(
    request_type: str,
    name: str,
    response_time: float,
    response_length: int,
    exception: BaseException | None = None,
    **_kwargs: Any,
) -> None:
    """Every request's end, name, milliseconds and outcome, for bench_load.py's figures."""
    record = [time.time(), name, round(response_time, 1), exception is None, response_length]
    TIMINGS.write(json.dumps(record, ensure_ascii=False) + "\n")


def _start(environment: Any, **_kwargs: Any) -> None:
    gevent.spawn(_stop_after_steady_run, environment)


def _flush(**_kwargs: Any) -> None:
    TIMINGS.flush()


def _stop_after_steady_run(environment: Any) -> None:
    """Once every officer has logged in, let them write, settle SETTLE_SECONDS, run
    STEADY_SECONDS more and stop; steady.json says when each began ("settle", "from")
    and when the run ended ("to")."""
    users = int(environment.parsed_options.num_users)
    while len(LOGGED_IN) < users:
        gevent.sleep(0.2)
    times = {"settle": time.time()}
    STEADY.set()
    (OUT / "steady.json").write_text(json.dumps(times), "utf-8")
    gevent.sleep(SETTLE_SECONDS)
    times["from"] = time.time()
    (OUT / "steady.json").write_text(json.dumps(times), "utf-8")
    gevent.sleep(STEADY_SECONDS)
    times["to"] = time.time()
    (OUT / "steady.json").write_text(json.dumps(times), "utf-8")
    TIMINGS.flush()
    environment.runner.quit()


for _hook, _listener in (
    (events.request, _timed),
    (events.test_start, _start),
    (events.quitting, _flush),
):
    _add: Callable[[Callable[..., None]], object] = _hook.add_listener  # untyped in locust
    _add(_listener)


class LocustClient:
    """load_journeys.Client over locust's FastHttpSession: redirects not followed; a GET
    that does not answer 200 or a POST that does not answer its redirect is a failure."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def fetch(
        self,
        method: str,
        path: str,
        *,
        name: str,
        body: bytes | None = None,
        content_type: str = "",
    ) -> Answer:
        headers = {"Content-Type": content_type} if content_type else {}
        with self.session.request(
            method,
            path,
            name=name,
            data=body,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            status = int(response.status_code or 0)
            expected = 302 if method == "POST" else 200
            if status != expected:
                response.failure(f"HTTP {status}, {expected} expected")
            else:
                response.success()
            return Answer(
                status=status,
                location=str(response.headers.get("Location") or ""),
                text=response.text or "",
            )


class OfficerUser(FastHttpUser):  # type: ignore[misc,unused-ignore]
    """One officer of the plan; more users than officers reuse them from the start."""

    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        officers = PLAN["officers"]
        me = officers[next(NEXT_OFFICER) % len(officers)]
        self.officer = Officer(PLAN, me, LocustClient(self.client), ACKS)
        self.officer.writing = False
        # A refused login is a failed request in the figures; the rush ends all the same.
        self.officer.log_in(PLAN["password"])
        LOGGED_IN.append(time.time())

    @task  # type: ignore[untyped-decorator,unused-ignore]  # untyped where locust is not installed
    def step(self) -> None:
        self.officer.writing = STEADY.is_set()
        self.officer.step()
