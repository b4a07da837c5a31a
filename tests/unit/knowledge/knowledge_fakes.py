"""In-memory fakes of the knowledge ports and a small bilingual corpus with distractors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import count

from chalicelib.domain.errors import Conflict
from chalicelib.domain.knowledge.model import Article, ArticleStatus, Transcript

T0 = 1_780_000_000.0


@dataclass
class InMemoryArticleRepository:
    articles: dict[str, Article] = field(default_factory=dict)
    revision: int = 0
    revision_reads: int = 0
    published_reads: int = 0

    def get(self, article_id):
        return self.articles.get(article_id)

    def save(self, article, expected_version):
        stored = self.articles.get(article.article_id)
        if (stored.version if stored else None) != expected_version:
            raise Conflict("changed meanwhile", code="version_conflict")
        if article.is_published or (stored is not None and stored.is_published):
            self.revision += 1
        self.articles[article.article_id] = article

    def by_source(self, conversation_id):
        return next(
            (a for a in self.articles.values() if a.source_conversation_id == conversation_id),
            None,
        )

    def by_status(self, status, lang, limit):
        found = [a for a in self.articles.values() if a.status is status and lang in (None, a.lang)]
        return sorted(found, key=lambda a: a.created_at)[:limit]

    def published(self):
        self.published_reads += 1
        return [a for a in self.articles.values() if a.is_published]

    def published_revision(self):
        self.revision_reads += 1
        return self.revision


@dataclass
class InMemoryTranscripts:
    by_id: dict[str, Transcript] = field(default_factory=dict)
    reads: list[tuple[str, str]] = field(default_factory=list)

    def transcript(self, conversation_id, reader):
        self.reads.append((conversation_id, reader.member_id))
        return self.by_id.get(conversation_id)


class DigitMasker:
    """Stands in for moderation's masking: any run of 6+ digits is personal data."""

    def mask(self, text, lang):
        return re.sub(r"\d[\d .]{5,}\d", "[masqué]" if lang == "fr" else "[masked]", text)


_ids = count(1)


def article(article_id, lang, question, answer, tags=(), status=ArticleStatus.PUBLISHED):
    return Article(
        article_id=article_id,
        lang=lang,
        question=question,
        answer=answer,
        tags=tuple(tags),
        status=status,
        created_by="s-1",
        created_at=T0,
        updated_at=T0,
        published_at=T0 if status is ArticleStatus.PUBLISHED else None,
    )


CORPUS = (
    article(
        "fr-driver-cancel",
        "fr",
        "Mon conducteur a annulé le trajet, suis-je remboursé ?",
        "Quand un conducteur annule, vous êtes remboursé intégralement, frais de service "
        "compris, sous 10 jours. Nous vous proposons aussi des trajets similaires.",
        ["annulation", "remboursement"],
    ),
    article(
        "fr-passenger-cancel",
        "fr",
        "Comment annuler ma réservation en tant que passager ?",
        "Ouvrez Mes trajets, choisissez la réservation puis Annuler. Plus de 24 h avant le "
        "départ, la contribution est remboursée hors frais ; moins de 24 h avant, 50 %.",
        ["annulation", "reservation"],
    ),
    article(
        "fr-book",
        "fr",
        "Comment réserver une place dans un covoiturage ?",
        "Cherchez votre trajet, choisissez un conducteur et appuyez sur Réserver. Certaines "
        "réservations doivent être acceptées par le conducteur.",
        ["reservation"],
    ),
    article(
        "fr-no-show-passenger",
        "fr",
        "Le passager ne s'est pas présenté au rendez-vous",
        "Signalez l'absence du passager depuis la réservation dans les 24 h. Si le passager "
        "confirme, vous recevez la contribution complète.",
        ["absence", "passager"],
    ),
    article(
        "fr-no-show-driver",
        "fr",
        "Le conducteur n'est jamais venu",
        "Signalez que le conducteur ne s'est pas présenté dans les 24 h suivant le départ "
        "prévu. S'il le confirme, vous êtes remboursé intégralement.",
        ["absence", "conducteur"],
    ),
    article(
        "fr-double-charge",
        "fr",
        "Mon paiement a été prélevé deux fois",
        "Un double prélèvement est annulé automatiquement par notre prestataire de paiement ; "
        "le montant réapparaît sur votre compte sous 10 jours.",
        ["paiement"],
    ),
    article(
        "fr-lost-item",
        "fr",
        "J'ai oublié un objet dans la voiture",
        "Écrivez au conducteur depuis la messagerie du trajet. Les objets oubliés sont rendus "
        "directement entre membres.",
        ["objet-oublie"],
    ),
    article(
        "fr-phone",
        "fr",
        "Comment changer mon numéro de téléphone ?",
        "Dans Profil, Informations personnelles, modifiez le numéro puis confirmez-le avec le "
        "code reçu par SMS.",
        ["compte"],
    ),
    article(
        "fr-payout",
        "fr",
        "Quand vais-je recevoir l'argent de mes passagers ?",
        "Le virement de vos contributions part 24 h après le trajet, si vos coordonnées "
        "bancaires sont renseignées.",
        ["paiement", "conducteur"],
    ),
    article(
        "en-driver-cancel",
        "en",
        "My driver cancelled the ride: will I get a refund?",
        "When a driver cancels, you get a full refund including the service fee within 10 "
        "days, and we suggest similar rides.",
        ["cancellation", "refund"],
    ),
    article(
        "en-passenger-cancel",
        "en",
        "How do I cancel my booking as a passenger?",
        "Open Your rides, pick the booking and tap Cancel. More than 24 hours before "
        "departure you are refunded minus the fees; later, 50 %.",
        ["cancellation", "booking"],
    ),
    article(
        "en-book",
        "en",
        "How do I book a seat?",
        "Search for your ride, choose a driver and tap Book. Some drivers accept bookings "
        "manually.",
        ["booking"],
    ),
    article(
        "en-no-show-passenger",
        "en",
        "The passenger did not show up",
        "Report the passenger's no-show from the booking within 24 hours. If the passenger "
        "confirms, you receive the full contribution.",
        ["no-show"],
    ),
    article(
        "en-double-charge",
        "en",
        "I was charged twice for one ride",
        "A duplicate charge is cancelled automatically by our payment provider; the amount "
        "comes back to your account within 10 days.",
        ["payment"],
    ),
    article(
        "en-lost-item",
        "en",
        "I left something in the car",
        "Message the driver from the ride's conversation. Lost items are returned directly "
        "between members.",
        ["lost-item"],
    ),
    article(
        "en-phone",
        "en",
        "How do I change my phone number?",
        "In Profile, Personal details, edit the number and confirm it with the code sent by "
        "text message.",
        ["account"],
    ),
    article(
        "fr-draft",
        "fr",
        "Brouillon sur l'annulation non publié",
        "Ce brouillon parle d'annulation et de remboursement mais n'est pas publié.",
        ["annulation"],
        status=ArticleStatus.DRAFT,
    ),
)
