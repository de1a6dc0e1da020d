'use strict';
/**
 * Preloaded (`node --require`) into the real CloudBase CLI by the deploy test: replaces the CLI's
 * network layer so every HTTP(S) request it makes, to any host, goes in plain HTTP to the stub
 * on 127.0.0.1:$CLOUD_API_STUB_PORT instead, with the address it was meant for in the
 * `x-stub-original` header. Nothing leaves the machine. Plain JavaScript: loaded as is by node.
 */
const http = require('node:http');
const https = require('node:https');

const port = Number(process.env.CLOUD_API_STUB_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('offlineNetwork.js needs CLOUD_API_STUB_PORT');
const plainRequest = http.request;

function toStub(protocol) {
  return function request(first, second, third) {
    let options;
    let callback;
    if (typeof first === 'string' || first instanceof URL) {
      const url = new URL(first);
      options = { protocol: url.protocol, hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: 'GET' };
      if (second && typeof second === 'object') Object.assign(options, second);
      callback = typeof second === 'function' ? second : third;
    } else {
      options = { ...first };
      callback = second;
    }
    const host = options.hostname || options.host || 'localhost';
    const original = `${protocol}//${host}${options.path || '/'}`;
    const headers = { ...(options.headers || {}), 'x-stub-original': original };
    return plainRequest({ method: options.method || 'GET', path: options.path || '/', headers, hostname: '127.0.0.1', port, agent: false }, callback);
  };
}

https.request = toStub('https:');
http.request = toStub('http:');
for (const mod of [http, https]) {
  mod.get = function get(...args) {
    const req = mod.request(...args);
    req.end();
    return req;
  };
}
