// `npm run check:content`: the real content passes, and every fault planted in
// test/fixtures/content/ is reported with a message that names the file and the
// fault. Each fixture holds one fault, so each rule is shown to fire on its own.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/content/check/index.ts';
import { countWords, splitSentences } from '../../src/content/check/easy-read.ts';
import { checkInternalLink } from '../../src/content/check/links.ts';
import { isVagueLinkText } from '../../src/content/check/page-rules.ts';
import { problemCodes, type Problem } from '../../src/content/check/problems.ts';
import { contentComponentNames } from '../../src/content/components.ts';
import {
  cetrResourceSchema,
  easyReadSchema,
  glossaryTermSchema,
  keyworkerEligibilityRuleSchema,
  keyworkingStandardSchema,
  leafletSchema,
  pageSchema,
  pathwayStepSchema,
  ratingSchema,
  ageGroupSchema,
  reviewTypeSchema,
  referenceKindSchema,
  siteSchema,
} from '../../src/content/schemas.ts';
import { closestName } from '../../src/content/check/schema-messages.ts';
import { checkWording } from '../../src/content/check/wording.ts';
import { indefiniteArticle } from '../../src/content/grammar.ts';
import { svgSize } from '../../src/content/picture-sizes.ts';

const projectDir = resolve(import.meta.dirname, '../..');
const fixtures = join(projectDir, 'test/fixtures/content');
const fixtureResult = checkContent({ contentDir: fixtures, projectDir });

function problemsIn(file: string): Problem[] {
  return fixtureResult.problems.filter((problem) => problem.file === `test/fixtures/content/${file}`);
}

function runChecker(...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/check-content.ts', ...args], { cwd: projectDir, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the real content', () => {
  test('passes every check, so the command exits 0', () => {
    const { code, output } = runChecker();
    expect(output).toMatch(/no problems/);
    expect(code).toBe(0);
  });

  test('is actually checked: every page, guide, leaflet and data file is counted', () => {
    const { filesChecked, problems } = checkContent({ contentDir: join(projectDir, 'content'), projectDir });
    expect(problems.filter((problem) => !problem.warning)).toEqual([]);
    expect(filesChecked).toBeGreaterThanOrEqual(25);
  });
});

describe('the broken fixtures', () => {
  test('make the command exit non-zero and print each faulty file', () => {
    const { code, output } = runChecker('--content', 'test/fixtures/content');
    expect(code).toBe(1);
    for (const file of [
      'easy-read/long-sentence.md',
      'easy-read/unexplained-word.md',
      'easy-read/no-picture-italics.md',
      'pages/missing-alt.md',
      'pages/broken-link.md',
      'pages/click-here.md',
      'pages/keyworker-promise.md',
      'pages/bad-front-matter.md',
      'ratings.json',
      'site.json',
    ]) {
      expect(output).toContain(`Problem in test/fixtures/content/${file}`);
    }
    expect(output).toMatch(/problems in \d+ files/);
  });

  test('a 25-word easy read sentence is reported with its length, the limit and the sentence', () => {
    const [problem, ...others] = problemsIn('easy-read/long-sentence.md');
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ code: 'easy-read-sentence-too-long', line: 19 });
    expect(problem?.message).toContain('This sentence has 25 words');
    expect(problem?.message).toContain('15 words at most');
    expect(problem?.message).toContain('"When you go to the meeting next week');
    expect(problem?.fix).toMatch(/split it/i);
  });

  test('a picture without alt text is reported with the picture and how to describe it', () => {
    expect(problemsIn('pages/missing-alt.md')).toEqual([
      expect.objectContaining({ code: 'image-alt-missing', line: 8, message: expect.stringContaining('"/images/easy-read/home.svg" has no alt text') }),
    ]);
  });

  test('a link to a page that does not exist is reported with the address', () => {
    expect(problemsIn('pages/broken-link.md')).toEqual([
      expect.objectContaining({ code: 'link-broken', line: 8, message: expect.stringContaining('"/carers-guidance/" leads to a page that does not exist') }),
    ]);
  });

  test('"click here" is reported as link words that do not say where the link goes', () => {
    expect(problemsIn('pages/click-here.md')).toEqual([
      expect.objectContaining({ code: 'link-text-vague', line: 8, message: expect.stringContaining('"click here" do not say where the link goes') }),
    ]);
  });

  test('a keyworker promised is reported with its line, the words and what the standards say', () => {
    expect(problemsIn('pages/keyworker-promise.md')).toEqual([
      expect.objectContaining({ code: 'wording-not-true', line: 8, message: expect.stringContaining('"can have a keyworker"'), fix: expect.stringContaining('must be assessed for a keyworker') }),
    ]);
  });

  test('front matter faults name the field, say what is wrong and how to fix it', () => {
    const problems = problemsIn('pages/bad-front-matter.md');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'field-unknown', field: 'titel', line: 2, fix: expect.stringContaining('Did you mean "title"?') }),
        expect.objectContaining({ code: 'field-missing', field: 'title', message: 'Title is missing.' }),
        expect.objectContaining({
          code: 'field-wrong-type',
          field: 'searchable',
          line: 4,
          message: 'Show in site search (searchable) should be true or false (without quotes), but it is the text "yes".',
        }),
        expect.objectContaining({ code: 'field-wrong-type', field: 'reviewed', line: 5, fix: expect.stringContaining('2026-11-25') }),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  test('data file faults name the entry by its id and the field', () => {
    expect(problemsIn('ratings.json')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'field-wrong-value', field: 'the 2nd entry (id "purple"), field colour', message: expect.stringContaining('"red", "orange", "green", "blue"') }),
        expect.objectContaining({ code: 'field-missing', field: 'the 2nd entry (id "purple"), field name', line: 11 }),
        expect.objectContaining({ code: 'field-wrong-type', field: 'the 2nd entry (id "purple"), field urgent', line: 17 }),
      ]),
    );
  });

  test('a JSON syntax error gives the line to look at', () => {
    expect(problemsIn('site.json')).toEqual([expect.objectContaining({ code: 'json-syntax', line: 8 })]);
  });

  test('a missing data file is named', () => {
    expect(problemsIn('keyworker-eligibility.json')).toEqual([expect.objectContaining({ code: 'file-missing' })]);
  });

  test('an easy read section without a picture, and italics, are both reported', () => {
    const problems = problemsIn('easy-read/no-picture-italics.md');
    expect(problems.map((problem) => problem.code).toSorted()).toEqual(['easy-read-italics', 'easy-read-no-picture']);
    expect(problems.find((problem) => problem.code === 'easy-read-no-picture')?.message).toContain('"A section with no picture" has no picture');
  });

  test('a hard word from the glossary used without bold or explanation is reported', () => {
    expect(problemsIn('easy-read/unexplained-word.md')).toEqual([
      expect.objectContaining({ code: 'easy-read-hard-word', line: 13, message: expect.stringContaining('"keyworker" is a hard word') }),
    ]);
  });
});

describe('the rating support tool against ratings.json (hazard HAZ-004)', () => {
  // A copy of the real content with one fault planted in rating-support.json: the tool's
  // suggestion must only ever point at, and order, the ratings the site has.
  function checkToolWith(plant: (tool: { startingRating: string; ratingOrder: string[]; questions: { id: string; answers: { id: string; pointsTo?: string }[] }[] }) => void) {
    const copy = mkdtempSync(join(tmpdir(), 'dsr-content-'));
    try {
      cpSync(join(projectDir, 'content'), copy, { recursive: true });
      const file = join(copy, 'rating-support.json');
      const tool = JSON.parse(readFileSync(file, 'utf8'));
      plant(tool);
      writeFileSync(file, JSON.stringify(tool, null, 2));
      return checkContent({ contentDir: copy, projectDir }).problems.filter((problem) => problem.file.endsWith('rating-support.json'));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }

  test('an answer that points to a rating ratings.json does not have is refused, naming the question and the answer', () => {
    const problems = checkToolWith((tool) => {
      const answer = tool.questions[0]!.answers[0]!;
      answer.pointsTo = 'purple';
    });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'data-inconsistent', field: expect.stringMatching(/^the question with id "[^"]+", answer "[^"]+"$/), message: '"purple" is not a rating in ratings.json.' }),
    ]);
  });

  test('an order that leaves out one of the ratings, or a starting rating that is not one, is refused', () => {
    const problems = checkToolWith((tool) => {
      tool.ratingOrder = tool.ratingOrder.filter((id) => id !== 'red');
      tool.startingRating = 'grey';
    });
    expect(problems.map((problem) => problem.message)).toEqual(['"grey" is not a rating in ratings.json.', 'The rating "red" is in the order 0 times.']);
  });

  test('the real tool names only the ratings of ratings.json', () => {
    expect(checkToolWith(() => {})).toEqual([]);
  });
});

describe('the rules on their own', () => {
  test('sentences end at a full stop, question mark or exclamation mark followed by a space', () => {
    expect(splitSentences('One two. Three four? Five! Six').map((sentence) => sentence.text)).toEqual(['One two.', 'Three four?', 'Five!', 'Six']);
    expect(splitSentences('Call 111 and choose option 2.').map((sentence) => sentence.text)).toEqual(['Call 111 and choose option 2.']);
  });

  test('words are counted by what has letters or numbers in it', () => {
    expect(countWords('A C(E)TR must take place - now.')).toBe(6);
  });

  test('vague link words are caught however they are written, useful ones are not', () => {
    for (const words of ['here', 'Click here', 'click here to apply', 'Read more…', 'MORE']) expect(isVagueLinkText(words)).toBe(true);
    for (const words of ['Ask for consent to be withdrawn', 'Read the privacy notice', 'Where to get more help']) expect(isVagueLinkText(words)).toBe(false);
  });

  test('internal links must lead to a page or file that exists, and end with a slash', () => {
    const site = { pages: new Set(['/', '/ratings/', '/professionals/training/']), files: new Set(['/images/easy-read/home.svg']) };
    expect(checkInternalLink('/ratings/#blue', '/about/', site)).toEqual({ ok: true });
    expect(checkInternalLink('training/', '/professionals/', site)).toEqual({ ok: true });
    expect(checkInternalLink('/images/easy-read/home.svg', '/about/', site)).toEqual({ ok: true });
    expect(checkInternalLink('https://www.england.nhs.uk/', '/about/', site)).toEqual({ ok: true });
    expect(checkInternalLink('/ratings', '/about/', site)).toEqual({ ok: false, reason: 'no-slash', suggestion: '/ratings/' });
    expect(checkInternalLink('/rating/', '/about/', site)).toEqual({ ok: false, reason: 'broken' });
  });

  test('a misspelt field is matched to the field it was meant to be, but not to an unrelated one', () => {
    expect(closestName('descripton', ['title', 'description', 'lede'])).toBe('description');
    expect(closestName('colour', ['title', 'description', 'lede'])).toBeUndefined();
  });
});

describe('CONTENT.md, the editors guide', () => {
  const guide = readFileSync(join(projectDir, 'CONTENT.md'), 'utf8');

  test('explains every front-matter and data field the schemas accept', () => {
    const schemas = { pageSchema, easyReadSchema, leafletSchema, ratingSchema, keyworkerEligibilityRuleSchema, ageGroupSchema, reviewTypeSchema, referenceKindSchema, pathwayStepSchema, keyworkingStandardSchema, cetrResourceSchema, glossaryTermSchema, siteSchema };
    const missing = Object.entries(schemas).flatMap(([name, schema]) => Object.keys(schema.shape).filter((field) => !guide.includes(`\`${field}\``)).map((field) => `${name}.${field}`));
    expect(missing).toEqual([]);
  });

  test('explains every kind of problem the checker reports, and every component', () => {
    expect(problemCodes.filter((code) => !guide.includes(`\`${code}\``))).toEqual([]);
    expect(contentComponentNames.filter((name) => !guide.includes(`<${name}`))).toEqual([]);
  });
});

describe('the wording rules (src/content/check/wording.ts), each on its own', () => {
  const codes = (text: string, options?: Parameters<typeof checkWording>[1]) => checkWording(text, options).map((problem) => `${problem.code}: ${problem.found}`);

  test('a keyworker promised or refused; "must be assessed for" passes', () => {
    expect(codes('They can have a keyworker.')).toEqual(['wording-not-true: can have a keyworker']);
    expect(codes('They cannot have a keyworker, because of their age.')).toEqual(['wording-not-true: cannot have a keyworker']);
    expect(codes('They must be assessed for a keyworker.')).toEqual([]);
  });

  test('"a" before a word in capitals with a vowel sound; "a RED" and "a LEAP" pass', () => {
    expect(codes('with a AMBER rating')).toEqual(['wording-not-true: a ']);
    expect(codes('For a AMBER rating')).toEqual(['wording-not-true: a ']);
    expect(codes('with an AMBER rating, a RED rating, a BLUE one')).toEqual([]);
  });

  test('brackets inside brackets; C(E)TR inside brackets is not one', () => {
    expect(codes('01632 960 000 (Monday to Friday, 9am to 5pm (not bank holidays))')).toEqual(['wording-not-true: (Monday to Friday, 9am to 5pm (not bank holidays))']);
    expect(codes('a Care (Education) and Treatment Review (C(E)TR)')).toEqual([]);
  });

  test('a Best Interests Decision made by the family', () => {
    expect(codes('Then the people who know them best decide together.')).toEqual(['wording-not-true: the people who know them best decide']);
    expect(codes('The family decide together.')).toEqual(['wording-not-true: decide together']);
    expect(codes('Then a professional makes a Best Interests Decision, after asking the family.')).toEqual([]);
  });

  test('LEAP and EHCP must be written out somewhere on a page that uses them, but not in a part of one', () => {
    expect(codes('It does not stop a LEAP meeting.')).toEqual(['wording-unexplained: LEAP']);
    expect(codes('A Local Area Emergency Protocol (LEAP) meeting. Later, a LEAP meeting.')).toEqual([]);
    expect(codes('It does not stop a LEAP meeting.', { wholePage: false })).toEqual([]);
    expect(codes('18 to 25 with an EHCP')).toEqual(['wording-unexplained: EHCP']);
  });

  test('C(E)TR, CETR and CTR in easy read only', () => {
    expect(codes('You might have a C(E)TR, a CETR or a CTR.', { easyRead: true })).toEqual(['wording-easy-read: C(E)TR', 'wording-easy-read: CETR', 'wording-easy-read: CTR']);
    expect(codes('You might have a C(E)TR.')).toEqual([]);
    expect(codes('You might have a Care and Treatment Review.', { easyRead: true })).toEqual([]);
  });
});

describe('helpers the pages use', () => {
  test('"a" or "an" before a rating or a short form', () => {
    expect(['AMBER', 'RED', 'GREEN', 'BLUE', 'EHCP', 'MDT', 'LEAP', 'apple', 'user', 'keyworker'].map((word) => `${indefiniteArticle(word)} ${word}`)).toEqual([
      'an AMBER', 'a RED', 'a GREEN', 'a BLUE', 'an EHCP', 'an MDT', 'a LEAP', 'an apple', 'a user', 'a keyworker',
    ]);
  });

  test("an SVG's size, from its width and height or else its viewBox", () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="96">')).toEqual({ width: 120, height: 96 });
    expect(svgSize('<svg viewBox="0 0 64 32">')).toEqual({ width: 64, height: 32 });
    expect(svgSize('<svg>')).toBeUndefined();
  });
});
