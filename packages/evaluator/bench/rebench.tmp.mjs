import { RE2JS } from 're2js';
import { generateProcessEvents, translatePcre } from '/work/main/packages/evaluator/dist/index.js';
const evs = generateProcessEvents(20000, 7).map(e => e.CommandLine);
const pats = [String.raw`\\[a-zA-Z0-9]{1,32}\.[a-zA-Z0-9]{1,6}\.[ "']{1}`, String.raw`\s[a-fA-F0-9]{64}\s[a-fA-F0-9]{16}`];
for (const p of pats) {
  for (const flags of [0, RE2JS.LOOKBEHINDS]) {
  const r = RE2JS.compile(p, flags);
  const c0 = process.cpuUsage(); let n = 0; for (let k=0;k<3;k++) for (const s of evs) if (r.test(s)) n++; const c = process.cpuUsage(c0);
  console.log(p, flags, 'us/test', ((c.user + c.system) / evs.length / 3).toFixed(2), n);
  }
  const j = new RegExp(p);
  const c0 = process.cpuUsage(); let n = 0; for (let k=0;k<3;k++) for (const s of evs) if (j.test(s)) n++; const c = process.cpuUsage(c0);
  console.log('js', 'us/test', ((c.user + c.system) / evs.length / 3).toFixed(2), n);
}
