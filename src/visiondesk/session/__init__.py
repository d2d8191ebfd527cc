"""What a person asked, Qt-free: the layer the command line, the window, comparisons and batches share.

- ``workspace``: the sources a person gave (files, URLs, pasted bytes, PDF page choices), each with a
  stable id, and the prepared-image cache; one ``resolve`` path turns a source into what is sent.
- ``plan``: a ``RunPlan`` (which models, which prompts, which options, and whether the images go
  one request each or all in one) and the ``Job``s it makes.
- ``runner``: runs a job: finds the provider and its key, picks the backend from the registry in
  ``backends``, yields the shared events, computes the cost once, writes history, cancels by exact
  run id.
- ``keys``: which key goes to which host (keyring, or an environment variable bound to one host).

Nothing here imports Qt; the window drives it from its event loop, the CLI from ``asyncio.run``.
"""
