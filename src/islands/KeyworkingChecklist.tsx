// The seven minimum standards for keyworking services as a checklist that a
// commissioner can tick in the page and print. The ticks stay in this browser
// (localStorage) and are never sent anywhere. The server-rendered HTML, and so
// the page without JavaScript, is a plain numbered list; the checkboxes appear
// once the island runs, so nobody meets a tick box that cannot be kept.
import { useEffect, useState } from 'react';

export interface ChecklistStandard {
  id: string;
  number: number;
  title: string;
  summary: string;
  points: string[];
}

interface Props {
  standards: ChecklistStandard[];
  /** The localStorage key; change it only if the meaning of the stored ids changes. */
  storageKey: string;
}

/** The ticked standards' ids saved in this browser; anything unreadable counts as no ticks. */
export function readTicks(storage: Pick<Storage, 'getItem'> | undefined, key: string, known: readonly string[]): string[] {
  try {
    const saved: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
    return Array.isArray(saved) ? saved.filter((id): id is string => typeof id === 'string' && known.includes(id)) : [];
  } catch {
    return [];
  }
}

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function StandardDetail({ standard }: { standard: ChecklistStandard }) {
  return (
    <>
      <p className="nhsuk-u-margin-bottom-2">{standard.summary}</p>
      {standard.points.length > 0 && (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {standard.points.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export default function KeyworkingChecklist({ standards, storageKey }: Props) {
  const [enhanced, setEnhanced] = useState(false);
  const [ticked, setTicked] = useState<string[]>([]);
  const [canSave, setCanSave] = useState(true);
  const ids = standards.map((standard) => standard.id);

  useEffect(() => {
    const storage = browserStorage();
    setCanSave(storage !== undefined);
    setTicked(readTicks(storage, storageKey, ids));
    setEnhanced(true);
  }, []);

  function save(next: string[]) {
    setTicked(next);
    try {
      browserStorage()?.setItem(storageKey, JSON.stringify(next));
    } catch {
      setCanSave(false);
    }
  }

  if (!enhanced) {
    return (
      <ol className="dsr-standards" role="list">
        {standards.map((standard) => (
          <li className="dsr-standards__item" key={standard.id}>
            <h3 className="nhsuk-heading-s dsr-standards__title" id={`standard-${standard.id}`}>
              {standard.number}. {standard.title}
            </h3>
            <StandardDetail standard={standard} />
          </li>
        ))}
      </ol>
    );
  }

  return (
    <div className="nhsuk-form-group dsr-checklist">
      <fieldset className="nhsuk-fieldset" aria-describedby="checklist-hint">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Tick each standard that is in place</legend>
        <div className="nhsuk-hint" id="checklist-hint">
          {canSave
            ? 'Your ticks are kept in this browser on this device only. They are not sent to us or to anyone else.'
            : 'This browser is not letting the page save your ticks, so they will be lost when you leave the page.'}
        </div>
        <div className="nhsuk-checkboxes">
          {standards.map((standard) => {
            const inputId = `standard-${standard.id}`;
            return (
              <div className="nhsuk-checkboxes__item" key={standard.id}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={inputId}
                  name="standard"
                  type="checkbox"
                  value={standard.id}
                  checked={ticked.includes(standard.id)}
                  aria-describedby={`${inputId}-detail`}
                  onChange={(event) =>
                    save(event.target.checked ? [...ticked, standard.id] : ticked.filter((id) => id !== standard.id))
                  }
                />
                <label className="nhsuk-label nhsuk-checkboxes__label dsr-checklist__label" htmlFor={inputId}>
                  {standard.number}. {standard.title}
                </label>
                <div className="nhsuk-hint nhsuk-checkboxes__hint dsr-checklist__detail" id={`${inputId}-detail`}>
                  <StandardDetail standard={standard} />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
      <p className="dsr-checklist__count" aria-live="polite">
        {ticked.length} of {standards.length} standards ticked
      </p>
      <div className="dsr-no-print">
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => window.print()}>
          Print the checklist
        </button>{' '}
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => save([])}>
          Clear all ticks
        </button>
      </div>
    </div>
  );
}
