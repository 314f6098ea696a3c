import type { Language, MessageCatalog } from './catalog-types';
import { commonMessages } from './common';
import { importMessages } from './import';
import { cliMessages } from './cli';
import { entityMessages } from './entities';
import { qualityMessages } from './quality';
import { mrpMessages } from './mrp';
import { planningMessages } from './planning';
import { routingMessages } from './routing';
import { inventoryMessages } from './inventory';
import { forecastMessages } from './forecast';
import { packingMessages } from './packing';
import { reconciliationMessages } from './reconciliation';
import { kpiMessages } from './kpi';
import { transportMessages } from './transport';
import { authMessages } from './auth';
import { jobMessages } from './jobs';
import { integrationMessages } from './integration';
import { improvementMessages } from './improvement';
import { countingMessages } from './counting';
import { shipmentMessages } from './shipments';
import { workspaceMessages } from './workspace';
import { sopScenarioMessages } from './sop-scenarios';

// One line per domain catalogue; each domain keeps its own file.
const catalogs: MessageCatalog[] = [commonMessages, importMessages, cliMessages, entityMessages, qualityMessages, mrpMessages, planningMessages, routingMessages, inventoryMessages, forecastMessages, packingMessages, reconciliationMessages, kpiMessages, transportMessages, authMessages, jobMessages, integrationMessages, improvementMessages, countingMessages, workspaceMessages, shipmentMessages, sopScenarioMessages];

const merged: MessageCatalog = { en: {}, fr: {} };
for (const catalog of catalogs) {
  Object.assign(merged.en, catalog.en);
  Object.assign(merged.fr, catalog.fr);
}

/** Every message key known to the product (for tests that check both languages). */
export function listMessageKeys(language: Language): string[] {
  return Object.keys(merged[language]).sort();
}

/**
 * Returns the message for `key` in `language` with `{param}` placeholders filled.
 * An unknown key returns the key itself so a missing translation shows rather than hides.
 */
export function translate(language: Language, key: string, params: Record<string, unknown> = {}): string {
  const template = merged[language][key] ?? merged.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the language from FLOWPILOT_LANG, then LC_ALL / LC_MESSAGES / LANG; English by default. */
export function detectLanguage(env: Record<string, string | undefined>): Language {
  const candidates = [env.FLOWPILOT_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  for (const value of candidates) {
    if (!value) continue;
    const lower = value.toLowerCase();
    if (lower.startsWith('fr')) return 'fr';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
