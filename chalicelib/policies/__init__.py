"""How one context reacts to another, each reaction a named, unit-tested policy
(tests/unit/policies/). The composition root only connects them.

- `chat_reactions.ChatReactions` — chat events feed metrics, Helpers' points and quality review;
- `helper_presence` — suspended Helpers cannot go available, leave the pools when revoked or
  when their last connection closes;
- `sanctions` — moderation's warnings and suspensions reach the programme, the members mirror
  and live sessions; confirmed Helper messages are quality strikes; suspended members get no
  ticket;
- `role_announcements.AnnounceRoleChanges` — programme role changes published for the IdP;
- `text_moderation` — the moderation filters as the chat's, the claims' and the knowledge
  base's text ports;
- `transcripts.ChatTranscriptSource` — the chat's transcripts as knowledge capture reads them;
- `members_mirror` — the members mirror as the claims' profiles, the notifications' contact
  book and the programme's reputation source;
- `live_sessions` — the live connections as the notifications' presence and in-app sender;
- `pro_queue.ProQueueAgentQueue` — claims in the chat's professional queue;
- `delivery.OutcomeDelivery` — the chat's outcome events pushed to live connections.
"""
