"""Keep the labelled stories' vectors (``nlp.evaluation_vectors``), or check that they are kept.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python scripts/labelled_vectors.py --write
    ... scripts/labelled_vectors.py --check

Run from the repository's root after the labelled sets change. Every story of
``tests/data/labelled`` (development and held-out alike: a vector is no tuning) is embedded, in
the order ``manage.py nlp_evaluate`` reads them.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from nlp import embeddings
    from nlp.evaluation_languages import load_labelled
    from nlp.evaluation_vectors import kept_vectors, text_key, vectors_write

    texts = list(dict.fromkeys(row["text"] for row in load_labelled()))
    kept = kept_vectors()
    missing = [t for t in texts if text_key(t) not in kept]
    if args.check or not args.write:
        print(f"{len(texts)} labelled texts, {len(missing)} without a kept vector")
        return 1 if missing else 0
    vectors = embeddings.embed(texts)
    vectors_write(texts, vectors)
    print(f"{len(texts)} vectors kept")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
