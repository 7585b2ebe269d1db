// A literal that every match of a pattern contains, so a text without it is refused before the VM runs. Pipelines
// test a pattern against every value of every rule, and most values cannot match: the KQL `microsoft_xdr`
// pipeline's `(?i)^(?:.*IMPHASH=)` runs about 29,000 times over SigmaHQ, and on the Pike VM alone that pipeline
// took twice as long as on re2js (which has a DFA and literal prefilters of its own).
import type { Node } from './ast.js';

/** What a search must find in the text: `text` as is, or (`lower`) in the text lowercased. */
export interface RequiredLiteral {
  readonly text: string;
  readonly lower: boolean;
}

type Piece = { readonly ch: string; readonly kind: 'exact' | 'lower' | 'neutral' } | 'break';

const ASCII_LETTER = /^[A-Za-z]$/;

/**
 * One code point of a literal. Under (?i) an ASCII letter matches its two cases only, except k and s, whose
 * orbits hold U+212A KELVIN SIGN and U+017F LONG S: those and every other folded letter end the literal. An ASCII
 * character that is no letter folds to itself.
 */
function piece(cp: number, fold: boolean): Piece {
  const ch = String.fromCodePoint(cp);
  if (cp < 128 && !ASCII_LETTER.test(ch)) return { ch, kind: 'neutral' };
  if (!fold) return { ch, kind: 'exact' };
  if (cp < 128 && !'kKsS'.includes(ch)) return { ch: ch.toLowerCase(), kind: 'lower' };
  return 'break';
}

/** The pieces a match of `n` always contains, in order: literals that sit side by side, and breaks between. */
function pieces(n: Node, out: Piece[]): void {
  switch (n.op) {
    case 'lit':
      out.push(piece(n.cp, n.fold));
      return;
    // Empty-width: adds nothing between its neighbours.
    case 'empty':
    case 'assert':
      return;
    case 'cap':
      pieces(n.sub, out);
      return;
    case 'cat':
      for (const s of n.subs) pieces(s, out);
      return;
    // At least one copy of the sub-pattern, whole; what follows it is not next to it.
    case 'plus':
      out.push('break');
      pieces(n.sub, out);
      out.push('break');
      return;
    case 'repeat':
      out.push('break');
      if (n.min >= 1) pieces(n.sub, out);
      out.push('break');
      return;
    case 'nomatch':
    case 'class':
    case 'any':
    case 'star':
    case 'quest':
    case 'alt':
      out.push('break');
      return;
    default: {
      const never: never = n;
      throw new Error(`unknown regex node ${(never as Node).op}`);
    }
  }
}

/** The longest run of side-by-side literals every match holds (two characters at least), or undefined. */
export function requiredLiteral(root: Node): RequiredLiteral | undefined {
  const all: Piece[] = [];
  pieces(root, all);
  let best: RequiredLiteral | undefined;
  // A run is cut where a break comes, and where exact letters meet folded ones (one text form per search).
  let text = '';
  let lower: boolean | undefined;
  const close = (): void => {
    if (text.length >= 2 && (best === undefined || text.length > best.text.length)) best = { text, lower: lower === true };
    text = '';
    lower = undefined;
  };
  for (const p of all) {
    if (p === 'break') {
      close();
      continue;
    }
    if (p.kind !== 'neutral') {
      const wantsLower = p.kind === 'lower';
      if (lower !== undefined && lower !== wantsLower) {
        // Keep the neutral tail of the run cut here: it belongs to the next one too.
        const tail = /[^A-Za-z\u0080-\uffff]*$/.exec(text)![0];
        close();
        text = tail;
      }
      lower = wantsLower;
    }
    text += p.ch;
  }
  close();
  return best;
}
