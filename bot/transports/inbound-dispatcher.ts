import type { Logger } from "pino";
import type { InboundHandler, InboundMessage } from "./transport.ts";

/**
 * Hands messages that a platform already acknowledged to the bot: one chain per sender, so a person's messages are
 * handled in the order they arrived (a quick "sim" must not overtake the order it confirms), different people in
 * parallel. A failure can only be logged: the platform will not deliver the message again.
 */
export class InboundDispatcher {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly logger: Logger) {}

  dispatch(message: InboundMessage, handler: InboundHandler | null): void {
    if (!handler) {
      // Stopping: the platform counts it as delivered, so say so where an operator can see it.
      this.logger.warn({ messageId: message.id, phone: message.from }, "message arrived while stopping, not handled");
      return;
    }
    const previous = this.chains.get(message.from) ?? Promise.resolve();
    const next = previous.then(() => this.handle(message, handler));
    this.chains.set(message.from, next);
    void next.then(() => {
      if (this.chains.get(message.from) === next) this.chains.delete(message.from);
    });
  }

  /** Resolves once the messages accepted so far are handled. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }

  private async handle(message: InboundMessage, handler: InboundHandler): Promise<void> {
    try {
      const result = await handler(message);
      if (result === "duplicate") this.logger.debug({ messageId: message.id }, "redelivered message left alone");
    } catch (error) {
      this.logger.error({ err: error, messageId: message.id, phone: message.from }, "inbound message failed");
    }
  }
}
