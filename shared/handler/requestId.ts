/** The platform's id of this invocation (`context.request_id`), when it gives one. */
export function readRequestId(context: unknown): string | undefined {
  const id = (context as { request_id?: unknown } | null | undefined)?.request_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
