import { evaluateFilter } from '@app/scim/filter/filter-evaluator';
import { parseFilter } from '@app/scim/filter/filter-parser';

const matches = (filter: string, element: Record<string, unknown>, caseExact?: string[]): boolean =>
  evaluateFilter(parseFilter(filter), element, caseExact ? new Set(caseExact) : undefined);

describe(evaluateFilter.name, () => {
  const email = { value: 'Ann@Example.com', type: 'work', primary: true };

  describe('string comparison', () => {
    it('matches eq ignoring case', () => {
      expect(matches('type eq "WORK"', email)).toBe(true);
      expect(matches('value eq "ann@example.com"', email)).toBe(true);
      expect(matches('type eq "home"', email)).toBe(false);
    });

    it('respects case-exact attributes', () => {
      expect(matches('value eq "ann@example.com"', email, ['value'])).toBe(false);
      expect(matches('value eq "Ann@Example.com"', email, ['value'])).toBe(true);
    });

    it('matches case-exact names in any case', () => {
      expect(matches('VALUE eq "ann@example.com"', email, ['Value'])).toBe(false);
    });

    it('matches attribute names in any case', () => {
      expect(matches('TYPE eq "work"', email)).toBe(true);
      expect(matches('Type eq "work"', { TYPE: 'work' })).toBe(true);
    });

    it('folds accented letters', () => {
      expect(matches('display eq "ÉQUIPE ZÜRICH"', { display: 'Équipe Zürich' })).toBe(true);
    });

    it('matches co, sw and ew', () => {
      expect(matches('value co "@example"', email)).toBe(true);
      expect(matches('value sw "ANN@"', email)).toBe(true);
      expect(matches('value ew ".COM"', email)).toBe(true);
      expect(matches('value co "@other"', email)).toBe(false);
      expect(matches('value sw "example"', email)).toBe(false);
      expect(matches('value ew "ann"', email)).toBe(false);
    });

    it('matches ne', () => {
      expect(matches('type ne "home"', email)).toBe(true);
      expect(matches('type ne "Work"', email)).toBe(false);
    });

    it('matches ne on missing attribute', () => {
      expect(matches('display ne "x"', email)).toBe(true);
    });

    it('orders strings', () => {
      expect(matches('type gt "home"', email)).toBe(true);
      expect(matches('type lt "home"', email)).toBe(false);
      expect(matches('type ge "WORK"', email)).toBe(true);
      expect(matches('type le "work"', email)).toBe(true);
    });

    it('orders dateTimes by instant', () => {
      const event = { at: '2024-01-01T10:00:00+02:00' };
      expect(matches('at lt "2024-01-01T09:00:00Z"', event)).toBe(true);
      expect(matches('at gt "2024-01-01T07:59:59Z"', event)).toBe(true);
      expect(matches('at ge "2024-01-01T08:00:00Z"', event)).toBe(true);
      expect(matches('at le "2024-01-01T07:00:00Z"', event)).toBe(false);
    });
  });

  describe('other types', () => {
    it('compares numbers', () => {
      expect(matches('count gt 4', { count: 5 })).toBe(true);
      expect(matches('count le 4', { count: 5 })).toBe(false);
      expect(matches('count eq 5', { count: 5 })).toBe(true);
    });

    it('never matches number against string', () => {
      expect(matches('count eq 5', { count: '5' })).toBe(false);
      expect(matches('count eq "5"', { count: 5 })).toBe(false);
    });

    it('compares booleans', () => {
      expect(matches('primary eq true', email)).toBe(true);
      expect(matches('primary eq false', email)).toBe(false);
      expect(matches('primary ne false', email)).toBe(true);
    });

    it('accepts boolean strings', () => {
      expect(matches('primary eq true', { primary: 'True' })).toBe(true);
      expect(matches('primary eq false', { primary: 'FALSE' })).toBe(true);
      expect(matches('primary eq true', { primary: 'yes' })).toBe(false);
    });

    it('matches eq null on missing', () => {
      expect(matches('display eq null', email)).toBe(true);
      expect(matches('type eq null', email)).toBe(false);
      expect(matches('type ne null', email)).toBe(true);
    });
  });

  describe('pr', () => {
    it.each([
      ['string', 'x', true],
      ['false', false, true],
      ['zero', 0, true],
      ['empty string', '', false],
      ['null', null, false],
      ['empty array', [], false],
      ['empty object', {}, false],
      ['object of nulls', { a: null }, false],
      ['array with value', ['a'], true],
    ])('treats %s correctly', (_, value, expected) => {
      expect(matches('field pr', { field: value })).toBe(expected);
    });

    it('is false for missing', () => {
      expect(matches('field pr', {})).toBe(false);
    });
  });

  describe('logic', () => {
    it('combines and, or, not', () => {
      expect(matches('type eq "work" and primary eq true', email)).toBe(true);
      expect(matches('type eq "home" and primary eq true', email)).toBe(false);
      expect(matches('type eq "home" or primary eq true', email)).toBe(true);
      expect(matches('not (type eq "home")', email)).toBe(true);
      expect(matches('not (type eq "work" or type eq "home")', email)).toBe(false);
    });
  });

  describe('paths', () => {
    const user = {
      userName: 'ann',
      name: { givenName: 'Ann', familyName: 'Lee' },
      emails: [
        { value: 'ann@home.example', type: 'home' },
        { value: 'ann@work.example', type: 'work' },
      ],
      roles: ['admin', 'ops'],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Ops' },
    };

    it('reads sub-attribute of complex', () => {
      expect(matches('name.givenName eq "ann"', user)).toBe(true);
      expect(matches('name.middleName pr', user)).toBe(false);
    });

    it('matches any element of multi-valued', () => {
      expect(matches('emails.value ew "@work.example"', user)).toBe(true);
      expect(matches('emails.type eq "other"', user)).toBe(false);
      expect(matches('roles eq "OPS"', user)).toBe(true);
    });

    it('applies case-exact dotted name', () => {
      expect(matches('name.givenName eq "ann"', user, ['name.givenName'])).toBe(false);
    });

    it('evaluates value path per element', () => {
      expect(matches('emails[type eq "work" and value sw "ann@work"]', user)).toBe(true);
      expect(matches('emails[type eq "home" and value sw "ann@work"]', user)).toBe(false);
    });

    it('passes case-exact names into value path', () => {
      expect(matches('emails[value eq "ANN@WORK.EXAMPLE"]', user)).toBe(true);
      expect(matches('emails[value eq "ANN@WORK.EXAMPLE"]', user, ['emails.value'])).toBe(false);
    });

    it('reads extension by schema URN', () => {
      expect(matches('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "ops"', user)).toBe(true);
    });

    it('ignores schema URN without extension object', () => {
      expect(matches('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "ANN"', user)).toBe(true);
    });
  });
});
