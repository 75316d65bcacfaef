import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START, snippetParts } from './search.policy';
import { parseSearchQuery } from './search.schema';

describe('snippetParts', () => {
  it('splits a headline into text and marked words', () => {
    expect(snippetParts(`You ${MARK_START}rotate${MARK_END} keys and record each ${MARK_START}rotation${MARK_END}.`)).toEqual([
      { text: 'You ', hit: false },
      { text: 'rotate', hit: true },
      { text: ' keys and record each ', hit: false },
      { text: 'rotation', hit: true },
      { text: '.', hit: false },
    ]);
  });

  it('keeps markup as text and drops stray marks', () => {
    expect(snippetParts(`<b>x</b>${MARK_END}`)).toEqual([{ text: '<b>x</b>', hit: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});

describe('parseSearchQuery', () => {
  it('reads the query string leniently', () => {
    expect(parseSearchQuery({ q: '  access  ', kind: 'evidence', page: '2' })).toEqual({ q: 'access', kind: 'evidence', page: 2 });
    expect(parseSearchQuery({ q: ['a', 'b'], kind: 'users', page: '-1' })).toEqual({ q: 'a', kind: undefined, page: 1 });
    expect(parseSearchQuery({}).q).toBe('');
    expect(parseSearchQuery({ q: 'x'.repeat(300) }).q).toHaveLength(200);
  });
});
