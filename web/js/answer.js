// The page behind the SMS link (`answer.html#/<claim_id>?code=<code>`): the other party of a
// claim confirms or disputes it without signing in. The single-use code is checked by
// GET /claims/{id}/question (which does not use it) and spent by POST /claims/{id}/response.
import { Api, ApiError } from "./protocol.js";

const STRINGS = {
  fr: {
    title: "Réclamation sur votre trajet",
    deadline: "Répondez avant le {date}.",
    comment: "Un commentaire (facultatif)",
    confirm: "Je confirme",
    dispute: "Je conteste",
    thanks: "Merci, votre réponse est enregistrée. Vous pouvez fermer cette page.",
    invalid: "Ce lien n'est plus valable (déjà utilisé ou expiré).",
    late: "Le délai pour répondre est dépassé : un conseiller prend le relais.",
    locked:
      "Trop de codes faux ont été saisis : ce lien est bloqué pour un moment. Pour répondre, " +
      "connectez-vous à l'application Entraide (aucun code n'est nécessaire) ou contactez l'assistance.",
    failed: "Votre réponse n'a pas pu être envoyée. Réessayez dans un instant.",
  },
  en: {
    title: "A claim about your trip",
    deadline: "Please answer before {date}.",
    comment: "A comment (optional)",
    confirm: "I confirm",
    dispute: "I dispute",
    thanks: "Thank you, your answer is recorded. You may close this page.",
    invalid: "This link is no longer valid (already used or expired).",
    late: "The time to answer is over: an agent is taking over.",
    locked:
      "Too many wrong codes were entered: this link is locked for a while. To answer, sign in " +
      "to the Entraide app (no code needed) or contact support.",
    failed: "Your answer could not be sent. Please try again in a moment.",
  },
};

const $ = (id) => document.getElementById(id);

function parseLink() {
  const match = location.hash.match(/^#\/?([^?]+)\?code=([^&]+)/);
  return match ? { claimId: decodeURIComponent(match[1]), code: decodeURIComponent(match[2]) } : null;
}

async function main() {
  let config = {};
  try {
    const response = await fetch(new URL("config.json", location.href), { cache: "no-store" });
    if (response.ok) config = await response.json();
  } catch {
    /* same-origin API */
  }
  const api = new Api(config.rest || "");
  const link = parseLink();
  let s = STRINGS[navigator.language?.startsWith("en") ? "en" : "fr"];
  const show = (key) => {
    $("result").textContent = s[key];
  };
  $("title").textContent = s.title;
  if (!link) return show("invalid");
  let question;
  try {
    question = await api.get(`/claims/${encodeURIComponent(link.claimId)}/question`, {
      code: link.code,
    });
  } catch (error) {
    $("question").textContent = "";
    if (error instanceof ApiError && error.status === 429) return show("locked");
    return show(error instanceof ApiError && error.status === 409 ? "late" : "invalid");
  }
  s = STRINGS[question.lang] || s;
  document.documentElement.lang = question.lang;
  $("title").textContent = s.title;
  $("question").textContent = question.question;
  if (question.expires_at) {
    const date = new Date(question.expires_at).toLocaleString(question.lang);
    $("deadline").textContent = s.deadline.replace("{date}", date);
  }
  $("comment-label").textContent = s.comment;
  $("confirm").textContent = s.confirm;
  $("dispute").textContent = s.dispute;
  $("answer-form").hidden = false;
  const answer = async (confirm) => {
    for (const button of [$("confirm"), $("dispute")]) button.disabled = true;
    try {
      await api.request("POST", `/claims/${encodeURIComponent(link.claimId)}/response`, {
        query: { code: link.code },
        body: { confirm, comment: $("comment").value.trim() || undefined },
      });
      $("answer-form").hidden = true;
      show("thanks");
    } catch (error) {
      const code = error instanceof ApiError ? error.code : "";
      if (code === "invalid_code") show("invalid");
      else if (code === "rate_limited") show("locked");
      else if (code === "too_late" || code === "already_answered") show("late");
      else {
        show("failed");
        for (const button of [$("confirm"), $("dispute")]) button.disabled = false;
      }
    }
  };
  $("confirm").addEventListener("click", () => answer(true));
  $("dispute").addEventListener("click", () => answer(false));
}

main();
