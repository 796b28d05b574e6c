import { parentPort, workerData } from 'node:worker_threads';
import { PersonalDataCipher } from '../../../platform/personal-data/personal-data.ts';
import { checkBatch, type BatchToCheck } from './member-import.rows.ts';
import { RowChecker } from './member-import.check.ts';
import type { CheckerSetup } from './member-import.checkers.ts';

// One checking thread of a roster import: checks and seals the batches it is sent, one at a time.
const setup = workerData as CheckerSetup & { secret: Uint8Array };
const checker = new RowChecker(
  new PersonalDataCipher(Buffer.from(setup.secret)),
  setup.defaultUnionId,
  setup.today,
  setup.unions,
);
parentPort!.on('message', ({ id, batch }: { id: number; batch: BatchToCheck }) => {
  try {
    parentPort!.postMessage({ id, checked: checkBatch(checker, batch, setup.maxProblems) });
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
