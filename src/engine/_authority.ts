/**
 * The words of the game's and the system's voice: who may speak for the
 * game (the narrator, the moderator, the game master, the server…) and the
 * roles of a chat template (system, user, assistant, tool…), in English
 * and French. One list for the speech rule (a line that starts as one of
 * them speaking is removed) and for player names (a name carrying one is
 * refused). Plain words: matching goes through the skeleton, so case,
 * accents, look-alike letters and leetspeak digits do not matter.
 * @module
 */

/** Who may speak for the game or the system; plain words, any case. */
export const AUTHORITY_WORDS: readonly string[] = [
  // the game's own voice
  "narrator",
  "narrateur",
  "narratrice",
  "moderator",
  "modérateur",
  "modératrice",
  "modo",
  "mod",
  "game master",
  "gamemaster",
  "gm",
  "maître du jeu",
  "maîtresse du jeu",
  "mj",
  "meneur de jeu",
  "meneuse de jeu",
  "meneur",
  "meneuse",
  "animateur",
  "animatrice",
  "conteur",
  "conteuse",
  "arbitre",
  "referee",
  "game",
  "jeu",
  "partie",
  "engine",
  "moteur",
  // the platform's
  "system",
  "système",
  "sys",
  "administrator",
  "administrateur",
  "administratrice",
  "admin",
  "host",
  "hôte",
  "server",
  "serveur",
  "developer",
  "développeur",
  // the roles of chat templates and prompt formats
  "assistant",
  "human",
  "user",
  "utilisateur",
  "tool",
  "ipython",
  "instructions",
  "instruction",
  "inst",
];
