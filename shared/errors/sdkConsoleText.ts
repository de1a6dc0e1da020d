/**
 * wx-server-sdk (through @cloudbase/node-sdk) prints its own console notices, `[TCB][WARN] Your
 * current request ... is longer than 3s ...`, `[TCB][ERROR] ...`, `[TCB][RequestTimgings]...`,
 * and the same text can end up in what it throws. It is the SDK's chatter about its own request,
 * not the platform's answer, so it is cut out of every upstream message before an error is built
 * (docs/errors.md, "What always holds"): from the first `[TCB]` tag to the end of that line.
 */
const SDK_CONSOLE_TEXT = /\s*\[TCB\](?:\[[^\]\n]*\])*[^\n]*/g;

export function withoutSdkConsoleText(text: string): string {
  if (!text.includes('[TCB]')) return text;
  const cleaned = text.replace(SDK_CONSOLE_TEXT, '').trim();
  return cleaned === '' ? '(the SDK gave no message)' : cleaned;
}
