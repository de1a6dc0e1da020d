// json-bigint (a dependency of wx-server-sdk) ships no types; tests use it to make real BigNumbers.
declare module 'json-bigint' {
  const JSONbig: { parse(text: string): unknown; stringify(value: unknown): string };
  export default JSONbig;
}
