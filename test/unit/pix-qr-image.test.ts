// jsqr is CommonJS, its reader exported as `default` of its module object.
import jsqr from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { pixQrImage } from "../../core/app/pix-qr-image.ts";
import { staticBrCode } from "../../core/domain/br-code.ts";

describe("the QR image of a Pix code", () => {
  it.each([
    ["a CPF key and a small amount", "52998224725", 1],
    ["an e-mail key and a large amount", "entregas.da.feira@example.com.br", 123456789],
  ])("with %s is a PNG that a QR reader reads back as the code", async (_label, key, amountCents) => {
    const code = staticBrCode({
      key,
      merchantName: "Feira da Ana",
      merchantCity: "Natal",
      amountCents,
      transactionId: "L3P42",
    });
    const image = PNG.sync.read(await pixQrImage(code));
    const read = jsqr.default(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(read?.data).toBe(code);
  });
});
