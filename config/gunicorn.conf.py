"""gunicorn settings for production: ``gunicorn -c config/gunicorn.conf.py config.wsgi``.

Everything that varies comes from the environment (GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_TIMEOUT, LOG_LEVEL). SECURITY: access and error logs go through
``config.gunicorn_logging.RedactingLogger``, which keeps participant-link tokens, receipt ids
and query strings out of them.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
accesslog = "-"
errorlog = "-"
logger_class = "config.gunicorn_logging.RedactingLogger"
# NOTE: the proxy's X-Forwarded-Proto is trusted only from these addresses (settings'
# SECURE_PROXY_SSL_HEADER does the same for Django); the client address for rate limits comes
# from TRUSTED_PROXY_COUNT (core.clientip), never from gunicorn.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
