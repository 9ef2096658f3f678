// The dev-side document sets shared by scripts/tune.ts and scripts/doc-tune.ts (never the test
// side): held-out BIPIA-train contexts clean and with attacks planted (held-out categories, seen
// categories, held-out requests), reader-addressed documents, extra table rows, README paragraphs,
// whole real documents of one half, README code blocks. Built in one fixed order from the caller's
// generator, so both reports see the same documents and the numbers in the tuning logs reproduce.
import type { TextRole } from '@rampart/core';
import {
  bipiaAttackGroups,
  bipiaContexts,
  type devSamples,
  insertAttack,
  readmeCodeBlocks,
  readmeParagraphs,
  realDocuments,
} from '../../../eval/lib/datasets.js';
import { heldOutCategory, isValid, plantedRequests } from './corpus.js';
import { EVAL_ONLY_READER_DOCS, readerDocs } from './reader-docs.js';

export interface DocItem {
  text: string;
  label: 0 | 1;
  role: TextRole;
  /** Which report line the document belongs to (clean, held-cat, real, readme, …). */
  set: string;
  /** BIPIA task (email, table, code) for BIPIA contexts. */
  task?: string;
  /** The planted attack, for held-out-category positives. */
  attack?: string;
}

/** The document sets in their fixed order; `r` is consumed as the tuning logs' runs consumed it. */
export function documentSets(
  dev: ReturnType<typeof devSamples>,
  root: string,
  realHalf: 'tune' | 'held',
  r: () => number,
): DocItem[] {
  const docs: DocItem[] = [];
  const reqHeld = plantedRequests(dev).filter(isValid);
  for (const [task, ak] of [
    ['email', 'text'],
    ['table', 'text'],
    ['code', 'code'],
  ] as const) {
    const all = bipiaContexts(task, 'train');
    // Never seen by the non-final indirect head: validation fifth, and table rows outside i%3==0.
    const ctxs = all.filter((c, i) => (task === 'table' ? i % 6 === 1 : isValid(c)));
    const groups = Object.entries(bipiaAttackGroups(ak, 'train'));
    const held = groups.filter(([c]) => heldOutCategory(c)).flatMap(([, xs]) => xs);
    const seen = groups.filter(([c]) => !heldOutCategory(c)).flatMap(([, xs]) => xs);
    for (const c of ctxs) {
      docs.push({ text: c, label: 0, role: 'retrieved-document', set: 'clean', task });
      const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)]!;
      const where = () => Math.floor(r() * 3) as 0 | 1 | 2;
      for (let k = 0; k < 3; k++) {
        const a = pick(held);
        docs.push({
          text: insertAttack(c, a, where()),
          label: 1,
          role: 'retrieved-document',
          set: 'held-cat',
          task,
          attack: a,
        });
      }
      docs.push({ text: insertAttack(c, pick(seen), where()), label: 1, role: 'retrieved-document', set: 'seen-cat' });
      docs.push({
        text: insertAttack(c, pick(reqHeld), where()),
        label: 1,
        role: 'retrieved-document',
        set: 'held-req',
      });
    }
  }
  // Run 7: reader-addressed documents (scripts/reader-docs.ts): the held-out fifth of the generated
  // ones and the hand-written eval-only list, clean; and the held-out fifth with held-out BIPIA
  // categories planted in it.
  {
    const held = Object.entries(bipiaAttackGroups('text', 'train'))
      .filter(([c]) => heldOutCategory(c))
      .flatMap(([, xs]) => xs);
    for (const d of readerDocs().filter(isValid)) {
      docs.push({ text: d, label: 0, role: 'retrieved-document', set: 'reader' });
      const a = held[Math.floor(r() * held.length)]!;
      docs.push({
        text: insertAttack(d, a, Math.floor(r() * 3) as 0 | 1 | 2),
        label: 1,
        role: 'retrieved-document',
        set: 'reader-held-cat',
      });
    }
    for (const d of EVAL_ONLY_READER_DOCS)
      docs.push({ text: d, label: 0, role: 'retrieved-document', set: 'reader-eval-only' });
  }
  // Run 7: the other table rows no head ever saw (train.ts uses i % 3 === 0 only), for a steadier
  // false-positive estimate than the 150 rows above; reported on their own line.
  for (const [i, c] of bipiaContexts('table', 'train').entries())
    if (i % 6 === 2 || i % 6 === 4 || i % 6 === 5)
      docs.push({ text: c, label: 0, role: 'retrieved-document', set: 'clean-extra', task: 'table' });
  for (const p of readmeParagraphs(root, 4000).filter((s) => isValid(s.text)))
    docs.push({ text: p.text, label: 0, role: 'retrieved-document', set: 'readme' });
  // Run 8: whole real documents (READMEs and docs of installed packages outside the training list,
  // eval/lib/datasets.ts realDocuments), never trained on. Tuning reads the 'tune' half only;
  // --real-held reports the held-out half instead (once a choice is made). Held-out BIPIA categories
  // and held-out requests planted in them measure recall on long documents.
  {
    const held = Object.entries(bipiaAttackGroups('text', 'train'))
      .filter(([c]) => heldOutCategory(c))
      .flatMap(([, xs]) => xs);
    for (const d of realDocuments(root).filter((x) => x.half === realHalf)) {
      docs.push({ text: d.text, label: 0, role: 'retrieved-document', set: 'real' });
      const a = held[Math.floor(r() * held.length)]!;
      docs.push({
        text: insertAttack(d.text, a, Math.floor(r() * 3) as 0 | 1 | 2),
        label: 1,
        role: 'retrieved-document',
        set: 'real-held-cat',
      });
      const q = reqHeld[Math.floor(r() * reqHeld.length)]!;
      docs.push({
        text: insertAttack(d.text, q, Math.floor(r() * 3) as 0 | 1 | 2),
        label: 1,
        role: 'retrieved-document',
        set: 'real-held-req',
      });
    }
  }
  for (const p of readmeCodeBlocks(root, 2000).filter((s) => isValid(s.text)))
    docs.push({ text: p.text, label: 0, role: 'retrieved-document', set: 'readme-code' });
  return docs;
}
