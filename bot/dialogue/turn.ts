import type { CoreContext } from "../../core/app/context.ts";
import type { EditableOrder } from "../../core/app/find-open-order.ts";
import type { CloseSettings } from "../../core/app/get-scheduled-close.ts";
import type { DeliveryFees } from "../../core/domain/delivery-fees.ts";
import type { PixSettings } from "../../core/domain/pix.ts";
import type { UnderstandingResult } from "../bot-metrics.ts";
import type { InboundDocument, MediaKind } from "../transports/transport.ts";
import type { Understanding } from "../understand/understand-message.ts";
import type { CatalogSnapshot } from "./catalog-cache.ts";
import type { Conversation } from "./conversation.ts";
import type { Locale } from "./locale.ts";
import type { Messages } from "./messages/messages.ts";

export type SheetLink = (storageKey: string, filename: string) => Promise<string>;

export interface ConverseInput {
  context: CoreContext;
  businessId: number;
  phone: string;
  name?: string | undefined;
  text: string;
  media: boolean;
  /** What the media was, where the transport says ("audio": a voice note). */
  mediaKind?: MediaKind | undefined;
  /** A document sent, with its bytes: read here, never stored. */
  document?: InboundDocument | undefined;
  entrepreneur: boolean;
  catalog: CatalogSnapshot;
  conversation: Conversation;
  /** The customer's order still open to changes, as the message arrived. */
  editableOrder: EditableOrder | undefined;
  /** The number of the customer's latest order a close sent to the providers, not yet delivered, as the message arrived. */
  closedOrderNumber: number | undefined;
  defaultLocale: Locale;
  pendingTtlMs: number;
  /** The cut-off's settings: BATCH_CLOSE_SCHEDULE (the chat's schedule overrides it), its reminder and time zone. */
  week: WeekSettings;
  /** DELIVERY_FEES: the fee of a delivery by neighbourhood. */
  deliveryFees: DeliveryFees;
  /** PIX_KEY and its holder: the final totals carry a Pix code when set. */
  pix: PixSettings | null;
  /** Told how well the message was read, for metrics. */
  understood(result: UnderstandingResult): void;
  /** BUSINESS_NAME, as providers see it. */
  businessName: string;
  /** PUBLIC_URL: the catalog answer links to the price list there. */
  publicUrl: string;
  /** PUBLIC_URL was set: a catalog too long for one message is answered in brief with the link, not in pages. */
  priceListInBrief: boolean;
  /** A fresh download link for a stored sheet (the file store's), where this process has one. */
  sheetLink?: SheetLink | undefined;
  /**
   * The business's entrepreneurs, read from the identity before the message's transaction began: no call to the
   * identity provider is made while the conversation is locked.
   */
  entrepreneurPhones: readonly string[];
}

export type WeekSettings = CloseSettings;

/** One message on its way through the dialogue: what was said, how it was read, and the words to answer in. */
export interface Turn {
  input: ConverseInput;
  /** The message, trimmed. */
  text: string;
  understanding: Understanding;
  messages: Messages;
  /** Whether a summary waiting for "sim" expired as this message arrived. */
  expired: boolean;
}

/**
 * Answers one intent: carries out its effects through the core's use cases and returns the texts to send (each
 * split to WhatsApp's limit by the dispatcher). May change `turn.input.conversation`.
 */
export type IntentHandler = (turn: Turn) => Promise<string[]>;

export function nowIso(turn: Turn): string {
  return turn.input.context.now().toISOString();
}
