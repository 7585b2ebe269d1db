// What a `sigmats` run pays before it parses anything, for bench/process.bench.mjs (the "start floor" rows):
// Node's start, the CLI's bundle loaded as bin.cjs loads it (read as latin1, compiled with the code cache of the
// command's profile, its top level run: packages/cli/src/launch/bundle.ts), and, given a folder, every rule file
// under it found and read as the CLI reads its inputs (readFileSync, UTF-8; the texts kept, as convert's prescan
// keeps them until their chunk is parsed). No parse, no conversion, no output.
//
//   node bench/start-floor.cjs <profile> [folder]     profile: splunk, kql, sumo-cse, check, ... (a dist/*.cache)
//
// CommonJS, like bin.cjs: an ES module would start Node's ES module loader, which `sigmats` does not pay.
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const [profile, folder] = process.argv.slice(2);
const dist = join(__dirname, '..', 'packages', 'cli', 'dist');
const file = join(dist, 'sigmats.cjs');
const cachedData = readFileSync(join(dist, `sigmats-v8-${process.versions.v8}.${profile}.cache`));
const script = new Script(readFileSync(file, 'latin1'), { filename: file, cachedData });
// A rejected cache would make this floor a compile of the whole bundle, not what a run pays.
if (script.cachedDataRejected) throw new Error(`the ${profile} code cache was rejected`);
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, createRequire(file), module_, file, dist);

if (folder !== undefined) {
  const texts = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(e.name)) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(folder);
  if (texts.length === 0) throw new Error(`no rule files under ${folder}`);
}
