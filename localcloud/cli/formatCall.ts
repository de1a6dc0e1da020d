import type { CallRecord } from '../../emulator';

const MAX_PARAMS_CHARS = 240;

/** One upstream request on one line (already masked): kind, api, query, params. */
export function formatCall(call: CallRecord): string {
  const query = call.query && Object.keys(call.query).length > 0 ? `?${new URLSearchParams(call.query).toString().replace(/%2A/g, '*')}` : '';
  const token = call.wxCloudApiToken === undefined ? '' : call.wxCloudApiToken ? ' [wxCloudApiToken]' : ' [no wxCloudApiToken]';
  let params = call.params === undefined ? '' : ` ${JSON.stringify(call.params)}`;
  if (params.length > MAX_PARAMS_CHARS) params = `${params.slice(0, MAX_PARAMS_CHARS)}...`;
  return `${call.kind.padEnd(8)} ${call.api}${query}${token}${params}`;
}
