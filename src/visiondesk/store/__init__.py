"""What VisionDesk keeps on disk about past runs (plain Python, no Qt).

- ``history``: the searchable SQLite history shared by the window, the CLI and batches; its module
  docstring is the API (``History.record/search/count/get/thumbnail/delete/clear``).
- ``records``: the data it stores and returns (``HistoryRecord``, ``SourceRecord``,
  ``HistorySummary``, ``HistoryFilter``) and the redaction of secrets.
- ``database``: the file, its schema versions and migrations, corrupt and locked files.
- ``search``: search text and filters as SQL (FTS5 trigram, LIKE for 1-2 characters).
- ``export``: runs as Markdown, JSON or CSV. ``thumbnails``: small previews and content hashes.
- ``batch_output``: the results file of a batch run.
"""
