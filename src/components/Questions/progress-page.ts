/** <vb-quiz-progress>: fills the progress table from localStorage and clears it on request. */
import { loadProgress, resetProgress, saveProgress, summarize } from '../../lib/quiz/progress.ts';
import type { QuestionStrings } from './strings.ts';

const storage = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

class VbQuizProgress extends HTMLElement {
  connectedCallback() {
    const s = JSON.parse(this.dataset['strings'] ?? '{}') as QuestionStrings;
    const status = this.querySelector<HTMLElement>('[data-status]');
    const fill = () => {
      const progress = loadProgress(storage());
      for (const row of this.querySelectorAll<HTMLElement>('tr[data-chapter]')) {
        const summary = summarize(progress, row.dataset['chapter'] ?? '', (row.dataset['ids'] ?? '').split(' ').filter(Boolean));
        row.querySelector('[data-answered]')!.textContent = `${summary.answered} / ${summary.total}`;
        row.querySelector('[data-correct]')!.textContent = String(summary.correct);
        row.dataset['done'] = String(summary.correct === summary.total);
      }
      if (!storage() && status) status.textContent = s.noStorage;
    };
    this.querySelector('[data-reset-all]')?.addEventListener('click', () => {
      saveProgress(storage(), resetProgress(loadProgress(storage())));
      fill();
      if (status) status.textContent = s.resetAllDone;
    });
    fill();
  }
}

if (!customElements.get('vb-quiz-progress')) customElements.define('vb-quiz-progress', VbQuizProgress);
