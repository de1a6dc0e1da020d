import { SUBSCRIBE_MESSAGE_SEND } from '../upstream/descriptors';
import { createCloudTransport } from '../transport/cloudTransport';
import type { Deadline } from '../core/deadline';
import { DEFAULT_RETRY_POLICY } from '../transport/retryPolicy';
import { sendRequest } from '../transport/sendRequest';
import type { Transport } from '../transport/types';

let cloud: Transport | undefined;

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/**
 * `subscribeMessage.send` on the cloud path (permission declared in config.json). One attempt
 * only: a message is a write, and the outbox, not the sender, decides what is sent again.
 */
export async function sendSubscribeMessage(message: SubscribeMessage, deadline: Deadline): Promise<void> {
  const params = { touser: message.touser, templateId: message.templateId, ...(message.page ? { page: message.page } : {}), data: message.data, miniprogramState: 'formal' };
  await sendRequest((cloud ??= createCloudTransport()), { api: SUBSCRIBE_MESSAGE_SEND, params: params as unknown as Record<string, string> }, deadline, {
    policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
  });
}
