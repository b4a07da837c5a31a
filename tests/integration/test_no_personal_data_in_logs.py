"""Personal data never reaches the logs, even at DEBUG, even when it is in the messages."""

from __future__ import annotations

import logging

from devstack.seed import seed_members

SECRETS = ["06 12 34 56 78", "0612345678", "alice.martin@example.com", "+33612345601"]


def test_a_conversation_full_of_personal_data_logs_none_of_it(services, ws, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    from chalicelib.observability import logger

    logger.setLevel("DEBUG")
    try:
        seed_members(services)
        helper = ws.connect("h-1", ["member", "helper"])
        ws.send(helper, {"action": "presence.set", "status": "available"})
        member = ws.connect("m-alice", ["member"])
        opened = ws.send(member, {"action": "help.open", "topic": "booking", "lang": "fr",
                                  "text": "Appelez-moi au 06 12 34 56 78", "consent": True})
        conversation_id = opened["conversation_id"]
        ws.send(helper, {"action": "help.accept", "conversation_id": conversation_id})
        reply = ws.send(member, {"action": "message.send", "conversation_id": conversation_id,
                                 "client_msg_id": "p1",
                                 "text": "mon mail alice.martin@example.com, tel 0612345678"})
        assert reply["type"] == "ack"
        ws.send(member, {"action": "message.send", "conversation_id": conversation_id,
                         "client_msg_id": "p2", "text": "x" * 40_000})
        ws.send(member, "not json 06 12 34 56 78")
        ws.disconnect(member)
    finally:
        logger.setLevel("INFO")
    captured = capsys.readouterr()
    logged = captured.out + captured.err + caplog.text
    assert logged, "the scenario logged nothing: the check would be empty"
    for secret in SECRETS:
        assert secret not in logged
