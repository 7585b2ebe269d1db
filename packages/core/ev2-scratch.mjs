import { parseEvents, getScalarValue, CORE_SCHEMA, YAML11_SCHEMA } from 'js-yaml';
function t(src, opts={}) {
  try {
    const ev = parseEvents(src, {filename:'x', maxDepth: 5, ...opts});
    console.log(JSON.stringify(src), ev.filter(e=>e.type===4).map(e=>[e.valueStart,e.valueEnd,getScalarValue(src,e)]));
  } catch (e) { console.log(JSON.stringify(src), 'ERR', e.constructor.name, e.reason, e.mark && {pos:e.mark.position,line:e.mark.line,col:e.mark.column}); }
}
t('\uFEFFa: b');
t('a: b\r\nc: d\r\n');
t('a:\tb');
t('a: [[[[[[[[1]]]]]]]]');
t('a: b: c');
t('a: "unterminated');
t('a: *nope');
t('a: &x 1\nb: *x');
t('- !!binary aGVsbG8=\n- !foo bar\n- !!int "12"');
t('a: b\n...\n---\nc: d\n');
t('a: >\n  folded\n  text\n\n  more\nb: c');
t('a: b\n  c\n  d\ne: 1');
t('%YAML 1.1\n---\na: yes');
t('a: "\\x41\\u00e9"');
t('');
t('# only comment\n');
t('--- \n--- \n');
console.log(YAML11_SCHEMA.resolveImplicitScalarTag('22:00').value, YAML11_SCHEMA.resolveImplicitScalarTag('0777').value, YAML11_SCHEMA.resolveImplicitScalarTag('yes').value, YAML11_SCHEMA.resolveImplicitScalarTag('2024-01-01').value, CORE_SCHEMA.resolveImplicitScalarTag('1e3').value, YAML11_SCHEMA.resolveImplicitScalarTag('1e3').value, CORE_SCHEMA.resolveImplicitScalarTag('.inf').value,CORE_SCHEMA.resolveImplicitScalarTag('0o17').value, YAML11_SCHEMA.resolveImplicitScalarTag('0o17').value);
console.log(CORE_SCHEMA.lookupScalarTag('tag:yaml.org,2002:int'));
