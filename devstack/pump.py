"""Lambda event sources, locally: SQS queues and schedules delivered to the same handlers."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from chalice.app import Rate, ScheduledEventConfig, SQSEventConfig

from devstack.lambda_runtime import (
    LocalContext,
    failed_messages,
    lambda_handler,
    scheduled_event,
    sqs_event,
)

log = logging.getLogger("devstack.pump")
RATE_SECONDS = {Rate.MINUTES: 60, Rate.HOURS: 3600, Rate.DAYS: 86400}


class EventPump:
    """Polls each SQS event source and fires each schedule, calling the app's handlers."""

    def __init__(
        self, app_module: Any, sqs: Any, region: str, schedule_cap_seconds: float = 30.0
    ) -> None:
        self._module = app_module
        self._sqs = sqs
        self._region = region
        self._cap = schedule_cap_seconds
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.delivered = 0

    def start(self) -> None:
        """Start one thread per event source."""
        for source in self._module.app.event_sources:
            handler = lambda_handler(self._module.app, source.name)
            if isinstance(source, SQSEventConfig):
                target, args = self._poll_queue, (source, handler)
            elif isinstance(source, ScheduledEventConfig):
                target, args = self._run_schedule, (source, handler)
            else:
                continue
            thread = threading.Thread(target=target, args=args, name=source.name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Stop polling and wait for in-flight handlers."""
        self._stop.set()
        deadline = time.monotonic() + 5
        for thread in self._threads:
            # One deadline for all: a handler still running is cut off with the process.
            thread.join(max(0.0, deadline - time.monotonic()))

    def _poll_queue(self, source: SQSEventConfig, handler: Any) -> None:
        url = self._sqs.get_queue_url(QueueName=source.queue)["QueueUrl"]
        arn = self._sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        while not self._stop.is_set():
            try:
                reply = self._sqs.receive_message(
                    QueueUrl=url,
                    MaxNumberOfMessages=min(source.batch_size, 10),
                    WaitTimeSeconds=1,
                    AttributeNames=["All"],
                    MessageAttributeNames=["All"],
                )
            except Exception:  # noqa: BLE001 - keep pumping through emulator hiccups
                if not self._stop.is_set():
                    log.exception("receive failed on %s", source.queue)
                self._stop.wait(0.5)
                continue
            messages = reply.get("Messages", [])
            if not messages:
                self._stop.wait(0.05)
                continue
            self._deliver(source, handler, url, arn, messages)

    def _deliver(self, source: SQSEventConfig, handler: Any, url: str, arn: str,
                 messages: list[dict[str, Any]]) -> None:
        """One batch to the handler, then delete what Lambda would: everything it handled,
        except the messages it reports in `batchItemFailures` (ReportBatchItemFailures is set
        on every mapping by infra/deploy.py); those become visible again after the visibility
        timeout, and go to the dead-letter queue after maxReceiveCount."""
        try:
            result = handler(sqs_event(messages, arn, self._region), LocalContext(source.name))
        except Exception:  # noqa: BLE001 - like Lambda: the batch becomes visible again
            log.exception("handler %s failed; the batch will be retried", source.name)
            return
        failed = failed_messages(result, messages)
        if failed:
            log.warning("handler %s reported %d failed message(s); they will be retried",
                        source.name, len(failed))
        done = [m for m in messages if m["MessageId"] not in failed]
        self.delivered += len(done)
        if done:
            self._sqs.delete_message_batch(
                QueueUrl=url,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                         for i, m in enumerate(done)],
            )

    def _run_schedule(self, source: ScheduledEventConfig, handler: Any) -> None:
        expression = source.schedule_expression
        period = self._cap
        if isinstance(expression, Rate):
            period = min(self._cap, expression.value * RATE_SECONDS[expression.unit])
        while not self._stop.wait(period):
            try:
                handler(scheduled_event(source.name, self._region), LocalContext(source.name))
            except Exception:  # noqa: BLE001 - a failing schedule runs again next period
                log.exception("scheduled handler %s failed", source.name)
