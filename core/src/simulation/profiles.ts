/**
 * The catalogue of modelled clients, on its own entry point so the dashboard can name profiles
 * without loading the rest of core.
 */
export { CLIENT_PROFILES } from "./clients/index";
export { type ProfileSentenceInput, profileSentence } from "./profile-sentence";
