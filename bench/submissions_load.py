"""The participant's three requests, as a browser sends them, for ``bench/submissions.py``.

One asyncio loop drives every simulated participant with a few lines of HTTP/1.1 over asyncio
streams (one connection per request, as gunicorn's sync workers close each): about a third of
the CPU httpx took per request, which matters as it shares the 2 cores with the server (its CPU
time is measured and printed). Each participant keeps its own cookies (the server's are
``Secure``: the requests arrive as if through the HTTPS proxy, ``X-Forwarded-Proto: https``,
so the cookies are sent back by hand).
"""

import asyncio
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

KINDS = ("link", "consent", "story")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CONSENT_TEXT = re.compile(r'name="consent_text" value="([0-9]+)"')
_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
# The words of the stories: a small real vocabulary in the two languages the worker's model and
# rules cover, so redaction and tagging do their ordinary work.
_SENTENCES = {
    "en": (
        "the doctor did not listen when I described my pain and the nurse was kind but busy "
        "I waited four hours in the emergency room before anyone explained what was happening "
        "my mother needed an interpreter and nobody offered one so we felt alone and afraid "
        "the pharmacist took time to explain the medicine which helped me trust them again"
    ),
    "fr": (
        "le médecin ne m'a pas écouté quand j'ai décrit ma douleur et l'infirmière était gentille "
        "mais pressée j'ai attendu quatre heures aux urgences avant qu'on m'explique ce qui se "
        "passait ma mère avait besoin d'un interprète et personne ne l'a proposé nous nous sommes "
        "sentis seuls la pharmacienne a pris le temps d'expliquer le traitement et j'ai retrouvé "
        "confiance"
    ),
}
WORDS = {language: words.split() for language, words in _SENTENCES.items()}


def marker(n: int, run: str) -> str:
    """A word made of letters only that names story ``n`` of this run (digits could be taken
    for a phone number by redaction)."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return f"zq{run}{letters}"


def story_text(rng: random.Random, word: str) -> str:
    language = rng.choice(tuple(WORDS))
    words = [rng.choice(WORDS[language]) for _ in range(rng.randint(50, 300))]
    words.insert(rng.randint(0, len(words)), word)
    return " ".join(words).capitalize() + "."


@dataclass
class Results:
    latency: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    stories: list[str] = field(default_factory=list)  # the markers of the receipts shown
    errors: dict[str, int] = field(default_factory=dict)
    started: int = 0

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


class HttpError(Exception):
    pass


async def http_request(
    address: tuple[str, int], method: str, path: str, headers: dict, form: dict | None
) -> tuple[int, list[tuple[str, str]], str]:
    """(status, headers, body) of one request on its own connection, within 30 s."""

    async def exchange():
        host, port = address
        reader, writer = await asyncio.open_connection(host, port)
        try:
            body = urlencode(form, doseq=True).encode() if form is not None else b""
            lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
            lines += [f"{name}: {value}" for name, value in headers.items()]
            if form is not None:
                lines += ["Content-Type: application/x-www-form-urlencoded"]
                lines += [f"Content-Length: {len(body)}"]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            status_line, *header_lines = head.rstrip("\r\n").split("\r\n")
            pairs = [tuple(part.strip() for part in h.split(":", 1)) for h in header_lines]
            length = next((int(v) for k, v in pairs if k.lower() == "content-length"), None)
            content = await (reader.readexactly(length) if length is not None else reader.read())
            return int(status_line.split()[1]), pairs, content.decode("utf-8")
        finally:
            writer.close()

    try:
        return await asyncio.wait_for(exchange(), timeout=30)
    except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
        raise HttpError(type(exc).__name__) from exc


class Participant:
    """One person on the link: GET it, tick the consent, send a story, read the receipt."""

    def __init__(self, address: tuple[str, int], path: str, results: Results):
        self.address = address
        self.origin = f"https://{address[0]}:{address[1]}"
        self.path = path
        self.results = results
        self.cookies: dict[str, str] = {}

    async def _request(self, kind: str, method: str, data=None) -> str | None:
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Bench-Kind": kind,
            "Accept-Language": "en",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = self.origin
            headers["Referer"] = headers["Origin"] + self.path
        start = time.perf_counter()
        try:
            status, pairs, text = await http_request(self.address, method, self.path, headers, data)
        except HttpError as exc:
            self.results.error(f"{kind}: {exc}")
            return None
        self.results.latency[kind].append((time.perf_counter() - start) * 1000)
        for name, value in pairs:
            if name.lower() == "set-cookie":
                cookie, _, rest = value.partition("=")
                self.cookies[cookie.strip()] = rest.split(";", 1)[0]
        if status != 200:
            self.results.error(f"{kind}: HTTP {status}")
            return None
        return text

    async def submit(self, word: str, text: str) -> None:
        self.results.started += 1
        page = await self._request("link", "GET")
        if page is None:
            return
        csrf = _CSRF.search(page)
        consent = _CONSENT_TEXT.search(page)
        if not (csrf and consent):
            self.results.error("link: no form")
            return
        form = {
            "csrfmiddlewaretoken": csrf.group(1),
            "step": "consent",
            "consent_text": consent.group(1),
            "scope_research": "on",
            "scope_quote_anonymous": "on",
        }
        page = await self._request("consent", "POST", form)
        if page is None:
            return
        key = _KEY.search(page)
        if key is None:
            self.results.error("consent: no story form")
            return
        form = {
            "csrfmiddlewaretoken": _CSRF.search(page).group(1),
            "step": "story",
            "consent_text": consent.group(1),
            "submission_key": key.group(1),
            "scopes": ["research", "quote_anonymous"],
            "text": text,
            "trust_affected": "",
        }
        page = await self._request("story", "POST", form)
        if page is None:
            return
        if 'name="code" value="' not in page:  # the receipt, with its withdrawal code
            self.results.error("story: no receipt")
            return
        self.results.stories.append(word)


async def closed_loop(
    address: tuple[str, int], path: str, clients: int, seconds: float, run: str, counter: list
) -> Results:
    """``clients`` participants, each sending story after story with no pause."""
    results = Results()
    rng = random.Random(clients)
    deadline = time.perf_counter() + seconds

    async def one() -> None:
        while time.perf_counter() < deadline:
            counter[0] += 1
            word = marker(counter[0], run)
            await Participant(address, path, results).submit(word, story_text(rng, word))

    await asyncio.gather(*(one() for _ in range(clients)))
    return results


async def open_loop(
    address: tuple[str, int], path: str, rate: float, seconds: float, run: str, counter: list
) -> Results:
    """Participants arriving at ``rate`` a second (Poisson: exponential gaps), whatever the
    server's pace; each goes through the three steps with no pause."""
    results = Results()
    rng = random.Random(int(rate * 1000))
    tasks = []
    start = time.perf_counter()
    at = 0.0
    while True:
        at += rng.expovariate(rate)
        if at >= seconds:
            break
        delay = start + at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        counter[0] += 1
        word = marker(counter[0], run)
        participant = Participant(address, path, results)
        tasks.append(asyncio.create_task(participant.submit(word, story_text(rng, word))))
    await asyncio.gather(*tasks)
    return results
