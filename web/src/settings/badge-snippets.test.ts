import { describe, expect, test } from "vitest";
import { type BadgeVariant, badgeVariants, embedSnippets, variantQuery } from "./badge-snippets";

const ORIGIN = "https://sipwatch.example.com";

describe("variantQuery", () => {
  test.each<{ variant: BadgeVariant; query: string }>([
    { variant: { show: "status" }, query: "" },
    { variant: { show: "cert" }, query: "?show=cert" },
    { variant: { show: "availability" }, query: "?show=availability" },
    { variant: { show: "transport", transport: "udp" }, query: "?show=transport&transport=udp" },
  ])("$variant.show -> '$query'", ({ variant, query }) => {
    expect(variantQuery(variant)).toBe(query);
  });
});

test("badgeVariants offers one transport badge per expected transport", () => {
  expect(badgeVariants(["tls", "udp"]).map(variantQuery)).toEqual([
    "",
    "?show=transport&transport=tls",
    "?show=transport&transport=udp",
    "?show=cert",
    "?show=availability",
  ]);
});

describe("embedSnippets", () => {
  test("the status badge", () => {
    expect(embedSnippets(ORIGIN, { name: "Acme PBX", slug: "acme-pbx" }, { show: "status" })).toEqual({
      markdown: "![Acme PBX: Status](https://sipwatch.example.com/badge/acme-pbx.svg)",
      html: '<img src="https://sipwatch.example.com/badge/acme-pbx.svg" alt="Acme PBX: Status">',
      shields: "https://img.shields.io/endpoint?url=https%3A%2F%2Fsipwatch.example.com%2Fbadge%2Facme-pbx.json",
      statusJson: "https://sipwatch.example.com/status/acme-pbx",
    });
  });

  test("a transport badge keeps its query inside shields' url parameter", () => {
    const { markdown, shields } = embedSnippets(
      ORIGIN,
      { name: "Acme PBX", slug: "acme-pbx" },
      { show: "transport", transport: "tls" },
    );
    expect(markdown).toBe(
      "![Acme PBX: TLS reachability](https://sipwatch.example.com/badge/acme-pbx.svg?show=transport&transport=tls)",
    );
    expect(new URL(shields).searchParams.get("url")).toBe(
      "https://sipwatch.example.com/badge/acme-pbx.json?show=transport&transport=tls",
    );
    expect(new URL(shields).searchParams.get("transport")).toBeNull();
  });

  test("names cannot break out of the HTML attribute or the Markdown alt text", () => {
    const { html, markdown } = embedSnippets(ORIGIN, { name: 'A "B" <c> [d]', slug: "x" }, { show: "cert" });
    expect(html).toBe(
      '<img src="https://sipwatch.example.com/badge/x.svg?show=cert" alt="A &quot;B&quot; &lt;c&gt; [d]: Certificate expiry">',
    );
    expect(markdown).toBe(
      '![A "B" <c> \\[d\\]: Certificate expiry](https://sipwatch.example.com/badge/x.svg?show=cert)',
    );
  });
});
