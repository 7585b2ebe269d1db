#!/usr/bin/env node
// Events for the `sigmats eval` memory/time benchmark (BENCHMARKS.md, "Correlation stream"): N failed logons
// (EventID 4625), one every 10 ms, each from its own source address (N distinct group keys), a few users.
// Usage: node fuzz/gen-events.mjs N > events.jsonl
import { createWriteStream } from 'node:fs';

const n = Number(process.argv[2] ?? 1_000_000);
const out = process.argv[3] ? createWriteStream(process.argv[3]) : process.stdout;
const t0 = Date.UTC(2026, 0, 1);
let buf = '';
for (let i = 0; i < n; i++) {
  const ev = {
    '@timestamp': new Date(t0 + i * 10).toISOString(),
    EventID: 4625,
    Channel: 'Security',
    Provider_Name: 'Microsoft-Windows-Security-Auditing',
    Computer: `host${i % 50}.corp.example`,
    TargetUserName: `user${i % 7}`,
    IpAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    LogonType: 3,
    ProcessName: 'C:\\Windows\\System32\\svchost.exe',
  };
  buf += `${JSON.stringify(ev)}\n`;
  if (buf.length > 1 << 20) {
    if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
    buf = '';
  }
}
out.write(buf);
if (out !== process.stdout) out.end();
