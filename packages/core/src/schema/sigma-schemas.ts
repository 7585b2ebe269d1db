/**
 * JSON schemas (draft 2020-12) for the three Sigma 2.1 document kinds, written for sigmats.
 * They check the metadata and the overall shape; the detection section, conditions and modifiers are checked by the
 * IR builder, which gives better messages than a schema can.
 */
const uuid = { type: 'string', format: 'uuid' } as const;
const stringList = { type: 'array', items: { type: 'string' } } as const;
const stringOrList = { anyOf: [{ type: 'string' }, stringList] } as const;

const metaProperties = {
  title: { type: 'string', minLength: 1, maxLength: 256 },
  id: uuid,
  name: { type: 'string', minLength: 1, maxLength: 256 },
  taxonomy: { type: 'string', minLength: 1, maxLength: 256 },
  status: { enum: ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] },
  description: { type: 'string', maxLength: 65535 },
  license: { type: 'string' },
  author: { type: 'string' },
  references: stringList,
  date: { type: 'string' },
  modified: { type: 'string' },
  related: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'type'],
      properties: {
        id: uuid,
        type: { enum: ['derived', 'obsolete', 'merged', 'renamed', 'similar', 'correlation', 'obsoletes'] },
      },
    },
  },
  falsepositives: stringOrList,
  level: { enum: ['informational', 'low', 'medium', 'high', 'critical'] },
  // The tag syntax is checked by the IR builder: a missing namespace is an error, other deviations are warnings.
  tags: { type: 'array', items: { type: 'string' } },
} as const;

const logsource = {
  type: 'object',
  properties: {
    category: { type: 'string' },
    product: { type: 'string' },
    service: { type: 'string' },
    definition: { type: 'string' },
  },
  additionalProperties: { type: 'string' },
} as const;

export const ruleSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://sigmats.dev/schema/sigma-rule.json',
  title: 'Sigma detection rule (2.1)',
  type: 'object',
  required: ['title', 'logsource', 'detection'],
  properties: {
    ...metaProperties,
    logsource,
    detection: { type: 'object' },
    fields: stringList,
    scope: stringList,
  },
} as const;

export const correlationSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://sigmats.dev/schema/sigma-correlation.json',
  title: 'Sigma correlation rule (2.1)',
  type: 'object',
  required: ['title', 'correlation'],
  properties: {
    ...metaProperties,
    generate: { type: 'boolean' },
    correlation: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { type: 'string' },
        rules: stringOrList,
        'group-by': stringOrList,
        timespan: { type: 'string', maxLength: 10 },
        condition: { anyOf: [{ type: 'object' }, { type: 'string' }] },
        aliases: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } },
        generate: { type: 'boolean' },
      },
      additionalProperties: false,
    },
  },
} as const;

export const filterSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://sigmats.dev/schema/sigma-filter.json',
  title: 'Sigma filter (2.1)',
  type: 'object',
  required: ['title', 'logsource', 'filter'],
  properties: {
    ...metaProperties,
    logsource,
    filter: {
      type: 'object',
      required: ['rules', 'condition'],
      properties: { rules: stringOrList, condition: { type: 'string' } },
    },
  },
} as const;
