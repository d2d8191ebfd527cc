"""Batches: many images x models into a results file that resumes, for the CLI and the window.

Qt-free. ``engine`` runs the jobs of a plan with a bounded pool of workers on the session
``Runner``; ``rows`` checks structured answers and shapes result rows; ``prefetch`` prepares
images ahead of the workers; ``remote`` sends a batch through a provider's OpenAI Batch API. The
results file itself is ``store/batch_output.py``.
"""
