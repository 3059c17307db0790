/**
 * `npm run mail -- <address> [count]`: the latest mails the local Worker (`npm start`) sent to
 * an address, newest last, with their links, for signing up and resetting passwords by hand.
 * Reads SIPWATCH_STATE_DIR (.sipwatch-lab) like `npm start`.
 */
import { join, resolve } from "node:path";
import { linksIn, sentMailTo } from "../lab/sent-mail";

const repoRoot = resolve(import.meta.dirname, "../..");
const stateDir = resolve(process.env.SIPWATCH_STATE_DIR ?? join(repoRoot, ".sipwatch-lab"));
const [address, countArg] = process.argv.slice(2);
if (!address?.includes("@")) {
  console.error("usage: npm run mail -- <address> [how many, default 3]");
  process.exit(2);
}
const count = Math.max(1, Number(countArg ?? 3) || 3);
const mails = sentMailTo(stateDir, address).slice(-count);
if (mails.length === 0) {
  console.log(`No mail to ${address} yet (state dir ${stateDir}). Is \`npm start\` running, and was it sent there?`);
  process.exit(1);
}
for (const mail of mails) {
  const links = linksIn(mail);
  console.log(
    [
      `--- ${new Date(mail.sentAt).toISOString()}  ${mail.subject}`,
      `From: ${mail.from}`,
      `To: ${mail.to.join(", ")}`,
      "",
      mail.text.trim(),
      ...(links.length ? ["", "Links:", ...links.map((link) => `  ${link}`)] : []),
      "",
    ].join("\n"),
  );
}
