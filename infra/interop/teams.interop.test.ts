import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchChromium } from "../browser/chromium";
import { ACCOUNT_PASSWORD, linkFromMail, signUpAndVerifyInPage, VERIFY_SUBJECT } from "./account-mail";
import { dashboardPage } from "./dashboard-page";
import { type RunningService, startService } from "./start-service";

/**
 * Issue 19's "done when", as two people do it: Debian's Chromium against `npm start`. An owner
 * signs up, verifies by the mailed link, adds a monitor and invites a colleague as viewer; the
 * colleague opens the invitation signed out, signs up from it, verifies and joins; the viewer
 * sees no way to edit and the API refuses the write; the owner finds both actions in the audit
 * log. Screenshots land in .artifacts/teams/.
 */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: artifactPath("teams", `${name}.png`), fullPage: true });

const stamp = Date.now();
const OWNER = { name: "Olive Owner", email: `olive.owner.${stamp}@example.test` };
const VIEWER = { name: "Victor Viewer", email: `victor.viewer.${stamp}@example.test` };
// signUpAndVerifyInPage's new account gets a personal organisation named after its person.
const ORGANISATION = OWNER.name;
const MONITOR = "Shared PBX";
// Any lab domain will do: the viewer only needs a monitor they could try to change.
const TARGET = "expired.sipwatch.test";
const INVITATION_SUBJECT = "invites you to";

let service: RunningService;
let browser: Browser;
let owner: Page;
let viewer: Page;
let monitorId = "";
let invitationLink = "";
const errors: string[] = [];

beforeAll(async () => {
  // teams19's port range (9500-9599); the lab also takes dns + 1 and doh + 1.
  service = await startService({ worker: 9500, dns: 9510, doh: 9520 });
  browser = await launchChromium();
  // Two browser contexts: two people, each with their own cookies.
  owner = await dashboardPage(browser, service.base, errors);
  viewer = await dashboardPage(browser, service.base, errors);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe("a team in Chromium from npm start: invite a viewer, who joins and cannot edit", () => {
  it("the owner signs up, verifies and adds a monitor", async () => {
    await signUpAndVerifyInPage(owner, service.base, service.stateDir, OWNER);
    await owner.getByRole("link", { name: "+ Add your first monitor" }).click();
    await owner.getByLabel("Name").fill(MONITOR);
    await owner.getByLabel("SIP domain or URI").fill(TARGET);
    await owner.getByRole("button", { name: "Add and check now" }).click();
    await owner.getByRole("heading", { name: `${MONITOR} is being watched` }).waitFor();
    await owner.getByRole("link", { name: "Open the monitor" }).click();
    await owner.waitForURL(/\/monitors\/[^/]+$/);
    monitorId = decodeURIComponent(new URL(owner.url()).pathname.split("/").at(-1) ?? "");
    await owner.getByRole("heading", { name: MONITOR }).waitFor();
    // What the viewer must not be offered, offered to the owner.
    await owner.getByRole("link", { name: "Edit", exact: true }).waitFor();
    await owner.getByRole("button", { name: "Plan maintenance" }).waitFor();
    await shot(owner, "01-owner-monitor");
  });

  it("the owner invites a second address as viewer from Settings > Members", async () => {
    await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
    await owner.getByRole("heading", { name: `Members of ${ORGANISATION}` }).waitFor();
    const form = owner.getByRole("region", { name: "Invite someone" });
    await form.getByLabel("Email").fill(VIEWER.email);
    await form.getByLabel("Role").selectOption({ label: "Viewer" });
    await form.getByRole("button", { name: "Send invitation" }).click();
    await form.getByText(`Invitation sent to ${VIEWER.email}`).waitFor();
    const pending = owner.getByRole("region", { name: "Pending invitations" }).getByRole("listitem");
    await pending.filter({ hasText: `${VIEWER.email} as Viewer, from ${OWNER.name}` }).waitFor();
    await shot(owner, "02-owner-invited");

    invitationLink = await linkFromMail(service.stateDir, VIEWER.email, INVITATION_SUBJECT, "/invitations/");
    expect(invitationLink.startsWith(`${service.base}/invitations/`)).toBe(true);
  });

  it("the invitee opens the link signed out, signs up from it, verifies and lands on the invitation", async () => {
    const invitationPath = new URL(invitationLink).pathname;
    await viewer.goto(invitationLink);
    await viewer.waitForURL((url) => url.pathname === "/sign-in" && url.searchParams.get("next") === invitationPath);
    await shot(viewer, "03-viewer-sign-in-next");
    await viewer.getByRole("link", { name: "Create an account" }).click();
    await viewer.getByRole("heading", { name: "Create your sipwatch account" }).waitFor();
    await viewer.getByLabel("Your name").fill(VIEWER.name);
    await viewer.getByLabel("Email").fill(VIEWER.email);
    await viewer.getByLabel("Password").fill(ACCOUNT_PASSWORD);
    await viewer.getByLabel("Password").press("Enter");
    await viewer.getByRole("heading", { name: "Check your inbox" }).waitFor();

    await viewer.goto(await linkFromMail(service.stateDir, VIEWER.email, VERIFY_SUBJECT, "/api/auth/verify-email"));
    await viewer.getByRole("heading", { name: "Your address is verified" }).waitFor();
    await shot(viewer, "04-viewer-verified");
    // The page's one primary link, which leads on to `next` (today "Continue to the invitation").
    await viewer.getByRole("main").locator("a.button.primary").click();
    await viewer.waitForURL((url) => url.pathname === invitationPath);
    await viewer.getByRole("heading", { name: `Join ${ORGANISATION}` }).waitFor();
    await viewer.getByText(`${OWNER.name} (${OWNER.email}) invites you to join ${ORGANISATION} as Viewer`).waitFor();
    await shot(viewer, "05-viewer-invitation");
  });

  it("joins, sees the owner's monitor and no way to change it; the API refuses the write", async () => {
    await viewer.getByRole("button", { name: `Join ${ORGANISATION}` }).click();
    await viewer.waitForURL((url) => url.pathname === "/");
    await viewer.getByRole("heading", { name: "Overview", exact: true }).waitFor();
    const monitorLink = viewer.getByRole("link", { name: MONITOR });
    await monitorLink.waitFor();
    expect(await viewer.getByRole("link", { name: "+ Add monitor" }).count()).toBe(0);
    expect(await viewer.evaluate(() => fetch("/api/v1/organisations/current").then((r) => r.json()))).toMatchObject({
      name: ORGANISATION,
      role: "viewer",
    });
    await shot(viewer, "06-viewer-overview");
    // The switcher in the top bar names the organisation on screen, not the personal one left.
    const switcher = await viewer.getByLabel("Organisation").locator("option:checked").textContent();
    expect(switcher, "the organisation switcher after joining").toBe(ORGANISATION);
    const menu = await viewer.getByRole("navigation", { name: "Main" }).textContent();
    expect(menu).toContain("Audit log");
    expect(menu).not.toContain("API tokens");

    await monitorLink.click();
    await viewer.getByRole("heading", { name: MONITOR }).waitFor();
    // The owner's "Add and check now" left a report: its finding cards are where a Mute button would be.
    await viewer.getByRole("heading", { name: /^Findings \(/ }).waitFor();
    await viewer.getByRole("heading", { name: "Maintenance windows" }).waitFor();
    expect(await viewer.getByRole("link", { name: "Edit", exact: true }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Delete", exact: true }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Check now", exact: true }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: /^Mute / }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Plan maintenance" }).count()).toBe(0);
    await shot(viewer, "07-viewer-monitor");

    const refused = await viewer.evaluate(
      (id) =>
        fetch(`/api/v1/monitors/${encodeURIComponent(id)}`, {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "Renamed by a viewer" }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string } })),
      monitorId,
    );
    expect(refused).toMatchObject({ status: 403, body: { code: "role_too_low" } });

    // The edit form, opened by its address, says who can edit instead of offering a form.
    await viewer.goto(`/monitors/${encodeURIComponent(monitorId)}/edit`);
    await viewer.getByRole("heading", { name: "Your role cannot edit monitors" }).waitFor();
    expect(await viewer.getByRole("button", { name: "Save changes" }).count()).toBe(0);
    await shot(viewer, "07b-viewer-edit-refused");
  });

  it("the owner's audit log names both people, and the members list shows the viewer", async () => {
    await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await owner.getByRole("heading", { name: "Audit log" }).waitFor();
    const invited = owner.getByRole("row").filter({ hasText: "invitation.create" }).first();
    const joined = owner.getByRole("row").filter({ hasText: "invitation.accept" }).first();
    await invited.waitFor();
    await joined.waitFor();
    const invitedText = await invited.textContent();
    expect(invitedText).toContain(`${OWNER.name} <${OWNER.email}>`);
    expect(invitedText).toContain(`email: ${VIEWER.email}; role: viewer`);
    const joinedText = await joined.textContent();
    expect(joinedText).toContain(`${VIEWER.name} <${VIEWER.email}>`);
    expect(joinedText).toContain("joined as viewer");
    // The viewer's refused PATCH changed nothing, so it left no entry.
    expect(await owner.getByRole("row").filter({ hasText: "monitor.update" }).count()).toBe(0);
    await shot(owner, "08-owner-audit-log");

    // The members page reads its list afresh when opened: the viewer joined after it last did.
    await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
    const row = owner.getByRole("row").filter({ hasText: VIEWER.email });
    await row.waitFor();
    await expect(row.getByLabel(`Role of ${VIEWER.name}`).inputValue()).resolves.toBe("viewer");
    await owner.getByRole("region", { name: "Pending invitations" }).getByText("No pending invitations.").waitFor();
    await shot(owner, "09-owner-members");
    expect(errors).toEqual([]);
  });
});
