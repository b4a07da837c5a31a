// French and English strings of the three clients, and the little machinery that applies them.
// Static text carries `data-i18n="key"`; dynamic text is created with `tr(el, key, vars)`, so a
// language switch re-translates everything on the page without re-rendering it.

const STRINGS = {
  en: {
    "app.name": "Entraide",
    "app.skip": "Skip to content",
    "lang.switch": "Language",
    "lang.fr": "Français",
    "lang.en": "English",
    "signin.as": "Sign in as",
    "signin.choose": "— choose —",
    "signin.needed": "Choose who you are in the “Sign in as” list (local demo).",
    "signin.waiting": "Waiting for the app to sign you in…",
    "signin.expired": "Your session has expired. Sign in again.",
    "signin.you": "Signed in as {id}",
    "conn.online": "Connected",
    "conn.connecting": "Connecting…",
    "conn.offline": "Offline — reconnecting…",
    "conn.stopped": "Disconnected",
    "err.network": "The service cannot be reached. Check your connection and try again.",
    "err.generic": "Something went wrong ({code}).",
    "err.disconnected": "You are offline: try again once the connection is back.",
    "err.timeout": "The service did not answer in time: try again.",
    "err.rate_limited": "You are sending too fast. Wait a moment and try again.",
    "err.conversation_closed": "This conversation is closed.",
    "err.forbidden": "You are not allowed to do this.",
    "err.not_participant": "You are not a participant of this conversation.",
    "err.consent_required": "Please accept the conditions to ask your question.",
    "err.message_blocked": "This message cannot be sent: it breaks the community rules.",
    "err.already_taken": "Another Helper already took this request.",
    "err.not_available": "Set yourself available before accepting.",
    "err.at_capacity": "You are at your capacity: close a conversation first.",
    "err.already_rated": "You already rated this conversation.",
    "err.not_approved": "This is outside your approved Helper profile.",
    "topic.booking": "A booking",
    "topic.payment": "A payment",
    "topic.account": "My account",
    "topic.trip": "A trip",
    "topic.safety": "Safety",
    "topic.other": "Something else",
    "role.member": "Member",
    "role.helper": "Helper",
    "role.agent": "Agent",
    "role.supervisor": "Supervisor",
    "role.admin": "Admin",
    "role.company": "Entraide team",
    "verdict.mask": "Personal data was masked",
    "verdict.review": "Sent; a moderator will review it",
    "verdict.removed": "Removed by a moderator",
    "verdict.block": "Blocked: not sent (community rules)",
    "verdict.sending": "Sending…",
    "verdict.waiting": "Waiting for the connection…",
    "chat.log": "Messages",
    "chat.you": "You",
    "chat.message": "Your message",
    "chat.placeholder": "Write a message…",
    "chat.send": "Send",
    "chat.meta": "{name} · {time}",
    "chat.joined": "{who} joined the conversation",
    "chat.helper_joined": "{name} is answering",
    "chat.escalated": "Sent to Member Relations: answer by {due}",
    "chat.closed": "The conversation was closed",
    "chat.escalate": "Escalate to Member Relations",
    "chat.reason": "Why? (seen by Member Relations)",
    "chat.escalate_go": "Escalate",
    "chat.close": "Close the conversation",
    "chat.cancel": "Cancel",
    "chat.resynced": "{count} missed message(s) recovered",
    "member.title": "Need help? Our Helpers answer live",
    "member.lead":
      "Helpers are experienced members who volunteer to help others. They usually answer within seconds.",
    "member.topic": "Topic",
    "member.lang": "Language of the conversation",
    "member.question": "Your question",
    "member.question_hint": "Do not write phone numbers, e-mail addresses or bank details.",
    "member.suggestions": "These articles may already answer your question:",
    "member.disclaimer":
      "Answers come from volunteer members: they are their own advice and not professional advice. The conversation may be read by the company and by authorised Helpers.",
    "member.consent": "I have read and I accept these conditions",
    "member.open": "Ask a Helper",
    "member.queued": "Looking for an available Helper…",
    "member.queued_position": "Looking for an available Helper… (position {position})",
    "member.assigned": "{name} is answering you",
    "member.assigned_anon": "A Helper is answering you",
    "member.escalated": "Your question was sent to Member Relations. They answer by {due}.",
    "member.closed": "This conversation is closed.",
    "member.rate_title": "Did this conversation help you?",
    "member.rate_score": "Your rating, from 1 (not at all) to 5 (very much)",
    "member.rate_star": "{n} out of 5",
    "member.rate_comment": "Comment (optional)",
    "member.rate_send": "Send my rating",
    "member.rate_thanks": "Thank you for your feedback!",
    "member.new": "Ask another question",
    "member.erase_title": "My data",
    "member.erase_lead":
      "Erase everything you wrote and gave here: your messages, claims' texts, profile and phone. Gesture records are kept, without your details, for accounting.",
    "member.erase": "Erase my data",
    "member.erase_confirm":
      "Erase all your data? Your open conversation and open claims will be closed. This cannot be undone.",
    "member.erase_done": "Your data was erased.",
    "claims.title": "A problem with a trip?",
    "claims.lead":
      "Report it here. We ask the other party to confirm; when they do, it is settled automatically.",
    "claims.booking": "Booking reference",
    "claims.problem": "What happened?",
    "claims.as_passenger": "As a passenger",
    "claims.as_driver": "As a driver",
    "claims.choose": "— choose —",
    "claims.yes": "Yes",
    "claims.no": "No",
    "claims.hold": "Block the payment now",
    "claims.file": "Report the problem",
    "claims.mine": "My claims",
    "claims.refresh": "Refresh",
    "claims.item": "Claim {id} — {problem}",
    "claims.status": "Status: {status}",
    "claims.status.awaiting_counterpart": "waiting for the other party",
    "claims.status.escalated": "with an agent",
    "claims.status.awaiting_approval": "awaiting a supervisor's approval",
    "claims.status.settled": "settled",
    "claims.status.closed": "closed",
    "claims.asked": "The other party reported a problem: {problem}",
    "claims.confirm": "I confirm",
    "claims.dispute": "I dispute it",
    "claims.answered": "Thank you, your answer was recorded.",
    "helper.title": "Helper console",
    "helper.lead": "Set your availability, accept requests and answer several members at once.",
    "helper.presence": "My availability",
    "helper.status": "Status",
    "presence.available": "Available",
    "presence.away": "Away",
    "presence.offline": "Offline",
    "helper.capacity": "Conversations at once",
    "helper.presence_now":
      "{status}: topics {topics}; languages {languages}; up to {capacity} conversation(s).",
    "helper.offers": "Incoming requests",
    "helper.no_offers": "No request right now.",
    "helper.accept": "Accept",
    "helper.offer_meta": "{topic} · {lang}",
    "helper.new_offer": "New request: {topic}",
    "helper.withdrawn": "A request was taken by someone else",
    "helper.conversations": "My conversations",
    "helper.no_conversations": "No conversation yet. Accept a request to start.",
    "helper.pane": "{topic} · {lang} — member",
    "helper.dismiss": "Remove",
    "staff.title": "Staff console",
    "staff.lead": "Queue, conversations of the day, transcripts, and the company voice.",
    "staff.queue": "Member Relations queue",
    "staff.queue_empty": "The queue is empty.",
    "staff.refresh": "Refresh",
    "staff.conversations": "Conversations of the day",
    "staff.day": "Day",
    "staff.status": "Status",
    "staff.all": "All",
    "status.waiting": "Waiting",
    "status.assigned": "In progress",
    "status.escalated": "Escalated",
    "status.closed": "Closed",
    "staff.col.opened": "Opened",
    "staff.col.member": "Member",
    "staff.col.topic": "Topic",
    "staff.col.lang": "Lang.",
    "staff.col.status": "Status",
    "staff.col.helper": "Helper",
    "staff.col.messages": "Msgs",
    "staff.col.rating": "Rating",
    "staff.col.due": "Due",
    "staff.col.kind": "Kind",
    "staff.col.reason": "Reason",
    "staff.col.action": "Action",
    "staff.kind.conversation": "Chat",
    "staff.kind.claim": "Claim",
    "staff.open": "Open",
    "staff.empty": "Nothing for this day.",
    "staff.transcript": "Transcript",
    "staff.pick": "Open a conversation to read its transcript.",
    "staff.meta": "{id} — {topic} · {lang} — {status}",
    "staff.participants": "Participants: {list}",
    "staff.join": "Join as the company voice",
    "staff.joined": "You joined this conversation: you can write as the Entraide team.",
    "staff.close": "Close the conversation",
    "staff.reload": "Reload the transcript",
    "staff.claim": "Claim {id}: {status}",
    "staff.moderation": "Moderation check",
    "staff.mod_text": "Text to check (a dry run: nothing is stored)",
    "staff.mod_lang": "Language",
    "staff.mod_check": "Check",
    "staff.mod_verdict": "Verdict: {verdict}",
    "staff.mod_stored": "Would be stored as: {text}",
    "staff.mod_reasons": "Reasons: {reasons}",
    "staff.mod_queue": "Moderation queue",
    "staff.mod_queue_empty": "Nothing to review.",
    "staff.mod_restore": "Restore",
    "staff.mod_confirm": "Remove",
    "staff.mod_warn": "Remove and warn",
    "staff.mod_suspend": "Remove and suspend",
    "staff.metrics": "The last 24 hours",
    "staff.audit": "Audit log of the day",
    "staff.audit_empty": "No entry today.",
    "index.title": "Entraide web clients",
    "index.lead": "Three static clients of the Entraide API, in French and English.",
    "index.member": "Member widget",
    "index.member_d": "Ask a question, chat live with a Helper, report a problem with a trip.",
    "index.helper": "Helper console",
    "index.helper_d": "Set your availability, accept requests, answer several members at once.",
    "index.staff": "Staff console",
    "index.staff_d":
      "Queue, conversations of the day, transcripts, join as the company voice, moderation.",
  },
  fr: {
    "app.name": "Entraide",
    "app.skip": "Aller au contenu",
    "lang.switch": "Langue",
    "lang.fr": "Français",
    "lang.en": "English",
    "signin.as": "Se connecter en tant que",
    "signin.choose": "— choisir —",
    "signin.needed": "Choisissez qui vous êtes dans la liste « Se connecter en tant que » (démo locale).",
    "signin.waiting": "En attente de l'identification par l'application…",
    "signin.expired": "Votre session a expiré. Reconnectez-vous.",
    "signin.you": "Connecté en tant que {id}",
    "conn.online": "Connecté",
    "conn.connecting": "Connexion…",
    "conn.offline": "Hors ligne — reconnexion…",
    "conn.stopped": "Déconnecté",
    "err.network": "Le service est injoignable. Vérifiez votre connexion et réessayez.",
    "err.generic": "Une erreur est survenue ({code}).",
    "err.disconnected": "Vous êtes hors ligne : réessayez quand la connexion sera revenue.",
    "err.timeout": "Le service n'a pas répondu à temps : réessayez.",
    "err.rate_limited": "Vous envoyez trop vite. Patientez un instant puis réessayez.",
    "err.conversation_closed": "Cette conversation est fermée.",
    "err.forbidden": "Vous n'avez pas le droit de faire cela.",
    "err.not_participant": "Vous ne participez pas à cette conversation.",
    "err.consent_required": "Veuillez accepter les conditions pour poser votre question.",
    "err.message_blocked":
      "Ce message ne peut pas être envoyé : il enfreint les règles de la communauté.",
    "err.already_taken": "Un autre Helper a déjà pris cette demande.",
    "err.not_available": "Passez en « disponible » avant d'accepter.",
    "err.at_capacity": "Vous êtes à votre capacité : fermez d'abord une conversation.",
    "err.already_rated": "Vous avez déjà noté cette conversation.",
    "err.not_approved": "Cela sort de votre profil de Helper approuvé.",
    "topic.booking": "Une réservation",
    "topic.payment": "Un paiement",
    "topic.account": "Mon compte",
    "topic.trip": "Un trajet",
    "topic.safety": "Sécurité",
    "topic.other": "Autre chose",
    "role.member": "Membre",
    "role.helper": "Helper",
    "role.agent": "Agent",
    "role.supervisor": "Superviseur",
    "role.admin": "Admin",
    "role.company": "L'équipe Entraide",
    "verdict.mask": "Des données personnelles ont été masquées",
    "verdict.review": "Envoyé ; un modérateur va le relire",
    "verdict.removed": "Retiré par un modérateur",
    "verdict.block": "Bloqué : non envoyé (règles de la communauté)",
    "verdict.sending": "Envoi…",
    "verdict.waiting": "En attente de la connexion…",
    "chat.log": "Messages",
    "chat.you": "Vous",
    "chat.message": "Votre message",
    "chat.placeholder": "Écrivez un message…",
    "chat.send": "Envoyer",
    "chat.meta": "{name} · {time}",
    "chat.joined": "{who} a rejoint la conversation",
    "chat.helper_joined": "{name} vous répond",
    "chat.escalated": "Transmis au Service Membres : réponse d'ici le {due}",
    "chat.closed": "La conversation a été fermée",
    "chat.escalate": "Transmettre au Service Membres",
    "chat.reason": "Pourquoi ? (lu par le Service Membres)",
    "chat.escalate_go": "Transmettre",
    "chat.close": "Fermer la conversation",
    "chat.cancel": "Annuler",
    "chat.resynced": "{count} message(s) manqué(s) récupéré(s)",
    "member.title": "Besoin d'aide ? Nos Helpers répondent en direct",
    "member.lead":
      "Les Helpers sont des membres expérimentés qui aident bénévolement. Ils répondent en général en quelques secondes.",
    "member.topic": "Sujet",
    "member.lang": "Langue de la conversation",
    "member.question": "Votre question",
    "member.question_hint":
      "N'écrivez ni numéro de téléphone, ni adresse e-mail, ni coordonnées bancaires.",
    "member.suggestions": "Ces articles répondent peut-être déjà à votre question :",
    "member.disclaimer":
      "Les réponses viennent de membres bénévoles : ce sont leurs propres conseils et non des conseils professionnels. La conversation peut être lue par l'entreprise et par des Helpers autorisés.",
    "member.consent": "J'ai lu et j'accepte ces conditions",
    "member.open": "Demander à un Helper",
    "member.queued": "Nous cherchons un Helper disponible…",
    "member.queued_position": "Nous cherchons un Helper disponible… (position {position})",
    "member.assigned": "{name} vous répond",
    "member.assigned_anon": "Un Helper vous répond",
    "member.escalated":
      "Votre question a été transmise au Service Membres. Réponse d'ici le {due}.",
    "member.closed": "Cette conversation est fermée.",
    "member.rate_title": "Cette conversation vous a-t-elle aidé ?",
    "member.rate_score": "Votre note, de 1 (pas du tout) à 5 (beaucoup)",
    "member.rate_star": "{n} sur 5",
    "member.rate_comment": "Commentaire (facultatif)",
    "member.rate_send": "Envoyer ma note",
    "member.rate_thanks": "Merci pour votre avis !",
    "member.new": "Poser une autre question",
    "member.erase_title": "Mes données",
    "member.erase_lead":
      "Effacer tout ce que vous avez écrit et donné ici : vos messages, les textes de vos réclamations, votre profil et votre téléphone. Les gestes commerciaux restent enregistrés, sans vos coordonnées, pour la comptabilité.",
    "member.erase": "Effacer mes données",
    "member.erase_confirm":
      "Effacer toutes vos données ? Votre conversation et vos réclamations en cours seront fermées. C'est définitif.",
    "member.erase_done": "Vos données ont été effacées.",
    "claims.title": "Un problème avec un trajet ?",
    "claims.lead":
      "Signalez-le ici. Nous demandons à l'autre partie de confirmer ; si elle confirme, c'est réglé automatiquement.",
    "claims.booking": "Référence de la réservation",
    "claims.problem": "Que s'est-il passé ?",
    "claims.as_passenger": "En tant que passager",
    "claims.as_driver": "En tant que conducteur",
    "claims.choose": "— choisir —",
    "claims.yes": "Oui",
    "claims.no": "Non",
    "claims.hold": "Bloquer le paiement maintenant",
    "claims.file": "Signaler le problème",
    "claims.mine": "Mes réclamations",
    "claims.refresh": "Actualiser",
    "claims.item": "Réclamation {id} — {problem}",
    "claims.status": "Statut : {status}",
    "claims.status.awaiting_counterpart": "en attente de l'autre partie",
    "claims.status.escalated": "chez un agent",
    "claims.status.awaiting_approval": "en attente de l'accord d'un superviseur",
    "claims.status.settled": "réglée",
    "claims.status.closed": "fermée",
    "claims.asked": "L'autre partie a signalé un problème : {problem}",
    "claims.confirm": "Je confirme",
    "claims.dispute": "Je conteste",
    "claims.answered": "Merci, votre réponse est enregistrée.",
    "helper.title": "Console Helper",
    "helper.lead":
      "Indiquez votre disponibilité, acceptez des demandes et répondez à plusieurs membres à la fois.",
    "helper.presence": "Ma disponibilité",
    "helper.status": "Statut",
    "presence.available": "Disponible",
    "presence.away": "Absent",
    "presence.offline": "Hors ligne",
    "helper.capacity": "Conversations simultanées",
    "helper.presence_now":
      "{status} : sujets {topics} ; langues {languages} ; jusqu'à {capacity} conversation(s).",
    "helper.offers": "Demandes entrantes",
    "helper.no_offers": "Aucune demande pour l'instant.",
    "helper.accept": "Accepter",
    "helper.offer_meta": "{topic} · {lang}",
    "helper.new_offer": "Nouvelle demande : {topic}",
    "helper.withdrawn": "Une demande a été prise par quelqu'un d'autre",
    "helper.conversations": "Mes conversations",
    "helper.no_conversations": "Aucune conversation. Acceptez une demande pour commencer.",
    "helper.pane": "{topic} · {lang} — membre",
    "helper.dismiss": "Retirer",
    "staff.title": "Console équipe",
    "staff.lead": "File d'attente, conversations du jour, transcriptions et voix de l'entreprise.",
    "staff.queue": "File du Service Membres",
    "staff.queue_empty": "La file est vide.",
    "staff.refresh": "Actualiser",
    "staff.conversations": "Conversations du jour",
    "staff.day": "Jour",
    "staff.status": "Statut",
    "staff.all": "Tous",
    "status.waiting": "En attente",
    "status.assigned": "En cours",
    "status.escalated": "Transmise",
    "status.closed": "Fermée",
    "staff.col.opened": "Ouverte",
    "staff.col.member": "Membre",
    "staff.col.topic": "Sujet",
    "staff.col.lang": "Langue",
    "staff.col.status": "Statut",
    "staff.col.helper": "Helper",
    "staff.col.messages": "Msg",
    "staff.col.rating": "Note",
    "staff.col.due": "Échéance",
    "staff.col.kind": "Type",
    "staff.col.reason": "Motif",
    "staff.col.action": "Action",
    "staff.kind.conversation": "Chat",
    "staff.kind.claim": "Réclamation",
    "staff.open": "Ouvrir",
    "staff.empty": "Rien pour ce jour.",
    "staff.transcript": "Transcription",
    "staff.pick": "Ouvrez une conversation pour lire sa transcription.",
    "staff.meta": "{id} — {topic} · {lang} — {status}",
    "staff.participants": "Participants : {list}",
    "staff.join": "Rejoindre au nom de l'entreprise",
    "staff.joined":
      "Vous avez rejoint cette conversation : vous écrivez au nom de l'équipe Entraide.",
    "staff.close": "Fermer la conversation",
    "staff.reload": "Recharger la transcription",
    "staff.claim": "Réclamation {id} : {status}",
    "staff.moderation": "Test de modération",
    "staff.mod_text": "Texte à vérifier (à blanc : rien n'est enregistré)",
    "staff.mod_lang": "Langue",
    "staff.mod_check": "Vérifier",
    "staff.mod_verdict": "Verdict : {verdict}",
    "staff.mod_stored": "Serait enregistré ainsi : {text}",
    "staff.mod_reasons": "Motifs : {reasons}",
    "staff.mod_queue": "File de modération",
    "staff.mod_queue_empty": "Rien à relire.",
    "staff.mod_restore": "Rétablir",
    "staff.mod_confirm": "Retirer",
    "staff.mod_warn": "Retirer et avertir",
    "staff.mod_suspend": "Retirer et suspendre",
    "staff.metrics": "Les dernières 24 heures",
    "staff.audit": "Journal d'audit du jour",
    "staff.audit_empty": "Aucune entrée aujourd'hui.",
    "index.title": "Clients web Entraide",
    "index.lead": "Trois clients statiques de l'API Entraide, en français et en anglais.",
    "index.member": "Widget membre",
    "index.member_d":
      "Poser une question, discuter en direct avec un Helper, signaler un problème de trajet.",
    "index.helper": "Console Helper",
    "index.helper_d":
      "Indiquer sa disponibilité, accepter des demandes, répondre à plusieurs membres à la fois.",
    "index.staff": "Console équipe",
    "index.staff_d":
      "File d'attente, conversations du jour, transcriptions, voix de l'entreprise, modération.",
  },
};

export const LANGS = ["fr", "en"];
const STORE_KEY = "entraide.lang";
const listeners = new Set();
let current = initialLang();

function initialLang() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (LANGS.includes(asked)) return asked;
  try {
    const saved = localStorage.getItem(STORE_KEY);
    if (LANGS.includes(saved)) return saved;
  } catch {
    /* storage may be disabled */
  }
  return (navigator.language || "en").toLowerCase().startsWith("fr") ? "fr" : "en";
}

/** The current UI language. */
export function lang() {
  return current;
}

/** Format an ISO-8601 string or epoch seconds as a date and time in the UI language. */
export function formatDate(value, withDate = true) {
  if (value === null || value === undefined || value === "") return "";
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const options = withDate
    ? { dateStyle: "medium", timeStyle: "short" }
    : { hour: "2-digit", minute: "2-digit" };
  return new Intl.DateTimeFormat(current === "fr" ? "fr-FR" : "en-GB", options).format(date);
}

function resolve(value) {
  if (value && typeof value === "object") {
    if ("date" in value) return formatDate(value.date);
    if ("time" in value) return formatDate(value.time, false);
    if ("t" in value) return t(value.t, value.vars || {});
    if ("list" in value) return value.list.map(resolve).join(", ");
  }
  return value === null || value === undefined ? "" : String(value);
}

/** The string of `key` in the current language, `{name}` placeholders filled from `vars`.
 * A var may be {date: iso}, {time: iso}, {t: key} or {list: [...]}: resolved at render time. */
export function t(key, vars = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => resolve(vars[name]));
}

/** Whether a key exists (used to translate server codes when we know them). */
export function has(key) {
  return key in STRINGS.en;
}

/** Mark an element as translated text and fill it; it follows later language switches. */
export function tr(el, key, vars) {
  el.dataset.i18n = key;
  if (vars && Object.keys(vars).length) el.dataset.i18nVars = JSON.stringify(vars);
  else delete el.dataset.i18nVars;
  el.textContent = t(key, vars);
  return el;
}

/** Empty an element and stop translating it. */
export function untr(el) {
  delete el.dataset.i18n;
  delete el.dataset.i18nVars;
  el.textContent = "";
  return el;
}

/** Re-translate every marked element below `root`. */
export function translate(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) {
    const vars = el.dataset.i18nVars ? JSON.parse(el.dataset.i18nVars) : {};
    el.textContent = t(el.dataset.i18n, vars);
  }
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split("=");
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
  const title = document.querySelector("title[data-i18n-title]");
  if (title) document.title = t(title.dataset.i18nTitle);
}

/** Switch the UI language (and remember it on this device). */
export function setLang(next) {
  if (!LANGS.includes(next)) return;
  current = next;
  try {
    localStorage.setItem(STORE_KEY, next);
  } catch {
    /* storage may be disabled */
  }
  document.documentElement.lang = next;
  translate(document);
  for (const fn of listeners) fn(next);
}

/** Run `fn(lang)` after every language switch. */
export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
