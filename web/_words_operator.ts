/**
 * The operator's view's words (`web/operator.tsx`), in English and in
 * French; `_words_en.ts` and `_words_fr.ts` take them in, so `t` reads them
 * like every other key.
 * @module
 */

/** The English words of the operator's view. */
export const OPERATOR_EN = {
  "op.link": "Operator",
  "op.title": "The operator's view",
  "op.denied":
    "The operator's view needs the admin token: enter the server's ADMIN_TOKEN in the token form above.",
  "op.loading": "Loading the numbers…",
  "op.error": "The numbers could not be read: {error}",
  "op.updated": "Updated every second; at {time}.",
  "op.connections": "Connections",
  "op.protocol": "Protocol",
  "op.type": "Client type",
  "op.count": "Open",
  "op.none": "None.",
  "op.games": "Games",
  "op.status": "Status",
  "op.calls": "Calls",
  "op.calls.total":
    "{total} calls answered since the start, {errors} of them with an error.",
  "op.chart":
    "Calls and errors per second, a point every {seconds} s, since {time}",
  "op.chart.calls": "calls/s",
  "op.chart.errors": "{code}/s",
  "op.slow": "Slow consumers cut: {count}",
  "op.clients": "Connected clients",
  "op.clients.caption": "{shown} of {total}, oldest first",
  "op.client": "Client",
  "op.address": "Address",
  "op.game": "Game (seat)",
  "op.watching": "watching",
  "op.subscriptions": "Subscriptions",
  "op.last": "Last call",
  "op.since": "Connected since",
  "op.close": "Close",
  "op.reason": "Reason for closing {client}",
  "op.confirm": "Close the connection",
  "op.cancel": "Cancel",
  "op.closed": "Closed {count} connection(s) of {client}: {reason}",
  "op.close.error": "{client} could not be closed: {error}",
} as const;

/** The French words of the operator's view. */
export const OPERATOR_FR: Record<keyof typeof OPERATOR_EN, string> = {
  "op.link": "Exploitation",
  "op.title": "La vue de l'exploitant",
  "op.denied":
    "La vue de l'exploitant demande le jeton d'administration : saisissez l'ADMIN_TOKEN du serveur dans le formulaire du jeton ci-dessus.",
  "op.loading": "Lecture des chiffres…",
  "op.error": "Les chiffres n'ont pas pu être lus : {error}",
  "op.updated": "Mis à jour chaque seconde ; à {time}.",
  "op.connections": "Connexions",
  "op.protocol": "Protocole",
  "op.type": "Type de client",
  "op.count": "Ouvertes",
  "op.none": "Aucune.",
  "op.games": "Parties",
  "op.status": "État",
  "op.calls": "Appels",
  "op.calls.total":
    "{total} appels traités depuis le démarrage, dont {errors} en erreur.",
  "op.chart":
    "Appels et erreurs par seconde, un point toutes les {seconds} s, depuis {time}",
  "op.chart.calls": "appels par s",
  "op.chart.errors": "{code} par s",
  "op.slow": "Clients trop lents coupés : {count}",
  "op.clients": "Clients connectés",
  "op.clients.caption": "{shown} sur {total}, les plus anciens d'abord",
  "op.client": "Client",
  "op.address": "Adresse",
  "op.game": "Partie (siège)",
  "op.watching": "spectateur",
  "op.subscriptions": "Abonnements",
  "op.last": "Dernier appel",
  "op.since": "Connecté depuis",
  "op.close": "Fermer",
  "op.reason": "Raison de la fermeture de {client}",
  "op.confirm": "Fermer la connexion",
  "op.cancel": "Annuler",
  "op.closed": "{count} connexion(s) de {client} fermée(s) : {reason}",
  "op.close.error": "{client} n'a pas pu être fermé : {error}",
};
