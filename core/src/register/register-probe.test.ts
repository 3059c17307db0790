import { describe, expect, it } from "vitest";
import { digestAuthorization, parseDigestChallenges } from "./digest";
import {
  authorizationOf,
  fakeOpener,
  PASSWORD,
  type RegistrarScript,
  reply,
  type SeenRequest,
  TARGET,
} from "./fake-registrar";
import { probeRegistration } from "./register-probe";
import type { RegistrationResult } from "./types";

const credentials = { user: "alice", password: PASSWORD };
const CHALLENGE = 'Digest realm="example.com", nonce="n1", qop="auth", algorithm=MD5';

/** Whether the request answers `challenge` with the account's password (the registrar's side of RFC 3261 22). */
async function verifies(request: SeenRequest, challenge: string, password = PASSWORD): Promise<boolean> {
  const params = authorizationOf(request);
  const [parsed] = parseDigestChallenges([challenge]).digest;
  if (!params || !parsed) return false;
  const expected = await digestAuthorization({
    challenge: parsed,
    method: request.method,
    uri: params.uri ?? "",
    username: params.username ?? "",
    password,
    nc: Number.parseInt(params.nc ?? "1", 16),
    cnonce: params.cnonce ?? "",
  });
  return expected.includes(`response="${params.response}"`);
}

/** An honest registrar: challenges, checks the digest, stores the Contact, lists it in the 200, removes it on Expires: 0. */
function honestRegistrar(
  options: { challenge?: string; rewriteContact?: (c: string) => string } = {},
): RegistrarScript {
  const challenge = options.challenge ?? CHALLENGE;
  return (request, flow) => {
    void (async () => {
      if (!(await verifies(request, challenge)))
        return flow.deliver(reply(request, "401 Unauthorized", [`WWW-Authenticate: ${challenge}`]));
      const contact = (request.header("contact") ?? "").replace(/^<|>$/g, "");
      const expires = Number(request.header("expires"));
      if (expires === 0) return flow.deliver(reply(request, "200 OK"));
      const stored = options.rewriteContact?.(contact) ?? contact;
      flow.deliver(reply(request, "200 OK", [`Contact: <${stored}>;expires=${expires}`, "Via-Ignored: x"]));
    })();
  };
}

async function register(script: RegistrarScript, transport: "udp" | "tcp" = "udp", timeoutMs = 2000) {
  const opener = fakeOpener(transport, script);
  const started = performance.now();
  const result = await probeRegistration(opener, { ...TARGET, transport }, { timeoutMs, credentials });
  expect(JSON.stringify(result)).not.toContain(PASSWORD);
  return { result, requests: opener.flow?.requests ?? [], ms: performance.now() - started, flow: opener.flow };
}

describe("probeRegistration", () => {
  it("registers with MD5 digest, reads the 200, then removes the binding on the same Call-ID", async () => {
    const { result, requests } = await register(honestRegistrar());
    expect(result).toMatchObject<Partial<RegistrationResult>>({
      outcome: "registered",
      aor: "sip:alice@example.com",
      status: 200,
      requests: 2,
      algorithm: "MD5",
      expiresGrantedS: 300,
      challenges: [{ status: 401, realm: "example.com", algorithm: "MD5", qop: "auth", stale: false }],
      unregister: { outcome: "removed", status: 200 },
    });
    expect(result.bindings).toEqual([{ uri: result.contactSent, expiresS: 300, ours: true }]);
    const [first, answer, unregister] = requests;
    expect(first?.header("authorization")).toBeUndefined();
    expect(authorizationOf(answer as SeenRequest)).toMatchObject({
      nc: "00000001",
      qop: "auth",
      uri: "sip:example.com",
    });
    expect(authorizationOf(unregister as SeenRequest)).toMatchObject({ nc: "00000002", nonce: "n1" });
    expect(unregister?.header("expires")).toBe("0");
    expect(new Set(requests.map((r) => r.header("call-id"))).size).toBe(1);
    expect(requests.map((r) => r.header("cseq"))).toEqual(["1 REGISTER", "2 REGISTER", "3 REGISTER"]);
    expect(requests.every((r) => !r.text.includes(PASSWORD))).toBe(true);
  });

  it("answers SHA-256 when the registrar offers it beside MD5 (RFC 8760)", async () => {
    const sha = 'Digest realm="example.com", nonce="n2", qop="auth", algorithm=SHA-256';
    const script: RegistrarScript = (request, flow) => {
      if (!request.header("authorization"))
        return flow.deliver(
          reply(request, "401 Unauthorized", [`WWW-Authenticate: ${CHALLENGE}`, `WWW-Authenticate: ${sha}`]),
        );
      honestRegistrar({ challenge: sha })(request, flow);
    };
    const { result } = await register(script, "tcp");
    expect(result).toMatchObject({ outcome: "registered", algorithm: "SHA-256", unregister: { outcome: "removed" } });
  });

  it("reports a wrong password as credentials-rejected, without a binding to remove", async () => {
    const script: RegistrarScript = (request, flow) => {
      void verifies(request, CHALLENGE, "another-password").then((ok) =>
        flow.deliver(
          ok ? reply(request, "200 OK") : reply(request, "401 Unauthorized", [`WWW-Authenticate: ${CHALLENGE}`]),
        ),
      );
    };
    const { result, requests } = await register(script);
    expect(result).toMatchObject({ outcome: "credentials-rejected", status: 401, requests: 2 });
    expect(result.unregister).toBeUndefined();
    expect(requests).toHaveLength(2);
  });

  it("answers a proxy's 407 and then the registrar's 401", async () => {
    const proxy = 'Digest realm="proxy.example.com", nonce="p1", qop="auth"';
    const script: RegistrarScript = (request, flow) => {
      if (!request.header("proxy-authorization"))
        return flow.deliver(reply(request, "407 Proxy Authentication Required", [`Proxy-Authenticate: ${proxy}`]));
      honestRegistrar()(request, flow);
    };
    const { result } = await register(script);
    expect(result.outcome).toBe("registered");
    expect(result.challenges.map((c) => c.status)).toEqual([407, 401]);
  });

  it.each([
    ["a stale nonce every time", (n: number) => `Digest realm="example.com", nonce="n${n}", stale=true, qop="auth"`],
    ["a new realm every time", (n: number) => `Digest realm="realm${n}.example.com", nonce="n${n}", qop="auth"`],
  ])("ends %s as challenge-loop after a bounded number of requests", async (_name, challengeOf) => {
    let n = 0;
    const script: RegistrarScript = (request, flow) =>
      flow.deliver(reply(request, "401 Unauthorized", [`WWW-Authenticate: ${challengeOf(n++)}`]));
    const { result, requests } = await register(script);
    expect(result.outcome).toBe("challenge-loop");
    expect(requests.length).toBe(4);
  });

  it("retries a 423 once with Min-Expires, and reports a second 423", async () => {
    const retried = await register((request, flow) => {
      if (Number(request.header("expires")) < 3600 && request.header("expires") !== "0")
        return flow.deliver(reply(request, "423 Interval Too Brief", ["Min-Expires: 3600"]));
      flow.deliver(reply(request, "200 OK", [`Contact: ${request.header("contact")};expires=3600`]));
    });
    expect(retried.result).toMatchObject({ outcome: "registered", minExpiresS: 3600, expiresGrantedS: 3600 });
    const twice = await register((request, flow) =>
      flow.deliver(reply(request, "423 Interval Too Brief", ["Min-Expires: 3600"])),
    );
    expect(twice.result).toMatchObject({ outcome: "interval-too-brief", status: 423, requests: 2 });
  });

  it.each([
    ["403 Forbidden", [], { status: 403 }],
    ["503 Service Unavailable", ["Retry-After: 120 (maintenance)"], { status: 503, retryAfterS: 120 }],
    [
      "302 Moved Temporarily",
      ["Contact: <sip:other.example.com>"],
      { status: 302, redirectTo: ["<sip:other.example.com>"] },
    ],
    ["404 Not Found", [], { status: 404, reason: "Not Found" }],
  ])("reads %s as a refusal, not an exception", async (status, headers, expected) => {
    const { result, requests } = await register((request, flow) => flow.deliver(reply(request, status, headers)));
    expect(result).toMatchObject({ outcome: "refused", ...expected });
    expect(requests).toHaveLength(1);
  });

  it("reports a 200 without our Contact, and still tries to remove the binding", async () => {
    const { result, requests } = await register((request, flow) => flow.deliver(reply(request, "200 OK")));
    expect(result).toMatchObject({ outcome: "no-contact-in-200", bindings: [], unregister: { outcome: "removed" } });
    expect(requests.at(-1)?.header("expires")).toBe("0");
  });

  it("keeps the Contact as the registrar stored it, rewritten by an ALG", async () => {
    const { result } = await register(
      honestRegistrar({ rewriteContact: (c) => c.replace("192.0.2.50:40000", "10.1.2.3:5060") }),
    );
    expect(result.outcome).toBe("registered");
    expect(result.bindings?.[0]).toMatchObject({ ours: true, uri: expect.stringContaining("@10.1.2.3:5060") });
    expect(result.contactSent).toContain("@192.0.2.50:40000");
  });

  it("reports a binding the unregister leaves in place", async () => {
    const { result } = await register((request, flow) =>
      flow.deliver(reply(request, "200 OK", [`Contact: ${request.header("contact")};expires=300`])),
    );
    expect(result.unregister).toMatchObject({ outcome: "not-removed", remaining: { expiresS: 300, ours: true } });
  });

  it("ends a slow drip within its timeout and says a response never ended", async () => {
    const { result, ms } = await register(
      (request, flow) => {
        const text = reply(request, "200 OK");
        for (let i = 0; i < text.length; i++) flow.deliver(text.slice(i, i + 1), 50 * i);
      },
      "tcp",
      500,
    );
    expect(result.outcome).toBe("timeout");
    expect(result.error).toMatch(/bytes of a response that never ended/);
    expect(ms).toBeLessThan(1000);
  });

  it("retransmits over UDP to a silent registrar and times out", async () => {
    const { result, ms } = await register(() => {}, "udp", 1200);
    expect(result).toMatchObject({ outcome: "timeout", transmissions: 2 });
    expect(ms).toBeLessThan(1700);
  });

  it("stops reading a response bigger than the bound", async () => {
    const { result } = await register(
      (request, flow) => flow.deliver(reply(request, "200 OK", [`X-Pad: ${"a".repeat(70_000)}`])),
      "tcp",
    );
    expect(result.outcome).toBe("too-large");
  });

  it("reports a connection the registrar closes", async () => {
    const { result } = await register((_request, flow) => flow.hangUp(), "tcp");
    expect(result.outcome).toBe("reset");
  });

  it("reports a refused connection from the opener", async () => {
    const result = await probeRegistration(
      { transports: ["tcp"], open: async () => ({ ok: false, outcome: "refused", error: "ECONNREFUSED" }) },
      TARGET,
      { timeoutMs: 500, credentials },
    );
    expect(result).toMatchObject({ outcome: "connection-refused", error: "ECONNREFUSED", requests: 0 });
  });
});
