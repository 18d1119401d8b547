/**
 * The question-bank export (src/lib/quiz/export/): every file is well-formed XML; QTI items
 * follow QTI 2.1's rules for item structure (checked here rule by rule, since the XSD cannot be
 * fetched offline); the manifest lists every item; Moodle XML has the fields Moodle's importer
 * needs; and questions read back from the exports equal the bank's (a round trip).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'; // XMLValidator: deprecated in 5.x in favour of a separate package, still maintained here
import { describe, expect, it } from 'vitest';
import { exportAll } from '../../../../../src/lib/quiz/export/index.ts';
import { QTI_NS } from '../../../../../src/lib/quiz/export/qti.ts';
import { type ChapterQuestions, isChoice, type Question } from '../../../../../src/lib/quiz/schema.ts';
import { QUESTION_BANK } from '../../../../../src/questions/index.ts';

const options = { locale: 'en', site: 'https://book.example' } as const;
const files = exportAll(QUESTION_BANK, options);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['value', 'simpleChoice', 'question', 'answer', 'resource', 'p'].includes(name),
  cdataPropName: '#cdata',
});
const NCNAME = /^[A-Za-z_][\w.-]*$/;
const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const fromPlatform = (text: string) =>
  text
    .replace(/\\\((.*?)\\\)/g, (_, tex: string) => `$${tex}$`)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
// Parsed XML: an element is an object of child elements, attributes (@name) and text (#text).
// biome-ignore lint/suspicious/noExplicitAny: fast-xml-parser output is untyped; the tests walk it by name.
type Node = Record<string, any>;

const allQuestions: Array<[ChapterQuestions, Question]> = QUESTION_BANK.flatMap((c) => c.questions.map((q) => [c, q] as [ChapterQuestions, Question]));

describe('QTI 2.1 export', () => {
  it('writes one well-formed item per question and a manifest that lists them all', () => {
    for (const [path, text] of files) expect(XMLValidator.validate(text), path).toBe(true);
    const manifest = parser.parse(files.get('qti/imsmanifest.xml') ?? '') as Node;
    const resources = asArray(manifest['manifest']['resources']['resource']) as Node[];
    expect(resources).toHaveLength(allQuestions.length);
    for (const r of resources) {
      expect(r['@type']).toBe('imsqti_item_xmlv2p1');
      expect(files.has(`qti/${r['@href']}`), r['@href']).toBe(true);
    }
    expect(new Set(resources.map((r) => r['@identifier'])).size).toBe(resources.length);
  });

  it('every item follows the assessmentItem rules: required attributes, declared responses, valid choices and correct responses', () => {
    for (const [chapter, q] of allQuestions) {
      const doc = parser.parse(files.get(`qti/items/ch${chapter.chapter}-${q.id}.xml`) ?? '') as Node;
      const item = doc['assessmentItem'] as Node;
      expect(item['@xmlns']).toBe(QTI_NS);
      for (const attribute of ['@identifier', '@title', '@adaptive', '@timeDependent']) expect(item[attribute], attribute).toBeDefined();
      expect(item['@identifier']).toMatch(NCNAME);
      const declaration = item['responseDeclaration'] as Node;
      expect(declaration['@identifier']).toBe('RESPONSE');
      expect(['single', 'multiple']).toContain(declaration['@cardinality']);
      expect(item['outcomeDeclaration']['@identifier']).toBe('SCORE');
      const body = item['itemBody'] as Node;
      if (isChoice(q)) {
        const interaction = body['choiceInteraction'] as Node;
        expect(interaction['@responseIdentifier']).toBe('RESPONSE');
        expect(interaction['@maxChoices']).toBe(q.kind === 'single' ? '1' : '0');
        expect(declaration['@cardinality']).toBe(q.kind === 'single' ? 'single' : 'multiple');
        expect(declaration['@baseType']).toBe('identifier');
        const ids = (interaction['simpleChoice'] as Node[]).map((c) => c['@identifier'] as string);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(NCNAME);
        for (const v of declaration['correctResponse']['value'] as unknown[]) expect(ids).toContain(String(v));
        expect(item['responseProcessing']['@template']).toMatch(/match_correct$/);
      } else if (q.kind === 'numeric') {
        expect(declaration['@baseType']).toBe('float');
        const entry = (body['p'] as Node[]).find((p) => p['textEntryInteraction'])?.['textEntryInteraction'] as Node;
        expect(entry['@responseIdentifier']).toBe('RESPONSE');
        const equal = item['responseProcessing']['responseCondition']['responseIf']['equal'] as Node;
        expect(equal['@toleranceMode']).toBe('absolute');
      } else {
        expect(body['extendedTextInteraction']['@responseIdentifier']).toBe('RESPONSE');
        const link = (body['p'] as Node[]).find((p) => typeof p === 'object' && p['a'])?.['a'] as Node;
        expect(link['@href']).toBe(`https://book.example/${chapter.slug}/#${q.figure}`);
      }
    }
  });

  it('round-trips a numeric question: the answer and tolerance read back equal the bank', () => {
    const [chapter, q] = allQuestions.find(([, x]) => x.kind === 'numeric') as [ChapterQuestions, Extract<Question, { kind: 'numeric' }>];
    const item = (parser.parse(files.get(`qti/items/ch${chapter.chapter}-${q.id}.xml`) ?? '') as Node)['assessmentItem'] as Node;
    expect(Number(item['responseDeclaration']['correctResponse']['value'][0])).toBe(q.answer);
    expect(item['responseProcessing']['responseCondition']['responseIf']['equal']['@tolerance']).toBe(`${q.tolerance} ${q.tolerance}`);
    expect(fromPlatform(String((item['itemBody']['p'] as unknown[])[0]))).toBe(q.prompt.en);
  });
});

describe('Moodle XML export', () => {
  const quiz = parser.parse(files.get('moodle.xml') ?? '') as Node;
  const questions = (quiz['quiz']['question'] as Node[]).filter((q) => q['@type'] !== 'category');
  const text = (node: Node) => String(node['text']['#cdata'] ?? node['text']);

  it('has one question per bank question, of a type Moodle imports, with a category per chapter', () => {
    expect(questions).toHaveLength(allQuestions.length);
    expect((quiz['quiz']['question'] as Node[]).filter((q) => q['@type'] === 'category')).toHaveLength(QUESTION_BANK.length);
    for (const q of questions) expect(['multichoice', 'numerical', 'essay']).toContain(q['@type']);
  });

  it('round-trips every choice and numeric question: prompt, options, explanations, correctness, answer and tolerance', () => {
    for (const [chapter, original] of allQuestions) {
      const node = questions.find((q) => text(q['name']) === `ch${chapter.chapter}-${original.id}`) as Node;
      expect(fromPlatform(text(node['questiontext'])).startsWith(original.prompt.en), original.id).toBe(true);
      if (isChoice(original)) {
        const answers = node['answer'] as Node[];
        expect(node['single']).toBe(original.kind === 'single');
        expect(answers.map((a) => fromPlatform(text(a)))).toEqual(original.options.map((o) => o.text.en));
        expect(answers.map((a) => fromPlatform(text(a['feedback'])))).toEqual(original.options.map((o) => o.why.en));
        expect(answers.map((a) => Number(a['@fraction']) > 0)).toEqual(original.options.map((o) => o.correct));
        const total = answers.filter((a) => Number(a['@fraction']) > 0).reduce((s, a) => s + Number(a['@fraction']), 0);
        expect(total).toBeCloseTo(100, 3);
      } else if (original.kind === 'numeric') {
        const answer = (node['answer'] as Node[])[0] as Node;
        expect(Number(answer['text'])).toBe(original.answer);
        expect(Number(answer['tolerance'])).toBe(original.tolerance);
      } else {
        expect(node['@type']).toBe('essay');
        expect(text(node['questiontext'])).toContain(`https://book.example/${chapter.slug}/#${original.figure}`);
      }
    }
  });
});
