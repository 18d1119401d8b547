/**
 * IMS QTI 2.1 export of the question bank (Canvas, Blackboard, D2L): one `assessmentItem` file per
 * question plus an `imsmanifest.xml` (IMS Content Packaging 1.1) listing them, to be zipped and
 * imported. Choice questions use `choiceInteraction` with the standard `match_correct` response
 * processing; numeric ones a `textEntryInteraction` with an absolute-tolerance `equal`; figure
 * tasks an `extendedTextInteraction` whose prompt links to the figure. Built with xmlbuilder2.
 */
import { create } from 'xmlbuilder2';
import { type ChapterQuestions, isChoice, type Question } from '../schema.ts';
import { chapterUrl, choiceId, EXPORT_STRINGS, type ExportOptions, itemIdentifier, platformText } from './common.ts';

export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqti_v2p1';
const QTI_SCHEMA = 'http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd';
const CP_NS = 'http://www.imsglobal.org/xsd/imscp_v1p1';
const MATCH_CORRECT = 'http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct';

const score = { '@identifier': 'SCORE', '@cardinality': 'single', '@baseType': 'float', defaultValue: { value: '0' } };

function itemBody(
  chapter: ChapterQuestions,
  q: Question,
  options: ExportOptions,
): { declaration?: Record<string, unknown>; body: Record<string, unknown>; processing: Record<string, unknown> } {
  const t = (text: Parameters<typeof platformText>[0]) => platformText(text, options.locale);
  if (isChoice(q)) {
    return {
      declaration: {
        '@identifier': 'RESPONSE',
        '@cardinality': q.kind === 'single' ? 'single' : 'multiple',
        '@baseType': 'identifier',
        correctResponse: { value: q.options.flatMap((o, i) => (o.correct ? [choiceId(i)] : [])) },
      },
      body: {
        choiceInteraction: {
          '@responseIdentifier': 'RESPONSE',
          '@shuffle': 'false',
          '@maxChoices': q.kind === 'single' ? '1' : '0',
          prompt: t(q.prompt),
          simpleChoice: q.options.map((o, i) => ({ '@identifier': choiceId(i), '#': t(o.text) })),
        },
      },
      processing: { '@template': MATCH_CORRECT },
    };
  }
  if (q.kind === 'numeric') {
    return {
      declaration: { '@identifier': 'RESPONSE', '@cardinality': 'single', '@baseType': 'float', correctResponse: { value: String(q.answer) } },
      body: { p: [t(q.prompt), { textEntryInteraction: { '@responseIdentifier': 'RESPONSE', '@expectedLength': '12' } }] },
      processing: {
        responseCondition: {
          responseIf: {
            equal: {
              '@toleranceMode': 'absolute',
              '@tolerance': `${q.tolerance} ${q.tolerance}`,
              variable: { '@identifier': 'RESPONSE' },
              correct: { '@identifier': 'RESPONSE' },
            },
            setOutcomeValue: { '@identifier': 'SCORE', baseValue: { '@baseType': 'float', '#': '1' } },
          },
        },
      },
    };
  }
  const s = EXPORT_STRINGS[options.locale];
  return {
    declaration: { '@identifier': 'RESPONSE', '@cardinality': 'single', '@baseType': 'string' },
    body: {
      p: [t(q.prompt), { a: { '@href': chapterUrl(chapter, options, q.figure), '#': s.openFigure } }],
      extendedTextInteraction: { '@responseIdentifier': 'RESPONSE', prompt: s.figureNote },
    },
    // Graded by the instructor: no automatic response processing beyond SCORE = 0.
    processing: {},
  };
}

/** One question as a QTI 2.1 assessmentItem document. */
export function qtiItem(chapter: ChapterQuestions, q: Question, options: ExportOptions): string {
  const { declaration, body, processing } = itemBody(chapter, q, options);
  const item: Record<string, unknown> = {
    '@xmlns': QTI_NS,
    '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    '@xsi:schemaLocation': QTI_SCHEMA,
    '@identifier': itemIdentifier(chapter, q.id),
    '@title': `${chapter.chapter}: ${q.id}`,
    '@xml:lang': options.locale === 'zh' ? 'zh-CN' : 'en',
    '@adaptive': 'false',
    '@timeDependent': 'false',
    ...(declaration ? { responseDeclaration: declaration } : {}),
    outcomeDeclaration: score,
    itemBody: body,
    ...(Object.keys(processing).length > 0 ? { responseProcessing: processing } : {}),
  };
  return create({ version: '1.0', encoding: 'UTF-8' }, { assessmentItem: item }).end({ prettyPrint: true });
}

/** The whole bank: file path (inside the package) → XML text, manifest included. */
export function exportQti(bank: readonly ChapterQuestions[], options: ExportOptions): Map<string, string> {
  const files = new Map<string, string>();
  const resources: Record<string, unknown>[] = [];
  for (const chapter of bank) {
    for (const q of chapter.questions) {
      const id = itemIdentifier(chapter, q.id);
      const href = `items/${id}.xml`;
      files.set(href, qtiItem(chapter, q, options));
      resources.push({ '@identifier': `res-${id}`, '@type': 'imsqti_item_xmlv2p1', '@href': href, file: { '@href': href } });
    }
  }
  const manifest = {
    manifest: {
      '@xmlns': CP_NS,
      '@identifier': `vae-book-questions-${options.locale}`,
      metadata: { schema: 'IMS Content', schemaversion: '1.1' },
      organizations: {},
      resources: { resource: resources },
    },
  };
  files.set('imsmanifest.xml', create({ version: '1.0', encoding: 'UTF-8' }, manifest).end({ prettyPrint: true }));
  return files;
}
