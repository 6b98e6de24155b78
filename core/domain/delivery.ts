import type { Cents } from "./money.ts";

export const DELIVERY_KINDS = ["pickup", "delivery"] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** Where a delivery goes, as the customer gave it. */
export interface DeliveryAddress {
  street: string;
  number: string;
  neighbourhood: string;
  /** "perto da padaria", "portão azul": optional. */
  reference?: string;
}

export type DeliveryChoice = { kind: "pickup" } | { kind: "delivery"; address: DeliveryAddress };

/** An order's delivery as the API and the chat show it. */
export interface OrderDelivery {
  kind: DeliveryKind;
  address: DeliveryAddress | null;
  feeCents: Cents;
}

const ADDRESS_FIELDS = ["street", "number", "neighbourhood", "reference"] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
/** Long enough for any real street, short enough to fit a packing sheet's line. */
export const MAX_ADDRESS_FIELD_LENGTH = 120;

export type AddressProblem =
  | { kind: "missing"; field: Exclude<AddressField, "reference"> }
  | { kind: "too_long"; field: AddressField; maxLength: number };

/** The address as kept: every field trimmed, spaces collapsed, an empty reference left out. */
export function normalizeAddress(address: DeliveryAddress): DeliveryAddress {
  const clean = (text: string | undefined) => (text ?? "").trim().replace(/\s+/g, " ");
  const reference = clean(address.reference);
  return {
    street: clean(address.street),
    number: clean(address.number),
    neighbourhood: clean(address.neighbourhood),
    ...(reference ? { reference } : {}),
  };
}

/** What is wrong with a normalized address, or null: street, number and neighbourhood are needed for a delivery. */
export function checkAddress(address: DeliveryAddress): AddressProblem | null {
  for (const field of ADDRESS_FIELDS) {
    const value = address[field] ?? "";
    if (field !== "reference" && value === "") return { kind: "missing", field };
    if (value.length > MAX_ADDRESS_FIELD_LENGTH) {
      return { kind: "too_long", field, maxLength: MAX_ADDRESS_FIELD_LENGTH };
    }
  }
  return null;
}

/** "Rua das Flores, 12 - Centro (portão azul)": one line, for sheets and chat. */
export function formatAddress(address: DeliveryAddress): string {
  const line = `${address.street}, ${address.number} - ${address.neighbourhood}`;
  return address.reference ? `${line} (${address.reference})` : line;
}
