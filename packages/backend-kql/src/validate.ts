/**
 * `@sigmats/backend-kql/validate`: KQL analysed by Microsoft's Kusto language service (Kusto.Language, npm
 * `@kusto/language-service-next`). Node only (the service is loaded with require), 31 MB, and an optional peer
 * dependency: it lives behind this subpath so the main entry stays platform-neutral and `npm i @sigmats/cli` small.
 * Install `@kusto/language-service-next` beside this package to validate; `kustoAvailable()` says whether it is.
 */
import { createRequire } from 'node:module';
import type { Backend } from '@sigmats/core';
import { kqlBackend } from './backend.js';
import { KUSTO_PACKAGE, validateKql } from './validator.js';

export { validateKql, kqlStringLiterals, kqlComparisons, unreadTableSchemas, KUSTO_PACKAGE, type KqlComparison } from './validator.js';

/** Whether the Kusto language service can be loaded from here (it is an optional peer dependency). */
export function kustoAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve(`${KUSTO_PACKAGE}/Kusto.Language.Bridge.min.js`);
    return true;
  } catch {
    return false;
  }
}

/** The KQL backend whose `validate` is `validateKql` (the main entry's backend cannot load the service). */
export function kqlValidatingBackend(): Backend {
  return kqlBackend({ validate: validateKql });
}
