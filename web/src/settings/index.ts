export { AgentsSection } from "./AgentsSection";
export { BadgesSection } from "./BadgesSection";
export { ChannelsSection } from "./ChannelsSection";
export { StatusPagesSection } from "./StatusPagesSection";
export { TokensSection } from "./TokensSection";
