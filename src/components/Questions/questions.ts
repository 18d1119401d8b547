/**
 * <vb-questions>: grades a chapter's self-check forms in the page and keeps the reader's progress
 * in localStorage. Grading is src/lib/quiz (pure); this file only reads the form, writes the
 * feedback (a polite live region per question), reveals the explanations and stores answers.
 * A figure task reads the figure's published state (`value` of the widget element inside
 * `#fig:…`, and its dataset) when the reader asks for a check; its predicates (and the maths
 * they recompute with) load only then, not with every chapter.
 */
import type { FigureCheckName } from '../../lib/quiz/figure-checks.ts';
import { gradeChoice, gradeNumeric, type Verdict } from '../../lib/quiz/grade.ts';
import { loadProgress, recordAnswer, resetProgress, saveProgress, summarize } from '../../lib/quiz/progress.ts';
import type { QuestionStrings } from './strings.ts';

const storage = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

/** The widget element of a figure: the first custom element in its body. */
function widgetOf(figure: Element | null): (HTMLElement & { value?: unknown }) | undefined {
  const body = figure?.querySelector('.vb-figure__body') ?? figure;
  return [...(body?.querySelectorAll<HTMLElement>('*') ?? [])].find((el) => el.localName.includes('-'));
}

class VbQuestions extends HTMLElement {
  connectedCallback() {
    const chapter = this.dataset['chapter'] ?? '';
    const locale = this.dataset['locale'] === 'zh' ? 'zh' : 'en';
    const ids = (this.dataset['ids'] ?? '').split(' ').filter(Boolean);
    const s = JSON.parse(this.dataset['strings'] ?? '{}') as QuestionStrings;
    const progressOut = this.querySelector<HTMLElement>('[data-progress]');
    const resetButton = this.querySelector<HTMLButtonElement>('[data-reset]');

    const showProgress = () => {
      const summary = summarize(loadProgress(storage()), chapter, ids);
      if (progressOut) progressOut.textContent = storage() ? fill(s.progress, { ...summary }) : s.noStorage;
      if (resetButton) resetButton.hidden = summary.answered === 0;
    };

    /** Grades a multiple-choice or numeric question from its form. */
    const grade = (form: HTMLFormElement, kind: string): { verdict: Verdict; message?: string } => {
      if (kind === 'single' || kind === 'multiple') {
        const options = [...form.querySelectorAll<HTMLElement>('.vb-q-option')];
        const chosen = new Set(options.flatMap((o, i) => (o.querySelector('input')?.checked ? [i] : [])));
        const verdict = gradeChoice(
          options.map((o) => o.dataset['correct'] === 'true'),
          chosen,
        );
        if (verdict !== 'invalid') for (const o of options) o.querySelector<HTMLElement>('.vb-q-why')!.hidden = false;
        return { verdict, ...(verdict === 'invalid' ? { message: s.invalid } : {}) };
      }
      const box = form.querySelector<HTMLElement>('.vb-q-numeric')!;
      const verdict = gradeNumeric(form.querySelector('input')!.value, Number(box.dataset['answer']), Number(box.dataset['tolerance']));
      return { verdict, ...(verdict === 'invalid' ? { message: s.invalidNumber } : {}) };
    };

    const gradeFigure = async (form: HTMLFormElement): Promise<{ verdict: Verdict; message: string }> => {
      const { checkFigure } = await import('../../lib/quiz/figure-checks.ts');
      const box = form.querySelector<HTMLElement>('.vb-q-figure')!;
      const widget = widgetOf(document.getElementById(box.dataset['figure'] ?? ''));
      const result = checkFigure(box.dataset['check'] as FigureCheckName, { value: widget?.value, data: { ...widget?.dataset } });
      return { verdict: result.done ? 'correct' : 'incorrect', message: result.message[locale] };
    };

    for (const item of this.querySelectorAll<HTMLElement>('.vb-q')) {
      const form = item.querySelector<HTMLFormElement>('form')!;
      const feedback = form.querySelector<HTMLElement>('[data-feedback]')!;
      const id = item.dataset['id'] ?? '';
      const kind = item.dataset['kind'] ?? '';
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const { verdict, message } = kind === 'figure' ? await gradeFigure(form) : grade(form, kind);
        item.dataset['verdict'] = verdict;
        feedback.textContent = message ?? (verdict === 'correct' ? s.correct : s.incorrect);
        if (verdict === 'invalid') return;
        const explanation = form.querySelector<HTMLElement>('.vb-q-explanation');
        if (explanation && (kind !== 'figure' || verdict === 'correct')) explanation.hidden = false;
        saveProgress(storage(), recordAnswer(loadProgress(storage()), chapter, id, verdict === 'correct'));
        showProgress();
      });
    }

    resetButton?.addEventListener('click', () => {
      saveProgress(storage(), resetProgress(loadProgress(storage()), chapter));
      for (const item of this.querySelectorAll<HTMLElement>('.vb-q')) {
        delete item.dataset['verdict'];
        item.querySelector('form')?.reset();
        for (const el of item.querySelectorAll<HTMLElement>('.vb-q-why, .vb-q-explanation')) el.hidden = true;
        const feedback = item.querySelector<HTMLElement>('[data-feedback]');
        if (feedback) feedback.textContent = '';
      }
      showProgress();
      if (progressOut) progressOut.textContent = `${s.resetDone} ${progressOut.textContent ?? ''}`;
      this.querySelector<HTMLInputElement>('input, button')?.focus();
    });

    // Answers given earlier (this page in another tab, or before a reload) are shown as such.
    const answers = loadProgress(storage())[chapter] ?? {};
    for (const item of this.querySelectorAll<HTMLElement>('.vb-q')) {
      const previous = answers[item.dataset['id'] ?? ''];
      if (previous !== undefined) item.dataset['previous'] = previous ? 'correct' : 'incorrect';
    }
    showProgress();
  }
}

if (!customElements.get('vb-questions')) customElements.define('vb-questions', VbQuestions);
