"""Transcription speed and accuracy (issue 19): the real-time factor (processing seconds per
second of audio) of one worker process with one thread and with two, per model size (int8), the
word error rate on the same clips, and what two cores clear in an hour.

    .venv/bin/python bench/transcription.py [--sizes base,small] [--repeat 2] [--web]

The clips are made here with espeak-ng (Debian) in the six languages, about 10 s each. NOTE:
Whisper encodes 30-second windows, so a 10-second clip costs about as much encoding as a
30-second one, and these figures overstate the factor of three-minute stories. Saying a story
several times (``--story-times``) is no cure: the repeated text makes Whisper fall back to
sampling at higher temperatures (its compression-ratio check), which is slower and less
accurate (measured: factor 0.68, error rates up to 1.0). They are
transcribed through ``voice.transcribe.transcribe_bytes`` with the product's settings (language
from the consent, beam ``VOICE_BEAM_SIZE``, voice-activity filter, word timestamps). Loading
the model is not timed. Two cores: two processes of one thread each, at nice 10 as the audio
worker runs (deploy/systemd/entendu-worker-audio.service), transcribe the clips at once; their
audio seconds over the wall time give the audio hours two cores clear in an hour, and the time
to clear a 2-hour event's 40 stories of three minutes. With ``--web`` the participant pages are
timed meanwhile (Django's test client against a throw-away PostgreSQL database,
BENCH_DATABASE_URL or ``entendu_bench_voice``, dropped and made again): their 95th
percentile must stay under 300 ms.

Goals: base at a real-time factor <= 0.15 on one core; small <= 0.4 on one core (where its
packages give a usable model); the event cleared within 20 minutes on two cores; pages < 300 ms.
It exits non-zero when a measured goal is missed.
"""

import argparse
import logging
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import database_create, load_line  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

RTF_GOALS = {"base": 0.15, "small": 0.4}
EVENT_AUDIO_MINUTES = 40 * 3
EVENT_GOAL_MINUTES = 20
PAGE_GOAL_MS = 300

# About 15 s of speech per language (espeak-ng voice, Whisper language, text).
CLIPS = {
    "en": (
        "en",
        "en",
        "Last winter I went to the hospital because of a bad cough. The doctor did "
        "not listen to me and I waited for six hours. Nobody explained anything to me, and "
        "after that I stopped going to the clinic near my house.",
    ),
    "fr": (
        "fr",
        "fr",
        "Bonjour. Je voudrais parler de ma visite à l'hôpital. Le médecin était "
        "pressé et il ne m'a rien expliqué. J'ai attendu longtemps et personne ne m'a parlé. "
        "Depuis, je n'ai plus confiance.",
    ),
    "es": (
        "es",
        "es",
        "El invierno pasado fui al hospital por una tos. El médico no me escuchó y "
        "esperé seis horas. Nadie me explicó nada y después dejé de ir al centro de salud.",
    ),
    "de": (
        "de",
        "de",
        "Letzten Winter ging ich wegen Husten ins Krankenhaus. Der Arzt hat mir "
        "nicht zugehört und ich habe sechs Stunden gewartet. Niemand hat mir etwas erklärt.",
    ),
    "pt-BR": (
        "pt-br",
        "pt",
        "No inverno passado eu fui ao hospital por causa de uma tosse. O "
        "médico não me escutou e eu esperei seis horas. Ninguém me explicou nada.",
    ),
    "ja": (
        "ja",
        "ja",
        "きょねんの ふゆ、わたしは びょういんに いきました。いしゃは わたしの "
        "はなしを ききませんでした。ろくじかん まちました。だれも せつめいを "
        "してくれませんでした。",
    ),
}


def story_text(language: str, times: int) -> str:
    return " ".join([CLIPS[language][2]] * times)


def make_clips(directory: Path, times: int) -> dict[str, bytes]:
    clips = {}
    for language, (voice, _code, _text) in CLIPS.items():
        path = directory / f"{language}.wav"
        text = story_text(language, times)
        subprocess.run(["espeak-ng", "-v", voice, "-w", str(path), text], check=True)
        clips[language] = path.read_bytes()
    return clips


def _setup_django() -> None:
    import django

    django.setup()
    logging.getLogger("faster_whisper").setLevel(logging.WARNING)


def load(size: str, threads: int):
    from voice import model

    return model.whisper_model(size, threads)


def run_clips(
    size: str, threads: int, clips: dict, repeat: int, times: int = 1
) -> tuple[float, float, dict]:
    """Processing and audio seconds over the clips (after one warm-up), and each error rate."""
    from tests.voice.clips import error_rate
    from voice.transcribe import transcribe_bytes

    whisper = load(size, threads)
    transcribe_bytes(whisper, clips["en"], language="en")  # warm-up, not timed
    spent = audio = 0.0
    rates = {}
    for _ in range(repeat):
        for language, data in clips.items():
            start = time.perf_counter()
            result = transcribe_bytes(whisper, data, language=CLIPS[language][1])
            spent += time.perf_counter() - start
            audio += result.duration
            rates[language] = error_rate(
                story_text(language, times), result.text, characters=language == "ja"
            )
    return spent, audio, rates


def _worker(size: str, clips: dict, repeat: int, queue) -> None:
    os.nice(10)
    _setup_django()
    load(size, 1)
    queue.put("ready")
    spent, audio, _rates = run_clips(size, 1, clips, repeat)
    queue.put((spent, audio))


def two_cores(size: str, clips: dict, repeat: int, web: bool) -> tuple[float, list]:
    """Audio seconds two one-thread processes clear per wall second, and page times meanwhile."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_worker, args=(size, clips, repeat, queue)) for _ in (1, 2)]
    for worker in workers:
        worker.start()
    for _ in workers:
        assert queue.get(timeout=300) == "ready"
    start = time.perf_counter()
    times = []
    pages = web_pages() if web else None
    results = []
    while len(results) < len(workers):
        if pages is not None:
            times.extend(pages())
        try:
            results.append(queue.get(timeout=0.05 if pages else 3600))
        except Exception:  # noqa: S112 (queue.Empty: time the pages again)
            continue
    wall = time.perf_counter() - start
    for worker in workers:
        worker.join()
    return sum(audio for _spent, audio in results) / wall, times


def web_pages():
    """A function that times one request to each participant page (milliseconds)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    url = os.environ["DATABASE_URL"]  # set by main() from BENCH_DATABASE_URL
    database_create(url, "entendu_bench")
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from tests.testimonies.factories import open_event

    token = open_event().submission_token
    client = Client()
    paths = [f"/t/{token}/", "/speak/return/", "/withdraw/"]

    def once() -> list[float]:
        out = []
        for path in paths:
            start = time.perf_counter()
            status = client.get(path).status_code
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            out.append((time.perf_counter() - start) * 1000)
        return out

    once()  # warm-up
    return once


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="base,small")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the clips")
    parser.add_argument(
        "--story-times",
        type=int,
        default=1,
        help="each clip says its story this many times (see the NOTE above)",
    )
    parser.add_argument("--web", action="store_true", help="time participant pages meanwhile")
    args = parser.parse_args()
    # NOTE: its own variable: this database is dropped and made again (--web).
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/entendu_bench_voice"
    )
    print(load_line())
    _setup_django()
    from voice import model

    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        clips = make_clips(Path(tmp), args.story_times)
        for size in args.sizes.split(","):
            try:
                model.model_directory(size)
            except model.ModelUnavailable as problem:
                print(f"{size}: not measured: {problem}")
                continue
            for threads in (1, 2):
                spent, audio, rates = run_clips(size, threads, clips, args.repeat, args.story_times)
                rtf = spent / audio
                print(
                    f"{size} int8, 1 process x {threads} thread(s): real-time factor {rtf:.3f} "
                    f"over {audio:.0f} s of audio"
                )
                if threads == 1:
                    words = ", ".join(f"{k} {v:.2f}" for k, v in rates.items())
                    print(f"{size} error rates (words; characters for ja): {words}")
                    if rtf > RTF_GOALS[size]:
                        missed.append(f"{size} real-time factor {rtf:.3f} > {RTF_GOALS[size]}")
            rate, times = two_cores(size, clips, args.repeat, args.web)
            minutes = EVENT_AUDIO_MINUTES / rate
            print(
                f"{size} on two cores (2 processes x 1 thread, nice 10): {rate:.2f} s of audio "
                f"per second, {rate:.1f} audio hours an hour; a 2-hour event's 40 x 3-minute "
                f"stories clear in {minutes:.1f} min"
            )
            if minutes > EVENT_GOAL_MINUTES:
                missed.append(f"{size} event cleared in {minutes:.1f} min > {EVENT_GOAL_MINUTES}")
            if times:
                p95 = statistics.quantiles(times, n=20)[-1]
                print(
                    f"participant pages meanwhile: {len(times)} requests, p95 {p95:.0f} ms, "
                    f"max {max(times):.0f} ms"
                )
                if p95 > PAGE_GOAL_MS:
                    missed.append(f"pages p95 {p95:.0f} ms > {PAGE_GOAL_MS}")
    for line in missed:
        print(f"MISSED: {line}")
    print(load_line())
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
