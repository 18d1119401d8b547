/**
 * Self-check progress: per chapter, which questions were answered and whether the last answer
 * was right. A plain JSON object kept in the reader's localStorage under one key; nothing is
 * sent anywhere. The functions are pure (they return new objects); `loadProgress` and
 * `saveProgress` take the Storage so that Node tests can pass a stand-in.
 */

export const PROGRESS_KEY = 'vae-book:questions:v1';

/** chapter slug → question id → last answer right? */
export type Progress = Readonly<Record<string, Readonly<Record<string, boolean>>>>;

export interface ChapterSummary {
  readonly answered: number;
  readonly correct: number;
  readonly total: number;
}

/** The progress with one answer recorded (the latest answer to a question replaces earlier ones). */
export function recordAnswer(progress: Progress, chapter: string, question: string, correct: boolean): Progress {
  return { ...progress, [chapter]: { ...progress[chapter], [question]: correct } };
}

/** Answered and correct counts of a chapter, counting only the ids it still has. */
export function summarize(progress: Progress, chapter: string, ids: readonly string[]): ChapterSummary {
  const answers = progress[chapter] ?? {};
  const answered = ids.filter((id) => id in answers);
  return { answered: answered.length, correct: answered.filter((id) => answers[id] === true).length, total: ids.length };
}

/** The progress without one chapter (or without anything when `chapter` is omitted). */
export function resetProgress(progress: Progress, chapter?: string): Progress {
  if (chapter === undefined) return {};
  const { [chapter]: _removed, ...rest } = progress;
  return rest;
}

/** Reads the stored progress; anything unreadable (no storage, bad JSON, wrong shape) is empty. */
export function loadProgress(storage: Pick<Storage, 'getItem'> | undefined): Progress {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(PROGRESS_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const clean: Record<string, Record<string, boolean>> = {};
    for (const [chapter, answers] of Object.entries(parsed)) {
      if (typeof answers !== 'object' || answers === null) continue;
      clean[chapter] = Object.fromEntries(Object.entries(answers).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'));
    }
    return clean;
  } catch {
    return {};
  }
}

/** Stores the progress; returns false when the browser refuses (private mode, quota). */
export function saveProgress(storage: Pick<Storage, 'setItem'> | undefined, progress: Progress): boolean {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return storage !== undefined;
  } catch {
    return false;
  }
}
