"""Messages of an ``OutboxGroup`` that join a group already queued, instead of a message each.

A relayed group (``OutboxGroup`` with ``join_seconds``) goes out as a *carrier*: its ids are also
pushed on a Redis list in the broker's own database, and the group is marked open for
``join_seconds``. A unit relayed while its group is open and has room (``size``) pushes its ids on
that list and is sent no message of its own: the carrier's task takes them with its own. The task
closes its group when it starts (``outbox_group_take``: no id joins after that, atomically with
reading the list) and drops the list once done (``outbox_group_done``).

Never a story lost: an id joins only while the carrier is queued, in the same Redis as the
carrier, so whatever loses the list loses the carrier too (as it would lose the id's own
message). A carrier whose worker dies is handed out again (late acknowledgement) and reads the
list again: it is kept until done, and for a day at most.
"""

from celery import current_app

KEY_PREFIX = "entendu:outbox:"
# Seconds a group's list is kept at most (a carrier redelivered after its worker died reads it).
LIST_SECONDS = 24 * 3600

# KEYS: open marker. ARGV: list prefix, size, ids... The group's token if the ids joined.
_JOIN = """
local token = redis.call('GET', KEYS[1])
if not token then return false end
local list = ARGV[1] .. token
if redis.call('LLEN', list) + #ARGV - 2 > tonumber(ARGV[2]) then return false end
for i = 3, #ARGV do redis.call('RPUSH', list, ARGV[i]) end
return token
"""
# KEYS: open marker, closed flag. ARGV: token, seconds. Opens the group unless its task began.
_OPEN = """
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
"""
# KEYS: open marker, list, closed flag. ARGV: token, seconds. Closes the group for good; its ids.
_TAKE = """
redis.call('SET', KEYS[3], 1, 'EX', ARGV[2])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return redis.call('LRANGE', KEYS[2], 0, -1)
"""


def _open_key(token: str) -> str:
    return f"{KEY_PREFIX}open:{token.rsplit(':', 1)[0]}"


def _list_key(token: str) -> str:
    return f"{KEY_PREFIX}list:{token}"


def _closed_key(token: str) -> str:
    return f"{KEY_PREFIX}closed:{token}"


def _client(connection):
    """The broker connection's Redis client; None on another transport (nothing joins)."""
    if getattr(getattr(connection, "transport", None), "driver_type", "") != "redis":
        return None
    return connection.default_channel.client


def group_publish(broker, group, unit: list, kwargs: dict) -> None:
    """Publish one group unit (``broker``: ``core.outbox_broker.Broker``), or add its ids to the
    open group of its kind when there is room."""
    queue = unit[0].queue
    client = _client(getattr(broker, "connection", None))
    if client is None:
        broker.publish(group.into, kwargs, queue)
        return
    ids = kwargs[group.into_argument]
    token = f"{group.into}:{queue}:{unit[0].pk}"
    if client.eval(_JOIN, 1, _open_key(token), f"{KEY_PREFIX}list:", group.size, *ids):
        return
    # NOTE: the list first (the task may start before the next line), opened after the publish
    # (no id joins a carrier never sent), unless the task began already (it reads the list once).
    client.pipeline().rpush(_list_key(token), *ids).expire(_list_key(token), LIST_SECONDS).execute()
    broker.publish(group.into, {**kwargs, "group_token": token}, queue)
    keys = (_open_key(token), _closed_key(token))
    client.eval(_OPEN, 2, *keys, token, max(1, round(group.join_seconds)))


def _with_client(work):
    with current_app.pool.acquire(block=True) as connection:
        client = _client(connection)
        return work(client) if client is not None else None


def outbox_group_take(token: str) -> list[int]:
    """A carrier's task, as it starts: close its group and return every id in it (its own and
    those that joined)."""
    keys = (_open_key(token), _list_key(token), _closed_key(token))
    found = _with_client(lambda c: c.eval(_TAKE, 3, *keys, token, LIST_SECONDS))
    return sorted({int(i) for i in found or []})


def outbox_group_done(token: str) -> None:
    """The carrier's task has analysed its group (or queued again what it could not)."""
    _with_client(lambda c: c.delete(_list_key(token)))
