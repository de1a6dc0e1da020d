import { build } from 'esbuild';
import { Module } from 'node:module';
import { stubSource, stubUnreachedSdkParts, UNREACHED_SDK_PARTS, type UnreachedPart } from '../../tools/sdkStubs';

// The stubs that stand in for the parts of wx-server-sdk no function reaches: they load quietly
// (the SDK touches some while loading) and fail loudly, naming the package and the feature, when
// anything actually uses them.

/** Evaluates a CommonJS source as a module of its own and returns its exports. */
function load(source: string, filename: string): any {
  const mod = new Module(filename);
  (mod as unknown as { _compile(code: string, file: string): void })._compile(source, filename);
  return mod.exports;
}

const codePart: UnreachedPart = { name: '@cloudbase/ai', kind: 'code', reachedBy: 'cloud.ai()' };
const dataPart: UnreachedPart = { name: 'mime-db', kind: 'data', reachedBy: 'file uploads' };

test('a code stub survives what loading does, then throws a clear error when called or constructed', () => {
  const stub = load(stubSource(codePart), '/stub-ai.js');
  // What TypeScript's and esbuild's interop helpers read while the SDK loads.
  expect(stub.__esModule).toBeUndefined();
  expect(stub.then).toBeUndefined();
  expect(typeof stub.AI).toBe('function');
  const expected = /^@cloudbase\/ai is not in this function's bundle: it is reached only by cloud\.ai\(\).*sdkStubs\.ts/;
  expect(() => new stub.AI({}, 'url')).toThrow(expected);
  expect(() => stub.default.generateHTTPClient(() => undefined)).toThrow(expected);
  expect(() => stub()).toThrow(expected);
  expect(() => stub.LANGS.ZH.toString()).toThrow(expected);
});

test('a data stub lists no keys and throws when an entry is read', () => {
  const stub = load(stubSource(dataPart), '/stub-mime-db.js');
  expect(Object.keys(stub)).toEqual([]); // mime-types walks the table's keys while loading
  expect(stub.__esModule).toBeUndefined();
  expect(() => stub['image/png']).toThrow(/^mime-db is not in this function's bundle: it is reached only by file uploads/);
});

test('the esbuild plugin replaces a package and any file inside it, and nothing else', async () => {
  const result = await build({
    stdin: {
      contents: "module.exports = { ai: require('@cloudbase/ai'), parser: require('xml2js/lib/parser'), path: require('node:path').sep };",
      resolveDir: __dirname,
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    plugins: [stubUnreachedSdkParts()],
  });
  const exported = load(result.outputFiles[0]!.text, '/stubbed-entry.js');
  expect(exported.path).toBe('/');
  expect(() => exported.ai.createAI()).toThrow(/^@cloudbase\/ai is not in this function's bundle/);
  expect(() => new exported.parser.Parser()).toThrow(/^xml2js is not in this function's bundle/);
});

test('every listed part says which feature reaches it', () => {
  expect(UNREACHED_SDK_PARTS.length).toBeGreaterThan(0);
  for (const part of UNREACHED_SDK_PARTS) {
    expect(part.reachedBy.length).toBeGreaterThan(10);
    expect(['code', 'data']).toContain(part.kind);
  }
  expect(UNREACHED_SDK_PARTS.map((p) => p.name)).toEqual(expect.arrayContaining(['@cloudbase/ai', '@cloudbase/wx-cloud-client-sdk', 'xml2js', 'web-streams-polyfill', 'mime-db']));
});
