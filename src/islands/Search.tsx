// Site search on /search/: the island starts loading Pagefind (built by
// `pagefind --site dist` after `astro build`) when the search box gets focus or the
// browser is idle, fetches the index chunks for the words as they are typed, shows
// each result as its excerpt arrives, reads
// the query from the address (?q=, which the header's search box sends), and
// says how many results there are in a polite live region. Without JavaScript
// the same form still submits, and the page shows a list of every page instead.
import { useEffect, useRef, useState, type ReactNode, type SubmitEvent } from 'react';

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
}
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: PagefindSubResult[];
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init?(): Promise<void>;
  preload?(term: string): Promise<void>;
  search(query: string): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[] } | null>;
}

export interface SearchResult {
  url: string;
  title: string;
  excerpt: string;
  sections: { url: string; title: string }[];
}

type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string }
  /** `shown` is how many results will be shown; `results` fills up, in order, as their excerpts arrive. */
  | { kind: 'done'; query: string; total: number; shown: number; results: SearchResult[] }
  | { kind: 'unavailable' };

// Kept in a variable so the bundler leaves the import to the browser: the file
// only exists in the built site, after pagefind has run.
const pagefindUrl = '/pagefind/pagefind.js';
let pagefind: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (import(/* @vite-ignore */ pagefindUrl) as Promise<Pagefind>).then(async (api) => {
    await api.options({ excerptLength: 24 });
    await api.init?.();
    return api;
  });
  return pagefind;
}

/** How many results to show: enough to scan, few enough to read. */
const maximumResults = 10;
/** How many matching sections to show under each page. */
const maximumSections = 3;

/** Starts Pagefind loading ahead of a search (focus, idle time, typing); a failure shows when someone searches. */
function warmUp(words?: string) {
  loadPagefind().then(
    (api) => (words?.trim() ? api.preload?.(words.trim()) : undefined),
    () => undefined,
  );
}

function toResult(page: PagefindResultData): SearchResult {
  return {
    url: page.url,
    title: page.meta.title ?? page.url,
    excerpt: page.excerpt,
    // Sections with an anchor, the ones with most matches first: these take the reader to the right part of the page.
    sections: (page.sub_results ?? [])
      .filter((section) => section.url.includes('#'))
      .toSorted((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))
      .slice(0, maximumSections)
      .map((section) => ({ url: section.url, title: section.title })),
  };
}

/**
 * Searches, and calls `show` with the count at once and again each time more of the
 * best results have arrived (always the first ones in order, so none jumps about).
 */
async function searchSite(query: string, show: (total: number, shown: number, results: SearchResult[]) => void): Promise<void> {
  const api = await loadPagefind();
  const found = (await api.search(query))?.results ?? [];
  const best = found.slice(0, maximumResults);
  const arrived: (SearchResult | undefined)[] = best.map(() => undefined);
  const inOrder = () => {
    const ready = arrived.findIndex((result) => result === undefined);
    return (ready < 0 ? arrived : arrived.slice(0, ready)) as SearchResult[];
  };
  show(found.length, best.length, []);
  await Promise.all(
    best.map(async (result, index) => {
      arrived[index] = toResult(await result.data());
      show(found.length, best.length, inOrder());
    }),
  );
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };
function decodeEntities(text: string): string {
  return text.replace(/&(#?\w+);/g, (whole, name: string) => entities[name] ?? whole);
}

/** Pagefind marks matching words with <mark>; keep those and treat everything else as text. */
export function highlightedExcerpt(excerpt: string): ReactNode[] {
  return excerpt.split(/(<mark>[^<]*<\/mark>)/g).map((part, index) => {
    const marked = /^<mark>([^<]*)<\/mark>$/.exec(part);
    return marked ? <mark key={index}>{decodeEntities(marked[1] ?? '')}</mark> : decodeEntities(part.replace(/<[^>]*>/g, ''));
  });
}

export function statusMessage(state: SearchState): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'searching':
      return 'Searching…';
    case 'unavailable':
      return 'Search is not working at the moment. Use the list of all pages below instead.';
    case 'done': {
      const { total, query } = state;
      if (total === 0) return `No results for “${query}”. Check the spelling or try other words.`;
      const shown = state.shown < total ? `. The best ${state.shown} are shown` : '';
      return `${total} ${total === 1 ? 'result' : 'results'} for “${query}”${shown}.`;
    }
  }
}

export default function Search() {
  // False in the HTML the server sends, true once this island runs: the note about
  // JavaScript shows only to browsers where it never runs (<noscript> is not enough:
  // it stays hidden when JavaScript is on but this script fails to load).
  const [running, setRunning] = useState(false);
  // The box is left uncontrolled: words typed before this island hydrated (on a
  // slow connection) must stay in it, and a controlled value would wipe them.
  const box = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const latest = useRef(0);

  async function run(text: string) {
    const trimmed = text.trim();
    if (!trimmed) {
      setState({ kind: 'idle' });
      return;
    }
    // A slow search must not overwrite the results of a newer one.
    const ticket = ++latest.current;
    setState({ kind: 'searching', query: trimmed });
    try {
      await searchSite(trimmed, (total, shown, results) => {
        if (ticket === latest.current) setState({ kind: 'done', query: trimmed, total, shown, results });
      });
    } catch {
      if (ticket === latest.current) setState({ kind: 'unavailable' });
    }
  }

  // The header's search box sends ?q=…: fill the box and search straight away.
  useEffect(() => {
    setRunning(true);
    const fromAddress = new URLSearchParams(window.location.search).get('q') ?? '';
    if (fromAddress.trim() && box.current) {
      box.current.value = fromAddress;
      void run(fromAddress);
      return;
    }
    // Someone on the search page is about to search: get Pagefind ready while they read.
    const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(() => warmUp(box.current?.value)) : undefined;
    return () => (idle === undefined ? undefined : cancelIdleCallback(idle));
  }, []);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = box.current?.value ?? '';
    const url = new URL(window.location.href);
    url.searchParams.set('q', typed.trim());
    window.history.replaceState(null, '', url);
    void run(typed);
  }

  return (
    <div className="dsr-search">
      <form className="dsr-search__form" action="/search/" method="get" role="search" aria-label="Search the guidance" onSubmit={submit}>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--s" htmlFor="search-page-query">
            Search for
          </label>
          <input
            className="nhsuk-input dsr-search__input"
            id="search-page-query"
            name="q"
            type="search"
            autoComplete="off"
            ref={box}
            onFocus={(event) => warmUp(event.currentTarget.value)}
            onInput={(event) => warmUp(event.currentTarget.value)}
          />
        </div>
        <button className="nhsuk-button" data-module="nhsuk-button" type="submit">
          Search
        </button>
      </form>
      {!running && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Search needs JavaScript, which is turned off or not working in this browser. Every page of the site is listed below instead.</p>
        </div>
      )}
      <p className="nhsuk-body-l dsr-search__status" aria-live="polite" aria-atomic="true">
        {statusMessage(state)}
      </p>
      {state.kind === 'done' && state.results.length > 0 && (
        <ol className="nhsuk-list dsr-search__results" role="list">
          {state.results.map((result) => (
            <li className="dsr-search__result" key={result.url}>
              <h2 className="nhsuk-heading-s dsr-search__title">
                <a href={result.url}>{result.title}</a>
              </h2>
              <p className="dsr-search__excerpt">{highlightedExcerpt(result.excerpt)}</p>
              {result.sections.length > 0 && (
                <ul className="nhsuk-list dsr-search__sections" aria-label={`Sections of ${result.title} that match`}>
                  {result.sections.map((section) => (
                    <li key={section.url}>
                      <a href={section.url}>{section.title}</a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
