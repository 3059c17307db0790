export { AgentsSection } from "./AgentsSection";
export { BadgesSection } from "./BadgesSection";
export { ChannelsSection } from "./ChannelsSection";
export { TokensSection } from "./TokensSection";
