"""Knowledge-base suggestions: latency per keystroke over a realistic corpus.

`python -m bench.kb_suggest [--variants 6] [--no-write]`. The corpus is ~30 real help topics of
a carpooling marketplace in French and English, each written in several situations (abroad,
new member, app, ...) to reach a few hundred published articles. Members are simulated
typing realistic questions one character at a time; every prefix is one `suggest` call, as
the widget makes when it calls `GET /kb/suggest` on each keystroke.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.report import machine, write_section
from chalicelib.domain.knowledge.model import Article, ArticleStatus
from chalicelib.domain.knowledge.suggest import SuggestionIndex

# (topic, "French tags|English tags", French question and answer, English question and answer)
TOPICS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "driver_cancelled",
        "annulation remboursement|cancellation refund",
        "Mon conducteur a annulé le trajet, suis-je remboursé ?",
        "Quand le conducteur annule, vous êtes remboursé intégralement, frais de service compris.",
        "My driver cancelled the ride, do I get a refund?",
        "When the driver cancels you get a full refund including the service fee.",
    ),
    (
        "passenger_cancel",
        "annulation reservation|cancellation booking",
        "Comment annuler ma réservation de passager ?",
        "Dans Mes trajets, ouvrez la réservation et appuyez sur Annuler ; le remboursement dépend "
        "du délai avant le départ.",
        "How do I cancel my booking as a passenger?",
        "In Your rides, open the booking and tap Cancel; the refund depends on how long before "
        "departure you cancel.",
    ),
    (
        "late_cancel_refund",
        "annulation delai|cancellation deadline",
        "Combien suis-je remboursé si j'annule moins de 24 heures avant ?",
        "Moins de 24 heures avant le départ, la moitié de la contribution est remboursée, "
        "hors frais.",
        "How much is refunded if I cancel less than 24 hours before?",
        "Less than 24 hours before departure, half of the contribution is refunded, minus fees.",
    ),
    (
        "driver_no_show",
        "absence conducteur|no-show driver",
        "Le conducteur ne s'est pas présenté au point de rendez-vous",
        "Signalez l'absence du conducteur dans les 24 heures ; s'il confirme, vous êtes remboursé.",
        "The driver never showed up at the meeting point",
        "Report the driver's no-show within 24 hours; if the driver confirms, you are refunded.",
    ),
    (
        "passenger_no_show",
        "absence passager|no-show passenger",
        "Mon passager n'est pas venu, vais-je être payé ?",
        "Déclarez l'absence du passager ; s'il confirme ou ne répond pas, vous recevez la "
        "contribution.",
        "My passenger did not come, will I be paid?",
        "Report the passenger's no-show; if they confirm or do not answer, you receive the "
        "contribution.",
    ),
    (
        "could_not_meet",
        "rendez-vous|meeting-point",
        "Nous ne nous sommes pas trouvés au point de rendez-vous",
        "Appelez ou écrivez à l'autre membre depuis la messagerie ; si le trajet n'a pas eu lieu, "
        "ouvrez une réclamation.",
        "We could not find each other at the meeting point",
        "Call or message the other member from the app; if the ride did not happen, open a claim.",
    ),
    (
        "driver_late",
        "retard|late",
        "Le conducteur est très en retard, que faire ?",
        "Contactez le conducteur ; au-delà de 30 minutes sans nouvelles vous pouvez partir et "
        "demander un remboursement.",
        "The driver is very late, what should I do?",
        "Contact the driver; after 30 minutes without news you may leave and ask for a refund.",
    ),
    (
        "detour",
        "itineraire|route",
        "Le conducteur a fait un détour sans me prévenir",
        "Un changement d'itinéraire non convenu peut donner lieu à un remboursement partiel.",
        "The driver made a detour without telling me",
        "A route change you did not agree to may lead to a partial refund.",
    ),
    (
        "double_charge",
        "paiement|payment",
        "J'ai été prélevé deux fois pour la même réservation",
        "Un double prélèvement est annulé automatiquement ; le montant revient sous 10 jours.",
        "I was charged twice for the same booking",
        "A duplicate charge is cancelled automatically; the money comes back within 10 days.",
    ),
    (
        "refund_delay",
        "remboursement|refund",
        "Quand vais-je recevoir mon remboursement ?",
        "Les remboursements arrivent sur votre moyen de paiement sous 10 jours ouvrés.",
        "When will I receive my refund?",
        "Refunds reach your payment method within 10 working days.",
    ),
    (
        "payout",
        "virement conducteur|payout driver",
        "Quand vais-je recevoir l'argent de mes passagers ?",
        "Le virement part 24 heures après le trajet si vos coordonnées bancaires sont renseignées.",
        "When do I get the money from my passengers?",
        "The transfer leaves 24 hours after the ride if your bank details are filled in.",
    ),
    (
        "bank_details",
        "virement compte|payout account",
        "Comment ajouter ou modifier mes coordonnées bancaires ?",
        "Dans Profil, Paiements, ajoutez votre IBAN ; il est vérifié avant le premier virement.",
        "How do I add or change my bank details?",
        "In Profile, Payments, add your IBAN; it is checked before the first transfer.",
    ),
    (
        "cash_payment",
        "paiement securite|payment safety",
        "Le conducteur me demande de payer en espèces",
        "Payez toujours dans l'application : hors plateforme, vous n'êtes pas protégé.",
        "The driver asks me to pay in cash",
        "Always pay in the app: off the platform you are not protected.",
    ),
    (
        "lost_item",
        "objet-oublie|lost-item",
        "J'ai oublié un objet dans la voiture",
        "Écrivez au conducteur depuis la messagerie ; les objets oubliés se rendent entre membres.",
        "I left something in the car",
        "Message the driver from the app; lost items are returned between members.",
    ),
    (
        "luggage",
        "bagages|luggage",
        "Combien de bagages puis-je emporter ?",
        "La taille des bagages acceptés est indiquée dans l'annonce ; prévenez le conducteur.",
        "How much luggage can I bring?",
        "The luggage size accepted is shown in the listing; tell the driver in advance.",
    ),
    (
        "pets",
        "animaux|pets",
        "Puis-je voyager avec mon chien ?",
        "Seulement si l'annonce accepte les animaux ; demandez au conducteur avant de réserver.",
        "Can I travel with my dog?",
        "Only if the listing accepts pets; ask the driver before booking.",
    ),
    (
        "smoking",
        "confort|comfort",
        "Le conducteur fumait dans la voiture alors que l'annonce était non-fumeur",
        "Laissez un avis et signalez-le ; en cas de récidive l'équipe intervient.",
        "The driver smoked in the car although the listing said non-smoking",
        "Leave a rating and report it; the team steps in on repeat.",
    ),
    (
        "dangerous_driving",
        "securite|safety",
        "Le conducteur conduisait de façon dangereuse",
        "Votre sécurité d'abord : appelez le 112 en cas d'urgence, puis signalez le conducteur.",
        "The driver was driving dangerously",
        "Your safety first: call 112 in an emergency, then report the driver.",
    ),
    (
        "book_seat",
        "reservation|booking",
        "Comment réserver une place ?",
        "Cherchez un trajet, choisissez un conducteur et appuyez sur Réserver.",
        "How do I book a seat?",
        "Search for a ride, choose a driver and tap Book.",
    ),
    (
        "booking_request",
        "reservation|booking",
        "Ma demande de réservation n'a pas encore été acceptée",
        "Le conducteur a quelques heures pour répondre ; sinon la demande expire sans frais.",
        "My booking request has not been accepted yet",
        "The driver has a few hours to answer; otherwise the request expires at no cost.",
    ),
    (
        "publish_ride",
        "conducteur annonce|driver listing",
        "Comment publier un trajet en tant que conducteur ?",
        "Appuyez sur Proposer, indiquez l'itinéraire, l'heure, le prix et le nombre de places.",
        "How do I offer a ride as a driver?",
        "Tap Offer, enter the route, the time, the price and the number of seats.",
    ),
    (
        "price",
        "prix|price",
        "Comment est calculé le prix du trajet ?",
        "Un prix conseillé est proposé selon la distance ; le conducteur peut l'ajuster.",
        "How is the price of a ride calculated?",
        "A recommended price is suggested from the distance; the driver may adjust it.",
    ),
    (
        "phone_number",
        "compte|account",
        "Comment changer mon numéro de téléphone ?",
        "Dans Profil, modifiez le numéro puis confirmez-le avec le code reçu par SMS.",
        "How do I change my phone number?",
        "In Profile, edit the number and confirm it with the code sent by text message.",
    ),
    (
        "password",
        "compte|account",
        "J'ai oublié mon mot de passe",
        "Appuyez sur Mot de passe oublié ; un lien de réinitialisation est envoyé par e-mail.",
        "I forgot my password",
        "Tap Forgot password; a reset link is sent by e-mail.",
    ),
    (
        "delete_account",
        "compte|account",
        "Comment supprimer mon compte ?",
        "Dans Paramètres, Fermer le compte ; vos données sont effacées selon la loi.",
        "How do I delete my account?",
        "In Settings, Close account; your data is erased as the law requires.",
    ),
    (
        "id_verification",
        "verification|verification",
        "Pourquoi dois-je vérifier ma pièce d'identité ?",
        "La vérification renforce la confiance ; elle prend quelques minutes dans le profil.",
        "Why must I verify my ID?",
        "Verification builds trust; it takes a few minutes in your profile.",
    ),
    (
        "ratings",
        "avis|rating review",
        "Comment laisser un avis après un trajet ?",
        "Après le trajet, une invitation à noter l'autre membre arrive dans vos messages.",
        "How do I leave a rating after a ride?",
        "After the ride, an invitation to rate the other member arrives in your messages.",
    ),
    (
        "unfair_review",
        "avis|rating review",
        "J'ai reçu un avis injuste",
        "Vous pouvez répondre publiquement ; un avis contraire aux règles peut être retiré.",
        "I received an unfair review",
        "You can reply publicly; a review that breaks the rules can be removed.",
    ),
    (
        "account_suspended",
        "compte|account",
        "Mon compte a été suspendu",
        "Une suspension suit un signalement ou des annulations répétées ; contactez l'équipe.",
        "My account was suspended",
        "A suspension follows a report or repeated cancellations; contact the team.",
    ),
    (
        "damage",
        "dommage|damage",
        "Un passager a abîmé ma voiture",
        "Déclarez le dommage avec des photos ; le passager peut accepter le montant demandé.",
        "A passenger damaged my car",
        "Report the damage with photos; the passenger may accept the amount you ask.",
    ),
)

SITUATIONS = {
    "fr": (
        "",
        " pour un trajet à l'étranger",
        " en tant que nouveau membre",
        " depuis l'application mobile",
        " pour un trajet réservé la veille",
        " pour une réservation de plusieurs places",
        " pendant les vacances",
        " pour un trajet domicile-travail",
    ),
    "en": (
        "",
        " for a ride abroad",
        " as a new member",
        " from the mobile app",
        " for a ride booked the day before",
        " for a booking of several seats",
        " during the holidays",
        " for a daily commute",
    ),
}
NOTES = {
    "fr": "Cette situation suit les mêmes règles ; l'équipe peut vous aider si besoin.",
    "en": "This situation follows the same rules; the team can help if needed.",
}

# What members really type, with the topic they are after (typos aside).
QUERIES = {
    "fr": (
        ("mon conducteur a annulé, je suis remboursé ?", "driver_cancelled"),
        ("comment annuler ma reservation", "passenger_cancel"),
        ("le conducteur n'est pas venu", "driver_no_show"),
        ("passager absent je serai payé", "passenger_no_show"),
        ("prélevé deux fois", "double_charge"),
        ("quand je recois mon remboursement", "refund_delay"),
        ("changer mon numero de telephone", "phone_number"),
        ("j'ai oublié mon sac dans la voiture", "lost_item"),
        ("le conducteur veut du liquide, payer en especes", "cash_payment"),
        ("supprimer mon compte", "delete_account"),
        ("avis injuste", "unfair_review"),
        ("voyager avec un chien", "pets"),
    ),
    "en": (
        ("my driver cancelled, refund?", "driver_cancelled"),
        ("cancel my booking", "passenger_cancel"),
        ("driver didn't show up", "driver_no_show"),
        ("charged twice", "double_charge"),
        ("when will I get my refund", "refund_delay"),
        ("change phone number", "phone_number"),
        ("left my bag in the car", "lost_item"),
        ("forgot password", "password"),
        ("unfair review", "unfair_review"),
        ("travel with my dog", "pets"),
    ),
}


def corpus(variants: int) -> list[Article]:
    """Published articles: every topic in `variants` situations, in French and English."""
    articles = []
    for topic, tags, fr_q, fr_a, en_q, en_a in TOPICS:
        fr_tags, en_tags = tags.split("|")
        for lang, question, answer, lang_tags in (
            ("fr", fr_q, fr_a, fr_tags),
            ("en", en_q, en_a, en_tags),
        ):
            for i, situation in enumerate(SITUATIONS[lang][:variants]):
                q = question.rstrip(" ?") + situation + (" ?" if question.endswith("?") else "")
                a = answer + (f" {NOTES[lang]}" if situation else "")
                articles.append(
                    Article(
                        article_id=f"{topic}-{lang}-{i}",
                        lang=lang,
                        question=q,
                        answer=a,
                        tags=tuple(lang_tags.split()),
                        status=ArticleStatus.PUBLISHED,
                        created_by="s-1",
                        created_at=0.0,
                        updated_at=0.0,
                        published_at=0.0,
                        topic=topic,
                    )
                )
    return articles


def keystrokes(index: SuggestionIndex) -> tuple[list[float], int, int, list[str]]:
    """Type every query one character at a time; (latencies, hits at 1, at 3, misses)."""
    latencies: list[float] = []
    hit1 = hit3 = 0
    misses = []
    for lang, queries in QUERIES.items():
        for text, topic in queries:
            found = []
            for end in range(1, len(text) + 1):
                started = time.perf_counter()
                found = index.suggest(text[:end], lang, 5)
                latencies.append(time.perf_counter() - started)
            topics = [s.article_id.rsplit("-", 2)[0] for s in found]
            hit1 += topics[:1] == [topic]
            hit3 += topic in topics[:3]
            if topics[:1] != [topic]:
                misses.append(f"“{text}” ({lang}) gave {topics[0] if topics else 'nothing'}")
    return latencies, hit1, hit3, misses


def percentile_us(values: list[float], q: float) -> float:
    """Nearest-rank percentile in microseconds."""
    ordered = sorted(values)
    return ordered[max(0, round(q * len(ordered)) - 1)] * 1e6


def main() -> None:
    """Build, type, print and record."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variants", type=int, default=6, help="situations per topic (1-8)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    articles = corpus(args.variants)
    started = time.perf_counter()
    index = SuggestionIndex(articles)
    build = time.perf_counter() - started
    cold, hit1, hit3, misses = keystrokes(
        index
    )  # first pass: every word stemmed for the first time
    warm = []
    for _ in range(5):
        warm += keystrokes(index)[0]
    queries = sum(len(q) for q in QUERIES.values())
    rows = [
        ("first pass (stem cache cold)", cold),
        ("next 5 passes (warm)", warm),
    ]
    table = "\n".join(
        f"| {name} | {len(v)} | {percentile_us(v, 0.5):.0f} | {percentile_us(v, 0.95):.0f} | "
        f"{percentile_us(v, 0.99):.0f} | {max(v) * 1e6:.0f} | {statistics.fmean(v) * 1e6:.0f} |"
        for name, v in rows
    )
    missed = "; ".join(misses) or "none"
    markdown = f"""## Knowledge-base suggestions (`GET /kb/suggest`, in-process)

`python -m bench.kb_suggest --variants {args.variants}` — {machine()}.
Corpus: {len(articles)} published articles ({len(TOPICS)} help topics × {args.variants}
situations × French and English). Index build: {build * 1000:.0f} ms (once per container, and
again when the published revision changes). {queries} realistic questions typed one character
at a time, each prefix one call, as the widget calls on every keystroke.

| pass | calls | p50 µs | p95 µs | p99 µs | max µs | mean µs |
|---|---|---|---|---|---|---|
{table}

Relevance of the full question: right topic first for {hit1}/{queries}, in the top 3 for
{hit3}/{queries}. Misses: {missed} — words the article does not use (stemming joins the forms
of a word, not synonyms: staff add such words as tags).

A keystroke's budget is the network round trip (tens of milliseconds); ranking takes a small
fraction of a millisecond of it. The endpoint costs one Lambda invocation per call and no
storage read (the published revision is checked at most every 30 s).
"""
    print(markdown)
    if not args.no_write:
        write_section("kb", markdown)


if __name__ == "__main__":
    main()
