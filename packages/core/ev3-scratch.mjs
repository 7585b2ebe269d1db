import { CORE_SCHEMA, YAML11_SCHEMA } from 'js-yaml';
for (const t of ['00000429','0777','yes','22:00','1e3','0x10','0b101','1_000','+12','.5','1.','-0','0o17','~','Null','NULL','True','ON','y','n','2024-01-01','12:30:45','1:20']) console.log(t, JSON.stringify(CORE_SCHEMA.resolveImplicitScalarTag(t).value), JSON.stringify(YAML11_SCHEMA.resolveImplicitScalarTag(t).value));
