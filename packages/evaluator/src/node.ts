/**
 * `@sigmats/evaluator/node`: the parts that read files (fixture folders, SigmaHQ regression_data). They need
 * `node:fs`/`node:path`, so they live behind this subpath and the main entry stays platform-neutral (it is bundled
 * for the browser by the converter page).
 */
export { runFixtures, type Fixture, type FixtureResult, type FixtureRuleReport, type FixtureReport, type FixtureOptions } from './fixtures.js';
export { regressionEvents, fixtureEvents, type CorpusEvent } from './derive/corpus-events.js';
