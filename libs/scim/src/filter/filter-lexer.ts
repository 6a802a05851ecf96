/** Token kinds of the filter grammar; `word` covers attribute paths, operators and keywords. */
export type FilterTokenKind = 'word' | 'string' | 'number' | 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'end';

export interface FilterToken {
  kind: FilterTokenKind;
  /** Source text of the token; empty for `end`. */
  text: string;
  /** Offset of the first character, counted from 0. */
  position: number;
  /** Decoded value of a string or number token. */
  value?: string | number;
}

/** Raises the caller's error for a problem at a position; never returns. */
export type LexerFailure = (reason: string) => never;

const PUNCTUATION: Readonly<Record<string, FilterTokenKind>> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
};
const WORD_START = /[A-Za-z$]/;
const WORD = /[A-Za-z$][A-Za-z0-9_$:.-]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Splits filter text into tokens; the last token is always `end`. */
export function tokenizeFilter(text: string, fail: LexerFailure): FilterToken[] {
  const tokens: FilterToken[] = [];
  let position = 0;

  while (position < text.length) {
    const char = text[position];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      position += 1;
    } else if (PUNCTUATION[char]) {
      tokens.push({ kind: PUNCTUATION[char], text: char, position });
      position += 1;
    } else if (char === '"') {
      const token = readString(text, position, fail);
      tokens.push(token);
      position += token.text.length;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER.lastIndex = position;
      const match = NUMBER.exec(text);
      if (!match) {
        fail(`invalid number at position ${position}. Write numbers as in JSON, e.g. 42 or -1.5.`);
      }
      tokens.push({ kind: 'number', text: match[0], position, value: Number(match[0]) });
      position += match[0].length;
    } else if (WORD_START.test(char)) {
      WORD.lastIndex = position;
      const word = (WORD.exec(text) as RegExpExecArray)[0];
      tokens.push({ kind: 'word', text: word, position });
      position += word.length;
    } else if (char === '.' && text[position - 1] === ']') {
      fail(
        `unexpected "." at position ${position}: a filter cannot select a sub-attribute after "]". ` +
          'Put every condition inside the brackets, e.g. emails[type eq "work" and value eq "ann@example.com"].',
      );
    } else {
      fail(
        `unexpected character "${char}" at position ${position}. ` +
          'A filter contains attribute names, operators, quoted strings, numbers, true, false, null, ( ) and [ ].',
      );
    }
  }

  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

/** Reads a JSON string literal that starts at `start` (the opening quote). */
function readString(text: string, start: number, fail: LexerFailure): FilterToken {
  let value = '';
  let position = start + 1;

  while (position < text.length) {
    const char = text[position];
    if (char === '"') {
      if (value.includes('\u0000')) {
        // PostgreSQL text cannot contain U+0000, so binding such a value would fail the query.
        fail(`the string starting at position ${start} contains the character U+0000, which no stored value can contain. Remove it.`);
      }
      return { kind: 'string', text: text.slice(start, position + 1), position: start, value };
    }
    if (char !== '\\') {
      value += char;
      position += 1;
      continue;
    }

    const escape = text[position + 1];
    if (escape !== undefined && SIMPLE_ESCAPES[escape] !== undefined) {
      value += SIMPLE_ESCAPES[escape];
      position += 2;
    } else if (escape === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(position + 2, position + 6))) {
      value += String.fromCharCode(parseInt(text.slice(position + 2, position + 6), 16));
      position += 6;
    } else {
      const sequence = text.slice(position, position + 2);
      fail(
        `invalid escape sequence "${sequence}" at position ${position}. ` +
          'Inside quotes, escape only \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX.',
      );
    }
  }

  return fail(
    `unterminated string starting at position ${start}. Close the value with a double quote, e.g. userName eq "alice".`,
  );
}
