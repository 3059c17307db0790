/**
 * The public badge as browsers draw it: the SVG from core's renderer (the same function
 * GET /badge/<slug>.svg serves) rendered by Debian's headless Chromium, screenshotted, and
 * compared with the golden PNGs in infra/interop/golden/.
 *
 * Regenerate the goldens after an intended change to the badge, then look at them and commit:
 *
 *   UPDATE_GOLDEN=1 npx vitest run --config vitest.interop.config.ts infra/interop/badge-chromium.interop.test.ts
 *
 * Every run writes <name>.actual.png, .golden.png and .diff.png to .artifacts/badges/.
 *
 * Determinism: a fixed viewport at deviceScaleFactor 1, a white page, one badge per page, and
 * a known font. The badge asks for "Verdana,Geneva,DejaVu Sans,sans-serif"; Debian has no
 * Verdana, so Chromium draws DejaVu Sans (fonts-dejavu-core, which .ci/run installs). The test
 * checks that font was used, so a machine with Verdana fails on that line, not on a pixel diff.
 */
import { join } from "node:path";
import { type Badge, badgeOf, type PublicStatus, renderBadgeSvg } from "@sipwatch/core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../browser/chromium";
import { compareWithGolden } from "../browser/png-golden";

const GOLDEN_DIR = join(import.meta.dirname, "golden");
/** Anti-aliasing differs a little between Chromium and FreeType builds; glyphs and colours must not. */
const MAX_DIFFERENT_SHARE = 0.005;
const EXPECTED_FONT = "DejaVu Sans";

const status = (overrides: Partial<PublicStatus>): PublicStatus => ({
  state: "ok",
  transports: { udp: "up", tcp: "up", tls: "up" },
  certDaysLeft: 60,
  findings: [],
  lastCheckedAt: 0,
  availability: 1,
  ...overrides,
});

/** The variants a README shows: overall status, one transport, certificate days, availability. */
const BADGES: Record<string, Badge> = {
  "status-ok": badgeOf(status({}), { show: "status" }),
  "status-down": badgeOf(status({ state: "down" }), { show: "status" }),
  "transport-tls-partial": badgeOf(status({ transports: { tls: "partial" } }), { show: "transport", transport: "tls" }),
  "transport-wss-not-probed": badgeOf(status({}), { show: "transport", transport: "wss" }),
  "cert-45-days": badgeOf(status({ certDaysLeft: 45 }), { show: "cert" }),
  "cert-expired": badgeOf(status({ certDaysLeft: -2 }), { show: "cert" }),
  "availability-99.95": badgeOf(status({ availability: 0.9995 }), { show: "availability" }),
  "availability-no-data": badgeOf(status({ availability: null }), { show: "availability" }),
};

/**
 * The page's DOM, typed only as far as the page.evaluate callbacks below use it: infra compiles
 * against Node's types, and the DOM lib would clash with them.
 */
interface PageNode {
  textContent: string | null;
  parentNode: PageNode | null;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  cloneNode(deep: boolean): PageNode;
  appendChild(node: PageNode): void;
  remove(): void;
  getComputedTextLength(): number;
  getBoundingClientRect(): { width: number; height: number };
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): ArrayLike<PageNode>;
};

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 400, height: 60 }, deviceScaleFactor: 1 });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** Shows one badge alone on a white page and returns its SVG's size. */
async function show(svg: string): Promise<{ width: number; height: number }> {
  await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
  return page.evaluate(() => {
    const box = document.querySelector("svg")?.getBoundingClientRect();
    return { width: box?.width ?? 0, height: box?.height ?? 0 };
  });
}

interface MeasuredText {
  text: string;
  /** What the renderer computed (textLength, at 10x). */
  computed: number;
  /** What Chromium's font actually needs for it, without textLength squeezing or stretching. */
  natural: number;
  /** The coloured half the text sits in, at 10x, less nothing: the padding is what is left. */
  box: number;
}

/** For each visible <text>: the renderer's width, the font's natural width, and its box. */
function measureTexts(): Promise<MeasuredText[]> {
  return page.evaluate(() => {
    const rects = Array.from(document.querySelectorAll("g[clip-path] rect")).slice(0, 2);
    const boxes = rects.map((r) => Number(r.getAttribute("width")) * 10);
    const visible = Array.from(document.querySelectorAll("text:not([aria-hidden])"));
    return visible.map((t, i) => {
      const copy = t.cloneNode(true);
      copy.removeAttribute("textLength");
      t.parentNode?.appendChild(copy);
      const natural = copy.getComputedTextLength();
      copy.remove();
      return { text: t.textContent ?? "", computed: Number(t.getAttribute("textLength")), natural, box: boxes[i] ?? 0 };
    });
  });
}

/** The font families Chromium drew the badge's text with (DevTools protocol, as the Fonts panel shows). */
async function fontsUsed(): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: "text" });
    const families = new Set<string>();
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      for (const font of fonts) families.add(font.familyName);
    }
    return [...families];
  } finally {
    await cdp.detach();
  }
}

describe("the badge SVG in headless Chromium", () => {
  it.each(Object.entries(BADGES))("%s matches its golden screenshot", async (name, badge) => {
    const svg = renderBadgeSvg(badge);
    const size = await show(svg);
    expect(size.height).toBe(20);
    expect(await fontsUsed(), `goldens are drawn in ${EXPECTED_FONT}; install fonts-dejavu-core`).toEqual([
      EXPECTED_FONT,
    ]);
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: size.width, height: size.height } });
    const result = compareWithGolden(png, join(GOLDEN_DIR, `badge-${name}.png`), name, { artifactDir: "badges" });
    expect(result.sizeMismatch, `size differs from the golden (see ${result.actualPath})`).toBeUndefined();
    expect(
      result.differentPixels / result.totalPixels,
      `${result.differentPixels} of ${result.totalPixels} pixels differ (see ${result.diffPath})`,
    ).toBeLessThanOrEqual(MAX_DIFFERENT_SHARE);
  });

  it.each(Object.entries(BADGES))(
    "%s: the widths the renderer computes fit the text Chromium draws",
    async (_, badge) => {
      await show(renderBadgeSvg(badge));
      const texts = await measureTexts();
      expect(texts.map((t) => t.text)).toEqual([badge.label, badge.message]);
      for (const t of texts) {
        // textLength squeezes or stretches the glyphs to the computed width: beyond 8% either way
        // the letters visibly crowd or gape, so the width table is wrong for this text.
        expect(t.natural / t.computed, `"${t.text}": natural ${t.natural}, computed ${t.computed}`).toBeGreaterThan(
          0.92,
        );
        expect(t.natural / t.computed, `"${t.text}": natural ${t.natural}, computed ${t.computed}`).toBeLessThan(1.08);
        // Even unsqueezed, the text stays inside its half with at least 3px on each side.
        expect(t.natural, `"${t.text}" overflows its ${t.box / 10}px box`).toBeLessThanOrEqual(t.box - 2 * 30);
      }
    },
  );

  it("a width table that is wrong is caught: text measured as half its width would be squeezed", async () => {
    // The check above is only worth something if it fails on a bad measure: this badge's SVG is
    // edited to claim half the message width, as a broken verdanaWidth would.
    const svg = renderBadgeSvg(BADGES["availability-99.95"] as Badge).replace(
      /textLength="(\d+)">99\.95%/g,
      (_, n: string) => `textLength="${Math.round(Number(n) / 2)}">99.95%`,
    );
    await show(svg);
    const message = (await measureTexts())[1];
    expect(message && message.natural / message.computed).toBeGreaterThan(1.08);
  });
});
