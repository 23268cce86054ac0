// Preloaded with `node --require` into a process that runs a built bundle (and, inherited through
// execArgv, into its worker threads): appends to $RECORD_FILES every module file it loads and every
// file it opens or reads, so a test can check the packaged app would contain all of them.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');

const out = process.env.RECORD_FILES;
if (out) {
  const seen = new Set();
  const appendFileSync = fs.appendFileSync.bind(fs);
  const record = (p) => {
    if (typeof p !== 'string' && !(p instanceof URL)) return;
    const path = p instanceof URL ? p.pathname : p;
    if (seen.has(path) || path === out) return;
    seen.add(path);
    try {
      appendFileSync(out, `${path}\n`);
    } catch {
      /* best effort */
    }
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (...args) {
    const file = resolve.apply(this, args);
    record(file);
    return file;
  };
  for (const name of ['readFileSync', 'openSync', 'readdirSync', 'createReadStream', 'statSync']) {
    const original = fs[name];
    fs[name] = function (p, ...rest) {
      record(p);
      return original.call(this, p, ...rest);
    };
  }
  for (const name of ['readFile', 'open', 'readdir', 'stat']) {
    const original = fs[name];
    fs[name] = function (p, ...rest) {
      record(p);
      return original.call(this, p, ...rest);
    };
    const promised = fs.promises[name];
    fs.promises[name] = function (p, ...rest) {
      record(p);
      return promised.call(this, p, ...rest);
    };
  }
}
