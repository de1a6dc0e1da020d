import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the CLI made, as the stub received it. */
export interface CloudApiCall {
  /** Where the CLI meant to send it (e.g. https://scf.tencentcloudapi.com/). */
  target: string;
  /** Tencent Cloud API 3.0 action (X-TC-Action), if any. */
  action?: string;
  body: Record<string, unknown> | undefined;
}

export interface CloudApiStub {
  port: number;
  calls: CloudApiCall[];
  /** Functions whose CreateFunction is answered with an error, to see a failed deploy. */
  failCreateFunction: Set<string>;
  /** When set, every call is refused as signed with an unknown key (a wrong API key). */
  rejectKeys: boolean;
  close(): Promise<void>;
}

/**
 * Just enough of Tencent Cloud API 3.0 (tcb + scf) for `tcb login --apiKeyId` and
 * `tcb fn deploy --all --force --deployMode zip` to run: the environment exists, a function
 * does not exist until created and is Active once created, everything else succeeds. Any other
 * host (usage reporting) gets a 404. Records every request.
 */
export async function startCloudApiStub(envId: string): Promise<CloudApiStub> {
  const calls: CloudApiCall[] = [];
  const failCreateFunction = new Set<string>();
  const created = new Set<string>();
  const stub: CloudApiStub = { port: 0, calls, failCreateFunction, rejectKeys: false, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const action = req.headers['x-tc-action'] as string | undefined;
      let body: Record<string, unknown> | undefined;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
      calls.push({ target: String(req.headers['x-stub-original'] ?? req.url), ...(action ? { action } : {}), body });
      res.setHeader('content-type', 'application/json');
      if (!action) {
        res.statusCode = 404;
        res.end('{"code":"OFFLINE","message":"not part of the stub"}');
        return;
      }
      const fn = String(body?.FunctionName ?? '');
      const fail = (Code: string, Message: string) => res.end(JSON.stringify({ Response: { Error: { Code, Message }, RequestId: 'stub' } }));
      const ok = (fields: Record<string, unknown> = {}) => res.end(JSON.stringify({ Response: { ...fields, RequestId: 'stub' } }));
      if (stub.rejectKeys) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found');
      switch (action) {
        case 'DescribeEnvs':
          return ok({ EnvList: [{ EnvId: envId, Region: 'ap-shanghai', Status: 'NORMAL', Functions: [{ Namespace: envId, Region: 'ap-shanghai' }], Databases: [], Storages: [] }] });
        case 'CreateFunction':
          if (failCreateFunction.has(fn)) return fail('LimitExceeded.Function', `stub refused to create ${fn}`);
          created.add(fn);
          return ok();
        case 'GetFunction':
          return created.has(fn) ? ok({ FunctionName: fn, Status: 'Active', Namespace: envId }) : fail('ResourceNotFound.Function', `${fn} not found`);
        default:
          return ok();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.port = (server.address() as AddressInfo).port;
  stub.close = () => new Promise((resolve) => server.close(() => resolve()));
  return stub;
}
