"""Transcription speed and accuracy (issue 19): the real-time factor (processing seconds per
second of audio) of one worker process with one thread and with two, cold (the model loaded
and the first story transcribed) and warm, per model size (int8), the word error rate on the
same clips, and what two cores clear in an hour.

    .venv/bin/python bench/transcription.py [--sizes base,small] [--minutes 3] [--web]
        [--beam N] [--vad on|off] [--no-words]   # to compare the settings that cost time

The clips are what an event sends: stories of several minutes (``--minutes``, about 3), one
per language, made here with espeak-ng (Debian) from a dozen distinct sentences said in a new
order on each pass (bench/transcription_texts.py), never one sentence repeated (that makes
Whisper fall back to sampling and measures the fallback). Short clips overstate the factor:
Whisper encodes 30-second windows whatever the speech in them. They are transcribed through
``voice.transcribe.transcribe_bytes`` with the product's settings (language from the consent,
beam ``VOICE_BEAM_SIZE``, voice-activity filter ``VOICE_VAD``, word timestamps) unless the
options above say otherwise. Each thread count runs in a fresh process: "cold" is the load of
the model plus the first story (English), "warm" the other stories; the goal is checked on all
the stories (the model loaded once per worker process is not counted there). Two cores: two
processes of one thread each, at nice 10 as the audio worker runs
(deploy/systemd/entendu-worker-audio.service: ``--concurrency 2``), transcribe all the stories
at once; their audio seconds over the wall time give the audio hours two cores clear in an
hour, and the time to clear a 2-hour event's 40 stories of three minutes. With ``--web`` the
participant pages are timed meanwhile (a round of the three pages every
``PAGE_PAUSE`` seconds, Django's test client against a throw-away PostgreSQL
database, BENCH_DATABASE_URL or ``entendu_bench_voice``, dropped and made again): their 95th
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
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import database_create, load_line  # noqa: E402
from transcription_texts import STORIES, story  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

RTF_GOALS = {"base": 0.15, "small": 0.4}
EVENT_AUDIO_MINUTES = 40 * 3
EVENT_GOAL_MINUTES = 20
PAGE_GOAL_MS = 300
# Seconds between two rounds of page requests while the stories are transcribed (about a dozen
# requests a second: a busy event, without the client itself taking a core from the workers).
PAGE_PAUSE = 0.25

FIRST = "en"  # the story transcribed cold, right after the model is loaded


def _speak(voice: str, text: str, path: Path) -> float:
    """Say ``text`` into the WAV ``path``; its length in seconds."""
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(path), text], check=True)
    with wave.open(str(path)) as sound:
        return sound.getnframes() / sound.getframerate()


def make_clips(directory: Path, minutes: float) -> dict[str, tuple[str, str, bytes]]:
    """language -> (Whisper language, reference text, WAV bytes) of about ``minutes``: as many
    passes over the language's sentences as come nearest to that length."""
    clips = {}
    for language, (voice, code, _sentences) in STORIES.items():
        path = directory / f"{language}.wav"
        one_pass = _speak(voice, story(language, 1), path)
        passes = max(1, round(minutes * 60 / one_pass))
        text = story(language, passes)
        _speak(voice, text, path)
        clips[language] = (code, text, path.read_bytes())
    return clips


def _setup_django() -> None:
    import django

    django.setup()
    logging.getLogger("faster_whisper").setLevel(logging.WARNING)


def _transcribe(whisper, clip, options: dict) -> tuple[float, float, float]:
    """(processing seconds, audio seconds, error rate) of one clip."""
    from tests.voice.clips import error_rate
    from voice.transcribe import transcribe_bytes

    code, text, data = clip
    start = time.perf_counter()
    result = transcribe_bytes(whisper, data, language=code, **options)
    spent = time.perf_counter() - start
    return spent, result.duration, error_rate(text, result.text, characters=code == "ja")


def _measure(size: str, threads: int, clips: dict, options: dict, nice: int, queue) -> None:
    """In a fresh process: the load, the first story cold, the others warm."""
    if nice:
        os.nice(nice)
    _setup_django()
    from voice import model

    queue.put("ready")
    start = time.perf_counter()
    whisper = model.whisper_model(size, threads)
    loaded = time.perf_counter() - start
    results = {FIRST: _transcribe(whisper, clips[FIRST], options)}
    for language, clip in clips.items():
        if language != FIRST:
            results[language] = _transcribe(whisper, clip, options)
    queue.put((loaded, results))


def _processes(size, threads, clips, options, count: int, nice: int, pages=None):
    """Run ``count`` measuring processes at once; their results, the wall time from the moment
    all are ready, and the page times taken meanwhile."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    args = (size, threads, clips, options, nice, queue)
    workers = [context.Process(target=_measure, args=args) for _ in range(count)]
    for worker in workers:
        worker.start()
    for _ in workers:
        assert queue.get(timeout=300) == "ready"
    start = time.perf_counter()
    results, times = [], []
    while len(results) < count:
        if pages is not None:
            times.extend(pages())
        try:
            results.append(queue.get(timeout=PAGE_PAUSE if pages else 3600))
        except Exception:  # noqa: S112 (queue.Empty: time the pages again)
            continue
    wall = time.perf_counter() - start
    for worker in workers:
        worker.join()
    return results, wall, times


def one_process(size: str, threads: int, clips: dict, options: dict) -> tuple[float, dict]:
    """Print one process's figures; its factor over all the stories, and the error rates."""
    [(loaded, results)], _wall, _times = _processes(size, threads, clips, options, 1, 0)
    spent = sum(r[0] for r in results.values())
    audio = sum(r[1] for r in results.values())
    first = results[FIRST]
    warm_spent = spent - first[0]
    warm_audio = audio - first[1]
    label = f"{size} int8, 1 process x {threads} thread(s)"
    print(
        f"{label}: cold: model loaded in {loaded:.1f} s, first story ({first[1]:.0f} s) "
        f"factor {first[0] / first[1]:.3f}, ready {loaded + first[0]:.0f} s after start; warm: "
        f"factor {warm_spent / warm_audio:.3f}; all {audio:.0f} s of audio: factor "
        f"{spent / audio:.3f}"
    )
    per = ", ".join(f"{k} {r[0] / r[1]:.3f}" for k, r in results.items())
    print(f"{label}: factor per story: {per}")
    return spent / audio, {k: r[2] for k, r in results.items()}


def two_cores(size: str, clips: dict, options: dict, web: bool) -> tuple[float, list]:
    """Audio seconds two one-thread processes at nice 10 clear per wall second, and page times."""
    pages = web_pages() if web else None
    results, wall, times = _processes(size, 1, clips, options, 2, 10, pages)
    audio = sum(r[1] for _loaded, per in results for r in per.values())
    return audio / wall, times


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
    parser.add_argument("--minutes", type=float, default=3, help="length of each story")
    parser.add_argument("--beam", type=int, default=None, help="beam size (VOICE_BEAM_SIZE)")
    parser.add_argument("--vad", choices=("on", "off"), default=None, help="(VOICE_VAD)")
    parser.add_argument("--no-words", action="store_true", help="without word timestamps")
    parser.add_argument("--threads", default="1,2", help="thread counts of one process")
    parser.add_argument("--no-two-cores", action="store_true", help="skip the two-core run")
    parser.add_argument("--web", action="store_true", help="time participant pages meanwhile")
    args = parser.parse_args()
    # NOTE: its own variable: this database is dropped and made again (--web).
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/entendu_bench_voice"
    )
    print(load_line())
    _setup_django()
    from django.conf import settings

    from voice import model

    options = {"beam_size": args.beam, "word_timestamps": not args.no_words}
    if args.vad:
        options["vad"] = args.vad == "on"
    print(
        f"settings: beam {args.beam or settings.VOICE_BEAM_SIZE}, voice-activity filter "
        f"{options.get('vad', settings.VOICE_VAD)}, word timestamps {not args.no_words}"
    )
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        clips = make_clips(Path(tmp), args.minutes)
        for size in args.sizes.split(","):
            try:
                model.model_directory(size)
            except model.ModelUnavailable as problem:
                print(f"{size}: not measured: {problem}")
                continue
            for threads in (int(t) for t in args.threads.split(",")):
                rtf, rates = one_process(size, threads, clips, options)
                if threads == 1:
                    words = ", ".join(f"{k} {v:.2f}" for k, v in rates.items())
                    print(f"{size} error rates (words; characters for ja): {words}")
                    if rtf > RTF_GOALS[size]:
                        missed.append(f"{size} real-time factor {rtf:.3f} > {RTF_GOALS[size]}")
                print(load_line())
            if args.no_two_cores:
                continue
            rate, times = two_cores(size, clips, options, args.web)
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
