import type { TranslationKeys, ZxcvbnFactory } from '@zxcvbn-ts/core';

export const PASSWORD_MIN_LENGTH = 8;
// Long passphrases are welcome; the cap only bounds hashing work. argon2 does not truncate.
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's score from 0 (too guessable) to 4; 3 is "safely unguessable" against online attacks on a slow hash. */
export const PASSWORD_MIN_SCORE = 3;

/**
 * Words nobody should build a Demarc password from: the product's name and the demo password
 * the README publishes (the seeded demo accounts use it; nobody may choose it).
 */
export const DEMARC_WORDS = ['demarc', 'demo', 'demarc-demo-2026', 'demarcdemo2026'];

// zxcvbn's feedback in plain words (its own texts are keys meant for translation).
const PLAIN_WORDS: TranslationKeys = {
  warnings: {
    straightRow: 'Keys in a row on the keyboard, like "qwerty", are easy to guess.',
    keyPattern: 'Short keyboard patterns are easy to guess.',
    simpleRepeat: 'Repeated characters, like "aaa" or a row of spaces, are easy to guess.',
    extendedRepeat: 'Repeated groups of characters, like "abcabc", are easy to guess.',
    sequences: 'Sequences like "abc" or "6543" are easy to guess.',
    recentYears: 'Recent years are easy to guess.',
    dates: 'Dates are easy to guess.',
    topTen: 'This is one of the ten most used passwords.',
    topHundred: 'This is one of the hundred most used passwords.',
    common: 'This is a commonly used password.',
    similarToCommon: 'This is too close to a commonly used password.',
    wordByItself: 'A single word is easy to guess.',
    namesByThemselves: 'Names on their own are easy to guess.',
    commonNames: 'Common names and surnames are easy to guess.',
    userInputs: 'It is made of your name, your email address or words about Demarc (such as its published demo password).',
    pwned: 'This password has appeared in a data breach.',
  },
  suggestions: {
    l33t: 'Swapping letters for look-alikes, like "@" for "a", does not help much.',
    reverseWords: 'Spelling a word backwards does not help much.',
    allUppercase: 'Capitalize some letters, not all of them.',
    capitalization: 'Capitalize more than the first letter.',
    dates: 'Leave out dates and years that are linked to you.',
    recentYears: 'Leave out recent years.',
    associatedYears: 'Leave out years that are linked to you.',
    sequences: 'Leave out sequences of characters.',
    repeated: 'Leave out repeated words and characters.',
    longerKeyboardPattern: 'Use longer keyboard patterns that change direction several times.',
    anotherWord: 'Add a few more words, uncommon ones are best.',
    useWords: 'Use several words, but not a well-known phrase.',
    noNeed: 'You do not need symbols, digits or capital letters: several uncommon words are enough.',
    pwned: 'If you use it elsewhere, change it there too.',
  },
  timeEstimation: {
    ltSecond: 'less than a second',
    second: 'a second',
    seconds: 'seconds',
    minute: 'a minute',
    minutes: 'minutes',
    hour: 'an hour',
    hours: 'hours',
    day: 'a day',
    days: 'days',
    month: 'a month',
    months: 'months',
    year: 'a year',
    years: 'years',
    centuries: 'centuries',
  },
};

let estimator: Promise<ZxcvbnFactory> | undefined;

/** zxcvbn with the common-password, word and keyboard lists, loaded on first use (the browser fetches them only then). */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) =>
      new core.ZxcvbnFactory({
        dictionary: common.dictionary,
        graphs: common.adjacencyGraphs,
        translations: PLAIN_WORDS,
        useLevenshteinDistance: true,
        maxLength: PASSWORD_MAX_LENGTH,
      }),
  );
  return estimator;
}

/** The words a person's password must not be built from: their name, email and its parts, and Demarc's own. */
export function personalWords(values: readonly unknown[]): string[] {
  const words = new Set(DEMARC_WORDS);
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const text = value.trim().toLowerCase();
    if (!text) continue;
    words.add(text);
    // "Erin Example", "erin.example@acme.test": each part on its own too.
    for (const part of text.split(/[\s@._+-]+/)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/**
 * Why a new password is too easy to guess, in plain words, or null when it is strong enough
 * (zxcvbn score ≥ 3). `personal` are the person's name, email and the like.
 */
export async function passwordWeakness(password: string, personal: readonly unknown[] = []): Promise<string | null> {
  const result = (await loadEstimator()).check(password, personalWords(personal));
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const { warning, suggestions } = result.feedback;
  const advice = suggestions.length > 0 ? suggestions : [PLAIN_WORDS.suggestions.anotherWord];
  return ['This password is too easy to guess.', warning, ...advice].filter(Boolean).join(' ');
}
