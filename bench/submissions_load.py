"""The participant's three requests, as a browser sends them, for ``bench/submissions.py``.

One asyncio loop and one ``httpx.AsyncClient`` drive every simulated participant: light enough
to share the 2 cores with the server (its CPU time is measured and printed). Each participant
keeps its own cookies (the server's are ``Secure``: the requests arrive as if through the HTTPS
proxy, ``X-Forwarded-Proto: https``, so the cookies are sent back by hand).
"""

import asyncio
import random
import re
import time
from dataclasses import dataclass, field

import httpx

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


class Participant:
    """One person on the link: GET it, tick the consent, send a story, read the receipt."""

    def __init__(self, client: httpx.AsyncClient, base: str, path: str, results: Results):
        self.client = client
        self.base = base
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
            headers["Origin"] = self.base.replace("http://", "https://")
            headers["Referer"] = headers["Origin"] + self.path
        start = time.perf_counter()
        try:
            response = await self.client.request(method, self.path, data=data, headers=headers)
        except httpx.HTTPError as exc:
            self.results.error(f"{kind}: {type(exc).__name__}")
            return None
        self.results.latency[kind].append((time.perf_counter() - start) * 1000)
        for cookie in response.headers.get_list("set-cookie"):
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.status_code != 200:
            self.results.error(f"{kind}: HTTP {response.status_code}")
            return None
        return response.text

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
    base: str, path: str, clients: int, seconds: float, run: str, counter: list[int]
) -> Results:
    """``clients`` participants, each sending story after story with no pause."""
    results = Results()
    rng = random.Random(clients)
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def one() -> None:
            while time.perf_counter() < deadline:
                counter[0] += 1
                word = marker(counter[0], run)
                await Participant(client, base, path, results).submit(word, story_text(rng, word))

        await asyncio.gather(*(one() for _ in range(clients)))
    return results


async def open_loop(
    base: str, path: str, rate: float, seconds: float, run: str, counter: list[int]
) -> Results:
    """Participants arriving at ``rate`` a second (Poisson: exponential gaps), whatever the
    server's pace; each goes through the three steps with no pause."""
    results = Results()
    rng = random.Random(int(rate * 1000))
    limits = httpx.Limits(max_connections=500, max_keepalive_connections=100)
    tasks = []
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
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
            participant = Participant(client, base, path, results)
            tasks.append(asyncio.create_task(participant.submit(word, story_text(rng, word))))
        await asyncio.gather(*tasks)
    return results
