"""Where later apps plug into the coding app (see ``core.hooks``).

- ``similar_story_hooks.register(fn)``: ``fn(*, user, testimony_id) -> [(testimony_id, score)]``
  gives the stories that read most like this one (any language), among those ``user`` may read,
  best first. The nlp app registers ``nlp.selectors.similar_stories`` (multilingual embeddings);
  with nothing registered the coding screen shows no similar stories.
"""

from core.hooks import HookPoint

similar_story_hooks = HookPoint("coding.similar_stories")
