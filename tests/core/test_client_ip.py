"""core.clientip: the one reading of the client's address, behind 0, 1 or 2 trusted proxies."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from core.clientip import client_ip

ROOT = Path(__file__).resolve().parent.parent.parent
PROXY = "10.0.0.5"  # REMOTE_ADDR as our nearest proxy connects


def request_with(remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxies_the_header_is_never_read():
    assert client_ip(request_with("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
    assert client_ip(request_with("198.51.100.7")) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_proxy_takes_the_address_it_appended():
    assert client_ip(request_with(forwarded="203.0.113.9")) == "203.0.113.9"
    # A client that sends its own header: nginx appends the real address after it.
    assert client_ip(request_with(forwarded="1.2.3.4, 5.6.7.8, 203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_two_proxies_count_from_the_right():
    # client -> CDN (appends the client) -> nginx (appends the CDN) -> app
    header = "1.2.3.4, 203.0.113.9, 192.0.2.44"
    assert client_ip(request_with(forwarded=header)) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_header_shorter_than_the_count_uses_its_leftmost_entry():
    assert client_ip(request_with(forwarded="203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_no_header_or_garbage_falls_back_to_the_connection():
    assert client_ip(request_with()) == PROXY
    assert client_ip(request_with(forwarded="1.2.3.4, not-an-address")) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_addresses_are_canonical():
    assert client_ip(request_with(forwarded="203.0.113.9:51234")) == "203.0.113.9"
    assert client_ip(request_with(forwarded="[2001:DB8::1]:443")) == "2001:db8::1"
    assert client_ip(request_with(forwarded="2001:db8:0:0::1")) == "2001:db8::1"


def test_allauth_and_drf_use_the_same_count():
    assert settings.TRUSTED_PROXY_COUNT == 0  # the default: no proxy is trusted
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.TRUSTED_PROXY_COUNT


PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps([settings.TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_PROXY_COUNT,
                  settings.REST_FRAMEWORK["NUM_PROXIES"]]))
"""


@pytest.mark.parametrize("value,expected", [("", 0), ("1", 1), ("2", 2)])
def test_the_one_count_comes_from_the_environment(value, expected):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(TRUSTED_PROXY_COUNT=value, DJANGO_SETTINGS_MODULE="config.settings.test")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [expected] * 3
