import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, TEST_API_TOKEN, type TestSystem } from "../support/test-system.ts";

describe("who may use the simulator", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem("pglite", {});
  });
  afterAll(async () => {
    await system?.close();
  });

  // A reverse proxy on this machine tells where the request came from: it is not a local one.
  const throughProxyFrom = (address: string, token?: string) =>
    fetch(`${system.url}/sim/messages`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": address,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ from: "5584977770001", text: "oi" }),
    });

  it("answers this machine without a token", async () => {
    const response = await throughProxyFrom("127.0.0.1");
    expect(response.status).toBe(200);
    expect(((await response.json()) as { replies: unknown[] }).replies.length).toBeGreaterThan(0);
  });

  it("refuses a request a local proxy passed on from elsewhere without the token, and takes it with the token", async () => {
    const refused = await throughProxyFrom("203.0.113.7");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: expect.stringContaining("simulator") });
    expect((await throughProxyFrom("203.0.113.7", TEST_API_TOKEN)).status).toBe(200);
  });
});
