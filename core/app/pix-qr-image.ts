import QRCode from "qrcode";

/**
 * A Pix code as a QR image (PNG), for transports that send pictures: the customer scans it with the bank app of
 * another phone, or saves it. Error correction M is what bank apps print; the margin is the four modules QR
 * readers need around the code.
 */
export async function pixQrImage(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { type: "png", errorCorrectionLevel: "M", margin: 4, scale: 8 });
}
