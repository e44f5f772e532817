/** A failed attempt; `permanent` ones are not retried (e.g. the recipient no longer exists). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null = null,
    readonly permanent = false,
  ) {
    super(message);
  }
}
