import { describe, expect, it } from "vitest";
import type { SessionLoss } from "../../core/domain/whatsapp-session.ts";
import { sessionLossWarningValue } from "../../core/http/session-loss-warning.ts";

const AT = new Date("2026-12-06T21:14:03.120Z");
const BACK = new Date("2026-12-06T21:20:00.000Z");

describe("the Warning header of a lost WhatsApp session", () => {
  it.each([
    [
      { kind: "logged_out", at: AT, backAt: null },
      '299 sisconf "WhatsApp session was unlinked on the phone at 2026-12-06T21:14:03.120Z; not back yet, scan the QR code at /whatsapp; see GET /api/v1/whatsapp"',
    ],
    [
      { kind: "refused", at: AT, backAt: BACK },
      '299 sisconf "WhatsApp session was refused by WhatsApp (saved session no longer valid) at 2026-12-06T21:14:03.120Z; back at 2026-12-06T21:20:00.000Z; see GET /api/v1/whatsapp"',
    ],
    [
      { kind: "dropped", at: AT, backAt: BACK },
      '299 sisconf "WhatsApp session lost its connection at 2026-12-06T21:14:03.120Z; back at 2026-12-06T21:20:00.000Z; see GET /api/v1/whatsapp"',
    ],
  ] satisfies Array<[SessionLoss, string]>)("says %o as %s, in ASCII a header can carry", (loss, expected) => {
    const value = sessionLossWarningValue(loss);
    expect(value).toBe(expected);
    expect(value).toMatch(/^[\x20-\x7e]+$/);
  });
});
