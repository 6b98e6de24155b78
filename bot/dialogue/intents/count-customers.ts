import { countCustomers as countAll } from "../../../core/app/count-customers.ts";
import type { IntentHandler } from "../turn.ts";

/** "clientes": how many customers there are, and how many said "parar". */
export const countCustomers: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const { customers, stopped } = await countAll(input.context, {
    businessId: input.businessId,
    entrepreneurPhones: input.entrepreneurPhones,
  });
  return [messages.customersCount(customers, stopped)];
};
