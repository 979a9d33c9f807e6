// The easy read rules, measured: short sentences, a picture beside every
// section, no italics, no raw HTML, and every hard word explained the first
// time it is used. They apply to everything in content/easy-read/.
import type { GlossaryTerm } from '../schemas.ts';
import { isPictureParagraph, lineOf, plainText, walk, type MarkdownNode } from './markdown.ts';
import type { Problem } from './problems.ts';

/** The most words one easy read sentence may have. */
export const maximumSentenceWords = 15;
/** The most words an easy read page's sentences may have on average. */
export const maximumAverageWords = 12;

/** A run of words a reader sees together: a paragraph, or one item of a list. */
interface TextBlock {
  text: string;
  line: number | undefined;
  /** Where the bold words are in `text`, as [start, end) offsets. */
  bold: [number, number][];
}

export interface Sentence {
  text: string;
  line: number | undefined;
  block: TextBlock;
  /** Where the sentence starts in its block's text. */
  start: number;
}

export function countWords(sentence: string): number {
  return sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Splits text where a sentence ends: a full stop, question mark or exclamation mark, then a space. */
export function splitSentences(text: string): { text: string; start: number }[] {
  const sentences: { text: string; start: number }[] = [];
  const boundary = /[.!?]+(?=\s|$)/g;
  let match: RegExpExecArray | null;
  let cursor = 0;
  while ((match = boundary.exec(text)) !== null) {
    const end = match.index + match[0].length;
    pushSentence(sentences, text, cursor, end);
    cursor = end;
  }
  pushSentence(sentences, text, cursor, text.length);
  return sentences;
}

function pushSentence(sentences: { text: string; start: number }[], text: string, from: number, to: number) {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (countWords(trimmed) > 0) sentences.push({ text: trimmed, start: from + lead });
}

/** The paragraphs and list items of a page, in reading order, leaving out headings, pictures and components. */
export function textBlocks(tree: MarkdownNode): TextBlock[] {
  const blocks: TextBlock[] = [];
  const visit = (node: MarkdownNode) => {
    if (node.type === 'heading' || node.type === 'code' || node.type === 'yaml' || node.type.startsWith('mdxJsx') || node.type === 'mdxjsEsm') return;
    if (node.type === 'paragraph' || node.type === 'tableCell') {
      if (!isPictureParagraph(node)) blocks.push(blockOf(node));
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return blocks.filter((block) => block.text.trim() !== '');
}

function blockOf(paragraph: MarkdownNode): TextBlock {
  let text = '';
  const bold: [number, number][] = [];
  const collect = (node: MarkdownNode) => {
    if (node.type === 'strong') {
      const start = text.length;
      for (const child of node.children ?? []) collect(child);
      bold.push([start, text.length]);
      return;
    }
    if (node.children) {
      for (const child of node.children) collect(child);
      return;
    }
    text += plainText(node);
  };
  collect(paragraph);
  return { text, line: lineOf(paragraph), bold };
}

export function sentencesOf(blocks: readonly TextBlock[]): Sentence[] {
  return blocks.flatMap((block) => splitSentences(block.text).map(({ text, start }) => ({ text, start, block, line: block.line })));
}

export function checkSentences(file: string, sentences: readonly Sentence[]): Problem[] {
  const problems: Problem[] = sentences
    .filter((sentence) => countWords(sentence.text) > maximumSentenceWords)
    .map((sentence) => ({
      code: 'easy-read-sentence-too-long',
      file,
      line: sentence.line,
      message: `This sentence has ${countWords(sentence.text)} words. Easy read sentences have ${maximumSentenceWords} words at most: "${sentence.text}"`,
      fix: 'Split it into two or more short sentences, with one idea in each.',
    }));
  const words = sentences.reduce((total, sentence) => total + countWords(sentence.text), 0);
  const average = sentences.length ? words / sentences.length : 0;
  if (average > maximumAverageWords) {
    problems.push({
      code: 'easy-read-average-too-long',
      file,
      message: `The sentences on this page have ${average.toFixed(1)} words on average. Easy read pages average ${maximumAverageWords} words or fewer.`,
      fix: 'Make the longest sentences shorter, or split them, until the average is 12 or fewer.',
    });
  }
  return problems;
}

/** The sections of a page: the opening (before the first ## heading) and each ## section. */
function sections(tree: MarkdownNode): { heading: string | undefined; line: number | undefined; content: MarkdownNode[] }[] {
  const result: { heading: string | undefined; line: number | undefined; content: MarkdownNode[] }[] = [{ heading: undefined, line: 1, content: [] }];
  for (const node of tree.children ?? []) {
    if (node.type === 'yaml' || node.type === 'mdxjsEsm') continue;
    if (node.type === 'heading' && node.depth === 2) result.push({ heading: plainText(node), line: lineOf(node), content: [] });
    else result.at(-1)?.content.push(node);
  }
  return result.filter((section) => section.content.length > 0);
}

export function checkPictures(file: string, tree: MarkdownNode): Problem[] {
  return sections(tree)
    .filter((section) => !isPictureParagraph(section.content[0] as MarkdownNode))
    .map((section) => ({
      code: 'easy-read-no-picture',
      file,
      line: section.heading ? section.line : lineOf(section.content[0] as MarkdownNode),
      message: section.heading
        ? `The section "${section.heading}" has no picture beside it. Every easy read section starts with a picture.`
        : 'The opening of the page, before the first ## heading, has no picture beside it.',
      fix: `Put a picture on a line of its own straight after the heading, with words that say what it shows, for example: ![A house with a heart on it](/images/easy-read/home.svg)`,
    }));
}

export function checkItalicsAndHtml(file: string, tree: MarkdownNode): Problem[] {
  const problems: Problem[] = [];
  for (const node of walk(tree)) {
    const element = node.type.startsWith('mdxJsx') ? node.name ?? '' : '';
    if (node.type === 'emphasis' || element === 'em' || element === 'i' || (node.type === 'html' && /<(em|i)\b/i.test(node.value ?? ''))) {
      problems.push({
        code: 'easy-read-italics',
        file,
        line: lineOf(node),
        message: `"${plainText(node) || node.value}" is in italics. Italics are hard to read, so easy read pages do not use them.`,
        fix: 'Remove the *stars* or _underscores_ around the words. Use **bold** for a word that matters.',
      });
    } else if (node.type === 'html' || (element !== '' && /^[a-z]/.test(element))) {
      problems.push({
        code: 'easy-read-raw-html',
        file,
        line: lineOf(node),
        message: 'This easy read page uses HTML, which can change the size or style of the text.',
        fix: 'Write it in plain Markdown instead, or use one of the components listed in CONTENT.md.',
      });
    }
  }
  return problems;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Short forms in capitals (DSR, SEND, C(E)TR) must match exactly, so "send" the verb is not a hard word. */
function formPattern(form: string): RegExp {
  const exact = form === form.toUpperCase() && /[A-Z]/.test(form);
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, exact ? 'gu' : 'giu');
}

const explainsAfterWord = /^[\s)*"']*(is|are|means|was|were)\b/i;
const explainsNextSentence = /^(this|that|it|they|these|those)\b/i;

/**
 * Every hard word from content/glossary.json must, the first time it appears,
 * be in bold and be explained: in the same sentence ("A **keyworker** is ...")
 * or the next one ("This is ...", or the word again followed by "is" or "means").
 */
export function checkHardWords(file: string, sentences: readonly Sentence[], glossary: readonly GlossaryTerm[]): Problem[] {
  const problems: Problem[] = [];
  for (const entry of glossary) {
    const forms = [entry.term, ...entry.otherForms].map(formPattern);
    const first = firstUse(sentences, forms);
    if (!first) continue;
    const { sentenceIndex, offset, length } = first;
    const sentence = sentences[sentenceIndex] as Sentence;
    const word = sentence.text.slice(offset, offset + length);
    const blockOffset = sentence.start + offset;
    const isBold = sentence.block.bold.some(([start, end]) => start <= blockOffset && blockOffset + length <= end);
    if (!isBold) {
      problems.push({
        code: 'easy-read-hard-word',
        file,
        line: sentence.line,
        message: `"${word}" is a hard word, and this is the first time the page uses it, but it is not in bold: "${sentence.text}"`,
        fix: `Put it in bold the first time (**${word}**) and explain it, for example: "${entry.meaning}"`,
      });
      continue;
    }
    const sameSentence = explainsAfterWord.test(sentence.text.slice(offset + length));
    const next = sentences[sentenceIndex + 1]?.text ?? '';
    const nextSentence = explainsNextSentence.test(next) || forms.some((form) => new RegExp(`${form.source}[\\s)*"']+(is|are|means)\\b`, form.flags.replace('g', '')).test(next));
    if (!sameSentence && !nextSentence) {
      problems.push({
        code: 'easy-read-hard-word',
        file,
        line: sentence.line,
        message: `"${word}" is a hard word, used here for the first time, but the page does not say what it means.`,
        fix: `Explain it in the same sentence ("${word} is ...") or in the next one ("This means ..."), for example: "${entry.meaning}"`,
      });
    }
  }
  return problems;
}

function firstUse(sentences: readonly Sentence[], forms: readonly RegExp[]) {
  for (const [sentenceIndex, sentence] of sentences.entries()) {
    let best: { offset: number; length: number } | undefined;
    for (const form of forms) {
      form.lastIndex = 0;
      const match = form.exec(sentence.text);
      if (match && (!best || match.index < best.offset || (match.index === best.offset && match[0].length > best.length))) {
        best = { offset: match.index, length: match[0].length };
      }
    }
    if (best) return { sentenceIndex, ...best };
  }
  return undefined;
}
