/** A Cloud API webhook notification carrying only `statuses[]` for one number, as Meta posts it. */
export function statusesNotification(phoneNumberId: string, statuses: Record<string, unknown>[]): unknown {
  return {
    object: "whatsapp_business_account",
    entry: [{ changes: [{ field: "messages", value: { metadata: { phone_number_id: phoneNumberId }, statuses } }] }],
  };
}
