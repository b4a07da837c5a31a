"""Transactional SMS through Amazon SNS; phone numbers are never logged."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from chalicelib.domain.errors import Unavailable
from chalicelib.observability import logger


class SnsSmsSender:
    """Sends one SMS per call, typed Transactional (delivery over price), after the opt-out check
    that the notification service asks for."""

    def __init__(self, sns: Any, sender_id: str = "") -> None:
        self._sns = sns
        self._sender_id = sender_id

    def is_opted_out(self, phone: str) -> bool:
        """Whether the number replied STOP (CheckIfPhoneNumberIsOptedOut)."""
        try:
            reply = self._sns.check_if_phone_number_is_opted_out(phoneNumber=phone)
        except ClientError as e:
            # Never guess: an unknown opt-out state is retried, not sent to.
            raise Unavailable("could not check the SMS opt-out list") from e
        return bool(reply.get("isOptedOut"))

    def send(self, phone: str, text: str) -> None:
        """Publish one transactional SMS."""
        attributes = {
            "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
        }
        if self._sender_id:
            attributes["AWS.SNS.SMS.SenderID"] = {
                "DataType": "String",
                "StringValue": self._sender_id,
            }
        try:
            reply = self._sns.publish(PhoneNumber=phone, Message=text,
                                      MessageAttributes=attributes)
        except ClientError as e:
            code = e.response.get("Error", {}).get("Code", "")
            logger.warning("sms not sent", error=code)  # the number stays out of the logs
            raise Unavailable("could not send the SMS") from e
        logger.info("sms sent", message_id=reply.get("MessageId", ""))
