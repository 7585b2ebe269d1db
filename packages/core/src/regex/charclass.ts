// Character classes with RE2's membership, decided one code point at a time by a native `u`-flag RegExp. Such a
// RegExp holds one class and is tested on one code point, so it can never backtrack; and it brings Unicode's
// property, script and simple case folding data without shipping tables. Checked exhaustively against re2js
// (Unicode 17, like Node 20's ICU): every category, binary property and script name, with and without (?i), and
// every (?i) fold orbit, give the same code points (see test/regex/tables.test.ts).

/** One piece of a class: a JS class body (u-mode), negated after folding when `neg` (\W, \P{L}, [:^alpha:]). */
export interface ClassItem {
  readonly body: string;
  readonly neg: boolean;
}

const hex = (cp: number): string => `\\u{${cp.toString(16)}}`;

/** A range of code points as a JS class body. */
export function rangeBody(lo: number, hi: number): string {
  return lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`;
}

// RE2's Perl classes are ASCII-only.
const DIGIT = '0-9';
const SPACE = '\\t\\n\\f\\r ';
const WORD = '0-9A-Za-z_';
export const PERL_CLASSES: ReadonlyMap<string, ClassItem> = new Map([
  ['d', { body: DIGIT, neg: false }],
  ['D', { body: DIGIT, neg: true }],
  ['s', { body: SPACE, neg: false }],
  ['S', { body: SPACE, neg: true }],
  ['w', { body: WORD, neg: false }],
  ['W', { body: WORD, neg: true }],
]);

export const POSIX_CLASSES: ReadonlyMap<string, string> = new Map(
  Object.entries({
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u{0}-\\u{7f}',
  blank: '\\t ',
  cntrl: '\\u{0}-\\u{1f}\\u{7f}',
  digit: DIGIT,
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@\\[-`{-~',
  space: '\\t-\\r ',
  upper: 'A-Z',
  word: WORD,
  xdigit: '0-9A-Fa-f',
  }),
);

// The names RE2 (re2js 2.10, Unicode 17) accepts after \p: general categories, the binary properties it carries,
// scripts. Any name outside these lists is an error, as in RE2, even where JS would know it.
const CATEGORIES = 'C Cc Cf Cn Co Cs L LC Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs';
const BINARY =
  'ASCII_Hex_Digit Alphabetic Dash Emoji Emoji_Component Emoji_Modifier Emoji_Modifier_Base Emoji_Presentation ' +
  'Extended_Pictographic Hex_Digit Lowercase Math Quotation_Mark Terminal_Punctuation Uppercase White_Space';
const SCRIPTS =
  'Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Beria_Erfe ' +
  'Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham ' +
  'Cherokee Chorasmian Common Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra ' +
  'Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Garay Georgian Glagolitic Gothic Grantha Greek Gujarati ' +
  'Gunjala_Gondi Gurmukhi Gurung_Khema Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic ' +
  'Inherited Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi ' +
  'Khitan_Small_Script Khmer Khojki Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian ' +
  'Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui ' +
  'Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari ' +
  'New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Ol_Onal Old_Hungarian Old_Italic ' +
  'Old_North_Arabian Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage ' +
  'Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra ' +
  'Sharada Shavian Siddham Sidetic SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese Sunuwar Syloti_Nagri ' +
  'Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Tai_Yo Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan ' +
  'Tifinagh Tirhuta Todhri Tolong_Siki Toto Tulu_Tigalari Ugaritic Unknown Vai Vithkuqi Wancho Warang_Citi Yezidi Yi ' +
  'Zanabazar_Square';

let names: Map<string, string> | undefined;

/** The JS class body and sign of a \p name as RE2 spells it, or undefined for a name RE2 does not know. */
export function unicodeClass(name: string): { body: string; neg: boolean } | undefined {
  if (!names) {
    names = new Map([
      ['Any', '\\u{0}-\\u{10ffff}'],
      ['Ascii', '\\u{0}-\\u{7f}'],
      ['Lc', '\\p{gc=LC}'],
    ]);
    for (const n of CATEGORIES.split(' ')) names.set(n, `\\p{gc=${n}}`);
    for (const n of BINARY.split(' ')) names.set(n, `\\p{${n}}`);
    for (const n of SCRIPTS.split(' ')) names.set(n, `\\p{sc=${n}}`);
  }
  // RE2's Assigned is the complement of Cn.
  if (name === 'Assigned') return { body: '\\p{gc=Cn}', neg: true };
  const body = names.get(name);
  return body === undefined ? undefined : { body, neg: false };
}

const CACHE_MAX = 512;

/** A parsed character class: items OR-ed, each folded under (?i) before its own negation, then the class sign. */
export class CharClass {
  private pos: RegExp | null | undefined;
  private negs: RegExp[] | undefined;
  private ascii: Uint8Array | undefined;
  private readonly other = new Map<number, boolean>();

  constructor(
    readonly items: readonly ClassItem[],
    /** `[^...]` */
    readonly negated: boolean,
    readonly fold: boolean,
  ) {}

  /** Is code point `cp` in the class? */
  has(cp: number): boolean {
    if (cp < 128) {
      if (!this.ascii) {
        this.ascii = new Uint8Array(128);
        for (let c = 0; c < 128; c++) this.ascii[c] = this.test(c) ? 1 : 0;
      }
      return this.ascii[cp] === 1;
    }
    const known = this.other.get(cp);
    if (known !== undefined) return known;
    const r = this.test(cp);
    if (this.other.size < CACHE_MAX) this.other.set(cp, r);
    return r;
  }

  private test(cp: number): boolean {
    if (this.pos === undefined) {
      const flags = this.fold ? 'iu' : 'u';
      const pos = this.items.filter((i) => !i.neg).map((i) => i.body);
      this.pos = pos.length ? new RegExp(`^[${pos.join('')}]$`, flags) : null;
      this.negs = this.items.filter((i) => i.neg).map((i) => new RegExp(`^[${i.body}]$`, flags));
    }
    const s = String.fromCodePoint(cp);
    let m = this.pos !== null && this.pos.test(s);
    if (!m) for (const r of this.negs!) if (!r.test(s)) m = true;
    return m !== this.negated;
  }
}
