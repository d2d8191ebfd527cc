"""A comparison's columns run concurrently: the whole comparison should take about as long as its
slowest column, not the sum. Four models on a loopback server answering after different delays.

    python benchmarks/bench_compare_concurrency.py
"""

from __future__ import annotations

import asyncio
import io
import time

from _common import verdict
from tests.support.fault_server import FaultServer

from visiondesk.api.http_backend import HttpBackend
from visiondesk.api.runner import run_job
from visiondesk.config.providers import ProviderConfig
from visiondesk.core.images import prepare_image
from visiondesk.core.request import AnalysisRequest, ApiStyle
from visiondesk.core.result import AnalysisResult

MODELS = ["slow-100-50", "slow-300-100", "slow-600-150", "slow-900-200"]


async def compare(base_url: str) -> tuple[float, list[AnalysisResult]]:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(buffer, "PNG")
    image = prepare_image(buffer.getvalue(), name="bench.png")
    provider = ProviderConfig(id="bench", name="bench", base_url=base_url, api_style=ApiStyle.CHAT)
    service = HttpBackend()
    start = time.perf_counter()
    results = [AnalysisResult(source="bench.png", model=m, provider="bench") for m in MODELS]
    requests = [AnalysisRequest(model=r.model, prompt="Describe", images=(image,)) for r in results]
    jobs = [run_job(service, provider, q, None, r) for q, r in zip(requests, results, strict=True)]
    await asyncio.gather(*jobs)
    elapsed = time.perf_counter() - start
    await service.aclose()
    return elapsed, results


def main() -> int:
    with FaultServer() as server:
        elapsed, results = asyncio.run(compare(server.base_url))
    assert all(r.status == "completed" for r in results), [r.error for r in results]
    slowest = max(r.total_ms or 0 for r in results) / 1000
    total_sum = sum(r.total_ms or 0 for r in results) / 1000
    ratio = elapsed / slowest
    for r in results:
        print(f"  {r.model:<14} first token {r.first_token_ms or 0:6.0f} ms   "
              f"total {r.total_ms or 0:6.0f} ms")
    print(f"whole comparison {elapsed:.2f} s, slowest column {slowest:.2f} s, "
          f"sum of columns {total_sum:.2f} s")
    print(f"ratio total/slowest {ratio:.2f} (target about 1, <= 1.2): {verdict(ratio <= 1.2)}")
    return 0 if ratio <= 1.2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
