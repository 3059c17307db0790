export { MembersSection } from "./MembersSection";
