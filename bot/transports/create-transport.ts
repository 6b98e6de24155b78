import type { Config } from "../../core/config/config.ts";
import type { Identity } from "../../core/identity/identity.ts";
import { SimulatorTransport, type TranscriptLine } from "./simulator/simulator-transport.ts";
import type { Transport } from "./transport.ts";

export interface TransportDependencies {
  config: Config;
  identity: Identity;
  flush: (phone: string) => Promise<void>;
  transcript: (phone: string) => Promise<TranscriptLine[]>;
}

/** The transport chosen once, from BOT_TRANSPORT. */
export function createTransport(dependencies: TransportDependencies): Transport {
  switch (dependencies.config.BOT_TRANSPORT) {
    case "simulator":
      return new SimulatorTransport(dependencies);
    default:
      throw new Error(`BOT_TRANSPORT=${dependencies.config.BOT_TRANSPORT} is not available in this build`);
  }
}
