"""A closed-loop HTTP/1.1 load generator for loopback: N clients, each on one keep-alive connection, send the
next request as soon as the last response is in, for a fixed time.

Only 2xx responses count towards requests/s and the latency percentiles; other statuses and broken
connections are counted apart (a client whose connection breaks opens a new one).  Responses must carry a
``Content-Length`` (uvicorn's do for whole bodies).  Used by ``bench.web_load``.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Tally:
    """What the clients saw."""

    latencies: list[float] = field(default_factory=list)  # seconds, 2xx only
    statuses: Counter[int] = field(default_factory=Counter)
    errors: int = 0
    seconds: float = 0.0

    def summary(self) -> dict[str, object]:
        ok = sorted(self.latencies)
        return {
            "ok_requests": len(ok),
            "requests_per_second": round(len(ok) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(_percentile(ok, 0.50) * 1000, 2),
            "p99_ms": round(_percentile(ok, 0.99) * 1000, 2),
            "max_ms": round(ok[-1] * 1000, 2) if ok else None,
            "mean_ms": round(statistics.fmean(ok) * 1000, 2) if ok else None,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "connection_errors": self.errors,
            "seconds": round(self.seconds, 2),
        }


def _percentile(ordered: Sequence[float], share: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(host: str, port: int, paths: Sequence[str], clients: int, seconds: float) -> Tally:
    """Load ``paths`` (taken in turn by each client) with ``clients`` concurrent clients for ``seconds``."""
    return asyncio.run(_run(host, port, paths, clients, seconds))


async def _run(host: str, port: int, paths: Sequence[str], clients: int, seconds: float) -> Tally:
    tally = Tally()
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(_client(host, port, paths, n, deadline, tally) for n in range(clients)))
    tally.seconds = time.perf_counter() - started
    return tally


async def _client(host: str, port: int, paths: Sequence[str], n: int, deadline: float, tally: Tally) -> None:
    i = n
    while time.perf_counter() < deadline:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            tally.errors += 1
            await asyncio.sleep(0.05)
            continue
        try:
            while time.perf_counter() < deadline:
                path = paths[i % len(paths)]
                i += 1
                sent = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode())
                status = await _response(reader)
                took = time.perf_counter() - sent
                tally.statuses[status] += 1
                if 200 <= status < 300:
                    tally.latencies.append(took)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            tally.errors += 1
        finally:
            writer.close()


async def _response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = None
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None:
        raise ValueError("a response without Content-Length")
    await reader.readexactly(length)
    return status
