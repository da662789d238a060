"""The withdrawal code format (testimonies.withdrawal_codes) and its locks: per client and per
story, so that strangers' wrong codes never block a participant's valid one."""

import hashlib

import pytest
from django.test import Client, override_settings
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from core.exceptions import ApplicationError
from testimonies import services, withdrawal_codes
from testimonies.models import Testimony
from testimonies.withdrawal_codes import ALPHABET, code_generate, code_hash, code_parse
from tests.testimonies.factories import open_event, submit

pytestmark = pytest.mark.django_db

SHARED = "192.0.2.10"  # one address for many people: a clinic's Wi-Fi, say


def test_a_code_has_at_least_128_secret_bits_in_blocks_of_four():
    code = code_generate()
    blocks = code.text.split("-")
    assert [len(b) for b in blocks] == [4] * 9
    assert set(code.text.replace("-", "")) <= set(ALPHABET)
    assert not set("ILOU") & set(ALPHABET)
    assert len(code.secret) * 5 >= 128
    assert len({code_generate().secret for _ in range(50)}) == 50


def test_typing_mistakes_people_make_are_forgiven():
    code = code_generate(public_id="7KQ2M9XD", seed="s")
    text = code.text
    assert code_parse(text).code == code
    assert code_parse(f"  {text.lower().replace('-', ' ')} ").code == code
    assert code_parse(text.replace("-", "")).code == code
    sloppy = text.replace("0", "O").replace("1", "l")
    assert code_parse(sloppy).code == code
    assert code_parse(text.replace("1", "I")).code == code


def test_other_text_is_not_a_new_code():
    assert code_parse("Z" * 35).code is None
    assert code_parse("U" * 36).code is None
    assert code_parse("x" * 32).legacy == "x" * 32
    assert code_parse("short") == withdrawal_codes.ParsedCode()
    assert code_parse(None) == withdrawal_codes.ParsedCode()


def test_the_secret_is_stored_only_as_a_hash_and_the_public_part_names_the_story():
    submission = submit()
    parsed = code_parse(submission.withdrawal_code).code
    t = Testimony.objects.get()
    assert t.withdrawal_id == parsed.public_id
    assert t.withdrawal_code_hash == code_hash(parsed.secret)
    row = Testimony.objects.filter(pk=t.pk).values().get()
    assert all(parsed.secret not in str(value) for value in row.values())


def test_a_retried_submission_shows_the_same_code():
    event = open_event()
    key = services.new_submission_key()
    first = submit(event, submission_key=key)
    again = submit(event, submission_key=key)
    assert again.created is False
    assert again.withdrawal_code == first.withdrawal_code
    assert services.testimony_for_withdrawal_code(code=again.withdrawal_code, client_key="c")


def test_a_code_of_the_older_format_keeps_working():
    t = submit().testimony
    legacy = "AbCdEfGhIjKlMnOpQrStUvWxYz012_-9"
    Testimony.objects.filter(pk=t.pk).update(
        withdrawal_id=None, withdrawal_code_hash=hashlib.sha256(legacy.encode()).hexdigest()
    )
    assert services.testimony_for_withdrawal_code(code=f" {legacy} ", client_key="c") == t
    with pytest.raises(ApplicationError):
        services.testimony_for_withdrawal_code(code=legacy.lower(), client_key="c")


def wrong_secret_for(code: str) -> str:
    parsed = code_parse(code).code
    return code_generate(public_id=parsed.public_id).text


def test_wrong_secrets_for_a_story_lock_that_story_only():
    target, other = submit().withdrawal_code, submit().withdrawal_code
    for n in range(10):
        with pytest.raises(ApplicationError):
            services.testimony_for_withdrawal_code(
                code=wrong_secret_for(target), client_key=f"client-{n}"
            )
    # NOTE: deliberate: the story is locked for its window, even for its correct code.
    with pytest.raises(services.WithdrawalLocked):
        services.testimony_for_withdrawal_code(code=target, client_key="fresh")
    assert services.testimony_for_withdrawal_code(code=other, client_key="client-1")


def test_the_page_takes_a_valid_code_from_an_address_that_sent_ten_wrong_ones():
    mine = submit().withdrawal_code
    client = Client(REMOTE_ADDR=SHARED)
    for _ in range(10):
        assert client.post("/withdraw/", {"code": code_generate().text}).status_code == 400
    assert client.post("/withdraw/", {"code": "x" * 32}).status_code == 429
    neighbour = Client(REMOTE_ADDR=SHARED)
    found = neighbour.post("/withdraw/", {"code": mine.lower().replace("-", " ")})
    assert found.status_code == 200
    done = neighbour.post(
        "/withdraw/",
        {"code": mine, "step": "confirm", "what": "everything", "erase_confirmed": "yes"},
    )
    assert done.status_code == 200
    assert Testimony.objects.get(withdrawal_id=code_parse(mine).code.public_id).status == (
        "withdrawn"
    )


def test_the_api_takes_a_valid_code_from_an_address_that_sent_ten_wrong_ones():
    mine = submit().withdrawal_code
    client = APIClient(REMOTE_ADDR=SHARED)
    url = "/api/v1/withdrawals/"
    for _ in range(10):
        wrong = {"code": wrong_secret_for(submit().withdrawal_code), "everything": True}
        assert client.post(url, wrong, format="json").status_code == 400
    assert client.post(url, {"code": "y" * 32, "everything": True}, format="json").status_code == (
        429
    )
    response = APIClient(REMOTE_ADDR=SHARED).post(
        url, {"code": mine, "everything": True}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_client_has_its_own_lock():
    client = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(10):
        client.post("/withdraw/", {"code": "x" * 32})
    assert client.post("/withdraw/", {"code": "x" * 32}).status_code == 429
    spoofing = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    assert spoofing.post("/withdraw/", {"code": "x" * 32}).status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.post("/withdraw/", {"code": "x" * 32}).status_code == 400


def test_the_anonymous_submission_throttle_ignores_a_spoofed_header(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/min", raising=False)
    statuses = [
        APIClient(REMOTE_ADDR=SHARED, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        .post("/api/v1/testimonies/", {}, format="json")
        .status_code
        for n in range(4)
    ]
    assert statuses[:3] == [400] * 3
    assert statuses[3] == 429


def test_behind_the_proxy_the_anonymous_throttle_counts_the_real_client(monkeypatch, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/min", raising=False)

    def post(forwarded):
        client = APIClient(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded)
        return client.post("/api/v1/testimonies/", {}, format="json").status_code

    spoofed = [post(f"198.51.100.{n}, 203.0.113.9") for n in range(4)]
    assert spoofed == [400, 400, 400, 429]
    assert post("203.0.113.77") == 400
