/**
 * The rules' sentences in French (see `rulesText`), saying what the
 * English ones say.
 * @module
 */
import type { Rules } from "../contract/mod.ts";
import { roleCounts, type RulesWords } from "./_rules_words.ts";

function rounds(n: number): string {
  return `${n} tour${n === 1 ? "" : "s"} de parole par jour`;
}

function talk(rules: Rules): string {
  const none = "Discussion : aucune, la journée passe directement au vote.";
  const n = rules.discussionRounds ?? 0;
  switch (rules.turnPolicy) {
    case "round_robin":
      return n === 0
        ? none
        : `Discussion : ${
          rounds(n)
        } ; à chaque tour, les vivants parlent une fois chacun, à tour de rôle dans l'ordre des places ; le premier à parler avance d'une place chaque jour.`;
    case "random_order":
      return n === 0
        ? none
        : `Discussion : ${
          rounds(n)
        } ; à chaque tour, les vivants parlent une fois chacun, dans un ordre tiré au sort pour ce tour et annoncé quand il commence.`;
    case "parallel":
      return n === 0
        ? none
        : `Discussion : ${
          rounds(n)
        } ; à chaque tour, les vivants écrivent chacun un discours en même temps ; les discours sont retenus puis révélés ensemble, dans l'ordre des places, quand tous sont arrivés ou que le délai est passé.`;
    case "bidding": {
      const amounts = rules.bidAmounts ?? [];
      const max = amounts.at(-1) ?? 0;
      return (rules.maxTurns ?? 0) === 0
        ? none
        : `Discussion : avant chaque prise de parole, chaque joueur vivant sauf celui qui vient de parler enchérit de ${
          amounts[0] ?? 0
        } à ${max} pour l'obtenir (0 : j'écoute, ${max} : on s'est adressé directement à moi) ; la plus forte enchère parle, une égalité allant à un joueur nommé dans le dernier discours, puis au tirage de la partie ; les enchères sont montrées une fois la parole attribuée. La discussion s'arrête après ${rules.maxTurns} prises de parole ou quand toutes les enchères valent 0.`;
    }
  }
}

function cap(rules: Rules): string {
  const cap = rules.talkCapPerDay;
  if (cap === null) return "Limite de parole : aucune.";
  const then = rules.turnPolicy === "bidding"
    ? "n'est plus appelé à enchérir"
    : "est sauté";
  return `Limite de parole : au plus ${cap} discours par joueur et par jour (passer ne compte pas) ; un joueur qui l'a atteinte ${then} jusqu'à la fin de la journée.`;
}

function vote(rules: Rules): string {
  const how = rules.votePolicy === "sequential"
    ? "chaque vote est montré dès qu'il est exprimé"
    : "les votes restent cachés jusqu'à la clôture du vote, puis sont montrés ensemble";
  return `Vote : tous à la fois, chaque joueur vivant pour un autre joueur vivant ou pour s'abstenir ; ${how} ; le plus de voix élimine, une égalité ou l'absence de vote n'élimine personne.`;
}

function deadlines(rules: Rules): string {
  const seconds = String(rules.actionTimeoutMs / 1000).replace(".", ",");
  const bid = rules.turnPolicy === "bidding"
    ? `, une enchère vaut ${rules.defaults.bid}`
    : "";
  return `Délais : ${seconds} s par action ; ensuite un discours passe, un vote s'abstient${bid}, un pouvoir reste inutilisé, et si aucun loup-garou n'a choisi, la victime est tirée au sort parmi les autres.`;
}

/** The rules in French. */
export const FR: RulesWords = {
  roles: (rules) => {
    const table = rules.defaultRoles
      ? " (la table par défaut du nombre de joueurs, même pour une partie lancée plus tôt avec moins de joueurs)"
      : "";
    return `Rôles pour ${rules.players} joueurs : ${
      roleCounts(rules, "fr")
    }${table}.`;
  },
  cycle:
    "Chaque nuit, les loups-garous choisissent une victime ; chaque jour : les morts et leur rôle, la discussion, le vote.",
  talk,
  cap,
  vote,
  deadlines,
  messages: (rules) => `Messages : au plus ${rules.maxSayChars} caractères.`,
  win:
    "Victoire : le village quand plus aucun loup-garou n'est en vie ; les loups-garous quand ils sont au moins aussi nombreux que les autres.",
};
