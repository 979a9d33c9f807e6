// Wording that was once wrong on this site and must not come back, checked in the
// words a reader sees: by `npm run check:content` in content/, and by the built-site
// browser test in every built page (which also covers words written in components).
// Each rule says why, from the source it rests on.

export interface WordingProblem {
  code: 'wording-not-true' | 'wording-unexplained' | 'wording-easy-read';
  /** The words found, as written. */
  found: string;
  message: string;
  fix: string;
}

interface PhraseRule {
  code: WordingProblem['code'];
  pattern: RegExp;
  /** Only in easy read pages. */
  easyReadOnly?: boolean;
  message: (found: string) => string;
  fix: (found: string) => string;
}

/** Replaces "C(E)TR" with a bracket-free stand-in, so it is not taken for a bracket inside brackets. */
const withoutCetrBrackets = (text: string) => text.replace(/C\(E\)TR/g, 'CETR');

const phraseRules: PhraseRule[] = [
  {
    code: 'wording-not-true',
    pattern: /\b(?:can|cannot|can't|could|will) (?:not )?(?:have|get) a keyworker\b/gi,
    message: (found) =>
      `"${found}" promises or refuses a keyworker. The minimum standards for keyworking services say the children and young people in the eligible groups "must be assessed for" a keyworker: the keyworking service decides.`,
    fix: () => 'Write that they must be assessed for a keyworker (in easy read: "must be checked to see if a keyworker can help").',
  },
  {
    code: 'wording-not-true',
    // "a AMBER rating", "a EHCP": "an" before a word in capitals that starts with a vowel sound.
    pattern: /\b[Aa] (?=[AEIO][A-Z]{2,}\b)/g,
    message: (found) => `"${found.trim()}" comes before a word that starts with a vowel sound.`,
    fix: (found) => `Write "${found.startsWith('A') ? 'An' : 'an'}" instead, for example "an AMBER rating".`,
  },
  {
    code: 'wording-not-true',
    pattern: /\b(?:decide together|(?:the )?people who know (?:them|you) best decide)\b/gi,
    message: (found) =>
      `"${found}" says the family decides. Under the Mental Capacity Act 2005 a Best Interests Decision is made by the decision-maker (usually the professional), after consulting the family; relatives decide only with a lasting power of attorney or as a court-appointed deputy.`,
    fix: () => 'Say that the professional makes the decision after asking the family and the people who know the person best.',
  },
  {
    code: 'wording-easy-read',
    pattern: /C\(E\)TRs?|\bC?ETRs?\b|\bCTRs?\b/g,
    easyReadOnly: true,
    message: (found) => `"${found}" is a short form made of capital letters. Easy read writes names out in words.`,
    fix: () => 'Write it out: "Care and Treatment Review", or "Care, Education and Treatment Review" for children and young people.',
  },
];

interface ExplanationRule {
  /** The short form a reader may not know. */
  term: RegExp;
  /** Words that explain it, which must be on the same page. */
  explanation: RegExp;
  name: string;
  meaning: string;
}

/** Short forms that every page using them must spell out somewhere on the page. */
const explanationRules: ExplanationRule[] = [
  {
    term: /\bLEAP\b/,
    explanation: /Local Area Emergency Protocol/i,
    name: 'LEAP',
    meaning: 'Local Area Emergency Protocol (LEAP): a meeting held when someone may be admitted to hospital before a C(E)TR can take place',
  },
  {
    term: /\bEHCP\b/,
    explanation: /education, health and care plan/i,
    name: 'EHCP',
    meaning: 'education, health and care plan (EHCP)',
  },
];

/** A bracket opened inside another bracket, e.g. "(Monday to Friday (not bank holidays))". */
function nestedBrackets(text: string): string | undefined {
  const plain = withoutCetrBrackets(text);
  let depth = 0;
  let start = -1;
  for (let index = 0; index < plain.length; index++) {
    const character = plain[index];
    if (character === '(') {
      if (depth === 0) start = index;
      depth++;
      if (depth === 2) {
        const end = plain.indexOf(')', plain.indexOf(')', index) + 1);
        return plain.slice(start, end === -1 ? undefined : end + 1);
      }
    } else if (character === ')' && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * The wording problems in one page's words (or one data field's). `wholePage` is
 * false for a part of a page (a data field): short forms are then explained elsewhere.
 */
export function checkWording(text: string, { easyRead = false, wholePage = true } = {}): WordingProblem[] {
  const problems: WordingProblem[] = [];
  for (const rule of phraseRules) {
    if (rule.easyReadOnly && !easyRead) continue;
    for (const match of text.matchAll(rule.pattern)) {
      const found = match[0] || text.slice(match.index, match.index + 2);
      problems.push({ code: rule.code, found, message: rule.message(found), fix: rule.fix(found) });
    }
  }
  const nested = nestedBrackets(text);
  if (nested) {
    problems.push({
      code: 'wording-not-true',
      found: nested,
      message: `"${nested}" has brackets inside brackets, which are hard to follow.`,
      fix: 'Use a comma or a new sentence instead of the inner brackets.',
    });
  }
  if (wholePage) {
    for (const rule of explanationRules) {
      if (rule.term.test(text) && !rule.explanation.test(text)) {
        problems.push({
          code: 'wording-unexplained',
          found: rule.name,
          message: `The page uses "${rule.name}" but never says what it stands for.`,
          fix: `Write it out the first time the page uses it: ${rule.meaning}.`,
        });
      }
    }
  }
  return problems;
}
