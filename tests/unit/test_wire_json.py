"""The one JSON decoder for client bodies and frames (chalicelib/domain/wire_json.py): what the
standard library lets through and the code behind cannot take is a 400 with its own code."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import BadInput
from chalicelib.domain.wire_json import MAX_DEPTH, MAX_INTEGER, decode


@pytest.mark.parametrize("raw,code", [
    ("[" * 20_000 + "]" * 20_000, "too_deep"),  # RecursionError inside json.loads
    ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "too_deep"),
    ('{"a": ' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1), "too_deep"),
    ('{"amount": NaN}', "non_finite_number"),
    ('{"amount": Infinity}', "non_finite_number"),
    ('{"amount": -Infinity}', "non_finite_number"),
    ('{"amount": 1e999}', "non_finite_number"),
    ('{"amount": -1e999}', "non_finite_number"),
    ('{"n": ' + str(MAX_INTEGER + 1) + "}", "number_out_of_range"),
    ('{"n": 1' + "0" * 5000 + "}", "invalid_json"),  # over Python's int digits limit
    ('{"text": "\\ud800"}', "invalid_text"),
    ('{"\\udfff": 1}', "invalid_text"),
    ("{oops", "invalid_json"),
    (b"\xff\xfe\xfd", "invalid_json"),
    (b'{"a": "\xc3\x28"}', "invalid_json"),
    ('{"text": "x\udc80"}', "invalid_text"),  # a str frame already holding a lone surrogate
])
def test_hostile_json_is_refused_with_its_code(raw, code):
    with pytest.raises(BadInput) as refused:
        decode(raw)
    assert refused.value.code == code and refused.value.status == 400


def test_what_clients_send_is_read_as_before():
    nested = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert decode(nested) is not None
    sent = '{"text": "e\u0301 \u202e \\u0000 🙂", "eur": 12.5, "n": ' + str(MAX_INTEGER) + "}"
    assert decode(sent) == {"text": "e\u0301 \u202e \x00 🙂", "eur": 12.5, "n": MAX_INTEGER}
    assert decode(b"[1, 2.0, null]") == [1, 2.0, None]
