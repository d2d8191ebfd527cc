"""Follow-up questions on the wire: the earlier turns go first, the images with the first of them."""

from __future__ import annotations

from visiondesk.api.chat import build_chat_body
from visiondesk.api.responses import build_responses_body
from visiondesk.core.inputs import RemoteImage
from visiondesk.core.request import AnalysisRequest, Turn

REQUEST = AnalysisRequest(
    model="gpt-4o", prompt="And the VAT?", images=(RemoteImage("https://x/receipt.png"),), system="Be brief.",
    turns=(Turn("What is the total?", "26.35"), Turn("In which currency?", "GBP")))


def test_chat_sends_the_conversation_as_messages() -> None:
    messages = build_chat_body(REQUEST, frozenset())["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user", "assistant", "user"]
    first = messages[1]["content"]
    assert first[0] == {"type": "text", "text": "What is the total?"}
    assert first[1]["image_url"]["url"] == "https://x/receipt.png"  # the images go with the first turn
    assert [m["content"] for m in messages[2:]] == ["26.35", "In which currency?", "GBP", "And the VAT?"]


def test_responses_sends_the_conversation_as_input_items() -> None:
    body = build_responses_body(REQUEST, frozenset())
    items = body["input"]
    assert [i["role"] for i in items] == ["user", "assistant", "user", "assistant", "user"]
    assert items[0]["content"][0] == {"type": "input_text", "text": "What is the total?"}
    assert items[0]["content"][1]["type"] == "input_image"
    assert items[1]["content"] == [{"type": "output_text", "text": "26.35"}]
    assert items[-1]["content"] == [{"type": "input_text", "text": "And the VAT?"}]
    assert body["store"] is False and "previous_response_id" not in body


def test_a_single_question_is_unchanged() -> None:
    single = AnalysisRequest(model="m", prompt="Hi", images=(RemoteImage("https://x/a.png"),))
    assert [m["role"] for m in build_chat_body(single, frozenset())["messages"]] == ["user"]
    assert len(build_responses_body(single, frozenset())["input"]) == 1
