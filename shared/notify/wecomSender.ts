import type { Deadline } from '../core/deadline';
import { httpExchange } from '../transport/httpExchange';

const ATTEMPT_TIMEOUT_MS = 5000;

/**
 * One WeCom group robot message (`POST <webhook>?key=...`, `{"msgtype":"markdown","markdown":{"content":...}}`;
 * the robot answers `{"errcode":0,"errmsg":"ok"}`, 45009 over its rate). One attempt: a send is a
 * write, never retried blindly; the outbox decides what is sent again.
 */
export async function sendWecomMarkdown(webhookUrl: URL, content: string, deadline: Deadline): Promise<void> {
  await httpExchange(
    { method: 'POST', url: new URL(webhookUrl.toString()), body: { msgtype: 'markdown', markdown: { content } } },
    deadline,
    { functionName: 'syncLists', apiName: 'wecom.webhook.send', attemptTimeoutMs: ATTEMPT_TIMEOUT_MS },
  );
}
