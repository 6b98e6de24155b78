import { countCustomers as count } from "../../../core/app/count-customers.ts";
import type { IntentHandler } from "../turn.ts";

/** "clientes": how many customers the business has. */
export const countCustomers: IntentHandler = async (turn) => [
  turn.messages.customersCount(await count(turn.input.context, turn.input.businessId)),
];
