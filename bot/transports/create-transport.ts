import path from "node:path";
import type { Config } from "../../core/config/config.ts";
import type { Identity } from "../../core/identity/identity.ts";
import { createLogger, type Logger } from "../../core/logger.ts";
import { CloudApiTransport } from "./cloud-api/cloud-api-transport.ts";
import { loadConfiguredTemplates } from "./cloud-api/message-templates.ts";
import { SimulatorTransport, type TranscriptLine } from "./simulator/simulator-transport.ts";
import type { SendRefused, Transport } from "./transport.ts";
import { WhatsappWebTransport } from "./whatsapp-web/whatsapp-web-transport.ts";

export interface TransportDependencies {
  config: Config;
  identity: Identity;
  whenSent: (phone: string) => Promise<void>;
  transcript: (phone: string) => Promise<TranscriptLine[]>;
  /** The phones that may run the entrepreneur's commands (the simulator page marks them). */
  entrepreneurPhones: () => Promise<string[]>;
  /** Aborted when the process begins to stop (the simulator ends its event streams then). */
  stopping?: AbortSignal;
  /** Told of every send the platform refused (counted by code). */
  onRefused?: (code: number | undefined, reason: SendRefused["reason"]) => void;
  /** Where the WhatsApp transports log; a logger at LOG_LEVEL when not given. */
  logger?: Logger;
  /** The statuses recorded for an outbox entry's messages: how the Cloud API tells whether an unconfirmed send went. */
  deliveriesOf?: (outboxEntryId: number) => Promise<{ status: string; at: Date }[]>;
}

/** The transport chosen once, from BOT_TRANSPORT. */
export function createTransport(dependencies: TransportDependencies): Transport {
  const { config } = dependencies;
  const logger = () =>
    (dependencies.logger ?? createLogger(config.LOG_LEVEL)).child({ transport: config.BOT_TRANSPORT });
  switch (config.BOT_TRANSPORT) {
    case "simulator":
      return new SimulatorTransport({
        ...dependencies,
        deliveredFile: path.join(config.DATA_DIR, "simulator", "delivered.tsv"),
      });
    case "whatsapp-web":
      return new WhatsappWebTransport({
        dataDir: config.DATA_DIR,
        chromiumPath: config.CHROMIUM_PATH,
        webVersion: config.WHATSAPP_WEB_VERSION,
        identity: dependencies.identity,
        logger: logger(),
      });
    case "cloud-api":
      return new CloudApiTransport({
        // loadConfig requires all four with BOT_TRANSPORT=cloud-api.
        verifyToken: required(config.WHATSAPP_CLOUD_VERIFY_TOKEN, "WHATSAPP_CLOUD_VERIFY_TOKEN"),
        appSecret: required(config.WHATSAPP_CLOUD_APP_SECRET, "WHATSAPP_CLOUD_APP_SECRET"),
        accessToken: required(config.WHATSAPP_CLOUD_ACCESS_TOKEN, "WHATSAPP_CLOUD_ACCESS_TOKEN"),
        phoneNumberId: required(config.WHATSAPP_CLOUD_PHONE_NUMBER_ID, "WHATSAPP_CLOUD_PHONE_NUMBER_ID"),
        graphUrl: config.WHATSAPP_CLOUD_GRAPH_URL,
        logger: logger(),
        templates: loadConfiguredTemplates(config.WHATSAPP_CLOUD_TEMPLATE_LANGUAGE),
        ...(dependencies.onRefused ? { onRefused: dependencies.onRefused } : {}),
        ...(dependencies.deliveriesOf ? { deliveriesOf: dependencies.deliveriesOf } : {}),
      });
    default:
      throw new Error(`BOT_TRANSPORT=${config.BOT_TRANSPORT satisfies never} is not available in this build`);
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required when BOT_TRANSPORT=cloud-api`);
  return value;
}
