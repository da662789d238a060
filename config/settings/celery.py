"""Celery: the broker, queues, time limits, redelivery and the periodic tasks.

Imported by base.py; kept apart so each settings module stays short.
https://docs.celeryq.dev/en/stable/userguide/configuration.html
"""

from kombu import Exchange, Queue

from config.env import env_bool, env_int, env_str

REDIS_URL = env_str("REDIS_URL", "") or None

# NOTE: without REDIS_URL, tasks run in-process and eagerly, so the app works with no services.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TIMEZONE = "UTC"  # the same as TIME_ZONE (base.py)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 10 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 9 * 60)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Monitoring events (celery events, Flower): off unless asked for. Nothing here reads them, and
# each task would cost its worker three publishes (received, started, succeeded) and each
# publish one more (sent), the web request's included.
CELERY_WORKER_SEND_TASK_EVENTS = env_bool("CELERY_TASK_EVENTS", False)
CELERY_TASK_SEND_SENT_EVENT = CELERY_WORKER_SEND_TASK_EVENTS
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Workers outlive a broker outage: they reconnect, without limit, however long it lasts. (The
# web side does not wait: the outbox publishes with its own bound, core/outbox.py.)
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Nobody reads task results except the probes that ask for them (core.ping, nlp.probe_*); a
# result backend that is down must not hold up whoever queued a task.
CELERY_TASK_IGNORE_RESULT = True
# Redis hands a message out again when it is not acknowledged within the visibility timeout
# (tasks are acknowledged late: a worker killed mid-task leaves its message unacknowledged).
# It is the longest batch's hard time limit (nlp.run_job_batch, 600 s) plus a minute, so a
# running batch is never handed out twice, and a bulk job whose worker died resumes by itself
# within about ENTENDU_VISIBILITY_TIMEOUT + 60 s (the restore sweep) once a worker runs again.
# Late-acknowledged tasks with a longer time limit must be safe to receive twice while running
# (tests/core/test_deployment.py checks it); the others are acknowledged on receipt.
ENTENDU_LONGEST_BATCH_SECONDS = 600
ENTENDU_VISIBILITY_TIMEOUT = env_int(
    "CELERY_VISIBILITY_TIMEOUT", ENTENDU_LONGEST_BATCH_SECONDS + 60
)
# A running NLP job that has not moved for this long has lost its messages: the periodic
# nlp.sweep_stalled_jobs queues its pending batches again (after the broker's own redelivery).
ENTENDU_NLP_JOB_STALLED_AFTER = ENTENDU_VISIBILITY_TIMEOUT + 120
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": ENTENDU_VISIBILITY_TIMEOUT,
    # NOTE: look for messages to hand out again every 10 s x 6 = 60 s (kombu: 10 s x 10).
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": env_int("CELERY_UNACKED_RESTORE_THROTTLE", 6),
    # NOTE: a worker killed while it looks for them holds that look's lock until it expires:
    # 60 s, not kombu's 5 minutes, before another worker can hand its messages out again.
    "unacked_mutex_expire": env_int("CELERY_UNACKED_MUTEX_EXPIRE", 60),
    # NOTE: a Redis that hangs without closing the connection fails a command after 10 s
    # instead of never (workers then reconnect; kombu's own BRPOP waits 1 s at a time).
    "socket_timeout": 10,
    "socket_connect_timeout": 2,
}
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = (
    Queue("default", Exchange("default"), routing_key="default"),
    # NOTE: spaCy work is heavy and memory-hungry: it gets its own queue and its own workers.
    Queue("nlp", Exchange("nlp"), routing_key="nlp"),
    # NOTE: transcription (the voice app) gets its own queue and worker, so a long recording
    # never holds up the default queue; run that worker at a low priority (deploy/).
    Queue("audio", Exchange("audio"), routing_key="audio"),
)
CELERY_TASK_ROUTES = {
    "nlp.*": {"queue": "nlp", "routing_key": "nlp"},
    "voice.transcribe": {"queue": "audio", "routing_key": "audio"},
}
# The transactional outbox's safety net (core/outbox.py): publish what the after-commit relay
# could not. Run `celery beat`, or `manage.py relay_outbox --loop` as its own process.
CELERY_BEAT_SCHEDULE = {
    "core.relay_outbox": {"task": "core.relay_outbox", "schedule": 30.0},
    "nlp.sweep_stalled_jobs": {"task": "nlp.sweep_stalled_jobs", "schedule": 300.0},
    # Export files past ENTENDU_EXPORT_RETENTION_HOURS are deleted.
    "analysis.expire_exports": {"task": "analysis.expire_exports", "schedule": 3600.0},
    # Recordings whose transcription message was lost (a worker killed mid-task) are queued again.
    "voice.requeue_lost": {"task": "voice.requeue_lost", "schedule": 300.0},
    # The agreement report's counts, kept ready (a check of one version row when nothing changed).
    "coding.agreement_refresh": {"task": "coding.agreement_refresh", "schedule": 60.0},
}
