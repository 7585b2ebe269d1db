import type { KqlTable } from '../src/types.js';

/**
 * The documentation's operator examples run over the Samples database's StormEvents table and print, per State, the
 * number of events. This rebuilds the one column they read (State) from those printed outputs, so each example can
 * be run here and its printed result compared:
 * - DOCUMENTED: the per-state counts the example outputs print (e.g. contains-operator.md: PENNSYLVANIA 1687).
 * - DERIVED: GEORGIA = 4775 (in-cs-operator.md, FLORIDA+GEORGIA+NEW YORK) - 1042 - 1750; the total 59,066 =
 *   4775 + 54,291 (not-in-cs-operator.md); 67 states (not-has-cs-operator.md: `!has_cs "new"` counts 67).
 * - FILLER: the 30 states no output prints get 575 events each (one 570) so the total is right; every printed
 *   output stays consistent with them (each is below the thresholds, 1233 included, that the examples filter on).
 * The names of the 67 states are those of StormEvents; the fixture is checked against the documented counts below.
 */
const DOCUMENTED: Readonly<Record<string, number>> = {
  TEXAS: 4701, KANSAS: 3166, IOWA: 2337, ILLINOIS: 2022, MISSOURI: 2016, WISCONSIN: 1850, 'NEW YORK': 1750,
  'NORTH CAROLINA': 1721, PENNSYLVANIA: 1687, COLORADO: 1654, MICHIGAN: 1637, 'SOUTH DAKOTA': 1567, KENTUCKY: 1391,
  OHIO: 1233, MONTANA: 1230, INDIANA: 1164, TENNESSEE: 1125, 'NEW JERSEY': 1044, FLORIDA: 1042, ARKANSAS: 1028,
  'SOUTH CAROLINA': 915, 'NORTH DAKOTA': 905, 'NEW MEXICO': 527, LOUISIANA: 463, 'NEW HAMPSHIRE': 394, ARIZONA: 340,
  'ATLANTIC SOUTH': 193, 'PUERTO RICO': 192, 'ATLANTIC NORTH': 188, 'LAKE MICHIGAN': 182, 'LAKE HURON': 63,
  'LAKE SUPERIOR': 34, 'LAKE ST CLAIR': 32, 'LAKE ERIE': 27, 'E PACIFIC': 10, 'LAKE ONTARIO': 8,
};

const DERIVED: Readonly<Record<string, number>> = { GEORGIA: 4775 - 1042 - 1750 };

const FILLER = [
  'ALABAMA', 'ALASKA', 'CALIFORNIA', 'CONNECTICUT', 'DELAWARE', 'HAWAII', 'IDAHO', 'MAINE', 'MARYLAND',
  'MASSACHUSETTS', 'MINNESOTA', 'MISSISSIPPI', 'NEBRASKA', 'NEVADA', 'OKLAHOMA', 'OREGON', 'RHODE ISLAND', 'UTAH',
  'VERMONT', 'VIRGINIA', 'WASHINGTON', 'WEST VIRGINIA', 'WYOMING', 'DISTRICT OF COLUMBIA', 'GULF OF MEXICO',
  'GULF OF ALASKA', 'HAWAII WATERS', 'VIRGIN ISLANDS', 'GUAM', 'AMERICAN SAMOA',
];

export const STATE_COUNTS: Readonly<Record<string, number>> = {
  ...DOCUMENTED,
  ...DERIVED,
  ...Object.fromEntries(FILLER.map((s, i) => [s, i === 0 ? 570 : 575])),
};

/** StormEvents with its State column: one row per event. */
export const STORM_EVENTS: KqlTable = {
  name: 'StormEvents',
  columns: { State: 'string' },
  rows: Object.entries(STATE_COUNTS).flatMap(([State, n]) => Array.from({ length: n }, () => ({ State }))),
};
