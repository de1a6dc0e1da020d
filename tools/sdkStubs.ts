import type { Plugin } from 'esbuild';

/**
 * Parts of wx-server-sdk's dependency tree that no path of these functions reaches. The
 * functions use two things of the SDK: `cloud.openapi.*` (wx-server-sdk → @cloudbase/node-sdk's
 * request core, protobufjs, json-bigint) and the database API (@cloudbase/database, bson). Each
 * package below was traced to the SDK feature that alone reaches it; loading them costs most of
 * the SDK's module initialisation (docs/performance.md, "The cloud path: meets its target"), so
 * the SDK bundle gets a stub in their place. `kind` says how the stub behaves:
 * - `code`: reading a member gives a function that throws a clear error when called or
 *   constructed (the SDK reads some members while loading, e.g. through `__importStar`);
 * - `data`: reading any entry throws (mime-db is a table; listing its keys gives none).
 * test/build/sdkStubs.test.ts calls the stubs; the integration suite runs every path it covers
 * through the stubbed bundle (jest.config.js, test/integration/sdkBundle.test.ts).
 */
export const UNREACHED_SDK_PARTS: readonly UnreachedPart[] = [
  // With @cloudbase/ai stubbed, what only it loads (@cloudbase/utilities' share of it,
  // @mattiasbuelens/web-streams-adapter, text-encoding-shim) leaves the bundle too.
  { name: '@cloudbase/ai', kind: 'code', reachedBy: 'cloud.ai() (node-sdk ai/index.js createAI)' },
  { name: '@cloudbase/app', kind: 'code', reachedBy: 'cloud.ai() (node-sdk ai/index.js reads LANGS in createAI)' },
  {
    name: '@cloudbase/wx-cloud-client-sdk',
    kind: 'code',
    // node-sdk's CloudBase constructor calls generateHTTPClient inside try/catch: with the stub
    // the call throws, is ignored there, and `models` stays undefined.
    reachedBy: 'data models and MySQL (app.models, app.mysql, app.rdb)',
  },
  { name: 'xml2js', kind: 'code', reachedBy: 'cloud storage uploads (node-sdk storage/index.js: uploadFile parses the storage answer as XML); xml2js alone loads sax and xmlbuilder' },
  { name: 'web-streams-polyfill', kind: 'code', reachedBy: 'AI streaming answers (node-sdk ai/request-adapter.js)' },
  { name: 'jsonwebtoken', kind: 'code', reachedBy: 'custom login tickets (node-sdk auth().createTicket)' },
  {
    name: 'mime-db',
    kind: 'data',
    // mime-types lists the table's keys while loading (none, with the stub) and reads an entry
    // only for a file upload's content type or a file extension.
    reachedBy: 'file uploads (wx-server-sdk mimetype.ts, form-data through mime-types)',
  },
];

export interface UnreachedPart {
  name: string;
  kind: 'code' | 'data';
  /** The SDK feature that alone reaches the package: named in the stub's error. */
  reachedBy: string;
}

const NAMESPACE = 'unreached-sdk-part';

/** Replaces each unreached package (and any file inside it) with its stub. */
export function stubUnreachedSdkParts(parts: readonly UnreachedPart[] = UNREACHED_SDK_PARTS): Plugin {
  const byName = new Map(parts.map((p) => [p.name, p]));
  const escaped = parts.map((p) => p.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  return {
    name: 'stub-unreached-sdk-parts',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(${escaped})(/.*)?$`) }, (args) => {
        const name = [...byName.keys()].find((n) => args.path === n || args.path.startsWith(`${n}/`))!;
        return { path: name, namespace: NAMESPACE };
      });
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: stubSource(byName.get(args.path)!), loader: 'js' }));
    },
  };
}

/** The stub's source: plain CommonJS, no dependencies. */
export function stubSource(part: UnreachedPart): string {
  const message =
    `${part.name} is not in this function's bundle: it is reached only by ${part.reachedBy}, which these functions do not use. ` +
    'tools/sdkStubs.ts (UNREACHED_SDK_PARTS) left it out; take it off that list and build again to use that feature.';
  return `'use strict';
// Stub written by tools/sdkStubs.ts in place of ${part.name}.
const message = ${JSON.stringify(message)};
function fail() { throw new Error(message); }
const passThrough = (key) => typeof key === 'symbol' || key === '__esModule' || key === 'then' || key === 'toJSON';
const member = { get(target, key) { return passThrough(key) ? undefined : new Proxy(function unreached() {}, member); }, apply: fail, construct: fail };
const handler = ${part.kind === 'data' ? '{ get(target, key) { if (passThrough(key)) return undefined; fail(); } }' : 'member'};
const stub = new Proxy(${part.kind === 'data' ? 'Object.create(null)' : 'function unreached() {}'}, handler);
module.exports = stub;
`;
}
