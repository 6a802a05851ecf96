import { ScimError } from '../errors';
import { abbreviate, splitAttributePath } from './attribute-path';
import { FilterToken, tokenizeFilter } from './filter-lexer';
import { AttributePath, COMPARE_OPERATORS, CompareOperator, FilterNode, FilterValue } from './filter-types';

export * from './filter-types';

/** Maximum filter length in characters. Identity providers send short equality filters, far below this. */
export const MAX_FILTER_LENGTH = 2000;
/** Deepest nesting of parentheses, `not` and value filters accepted. */
export const MAX_FILTER_DEPTH = 16;

const ORDERING_OPERATORS: ReadonlySet<string> = new Set(['gt', 'ge', 'lt', 'le']);
const SUBSTRING_OPERATORS: ReadonlySet<string> = new Set(['co', 'sw', 'ew']);

/**
 * Parses a SCIM filter (RFC 7644, section 3.4.2.2) into a syntax tree. Operators and the
 * keywords `and`, `or`, `not`, `true`, `false` and `null` may be written in any case.
 * `not` binds tighter than `and`, which binds tighter than `or`.
 * Throws ScimError 400 `invalidFilter` naming the problem and its position.
 */
export function parseFilter(text: string): FilterNode {
  if (text.length > MAX_FILTER_LENGTH) {
    throw ScimError.badRequest(
      'invalidFilter',
      `Invalid filter "${abbreviate(text)}": the filter is ${text.length} characters long, ` +
        `and the maximum is ${MAX_FILTER_LENGTH}. Send a shorter filter or several requests.`,
    );
  }
  return new FilterParser(text).parse();
}

class FilterParser {
  private readonly tokens: FilterToken[];
  private index = 0;
  private depth = 0;
  /** Whether the parser is inside `[...]`, where another value filter is not allowed. */
  private inValuePath = false;

  constructor(private readonly text: string) {
    this.tokens = tokenizeFilter(text, (reason) => this.fail(reason));
  }

  parse(): FilterNode {
    if (this.peek().kind === 'end') {
      this.fail('the filter is empty. Send an expression such as userName eq "alice", or leave the filter out.');
    }

    const node = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') {
      this.fail(
        `unexpected ${this.describe(next)} at position ${next.position} after a complete expression. ` +
          'Join expressions with "and" or "or", and check that every "(" and "[" is closed exactly once.',
      );
    }
    return node;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.peekKeyword('or')) {
      this.index += 1;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.peekKeyword('and')) {
      this.index += 1;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    const token = this.peek();

    if (this.peekKeyword('not')) {
      this.index += 1;
      const open = this.peek();
      if (open.kind !== 'lparen') {
        this.fail(
          `expected "(" after "${token.text}" at position ${open.position}. ` +
            'Write the negated expression in parentheses, e.g. not (userName eq "alice").',
        );
      }
      return { kind: 'not', operand: this.parseGroup() };
    }
    if (token.kind === 'lparen') return this.parseGroup();
    if (token.kind === 'word' && !this.peekKeyword('and') && !this.peekKeyword('or')) {
      return this.parseAttributeExpression();
    }

    const found = this.describe(token);
    const after = this.previousText();
    return this.fail(
      `expected an attribute name or "("${after ? ` after "${after}"` : ''} at position ${token.position}, ` +
        `found ${found}. Write expressions such as userName eq "alice".`,
    );
  }

  /** Parses `"(" filter ")"`; the current token is the opening parenthesis. */
  private parseGroup(): FilterNode {
    const open = this.next();
    this.enterNesting(open);
    const node = this.parseOr();
    const close = this.peek();
    if (close.kind !== 'rparen') {
      this.fail(
        `expected ")" at position ${close.position} to close the "(" at position ${open.position}, ` +
          `found ${this.describe(close)}. Close every "(" with ")".`,
      );
    }
    this.index += 1;
    this.depth -= 1;
    return node;
  }

  /** Parses `attrPath "pr"`, `attrPath compareOp value` or `attrPath "[" filter "]"`. */
  private parseAttributeExpression(): FilterNode {
    const pathToken = this.next();
    const path = splitAttributePath(pathToken.text);
    if (!path) {
      this.fail(
        `"${pathToken.text}" at position ${pathToken.position} is not a valid attribute path. ` +
          'Write an attribute name, optionally with a sub-attribute and schema URN, ' +
          'e.g. name.givenName or urn:ietf:params:scim:schemas:core:2.0:User:userName.',
      );
    }

    const operatorToken = this.peek();
    if (operatorToken.kind === 'lbracket') return this.parseValuePath(path, pathToken);
    if (operatorToken.kind !== 'word') {
      this.fail(
        `expected an operator after "${pathToken.text}" at position ${operatorToken.position}, ` +
          `found ${this.describe(operatorToken)}. Use one of ${COMPARE_OPERATORS.join(', ')} or pr.`,
      );
    }

    this.index += 1;
    const operator = operatorToken.text.toLowerCase();
    if (operator === 'pr') return { kind: 'present', path };
    if (!(COMPARE_OPERATORS as readonly string[]).includes(operator)) {
      this.fail(
        `unknown operator "${operatorToken.text}" at position ${operatorToken.position}. ` +
          `Use one of ${COMPARE_OPERATORS.join(', ')} or pr.`,
      );
    }

    const value = this.parseValue(pathToken, operatorToken);
    return { kind: 'compare', path, op: operator as CompareOperator, value };
  }

  private parseValuePath(path: AttributePath, pathToken: FilterToken): FilterNode {
    const open = this.peek();
    if (this.inValuePath) {
      this.fail(
        `unexpected "[" at position ${open.position}: a value filter cannot contain another value filter. ` +
          'Filter on the sub-attributes of the outer attribute only.',
      );
    }
    if (path.subAttribute) {
      this.fail(
        `"${pathToken.text}" at position ${pathToken.position} names a sub-attribute, which cannot take a value filter. ` +
          'Put the filter right after the multi-valued attribute, e.g. emails[type eq "work"].',
      );
    }

    this.index += 1;
    this.enterNesting(open);
    this.inValuePath = true;
    const filter = this.parseOr();
    this.inValuePath = false;
    this.depth -= 1;

    const close = this.peek();
    if (close.kind !== 'rbracket') {
      this.fail(
        `expected "]" at position ${close.position} to close the "[" at position ${open.position}, ` +
          `found ${this.describe(close)}. Write value filters such as emails[type eq "work"].`,
      );
    }
    this.index += 1;
    return { kind: 'valuePath', path, filter };
  }

  private parseValue(pathToken: FilterToken, operatorToken: FilterToken): FilterValue {
    const token = this.peek();
    const operator = operatorToken.text.toLowerCase();
    let value: FilterValue;

    if (token.kind === 'string' || token.kind === 'number') {
      value = token.value as string | number;
    } else if (token.kind === 'word' && ['true', 'false', 'null'].includes(token.text.toLowerCase())) {
      const literal = token.text.toLowerCase();
      value = literal === 'null' ? null : literal === 'true';
    } else {
      const example = token.kind === 'word' ? token.text : 'alice';
      const found = token.kind === 'end' ? '' : `, found ${this.describe(token)}`;
      return this.fail(
        `expected a value after "${operatorToken.text}" at position ${token.position}${found}. ` +
          `Quote string values, e.g. ${pathToken.text} ${operatorToken.text} "${example}".`,
      );
    }

    if (SUBSTRING_OPERATORS.has(operator) && typeof value !== 'string') {
      this.fail(
        `operator "${operatorToken.text}" at position ${operatorToken.position} needs a quoted string, ` +
          `found ${token.text}. Quote the value, e.g. ${pathToken.text} ${operatorToken.text} "${token.text}".`,
      );
    }
    if (ORDERING_OPERATORS.has(operator) && typeof value !== 'string' && typeof value !== 'number') {
      this.fail(
        `operator "${operatorToken.text}" at position ${operatorToken.position} cannot compare with ${token.text}. ` +
          'Compare strings, numbers or dates with gt, ge, lt and le, and booleans or null with eq or ne.',
      );
    }

    this.index += 1;
    return value;
  }

  private enterNesting(token: FilterToken): void {
    this.depth += 1;
    if (this.depth > MAX_FILTER_DEPTH) {
      this.fail(
        `"${token.text}" at position ${token.position} nests deeper than ${MAX_FILTER_DEPTH} levels. ` +
          'Remove redundant parentheses or split the filter.',
      );
    }
  }

  private peek(): FilterToken {
    return this.tokens[this.index];
  }

  private next(): FilterToken {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  private peekKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  private previousText(): string | undefined {
    return this.index > 0 ? this.tokens[this.index - 1].text : undefined;
  }

  private describe(token: FilterToken): string {
    if (token.kind === 'end') return 'the end of the filter';
    return token.kind === 'string' ? token.text : `"${token.text}"`;
  }

  private fail(reason: string): never {
    throw ScimError.badRequest('invalidFilter', `Invalid filter "${abbreviate(this.text)}": ${reason}`);
  }
}
