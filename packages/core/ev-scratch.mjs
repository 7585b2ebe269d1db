import { parseEvents, getScalarValue, CORE_SCHEMA, YAML11_SCHEMA } from 'js-yaml';
const src = process.argv[2].replace(/\\n/g,'\n');
const ev = parseEvents(src, {filename:'x', maxDepth: 50});
for (const e of ev) {
  const o = {...e};
  if (e.type===4) { o.v = getScalarValue(src, e); o.raw = src.slice(e.valueStart, e.valueEnd); o.r=CORE_SCHEMA.resolveImplicitScalarTag(o.v); }
  console.log(JSON.stringify(o));
}
