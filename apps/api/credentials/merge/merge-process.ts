/**
 * A merge process, forked by the API for one merge: PDFs in (over its IPC channel, a batch at a time, in page order),
 * one merged PDF out to a file. pdf-lib's work (parsing, copying pages, writing) is all on this process's thread and
 * in its memory, so a merge of thousands of documents neither blocks the API's event loop nor grows its heap.
 */
import { writeFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import type { MergeReply, MergeRequest } from './merge-messages';

const reply = (message: MergeReply): void => void process.send?.(message);

async function main(): Promise<void> {
  process.once('disconnect', () => process.exit(0));
  const merged = await PDFDocument.create();
  let queue = Promise.resolve();
  process.on('message', (request: MergeRequest) => {
    queue = queue
      .then(async () => {
        if (request.kind === 'pdfs') {
          for (const bytes of request.pdfs) {
            const source = await PDFDocument.load(bytes);
            for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
          }
          reply({ kind: 'added' });
        } else {
          await writeFile(request.outFile, await merged.save());
          reply({ kind: 'written', pages: merged.getPageCount(), pid: process.pid });
        }
      })
      .catch((err: unknown) => reply({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }));
  });
  reply({ kind: 'ready' });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
