// Small rules of English the site's templates need when they put a word from content/
// into a sentence.

/** "a" or "an" before a word: "an AMBER rating", "a RED rating", "an EHCP". */
export function indefiniteArticle(word: string): 'a' | 'an' {
  // Words in capitals read as words (AMBER) or letters (EHCP); either way a vowel starts them with a vowel sound, except U ("a USB").
  if (/^[AEIO]/.test(word)) return 'an';
  if (/^[A-Z]{2,}$/.test(word) && /^[FHLMNRSX]/.test(word) && !/^[A-Z][AEIOU]/.test(word)) return 'an'; // "an MDT", but "a LEAP" and "a RED"
  return /^[aeiou]/i.test(word) && !/^(u[bcfhjkqrstn][aeiou]|one|eu)/i.test(word) ? 'an' : 'a';
}

/** The word with its article: "an AMBER". */
export function withArticle(word: string): string {
  return `${indefiniteArticle(word)} ${word}`;
}
